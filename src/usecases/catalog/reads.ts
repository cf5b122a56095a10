// The catalog and the risk policy as the admin page reads them. A module of
// their own: the page's most frequent call, listing the catalog, loads neither
// the catalog rules, the consequences of leaving it nor the option sync.
import type { CatalogEntry } from '../../domain/catalog/types';
import type { PolicySet } from '../../domain/policy/risk-policy';
import type { CatalogDeps } from './deps';
import { listEntries, loadPolicy } from './records';

export async function listCatalog(
  deps: Pick<CatalogDeps, 'store'>,
  filter: { status?: string; risk?: string; q?: string } = {},
): Promise<CatalogEntry[]> {
  const q = filter.q?.trim().toLowerCase();
  return (await listEntries(deps.store))
    .map((l) => l.entry)
    .filter(
      (e) =>
        (!filter.status || e.status === filter.status) &&
        (!filter.risk || e.risk === filter.risk) &&
        (!q || `${e.id} ${e.name} ${e.vendor} ${e.category}`.toLowerCase().includes(q)),
    );
}

export async function getPolicy(deps: Pick<CatalogDeps, 'store'>): Promise<PolicySet> {
  return (await loadPolicy(deps.store)).set;
}
