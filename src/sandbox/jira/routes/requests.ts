// /rest/servicedeskapi/request: raise a customer request, read it, list
// "my requests", JSM comments (plain text in, ADF stored), participants and
// approvals.
import * as z from 'zod';
import { textToAdf } from '../adf';
import { openApproval } from '../approvals';
import { intParam, listParam, ok, parseBody, serviceDeskError } from '../http';
import { addComment, editIssue, transitionIssue } from '../issue-ops';
import { CreateRequestBody, createCustomerRequest } from '../jsm-ops';
import type { StoredApproval, StoredIssue } from '../model';
import { visibleIssue } from '../permissions';
import { visibleComments } from '../render-comment';
import { approvalJson, customerRequestJson, paged, sdCommentJson } from '../render-jsm';
import { PARTICIPANTS_FIELD_ID } from '../site-data';
import type { Actor, Call, Route, Site } from '../site';
import { sdUserJson, userByEmail, userById } from '../users';
import { statusById } from '../workflow';

const REQ = '/rest/servicedeskapi/request';

function page(call: Call) {
  return { start: intParam(call.req.query, 'start', 0, 0), limit: intParam(call.req.query, 'limit', 50, 1, 100) };
}

function requestOr404(site: Site, actor: Actor, idOrKey: string): StoredIssue {
  const issue = visibleIssue(site, actor, idOrKey);
  if (!issue.requestTypeId)
    throw serviceDeskError(404, `${issue.key} is not a customer request.`, 'sd.request.not.found');
  return issue;
}

function create({ site, actor, req }: Call) {
  const issue = createCustomerRequest(site, actor, parseBody(CreateRequestBody, req.body));
  return ok(customerRequestJson(site, site.store.issueByIdOrKey(issue.id)!), 201);
}

/** "My requests": what the caller raised, participates in or must approve (JSM's ALL_REQUESTS for a person). */
function list(call: Call) {
  const { site, actor, req } = call;
  const ownership = req.query.get('requestOwnership') ?? 'ALL_REQUESTS';
  const status = req.query.get('requestStatus') ?? 'ALL_REQUESTS';
  const requestTypeId = req.query.get('requestTypeId');
  const term = (req.query.get('searchTerm') ?? '').toLowerCase();
  const me = actor.accountId;
  const approverOf = new Set(
    site.store
      .docList<StoredApproval>('approval')
      .filter((a) => a.approvers.some((x) => x.accountId === me))
      .map((a) => a.issueId),
  );
  // Narrow on the cached views first; only candidates are read in full.
  const candidates = site.views
    .all()
    .filter((v) => v.reporterAccountId === me || approverOf.has(v.id) || site.views.participants(v.id).includes(me))
    .map((v) => v.id)
    .reverse();
  const issues = site.store.issuesByIds(candidates).filter((i) => {
    if (!i.requestTypeId) return false;
    const owned = i.reporter === me;
    const participant = i.participants.includes(me);
    const approver = approverOf.has(i.id);
    const mine =
      ownership === 'OWNED_REQUESTS'
        ? owned
        : ownership === 'PARTICIPATED_REQUESTS'
          ? participant
          : ownership === 'APPROVER'
            ? approver
            : owned || participant || approver;
    const done = statusById(i.statusId, site.workflow)?.category === 'done';
    const statusOk = status === 'OPEN_REQUESTS' ? !done : status === 'CLOSED_REQUESTS' ? done : true;
    return (
      mine &&
      statusOk &&
      (!requestTypeId || i.requestTypeId === requestTypeId) &&
      (!term || i.summary.toLowerCase().includes(term))
    );
  });
  const expand = listParam(req.query, 'expand') ?? [];
  const { start, limit } = page(call);
  return ok(
    paged(
      site,
      REQ,
      issues.map((i) => customerRequestJson(site, i, expand)),
      start,
      limit,
    ),
  );
}

const CommentBody = z.object({
  body: z.string({ error: 'The comment body is required.' }).trim().min(1, 'The comment body is required.'),
  public: z.boolean().default(true),
});

function listComments(call: Call) {
  const { site, actor, req, params } = call;
  const issue = requestOr404(site, actor, params.issueIdOrKey);
  const wantPublic = req.query.get('public') !== 'false';
  const wantInternal = req.query.get('internal') !== 'false';
  const comments = visibleComments(site, issue, actor).filter((c) => (c.jsdPublic ? wantPublic : wantInternal));
  const { start, limit } = page(call);
  return ok(
    paged(
      site,
      `${REQ}/${issue.id}/comment`,
      comments.map((c) => sdCommentJson(site, c)),
      start,
      limit,
    ),
  );
}

function createComment({ site, actor, req, params }: Call) {
  const issue = requestOr404(site, actor, params.issueIdOrKey);
  const body = parseBody(CommentBody, req.body);
  if (!body.public && !actor.isAgent)
    throw serviceDeskError(
      403,
      'You do not have permission to add internal comments to this request.',
      'sd.comment.internal.forbidden',
    );
  const c = addComment(site, actor, issue, textToAdf(body.body), body.public);
  return ok(sdCommentJson(site, c), 201);
}

const Participants = z.object({
  accountIds: z.array(z.string()).default([]),
  usernames: z.array(z.string()).optional(),
});

