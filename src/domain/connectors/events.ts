// Governance event drafts for connected mode (subject type 'connector').
// Subjects: `okta` / `entra` (the connection, identity mappings), `<provider>.<grantId>` (one grant's
// group changes, with its ticket), `drift.<toolId>` (reconciliation of one bound group).
// Facts only: ids, outcomes, counts and the IdP's own error text — never a credential.
import type { EventDraft, GovernanceAction, JsonObject } from '../governance/event';
import type { ConnectorProvider } from './provider';

type ConnectorAction = Extract<GovernanceAction, `connector.${string}`>;

export function connectorEvent(
  action: ConnectorAction,
  subjectId: string,
  actor: EventDraft['actor'],
  after: JsonObject,
  ticket?: { id: string; key: string },
): EventDraft {
  return {
    subject: { type: 'connector', id: subjectId },
    action,
    actor,
    after,
    ...(ticket ? { ticket: { id: ticket.id, key: ticket.key } } : {}),
  };
}

export function grantJobSubject(provider: ConnectorProvider, grantId: string): string {
  return `${provider}.${grantId}`;
}

export function driftSubject(toolId: string): string {
  return `drift.${toolId}`;
}
