// Governance event drafts for requests. Personal data (the requester's
// account id, the purpose text, rationales) goes into `personal`, which the
// chain covers only by digest so retention can drop it without breaking
// verification; ids, statuses and numbers stay in the chained body.
import type { EventDraft, GovernanceAction, JsonObject } from '../governance/event';
import type { ActorRef, RequestDoc, TicketRef } from './types';

export function govActor(actor: ActorRef): EventDraft['actor'] {
  return actor.type === 'user' ? { type: 'user', accountId: actor.accountId } : { type: actor.type };
}

export function govTicket(t: TicketRef): EventDraft['ticket'] {
  return { id: t.id, key: t.key };
}

/** The non-personal facts of a request that go into before/after. */
export function requestFacts(r: RequestDoc): JsonObject {
  const facts: JsonObject = { status: r.status, kind: r.kind, source: r.source };
  if (r.toolId !== null) facts.toolId = r.toolId;
  if (r.requestedDays !== null) facts.requestedDays = r.requestedDays;
  if (r.risk !== null) facts.risk = r.risk;
  if (r.decision?.days !== undefined) facts.days = r.decision.days;
  if (r.rejection) facts.rejection = r.rejection.code;
  if (r.blockedBy) facts.blockedBy = r.blockedBy.issueKey;
  if (r.grantId !== undefined) facts.grantId = r.grantId;
  return facts;
}

export function requestEvent(
  action: Extract<GovernanceAction, `request.${string}`>,
  actor: ActorRef,
  before: RequestDoc | null,
  after: RequestDoc,
  personal?: JsonObject,
): EventDraft {
  const draft: EventDraft = {
    subject: { type: 'request', id: after.id },
    action,
    actor: govActor(actor),
    ticket: govTicket(after.ticket),
    after: requestFacts(after),
  };
  if (before) draft.before = requestFacts(before);
  if (after.policyVersion !== null) draft.policyVersion = after.policyVersion;
  const p: JsonObject = { requester: after.requester, ...(personal ?? {}) };
  draft.personal = p;
  return draft;
}
