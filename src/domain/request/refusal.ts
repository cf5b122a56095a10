// Typed refusals of the request and grant state machines. Each code maps to
// an outcome in the use cases (a comment on the ticket, a resolver error, a
// corrected transition); the message is written for the person who acted.
import type { RuleRefusal } from '../policy/result';

export type RefusalCode =
  // intake
  | 'REQUEST_DETAILS_MISSING'
  | 'REQUESTER_NOT_REAL'
  | 'TOOL_MISSING'
  | 'TOOL_UNKNOWN'
  | 'TOOL_NOT_REQUESTABLE'
  | 'PURPOSE_MISSING'
  | 'PURPOSE_TOO_SHORT'
  | 'PURPOSE_TOO_LONG'
  | 'PURPOSE_NOT_MEANINGFUL'
  | 'DURATION_MISSING'
  | 'DURATION_NOT_WHOLE'
  | 'DURATION_TOO_SHORT'
  | 'DURATION_TOO_LONG'
  | 'NO_LIVE_GRANT'
  // decisions
  | 'REQUEST_NOT_PENDING'
  | 'SELF_APPROVAL'
  | 'APPROVER_NOT_IN_GROUP'
  | 'APPROVER_UNVERIFIED'
  | 'DURATION_LONGER_THAN_REQUESTED'
  | 'DECLINE_NEEDS_RATIONALE'
  | 'CANCEL_NOT_ALLOWED'
  // grants
  | 'GRANT_NOT_LIVE'
  | 'GRANT_ALREADY_ACTIVE'
  | 'GRANT_NOT_PENDING_FULFILMENT'
  | 'GRANT_NOT_WAITING_FOR_CONNECTOR'
  | 'GRANT_TOTAL_EXCEEDED'
  | 'EXTENSION_NEEDS_HIGHER_APPROVAL'
  | 'NOT_DUE'
  | 'HAND_BACK_NOT_REQUESTER';

export interface Refusal extends RuleRefusal<RefusalCode> {
  /** Extra facts for templates (e.g. the limit that was crossed). */
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}

export function refusal(code: RefusalCode, message: string, detail?: Refusal['detail']): Refusal {
  return detail ? { code, message, detail } : { code, message };
}
