// The seam for connected mode (the connectors issue implements runners for
// Okta and Entra). Until a runner is registered for a provider, connector
// jobs end in manual_action_required with a visible task on the ticket.
import type { ConnectorJob } from './work-jobs';

export type ConnectorOutcome =
  | { outcome: 'succeeded'; groupName?: string | undefined }
  | { outcome: 'retry'; retryAfterSeconds: number; error: string }
  | { outcome: 'failed'; error: string };

export interface ConnectorRunner {
  run(job: ConnectorJob): Promise<ConnectorOutcome>;
}

const runners = new Map<string, ConnectorRunner>();

export function registerConnector(provider: ConnectorJob['provider'], runner: ConnectorRunner): void {
  runners.set(provider, runner);
}

export function connectorFor(provider: ConnectorJob['provider']): ConnectorRunner | undefined {
  return runners.get(provider);
}
