// The workflow status (by meaning, templates/workflow.yml) that a request and
// its grant belong in, as the records say: a decision compares it with where
// the ticket was moved and moves it back when a transition is refused.
import type { GrantDoc, GrantStatus } from '../../domain/grant/types';
import type { StatusMeaning } from '../../domain/provisioning/desired';
import type { RequestRecord } from './records';

/** The workflow status a request/grant pair belongs in. */
export function expectedStatus(r: RequestRecord, g: GrantDoc | undefined): StatusMeaning {
  switch (r.status) {
    case 'submitted':
      return 'submitted';
    case 'pending_approval':
      return 'pending';
    case 'rejected_invalid':
    case 'blocked_duplicate':
    case 'declined':
      return 'declined';
    case 'cancelled':
      return 'cancelled';
    case 'lapsed':
      return 'lapsed';
    default:
      break;
  }
  if (r.kind === 'extension') return 'active';
  if (r.kind === 'hand_back') return 'revoked';
  return g ? grantMeaning(g.status, g.ended?.reason) : 'inFulfilment';
}

function grantMeaning(s: GrantStatus, reason: string | undefined): StatusMeaning {
  switch (s) {
    case 'active':
    case 'in_review':
      return 'active';
    case 'expired':
      return 'expired';
    case 'revoked':
      return reason === 'cancelled' ? 'cancelled' : 'revoked';
    default:
      return 'inFulfilment';
  }
}
