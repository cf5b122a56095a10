// Requests waiting for a decision: filter by tool, risk and waiting time, sort by any column, and approve or
// decline several with one rationale (approvals.decideMany decides and evidences each on its own and
// answers a result per request, shown below the table).
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import DynamicTable from '@atlaskit/dynamic-table';
import SectionMessage from '@atlaskit/section-message';
import TextArea from '@atlaskit/textarea';
import { router } from '@forge/bridge';
import { useMemo, useState } from 'react';
import { useLoad } from '../shared/hooks';
import { call, messageOf } from '../shared/invoke';
import { Await } from '../shared/shell';
import { flag } from '../shared/flags';
import { BulkResults } from './bulk-results';
import { ANY, FilterSelect, withAny, type Option } from './filter-select';
import { hoursSince, RiskLozenge, waitingFor } from './bits';
import type { BulkRow, PendingItem } from './types';

const RISKS = withAny(['low', 'medium', 'high']);
const AGES: Option[] = [
  ANY,
  { label: 'Over 1 day', value: '24' },
  { label: 'Over 3 days', value: '72' },
  { label: 'Over 7 days', value: '168' },
];
const RISK_ORDER: Record<string, number> = { low: 1, medium: 2, high: 3 };

/** How many pending requests the page filters and sorts in the browser; the JSM queue lists every one. */
const MAX_LOADED = 1000;

/** The pending requests (the list answers 50 a page), and whether more wait than were loaded. */
async function loadPending(): Promise<{ items: PendingItem[]; more: boolean }> {
  const items: PendingItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await call<{ items: PendingItem[]; cursor?: string }>('approvals.list', cursor ? { cursor } : {});
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor && items.length < MAX_LOADED);
  return { items, more: Boolean(cursor) };
}

function Filters(props: {
  tools: Option[];
  tool: Option;
  risk: Option;
  age: Option;
  onChange: (f: { tool?: Option; risk?: Option; age?: Option }) => void;
}) {
  return (
    <div className="aic-filters">
      <FilterSelect
        id="aic-filter-tool"
        label="Tool"
        options={props.tools}
        value={props.tool}
        onChange={(tool) => props.onChange({ tool })}
      />
      <FilterSelect
        id="aic-filter-risk"
        label="Risk"
        options={RISKS}
        value={props.risk}
        onChange={(risk) => props.onChange({ risk })}
      />
      <FilterSelect
        id="aic-filter-age"
        label="Waiting"
        options={AGES}
        value={props.age}
        onChange={(age) => props.onChange({ age })}
      />
    </div>
  );
}

