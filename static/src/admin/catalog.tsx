// Catalog: search and filter the tools, open one to see every attribute and edit what the admin decides
// (risk, rationale, durations, connector), approve, suspend or retire it with a reason, and import or
// export the whole catalog as YAML (the same format as `ai-clearance catalog import/export`).
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { RiskLozenge, StatusLozenge } from '../agent/bits';
import { ANY, FilterSelect, withAny } from '../agent/filter-select';
import { useLoad } from '../shared/hooks';
import { call } from '../shared/invoke';
import { Await } from '../shared/shell';
import { ToolDetail } from './catalog-detail';
import { ImportExport } from './catalog-transfer';
import type { CatalogEntry } from './types';

const STATUSES = withAny(['proposed', 'requestable', 'suspended', 'retired']);
const RISKS = withAny(['low', 'medium', 'high', 'prohibited']);

export function CatalogTab() {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState(ANY);
  const [risk, setRisk] = useState(ANY);
  const [category, setCategory] = useState(ANY);
  const [open, setOpen] = useState<string | undefined>();
  const catalog = useLoad(() => call<{ entries: CatalogEntry[] }>('catalog.list', {}));
  return (
    <Await value={catalog} label="Loading the catalog" onRetry={catalog.reload}>
      {({ entries }) => {
        const categories = withAny([...new Set(entries.map((e) => e.category))].sort());
        const needle = q.trim().toLowerCase();
        const shown = entries.filter(
          (e) =>
            (!needle || `${e.name} ${e.vendor} ${e.id}`.toLowerCase().includes(needle)) &&
            (!status.value || e.status === status.value) &&
            (!risk.value || e.risk === risk.value) &&
            (!category.value || e.category === category.value),
        );
        const selected = entries.find((e) => e.id === open);
        return (
          <div className="aic-stack">
            <div className="aic-filters">
              <div>
                <label htmlFor="aic-catalog-search">Search</label>
                <Textfield
                  id="aic-catalog-search"
                  value={q}
                  placeholder="Name, vendor or id"
                  onChange={(e) => setQ(e.currentTarget.value)}
                />
              </div>
              <FilterSelect
                id="aic-catalog-status"
                label="Status"
                options={STATUSES}
                value={status}
                onChange={setStatus}
              />
              <FilterSelect id="aic-catalog-risk" label="Risk" options={RISKS} value={risk} onChange={setRisk} />
              <FilterSelect
                id="aic-catalog-category"
                label="Category"
                options={categories}
                value={category}
                onChange={setCategory}
              />
            </div>
            <DynamicTable
              caption={`${shown.length} of ${entries.length} tools`}
              head={{
                cells: [
                  { key: 'name', content: 'Tool', isSortable: true },
                  { key: 'category', content: 'Category', isSortable: true },
                  { key: 'risk', content: 'Risk', isSortable: true },
                  { key: 'status', content: 'Status', isSortable: true },
                  { key: 'days', content: 'Default / max days' },
                ],
              }}
              rows={shown.map((e) => ({
                key: e.id,
                cells: [
                  {
                    key: e.name,
                    content: (
                      <Button appearance="subtle" onClick={() => setOpen(e.id)}>
                        {e.name}
                      </Button>
                    ),
                  },
                  { key: e.category, content: e.category },
                  { key: e.risk, content: <RiskLozenge risk={e.risk} /> },
                  { key: e.status, content: <StatusLozenge status={e.status} /> },
                  { key: 'days', content: `${e.defaultDays} / ${e.maxDays}` },
                ],
              }))}
              rowsPerPage={25}
              defaultSortKey="name"
              defaultSortOrder="ASC"
              emptyView={<p>No tool matches: clear the search or a filter.</p>}
            />
            {selected ? (
              <ToolDetail
                entry={selected}
                onClose={() => setOpen(undefined)}
                onChanged={() => {
                  catalog.reload();
                }}
              />
            ) : null}
            <ImportExport onImported={catalog.reload} />
          </div>
        );
      }}
    </Await>
  );
}
