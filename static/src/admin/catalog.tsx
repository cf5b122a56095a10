// Catalog: search and filter the tools, open one to see every attribute and edit what the admin decides
// (risk, rationale, durations, connector), approve, suspend or retire it with a reason, and import or
// export the whole catalog as YAML (the same format as `ai-clearance catalog import/export`).
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { RiskLozenge, StatusLozenge } from '../agent/bits';
import { useLoad } from '../shared/hooks';
import { call } from '../shared/invoke';
import { Await } from '../shared/shell';
import { ToolDetail } from './catalog-detail';
import { ImportExport } from './catalog-transfer';
import type { CatalogEntry } from './types';

interface Option {
  label: string;
  value: string;
}
const ANY: Option = { label: 'Any', value: '' };
const opts = (values: string[]): Option[] => [ANY, ...values.map((v) => ({ label: v, value: v }))];
const STATUSES = opts(['proposed', 'requestable', 'suspended', 'retired']);
const RISKS = opts(['low', 'medium', 'high', 'prohibited']);

function Filter(props: { id: string; label: string; options: Option[]; value: Option; onChange: (o: Option) => void }) {
  return (
    <div>
      <label htmlFor={`${props.id}-input`}>{props.label}</label>
      <Select
        inputId={`${props.id}-input`}
        options={props.options}
        value={props.value}
        onChange={(o) => props.onChange(o ?? ANY)}
      />
    </div>
  );
}

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
        const categories = opts([...new Set(entries.map((e) => e.category))].sort());
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
              <Filter id="aic-catalog-status" label="Status" options={STATUSES} value={status} onChange={setStatus} />
              <Filter id="aic-catalog-risk" label="Risk" options={RISKS} value={risk} onChange={setRisk} />
              <Filter
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
