// Catalog import/export (as data: the CLI and admin page turn YAML into it and
// back, with line numbers) and accepting an employee's tool proposal.
// An import is checked whole — format and every entry's lifecycle move —
// before anything is written: one bad entry refuses the lot.
import { catalogExportData, catalogImportFromData, type CatalogExportData } from '../../config/catalog-import-data';
import { ConfigError } from '../../config/config-error';
import { planCatalogImport } from '../../domain/catalog/import-plan';
import { acceptProposal, type ToolProposal } from '../../domain/catalog/proposal';
import { applyLeavingConsequences, type ConsequenceReport } from './consequences';
import { CatalogUseCaseError, type Actor, type CatalogDeps } from './deps';
import { changeMany, type CatalogActionResult } from './lifecycle';
import { syncAiToolOptions } from './option-sync';
import { listEntries, loadPolicy } from './records';

export interface ImportResult extends CatalogActionResult {
  unchanged: string[];
}

/**
 * @throws CatalogUseCaseError CATALOG_IMPORT_INVALID (the problems as details) or the import plan's refusal.
 */
export async function importCatalog(
  deps: CatalogDeps,
  data: unknown,
  fileName: string,
  actor: Actor,
): Promise<ImportResult> {
  let imported;
  try {
    imported = catalogImportFromData(data, fileName);
  } catch (e) {
    if (e instanceof ConfigError)
      throw new CatalogUseCaseError('CATALOG_IMPORT_INVALID', `Nothing was imported: ${e.message}`, {
        problems: e.problems,
      });
    throw e;
  }
  let unchanged: string[] = [];
  const entries = await changeMany(deps, (all) => {
    const plan = planCatalogImport(
      all.map((l) => l.entry),
      imported,
      { actor, now: deps.now() },
    );
    if (!plan.ok) throw new CatalogUseCaseError(plan.error.code, plan.error.message, { problems: plan.error.problems });
    unchanged = [...plan.value.unchanged];
    return [...plan.value.changes];
  });
  const optionSync = await syncAiToolOptions(deps);
  // Tools the file moved out of the catalog get the same consequences as the admin page's suspend/retire.
  const consequences: ConsequenceReport = { declined: [], flagged: [], revoked: [], failed: [] };
  for (const e of entries.filter((x) => x.status === 'suspended' || x.status === 'retired')) {
    const r = await applyLeavingConsequences(deps, e, actor);
    for (const k of ['declined', 'flagged', 'revoked', 'failed'] as const) (consequences[k] as unknown[]).push(...r[k]);
  }
  return { entries, unchanged, optionSync, consequences };
}

export async function exportCatalog(deps: Pick<CatalogDeps, 'store'>): Promise<CatalogExportData> {
  return catalogExportData((await listEntries(deps.store)).map((l) => l.entry));
}

/** An admin accepts a "Propose an AI tool" request: a new proposed entry (not requestable yet). */
export async function acceptToolProposal(
  deps: CatalogDeps,
  proposal: ToolProposal,
  actor: Actor,
): Promise<CatalogActionResult> {
  const { set } = await loadPolicy(deps.store);
  const entries = await changeMany(deps, (all) => {
    const r = acceptProposal(
      proposal,
      all.map((l) => l.entry),
      set,
      { actor, now: deps.now() },
    );
    if (!r.ok) throw new CatalogUseCaseError(r.error.code, r.error.message, { entryId: r.error.entryId });
    return [r.value];
  });
  return { entries, optionSync: { ok: true, created: [], enabled: [], disabled: [] } };
}
