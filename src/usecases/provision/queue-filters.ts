// What the app's queue page (jiraServiceManagement:queuePage) lists: one shared
// filter per queue template, with the JQL to search. Read from the record, so
// the page costs no Jira call until the agent opens a queue.
import type { DesiredState } from '../../domain/provisioning/desired';
import { recordFor, type ProvisioningStateStore } from '../../domain/provisioning/record';

export interface QueueFilter {
  ref: string;
  name: string;
  description: string;
  /** Undefined until apply has created the filter. */
  filterId?: string;
  /** The filter's JQL as provisioned (project-scoped, ordered). */
  jql?: string;
}

export async function queueFilters(store: ProvisioningStateStore, desired: DesiredState): Promise<QueueFilter[]> {
  const record = recordFor(await store.load(), desired.projectKey);
  return desired.queues.map((q) => {
    const f = record.filters[q.ref];
    return { ref: q.ref, name: q.name, description: q.description, ...(f ? { filterId: f.id, jql: f.jql } : {}) };
  });
}
