// The one write per lifecycle event: fields, comments and the aiClearance
// property in a single call — POST …/transitions when the ticket must move
// (Jira accepts fields, update.comment and properties there too), else PUT
// …/issue/{key}. A transition takes only fields on its screen (usually none):
// the fields it refuses follow in a PUT, so they land on the edit screen's
// fields. No read-back.
//
// A field Jira refuses (not on the edit screen, an option that does not
// exist yet) is dropped and the call repeated without it, so a site's screen
// configuration can never lose a stamp; the property still carries every
// value, so JQL reporting is unaffected. A transition that is no longer valid
// (someone moved the ticket meanwhile) raises TransitionUnavailableError for
// the caller to re-read the available transitions.
import type { Version3Parameters } from 'jira.js';
import { isJiraHttpError, jiraPath, type JiraTransport } from '../../ports/jira-transport';

export interface TicketComment {
  adf: unknown;
  internal: boolean;
}

export interface TicketWrite {
  transitionId?: string | undefined;
  fields: Record<string, unknown>;
  comments: TicketComment[];
  properties: Array<{ key: string; value: unknown }>;
}

export interface TicketWriteResult {
  /** Jira calls made (1 normally; 2 after a recovery). */
  calls: number;
  transitioned: boolean;
  droppedFields: string[];
}

function commentOps(comments: TicketComment[]) {
  return comments.map((c) => ({ add: { body: c.adf, ...(c.internal ? { properties: [{ key: 'sd.public.comment', value: { internal: true } }] } : {}) } }));
}

async function send(jira: JiraTransport, key: string, w: TicketWrite): Promise<void> {
  const update = w.comments.length ? { comment: commentOps(w.comments) } : undefined;
  if (w.transitionId) {
    const body: Omit<Version3Parameters.DoTransition, 'issueIdOrKey'> = { transition: { id: w.transitionId }, fields: w.fields, properties: w.properties, ...(update ? { update } : {}) };
    await jira.request({ method: 'POST', path: jiraPath`/rest/api/3/issue/${key}/transitions`, body });
    return;
  }
  const body: Omit<Version3Parameters.EditIssue, 'issueIdOrKey'> = { fields: w.fields, properties: w.properties, ...(update ? { update } : {}) };
  await jira.request({ method: 'PUT', path: jiraPath`/rest/api/3/issue/${key}`, body });
}

export async function writeTicket(jira: JiraTransport, issueKey: string, write: TicketWrite): Promise<TicketWriteResult> {
  let first: TicketWriteResult;
  let commentsInEdit: TicketComment[] = [];
  try {
    first = await writeOnce(jira, issueKey, write);
  } catch (e) {
    // Whether a screenless transition takes update.comment is not documented; if Jira says no,
    // the transition goes without them and the comments follow in the edit below.
    if (write.transitionId === undefined || !isJiraHttpError(e) || e.status !== 400 || !('comment' in e.errors) || write.comments.length === 0) throw e;
    const bare = await writeOnce(jira, issueKey, { ...write, comments: [] });
    first = { ...bare, calls: bare.calls + 1 };
    commentsInEdit = write.comments;
  }
  if (write.transitionId === undefined || (first.droppedFields.length === 0 && commentsInEdit.length === 0)) return first;
  // A transition sets only fields on its screen, and most transitions have none ("a field
  // that isn't included on the transition screen" answers 400:
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post,
  // Responses › 400). The fields it refused follow in an edit, which sets fields on the edit
  // screen (provisioning puts them there).
  const fields = Object.fromEntries(first.droppedFields.map((f) => [f, write.fields[f]]));
  const edit = await writeOnce(jira, issueKey, { fields, comments: commentsInEdit, properties: [] });
  return { calls: first.calls + edit.calls, transitioned: true, droppedFields: edit.droppedFields };
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
        if (w.transitionId !== undefined && e.errorMessages.some((m) => /transition/i.test(m))) throw new TransitionUnavailableError(issueKey, w.transitionId, calls);
        throw e;
      }
      const fields = { ...w.fields };
      for (const f of badFields) delete fields[f];
      dropped.push(...badFields);
      w = { ...w, fields };
    }
  }
}

/** The ticket is no longer in a status the transition starts from. */
export class TransitionUnavailableError extends Error {
  readonly code = 'TRANSITION_UNAVAILABLE';
  constructor(
    readonly issueKey: string,
    readonly transitionId: string,
    readonly calls: number,
  ) {
    super(`transition ${transitionId} is not available on ${issueKey} any more (the ticket was moved meanwhile); re-read its transitions`);
    this.name = 'TransitionUnavailableError';
  }
}
