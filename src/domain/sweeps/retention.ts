// Retention: what personal data a closed record keeps. Ids, statuses, tool,
// dates and policy versions stay (they are the evidence); who asked, why,
// who decided and free-text rationales go. The governance events' personal
// parts are dropped separately (redactEvent keeps their digest).
import type { GrantDoc } from '../grant/types';
import type { RequestDoc } from '../request/types';
import { REDACTED } from './retention-due';

export { REDACTED, isClosedGrant, isClosedRequest, isMinimised } from './retention-due';

function person(id: string): string {
  return id === 'app' || id === 'system' ? id : REDACTED;
}

export function minimiseRequest<T extends RequestDoc>(r: T): T {
  const out: T = { ...r, requester: REDACTED, purpose: null };
  if (r.decision) {
    const { rationale: _r, ...decision } = r.decision;
    void _r;
    out.decision = { ...decision, by: person(r.decision.by) };
  }
  return out;
}

export function minimiseGrant(g: GrantDoc): GrantDoc {
  const out: GrantDoc = {
    ...g,
    requester: REDACTED,
    approver: person(g.approver),
    extensions: g.extensions.map((e) => ({ ...e, by: person(e.by) })),
  };
  const { fulfilledBy: _f, ...fulfilment } = g.fulfilment;
  void _f;
  out.fulfilment = fulfilment;
  if (g.ended) {
    const { rationale: _r, ...ended } = g.ended;
    void _r;
    out.ended = { ...ended, by: person(g.ended.by) };
  }
  if (g.review.doNotRenew)
    out.review = { ...g.review, doNotRenew: { ...g.review.doNotRenew, by: person(g.review.doNotRenew.by) } };
  return out;
}
