// Runs a plan's creates and updates in order, saving the record after every
// step so an apply that stops half-way (fault, timeout, Ctrl-C) leaves a record
// the next apply starts from. The first failure stops the run with a report of
// what was done, what failed and why.
import type { JiraProvisioning } from '../../ports/jira-provisioning';
import type { DesiredState } from '../../domain/provisioning/desired';
import { renderQueue } from '../../domain/provisioning/plan-queues';
import type { KnownIds, Plan } from '../../domain/provisioning/plan-types';
import type { ProvisioningRecord, ProvisioningStateStore } from '../../domain/provisioning/record';
import { runStep } from './apply-steps';
import { describeError } from '../../domain/errors';
import { toProvisionError } from './errors';
import type { RetryPolicy, Sleep } from './retry';

export type StepResult =
  | { key: string; sentence: string; outcome: 'created' | 'updated' | 'adopted'; id?: string }
  | { key: string; sentence: string; outcome: 'failed'; error: { code: string; message: string } }
  | { key: string; sentence: string; outcome: 'not-run' };

export interface ApplyRun {
  ok: boolean;
  steps: StepResult[];
  /** Creates and updates left because `shouldStop` ended the run early (0 when it ran to the end or failed). */
  remaining: number;
  error?: { code: string; message: string; key: string };
  record: ProvisioningRecord;
}

export interface ApplyDeps {
  client: JiraProvisioning;
  store: ProvisioningStateStore;
  policy: RetryPolicy;
  sleep: Sleep;
  now: () => Date;
  /** Awaited after each step (the queued run records its progress there). */
  onStep?: (r: StepResult, index: number, total: number) => void | Promise<void>;
  /** Asked before each step: true ends the run there, ok, with the rest `remaining` (a time or step budget). */
  shouldStop?: (doneSoFar: number) => boolean;
  onAmbiguous?: (what: string, attempt: number) => void;
}

export async function applyPlan(
  plan: Plan,
  desired: DesiredState,
  previous: ProvisioningRecord,
  deps: ApplyDeps,
): Promise<ApplyRun> {
  const ids: KnownIds = structuredClone(plan.known);
  const work = plan.items.filter((i) => i.op);
  const steps: StepResult[] = [];
  let record = toRecord(ids, desired, previous, deps.now());
  // Adopted items (found by name) are recorded even when nothing else changes.
  await deps.store.save(record);
  for (const [n, item] of work.entries()) {
    if (deps.shouldStop?.(steps.length)) return { ok: true, steps, remaining: work.length - n, record };
    try {
      const r = await runStep(item.op!, {
        client: deps.client,
        desired,
        ids,
        policy: deps.policy,
        sleep: deps.sleep,
        ...(deps.onAmbiguous ? { onAmbiguous: deps.onAmbiguous } : {}),
      });
      const result: StepResult = {
        key: item.key,
        sentence: item.sentence,
        outcome: r.outcome,
        ...(r.id ? { id: r.id } : {}),
      };
      steps.push(result);
      record = toRecord(ids, desired, record, deps.now());
      await deps.store.save(record);
      await deps.onStep?.(result, n, work.length);
    } catch (raw) {
      const err = toProvisionError(raw, desired.projectKey, steps.length === 0);
      const error = describeError(err);
      const failed: StepResult = { key: item.key, sentence: item.sentence, outcome: 'failed', error };
      steps.push(failed);
      await deps.onStep?.(failed, n, work.length);
      for (const rest of work.slice(n + 1)) steps.push({ key: rest.key, sentence: rest.sentence, outcome: 'not-run' });
      return { ok: false, steps, remaining: 0, error: { ...error, key: item.key }, record };
    }
  }
  return { ok: true, steps, remaining: 0, record };
}

/** The record: ids known now, merged over what was recorded before (so a still-missing item keeps its old id for drift). */
export function toRecord(
  ids: KnownIds,
  desired: DesiredState,
  previous: ProvisioningRecord,
  now: Date,
): ProvisioningRecord {
  const fields = { ...previous.fields };
  for (const f of desired.fields) {
    const id = ids.fields[f.ref];
    if (!id) continue;
    const contextId =
      ids.contexts[f.ref] ?? (previous.fields[f.ref]?.id === id ? previous.fields[f.ref]?.contextId : undefined);
    fields[f.ref] = { id, name: f.name, ...(contextId ? { contextId } : {}) };
  }
  const filters = { ...previous.filters };
  for (const q of desired.queues) {
    const id = ids.filters[q.ref];
    if (id) filters[q.ref] = { id, name: q.filterName, jql: renderQueue(q, desired, ids.fields).filter };
  }
  const requestTypes = { ...previous.requestTypes };
  for (const rt of desired.requestTypes) {
    const id = ids.requestTypes[rt.ref];
    if (id) requestTypes[rt.ref] = { id, name: rt.name };
  }
  return {
    version: 1,
    projectKey: desired.projectKey,
    serviceDeskId: ids.serviceDeskId,
    fields,
    filters,
    requestTypes,
    updatedAt: now.toISOString(),
  };
}