function changeParticipants(add: boolean) {
  return ({ site, actor, req, params }: Call) => {
    const issue = requestOr404(site, actor, params.issueIdOrKey);
    if (!actor.isAgent && issue.reporter !== actor.accountId)
      throw serviceDeskError(
        403,
        'You do not have permission to manage participants of this request.',
        'sd.participants.forbidden',
      );
    const ids = parseBody(Participants, req.body).accountIds.map((ref) => {
      const u = userById(site.store, ref) ?? userByEmail(site.store, ref);
      if (!u) throw serviceDeskError(400, `The user '${ref}' does not exist.`, 'sd.user.not.found');
      return u.accountId;
    });
    const next = add
      ? [...new Set([...issue.participants, ...ids])].filter((a) => a !== issue.reporter)
      : issue.participants.filter((a) => !ids.includes(a));
    editIssue(
      site,
      actor,
      issue,
      { fields: { [PARTICIPANTS_FIELD_ID]: next.map((accountId) => ({ accountId })) } },
      'none',
    );
    return ok(
      paged(
        site,
        `${REQ}/${issue.id}/participant`,
        next.map((a) => sdUserJson(site, a)),
        0,
        50,
      ),
    );
  };
}

function approvalOr404(site: Site, issue: StoredIssue, id: string): StoredApproval {
  const a = site.store.docGet<StoredApproval>('approval', id);
  if (!a || a.issueId !== issue.id)
    throw serviceDeskError(404, `The approval ${id} does not exist on ${issue.key}.`, 'sd.approval.not.found');
  return a;
}

const Decision = z.object({
  decision: z.enum(['approve', 'decline'], { error: "decision must be 'approve' or 'decline'." }),
});

function decide(call: Call) {
  const { site, actor, req, params } = call;
  const issue = requestOr404(site, actor, params.issueIdOrKey);
  const approval = approvalOr404(site, issue, params.approvalId);
  const { decision } = parseBody(Decision, req.body);
  if (approval.finalDecision !== 'pending' || openApproval(site, issue.id)?.id !== approval.id)
    throw serviceDeskError(400, 'This approval has already been decided.', 'sd.approval.already.decided');
  if (!actor.isApp && !approval.approvers.some((a) => a.accountId === actor.accountId))
    throw serviceDeskError(403, 'You are not an approver of this request.', 'sd.approval.not.approver');
  const outcome = decision === 'approve' ? 'approved' : 'declined';
  const now = site.clock.nowMs();
  const decided: StoredApproval = {
    ...approval,
    finalDecision: outcome,
    completed: now,
    approvers: approval.approvers.map((a) => (a.accountId === actor.accountId ? { ...a, decision: outcome } : a)),
  };
  site.store.docPut('approval', approval.id, decided, issue.id);
  // One approver decides (the approval condition is "1 approver"): the workflow moves on.
  const cfg = site.workflow.approval;
  transitionIssue(site, actor, issue, decision === 'approve' ? cfg.approveTransitionId : cfg.declineTransitionId, {});
  return ok(approvalJson(site, decided, actor));
}

export const requestRoutes: Route[] = [
  { method: 'POST', path: REQ, handler: create },
  { method: 'GET', path: REQ, handler: list },
  {
    method: 'GET',
    path: `${REQ}/{issueIdOrKey}`,
    handler: ({ site, actor, req, params }) =>
      ok(
        customerRequestJson(site, requestOr404(site, actor, params.issueIdOrKey), listParam(req.query, 'expand') ?? []),
      ),
  },
  { method: 'GET', path: `${REQ}/{issueIdOrKey}/comment`, handler: listComments },
  { method: 'POST', path: `${REQ}/{issueIdOrKey}/comment`, handler: createComment },
  {
    method: 'GET',
    path: `${REQ}/{issueIdOrKey}/participant`,
    handler: (call) => {
      const issue = requestOr404(call.site, call.actor, call.params.issueIdOrKey);
      return ok(
        paged(
          call.site,
          `${REQ}/${issue.id}/participant`,
          issue.participants.map((a) => sdUserJson(call.site, a)),
          page(call).start,
          page(call).limit,
        ),
      );
    },
  },
  { method: 'POST', path: `${REQ}/{issueIdOrKey}/participant`, handler: changeParticipants(true) },
  { method: 'DELETE', path: `${REQ}/{issueIdOrKey}/participant`, handler: changeParticipants(false) },
  {
    method: 'GET',
    path: `${REQ}/{issueIdOrKey}/approval`,
    handler: (call) => {
      const issue = requestOr404(call.site, call.actor, call.params.issueIdOrKey);
      const approvals = call.site.store
        .docList<StoredApproval>('approval', issue.id)
        .map((a) => approvalJson(call.site, a, call.actor));
      return ok(paged(call.site, `${REQ}/${issue.id}/approval`, approvals, page(call).start, page(call).limit));
    },
  },
  {
    method: 'GET',
    path: `${REQ}/{issueIdOrKey}/approval/{approvalId}`,
    handler: ({ site, actor, params }) =>
      ok(
        approvalJson(
          site,
          approvalOr404(site, requestOr404(site, actor, params.issueIdOrKey), params.approvalId),
          actor,
        ),
      ),
  },
  { method: 'POST', path: `${REQ}/{issueIdOrKey}/approval/{approvalId}`, handler: decide },
];
