// Governance event drafts for grants (subject type 'grant', id = grant id).
import type { EventDraft, GovernanceAction, JsonObject } from '../governance/event';
import { govActor, govTicket } from '../request/events';
import type { ActorRef } from '../request/types';
import type { GrantDoc } from './types';

export function grantFacts(g: GrantDoc): JsonObject {
  const facts: JsonObject = {
    status: g.status,
    toolId: g.toolId,
    risk: g.risk,
    expiresAt: g.expiresAt,
    days: g.days,
    totalDays: g.totalDays,
    fulfilment: g.fulfilment.state,
  };
  if (g.ended) facts.endReason = g.ended.reason;
  if (g.flagged) facts.flagged = g.flagged.reason;
  if (g.review.doNotRenew) facts.doNotRenew = true;
  return facts;
}

export function grantEvent(
  action: Extract<GovernanceAction, `grant.${string}`>,
  actor: ActorRef,
  before: GrantDoc | null,
  after: GrantDoc,
  personal?: JsonObject,
): EventDraft {
  const draft: EventDraft = {
    subject: { type: 'grant', id: after.id },
    action,
    actor: govActor(actor),
    ticket: govTicket(after.ticket),
    policyVersion: after.policyVersion,
    after: grantFacts(after),
    personal: { requester: after.requester, ...(personal ?? {}) },
  };
  if (before) draft.before = grantFacts(before);
  return draft;
}
