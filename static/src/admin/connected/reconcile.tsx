// Reconciliation: compare each bound group's members with the tool's live grants — approved but missing
// from the group, present without a grant (removed only in authoritative mode), approved but unmapped —
// for every bound tool or one. The last stored report of each tool is shown until the admin runs it again.
import Button from '@atlaskit/button/new';
import Select from '@atlaskit/select';
import { useState } from 'react';
import { call } from '../../shared/invoke';
import { Refusal } from './confirm';
import { PROVIDER_NAMES, type Binding, type ReconcileReport, type ReconcileResult } from './types';
import { useAction } from './use-action';

const ALL = { label: 'All bound tools', value: '' };

/** One list of the report, or nothing when it is empty (each line names one person, so lines are unique). */
function People({ title, lines }: { title: string; lines: string[] }) {
  if (!lines.length) return null;
  return (
    <div>
      <h4>{title}</h4>
      <ul>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </div>
  );
}

function authoritativeNote(r: ReconcileReport): string {
  if (!r.authoritative) return 'Report only: nobody removed.';
  if (r.removalsWithheld === 'unmapped_live_grants')
    return 'Authoritative, but nobody removed: an approved account is not mapped, and its holder could be anyone in the group. Map it, then run reconciliation again.';
  return `Authoritative: ${r.removed.length} removed.`;
}

function Report({ r }: { r: ReconcileReport }) {
  const who = (x: { login?: string; idpUserId: string; accountId?: string }) => x.login ?? x.accountId ?? x.idpUserId;
  return (
    <section className="aic-stack aic-tool-facts" aria-label={`Reconciliation of ${r.toolId}`}>
      <h3>{`${r.toolId} → ${PROVIDER_NAMES[r.provider]} "${r.groupName}"`}</h3>
      <p>
        {`Checked ${new Date(r.checkedAt).toLocaleString()}: ${r.members} members, ${r.missing.length} approved but missing, ${r.strays.length} present without a grant${r.unmapped.length ? `, ${r.unmapped.length} approved but unmapped` : ''}. ${authoritativeNote(r)}`}
      </p>
      <People
        title="Approved but missing from the group"
        lines={r.missing.map(
          (m) => `${m.accountId} (grant ${m.grantId}, ${PROVIDER_NAMES[r.provider]} user ${m.idpUserId})`,
        )}
      />
      <People
        title="In the group without a grant"
        lines={r.strays.map(
          (s) =>
            `${who(s)} (${PROVIDER_NAMES[r.provider]} user ${s.idpUserId})${r.removed.includes(s.idpUserId) ? ' — removed' : ''}`,
        )}
      />
      <People
        title="Approved, but the account is not mapped"
        lines={r.unmapped.map((u) => `${u.accountId} (grant ${u.grantId})`)}
      />
      {r.removalErrors.length ? (
        <Refusal
          title="Removals that failed"
          message={r.removalErrors.map((e) => `${e.idpUserId}: ${e.error}`).join(' · ')}
        />
      ) : null}
    </section>
  );
}

export function Reconciliation({ bindings, reports }: { bindings: Binding[]; reports: ReconcileReport[] }) {
  const options = [ALL, ...bindings.map((b) => ({ label: b.toolId, value: b.toolId }))];
  const [tool, setTool] = useState(ALL);
  const [latest, setLatest] = useState<ReconcileReport[]>(reports);
  const [notes, setNotes] = useState<string[]>([]);
  const { busy, error, run } = useAction();
  const reconcile = () =>
    run(async () => {
      const { results } = await call<{ results: ReconcileResult[] }>(
        'connectors.reconcile',
        tool.value ? { toolId: tool.value } : {},
      );
      const fresh = results.flatMap((x) => (x.outcome === 'checked' ? [x.report] : []));
      setLatest((old) => [...old.filter((o) => !fresh.some((f) => f.toolId === o.toolId)), ...fresh]);
      setNotes(
        results.flatMap((x) =>
          x.outcome === 'checked'
            ? []
            : [`${x.toolId}: ${x.outcome === 'not_bound' ? 'not bound' : 'its provider is not connected'}`],
        ),
      );
    });
  const shown = [...latest].sort((a, b) => a.toolId.localeCompare(b.toolId));
  return (
    <section className="aic-stack" aria-labelledby="aic-reconcile-heading">
      <h2 id="aic-reconcile-heading">Reconciliation</h2>
      <div className="aic-filters">
        <div>
          <label htmlFor="aic-reconcile-tool-input">Reconcile</label>
          <Select
            inputId="aic-reconcile-tool-input"
            options={options}
            value={tool}
            onChange={(o) => setTool(o ?? ALL)}
          />
        </div>
      </div>
      <div>
        <Button isDisabled={busy} onClick={() => void reconcile()}>
          Run reconciliation
        </Button>
      </div>
      <Refusal title="Reconciliation failed" message={error} />
      {notes.map((n) => (
        <p key={n}>{n}</p>
      ))}
      {shown.length ? shown.map((r) => <Report key={r.toolId} r={r} />) : <p>No reconciliation has run yet.</p>}
    </section>
  );
}
