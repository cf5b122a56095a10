// One function per apply operation. Creates look the item up by name before
// trying again after a 5xx (the first POST may have worked), so a retried or
// resumed apply never makes a duplicate.
import type { JiraProvisioning } from '../../ports/jira-provisioning';
import type { DesiredState } from '../../domain/provisioning/desired';
import { renderQueue } from '../../domain/provisioning/plan-queues';
import type { ApplyOp, KnownIds } from '../../domain/provisioning/plan-types';
import { isJiraHttpError } from '../../ports/jira-transport';
import { delayFor, type RetryPolicy, type Sleep } from './retry';

export interface StepContext {
  client: JiraProvisioning;
  desired: DesiredState;
  ids: KnownIds;
  policy: RetryPolicy;
  sleep: Sleep;
  onAmbiguous?: (what: string, attempt: number) => void;
}

export type StepOutcome = { outcome: 'created' | 'updated' | 'adopted'; id?: string };

export async function runStep(op: ApplyOp, ctx: StepContext): Promise<StepOutcome> {
  const { client, desired, ids } = ctx;
  switch (op.type) {
    case 'createField': {
      const f = desired.fields.find((x) => x.ref === op.fieldRef)!;
      const r = await createOnce(
        ctx,
        `field "${f.name}"`,
        () =>
          client.createField({ name: f.name, description: f.description, type: f.type, searcherKey: f.searcherKey }),
        async () =>
          (await client.listCustomFields()).find(
            (s) => s.name.toLowerCase() === f.name.toLowerCase() && s.type === f.type,
          )?.id,
      );
      ids.fields[f.ref] = r.id!;
      return r;
    }
    case 'updateField': {
      const f = desired.fields.find((x) => x.ref === op.fieldRef)!;
      await client.updateField(op.fieldId, { name: f.name, description: f.description, searcherKey: f.searcherKey });
      return { outcome: 'updated', id: op.fieldId };
    }
    case 'createContext': {
      const fieldId = need(ids.fields[op.fieldRef], `field ${op.fieldRef}`);
      const name = desired.fieldContext.name;
      const r = await createOnce(
        ctx,
        `context "${name}"`,
        () =>
          client.createContext(fieldId, {
            name,
            description: 'Created by AI Clearance provisioning.',
            projectIds: desired.fieldContext.scope === 'project' ? [ids.projectId] : [],
            issueTypeIds: [],
          }),
        async () => (await client.listContexts(fieldId)).find((c) => c.name.toLowerCase() === name.toLowerCase())?.id,
      );
      ids.contexts[op.fieldRef] = r.id!;
      return r;
    }
    case 'createOptions': {
      const fieldId = need(ids.fields[op.fieldRef], `field ${op.fieldRef}`);
      const contextId = need(ids.contexts[op.fieldRef], `context of ${op.fieldRef}`);
      let missing = op.values;
      for (let attempt = 1; ; attempt++) {
        try {
          await client.createOptions(fieldId, contextId, missing);
          return { outcome: 'created', id: contextId };
        } catch (err) {
          if (!ambiguous(err) || attempt >= ctx.policy.maxAttempts) throw err;
          ctx.onAmbiguous?.(`options of ${op.fieldRef}`, attempt);
          await ctx.sleep(delayFor(err, attempt, ctx.policy) ?? ctx.policy.maxDelayMs);
          const have = new Set((await client.listOptions(fieldId, contextId)).map((o) => o.value.toLowerCase()));
          missing = missing.filter((v) => !have.has(v.toLowerCase()));
          if (missing.length === 0) return { outcome: 'adopted', id: contextId };
        }
      }
    }
    case 'enableOptions': {
      const fieldId = need(ids.fields[op.fieldRef], `field ${op.fieldRef}`);
      const contextId = need(ids.contexts[op.fieldRef], `context of ${op.fieldRef}`);
      await client.enableOptions(
        fieldId,
        contextId,
        op.options.map((o) => o.id),
      );
      return { outcome: 'updated', id: contextId };
    }
    case 'createFilter': {
      const q = desired.queues.find((x) => x.ref === op.queueRef)!;
      const jql = renderQueue(q, desired, ids.fields).filter;
      const r = await createOnce(
        ctx,
        `filter "${q.filterName}"`,
        () =>
          client.createFilter({
            name: q.filterName,
            description: q.description,
            jql,
            sharePermissions:
              desired.filterShare === 'project' ? [{ type: 'project', project: { id: ids.projectId } }] : [],
          }),
        async () =>
          (await client.searchFilters(q.filterName)).find((f) => f.name.toLowerCase() === q.filterName.toLowerCase())
            ?.id,
      );
      ids.filters[q.ref] = r.id!;
      return r;
    }
    case 'updateFilter': {
      const q = desired.queues.find((x) => x.ref === op.queueRef)!;
      await client.updateFilter(op.filterId, {
        name: q.filterName,
        description: q.description,
        jql: renderQueue(q, desired, ids.fields).filter,
      });
      return { outcome: 'updated', id: op.filterId };
    }
    case 'createRequestType': {
      const rt = desired.requestTypes.find((x) => x.ref === op.requestTypeRef)!;
      const r = await createOnce(
        ctx,
        `request type "${rt.name}"`,
        () =>
          client.createRequestType(ids.serviceDeskId, {
            issueTypeId: op.issueTypeId,
            name: rt.name,
            description: rt.description,
            helpText: rt.helpText,
          }),
        async () =>
          (await client.listRequestTypes(ids.serviceDeskId)).find((s) => s.name.toLowerCase() === rt.name.toLowerCase())
            ?.id,
      );
      ids.requestTypes[rt.ref] = r.id!;
      return r;
    }
    case 'addScreenField': {
      const fieldId = need(ids.fields[op.fieldRef], `field ${op.fieldRef}`);
      const onTab = async () =>
        (await client.screenTabFields(op.screenId, op.tabId)).includes(fieldId) ? fieldId : undefined;
      const r = await createOnce(
        ctx,
        `${fieldId} on screen ${op.screenId}`,
        () => client.addScreenTabField(op.screenId, op.tabId, fieldId),
        onTab,
      );
      return { outcome: r.outcome, id: op.screenId };
    }
  }
}

function ambiguous(err: unknown): err is { status: number; retryAfterSeconds?: number } {
  return isJiraHttpError(err) && err.status >= 500;
}

function need(id: string | undefined, what: string): string {
  if (!id) throw new Error(`internal: ${what} has no id yet; the plan ordered a step before its dependency`);
  return id;
}

/**
 * POSTs once; after a 5xx, waits, looks the item up by name and adopts it if
 * the POST did work, otherwise tries again (bounded).
 */
async function createOnce(
  ctx: StepContext,
  what: string,
  create: () => Promise<string>,
  find: () => Promise<string | undefined>,
): Promise<StepOutcome & { id: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { outcome: 'created', id: await create() };
    } catch (err) {
      if (!ambiguous(err) || attempt >= ctx.policy.maxAttempts) throw err;
      ctx.onAmbiguous?.(what, attempt);
      await ctx.sleep(delayFor(err, attempt, ctx.policy) ?? ctx.policy.maxDelayMs);
      const found = await find();
      if (found) return { outcome: 'adopted', id: found };
    }
  }
}