function PendingTable({ items, onDecided }: { items: PendingItem[]; onDecided: () => void }) {
  const [filter, setFilter] = useState({ tool: ANY, risk: ANY, age: ANY });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [rationale, setRationale] = useState('');
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<{ action: string; rows: BulkRow[] } | undefined>();
  const [error, setError] = useState<string | undefined>();

  const tools = useMemo(() => {
    const names = new Map(items.filter((i) => i.toolId).map((i) => [i.toolId as string, i.toolName ?? i.toolId]));
    return [ANY, ...[...names].map(([value, label]) => ({ value, label: label ?? value }))];
  }, [items]);
  const shown = items.filter(
    (i) =>
      (!filter.tool.value || i.toolId === filter.tool.value) &&
      (!filter.risk.value || i.risk === filter.risk.value) &&
      (!filter.age.value || hoursSince(i.submittedAt) > Number(filter.age.value)),
  );
  const picked = shown.filter((i) => selected.has(i.issueKey));
  const allPicked = shown.length > 0 && picked.length === shown.length;

  function toggle(key: string) {
    const next = new Set(selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setSelected(next);
  }

  async function decideMany(action: 'approve' | 'decline') {
    setBusy(true);
    setError(undefined);
    try {
      const r = await call<{ results: BulkRow[] }>('approvals.decideMany', {
        requests: picked.map((i) => i.issueKey),
        action,
        ...(rationale.trim() ? { rationale: rationale.trim() } : {}),
      });
      setResults({ action, rows: r.results });
      const done = r.results.filter((x) => x.ok).length;
      flag(done === r.results.length ? 'success' : 'warning', `${done} of ${r.results.length} ${action}d`);
      setSelected(new Set());
      onDecided();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const head = {
    cells: [
      {
        key: 'pick',
        content: (
          <Checkbox
            label="Select all shown"
            isChecked={allPicked}
            onChange={() => setSelected(allPicked ? new Set() : new Set(shown.map((i) => i.issueKey)))}
          />
        ),
      },
      { key: 'request', content: 'Request', isSortable: true },
      { key: 'requester', content: 'Requester', isSortable: true },
      { key: 'tool', content: 'Tool', isSortable: true },
      { key: 'risk', content: 'Risk', isSortable: true },
      { key: 'days', content: 'Days', isSortable: true },
      { key: 'waiting', content: 'Waiting', isSortable: true },
    ],
  };
  const rows = shown.map((i) => ({
    key: i.issueKey,
    cells: [
      {
        key: 'pick',
        content: (
          <Checkbox
            label={`Select ${i.issueKey}`}
            isChecked={selected.has(i.issueKey)}
            onChange={() => toggle(i.issueKey)}
          />
        ),
      },
      {
        key: i.issueKey,
        content: (
          <Button appearance="subtle" onClick={() => void router.navigate(`/browse/${encodeURIComponent(i.issueKey)}`)}>
            {i.issueKey}
          </Button>
        ),
      },
      { key: i.requesterName ?? i.requester, content: i.requesterName ?? i.requester },
      { key: i.toolName ?? '', content: i.toolName ?? i.toolId ?? '—' },
      { key: RISK_ORDER[i.risk ?? ''] ?? 0, content: <RiskLozenge risk={i.risk} /> },
      { key: i.days ?? 0, content: i.days ?? '—' },
      // Sorted by how long it has waited: an earlier submission waits longer.
      { key: -Date.parse(i.submittedAt ?? '') || 0, content: waitingFor(i.submittedAt) },
    ],
  }));

  return (
    <div className="aic-stack">
      <Filters tools={tools} {...filter} onChange={(f) => setFilter({ ...filter, ...f })} />
      <DynamicTable
        caption={`${shown.length} of ${items.length} requests waiting for a decision`}
        head={head}
        rows={rows}
        defaultSortKey="waiting"
        defaultSortOrder="DESC"
        emptyView={<p>Nothing matches: clear a filter, or nothing is waiting.</p>}
      />
      <section aria-labelledby="aic-bulk-heading" className="aic-stack">
        <h2 id="aic-bulk-heading">{`Decide ${picked.length} selected`}</h2>
        <label htmlFor="aic-bulk-rationale">Rationale (required to decline; the requesters read it)</label>
        <TextArea
          id="aic-bulk-rationale"
          value={rationale}
          maxLength={4000}
          onChange={(e) => setRationale(e.currentTarget.value)}
        />
        <div className="aic-row">
          <Button
            appearance="primary"
            isDisabled={picked.length === 0 || busy}
            onClick={() => void decideMany('approve')}
          >
            {`Approve ${picked.length}`}
          </Button>
          <Button
            appearance="danger"
            isDisabled={picked.length === 0 || busy || rationale.trim().length < 3}
            onClick={() => void decideMany('decline')}
          >
            {`Decline ${picked.length}`}
          </Button>
        </div>
        {error ? <p className="aic-error">{error}</p> : null}
      </section>
      {results ? <BulkResults action={results.action} rows={results.rows} /> : null}
    </div>
  );
}

/** The approvals list with its bulk decisions (the queue page; the Approvals tab of My AI access). */
export function Approvals() {
  const pending = useLoad(loadPending);
  return (
    <Await value={pending} label="Loading requests waiting for a decision" onRetry={pending.reload}>
      {({ items, more }) => (
        <>
          {more ? (
            <SectionMessage appearance="warning" title={`Showing the first ${items.length} waiting requests`}>
              <p>
                More requests wait than this page filters at once. Decide these, or open the service project's queue to
                see every one.
              </p>
            </SectionMessage>
          ) : null}
          <PendingTable items={items} onDecided={pending.reload} />
        </>
      )}
    </Await>
  );
}
