// The write per lifecycle event: fields, comments and the aiClearance
// property in a single PUT …/issue/{key}, preceded by a bare POST
// …/transitions when the ticket must move (a transition takes only fields on
// its screen, and the app's transitions have none). No read-back.
//
// A field Jira refuses (not on the edit screen, an option that does not
// exist yet) is dropped and the call repeated without it, so a site's screen
// configuration can never lose a stamp; the property still carries every
// value, so JQL reporting is unaffected. A transition that is no longer valid
// (someone moved the ticket meanwhile) raises TransitionUnavailableError for
// the caller to re-read the available transitions.
import type { Version3Parameters } from 'jira.js';
import { isJiraHttpError, type JiraTransport } from '../../ports/jira-transport';
import {
  TransitionUnavailableError,
  type TicketComment,
  type TicketWrite,
  type TicketWriteResult,
} from '../../ports/jira-api';
import { jiraRoute } from './routes';

function commentOps(comments: TicketComment[]) {
  return comments.map((c) => ({
    add: {
      body: c.adf,
      ...(c.internal ? { properties: [{ key: 'sd.public.comment', value: { internal: true } }] } : {}),
    },
  }));
}

async function send(jira: JiraTransport, key: string, w: TicketWrite): Promise<void> {
  const update = w.comments.length ? { comment: commentOps(w.comments) } : undefined;
  if (w.transitionId) {
    const body: Omit<Version3Parameters.DoTransition, 'issueIdOrKey'> = {
      transition: { id: w.transitionId },
      fields: w.fields,
      properties: w.properties,
      ...(update ? { update } : {}),
    };
    await jira.request({
      ...jiraRoute('POST /rest/api/3/issue/{issueIdOrKey}/transitions', { issueIdOrKey: key }),
      body,
    });
    return;
  }
  const body: Omit<Version3Parameters.EditIssue, 'issueIdOrKey'> = {
    fields: w.fields,
    properties: w.properties,
    ...(update ? { update } : {}),
  };
  await jira.request({ ...jiraRoute('PUT /rest/api/3/issue/{issueIdOrKey}', { issueIdOrKey: key }), body });
}

export async function writeTicket(
  jira: JiraTransport,
  issueKey: string,
  write: TicketWrite,
): Promise<TicketWriteResult> {
  if (write.transitionId === undefined) return writeOnce(jira, issueKey, write);
  // A transition sets only fields on its screen, and the app's transitions have none ("a field that
  // isn't included on the transition screen" answers 400:
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post,
  // Responses › 400; whether a screenless transition takes update.comment is not documented). So the
  // ticket moves with a bare transition, and everything else follows in ONE edit, which sets fields on
  // the edit screen (provisioning puts them there). The property (with its stampSeq) is in that last
  // call: a retry after a lost or failed edit sees the old stamp and sends the comments again exactly
  // once, while the transition, already made, is re-planned away (TransitionUnavailableError).
  const moved = await writeOnce(jira, issueKey, {
    transitionId: write.transitionId,
    fields: {},
    comments: [],
    properties: [],
  });
  const edit = await writeOnce(jira, issueKey, {
    fields: write.fields,
    comments: write.comments,
    properties: write.properties,
  });
  return { calls: moved.calls + edit.calls, transitioned: true, droppedFields: edit.droppedFields };
}

async function writeOnce(jira: JiraTransport, issueKey: string, write: TicketWrite): Promise<TicketWriteResult> {
  let w = write;
  const dropped: string[] = [];
  for (let calls = 1; ; calls++) {
    try {
      await send(jira, issueKey, w);
      return { calls, transitioned: w.transitionId !== undefined, droppedFields: dropped };
    } catch (e) {
      if (!isJiraHttpError(e) || e.status !== 400 || calls >= 3) throw e;
      const badFields = Object.keys(e.errors).filter((k) => k in w.fields);
      if (badFields.length === 0) {
        if (w.transitionId !== undefined && e.errorMessages.some((m) => /transition/i.test(m)))
          throw new TransitionUnavailableError(issueKey, w.transitionId, calls);
        throw e;
      }
      const fields = { ...w.fields };
      for (const f of badFields) delete fields[f];
      dropped.push(...badFields);
      w = { ...w, fields };
    }
  }
}
