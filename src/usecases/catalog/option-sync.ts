// Keeps the *AI tool* field's options equal to the requestable catalog:
// every requestable tool has an enabled option (its name); every other
// option is disabled — never deleted, so tickets and JQL keep their history.
// Idempotent and derived only from the store, so after a failed Jira call a
// retry (or the syncOptions resolver) converges; the store is never rolled back.
import { describeError, UNEXPECTED } from '../../domain/errors';
import type { FieldOption } from '../../ports/jira-api';
import { loadProvisioning } from '../shared/catalog-repo';
import type { CatalogDeps } from './deps';
import { listEntries } from './records';

export interface OptionPlan {
  create: string[];
  enable: FieldOption[];
  disable: FieldOption[];
}

/** Pure: what to change so the enabled options are exactly `requestableNames` (case-insensitive, as Jira compares). */
export function planOptionSync(existing: readonly FieldOption[], requestableNames: readonly string[]): OptionPlan {
  const wanted = new Map(requestableNames.map((n) => [n.toLowerCase(), n]));
  const byValue = new Map(existing.map((o) => [o.value.toLowerCase(), o]));
  const create = [...wanted].filter(([k]) => !byValue.has(k)).map(([, n]) => n);
  const enable = existing.filter((o) => o.disabled && wanted.has(o.value.toLowerCase()));
  const disable = existing.filter((o) => !o.disabled && !wanted.has(o.value.toLowerCase()));
  return { create, enable, disable };
}

export type OptionSyncResult =
  | { ok: true; created: string[]; enabled: string[]; disabled: string[] }
  | { ok: false; error: { code: string; message: string } };

export async function syncAiToolOptions(deps: CatalogDeps): Promise<OptionSyncResult> {
  try {
    const record = await loadProvisioning(deps.store);
    const ref = await deps.jira.findAiToolField(record.fields.aiTool);
    const names = (await listEntries(deps.store))
      .filter((e) => e.entry.status === 'requestable' && e.entry.risk !== 'prohibited')
      .map((e) => e.entry.name);
    const plan = planOptionSync(await deps.jira.listOptions(ref), names);
    await deps.jira.createOptions(ref, plan.create);
    await deps.jira.setOptionsDisabled(ref, [
      ...plan.enable.map((o) => ({ id: o.id, disabled: false })),
      ...plan.disable.map((o) => ({ id: o.id, disabled: true })),
    ]);
    return {
      ok: true,
      created: plan.create,
      enabled: plan.enable.map((o) => o.value),
      disabled: plan.disable.map((o) => o.value),
    };
  } catch (e) {
    const { code, message } = describeError(e);
    return {
      ok: false,
      error: {
        code: code === UNEXPECTED ? 'OPTION_SYNC_FAILED' : code,
        message: `${message} — the catalog change is saved; run "sync options" to retry.`,
      },
    };
  }
}
