// Reconciliation: compare each bound group's members with the tool's live grants — approved but missing
// from the group, present without a grant (removed only in authoritative mode), approved but unmapped —
// for every bound tool or one. The last stored report of each tool is shown until the admin runs it again.
import Button from '@atlaskit/button/new';
import Select from '@atlaskit/select';
import { useState } from 'react';
import { call, messageOf } from '../../shared/invoke';
import { Refusal } from './confirm';
import { PROVIDER_NAMES, type Binding, type ReconcileReport, type ReconcileResult } from './types';

const ALL = { label: 'All bound tools', value: '' };

function Report({ r }: { r: ReconcileReport }) {
  const who = (x: { login?: string; idpUserId: string; accountId?: string }) => x.login ?? x.accountId ?? x.idpUserId;
  return (
    <section className="aic-stack aic-tool-facts" aria-label={`Reconciliation of ${r.toolId}`}>
      <h3>{`${r.toolId} → ${PROVIDER_NAMES[r.provider]} "${r.groupName}"`}</h3>
      <p>
        {`Checked ${new Date(r.checkedAt).toLocaleString()}: ${r.members} members, ${r.missing.length} approved but missing, ${r.strays.length} present without a grant${r.unmapped.length ? `, ${r.unmapped.length} approved but unmapped` : ''}. ${r.authoritative ? `Authoritative: ${r.removed.length} removed.` : 'Report only: nobody removed.'}`}
      </p>
      {r.missing.length ? (
        <div>
          <h4>Approved but missing from the group</h4>
          <ul>
            {r.missing.map((m) => (
              <li
                key={m.grantId}
              >{`${m.accountId} (grant ${m.grantId}, ${PROVIDER_NAMES[r.provider]} user ${m.idpUserId})`}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {r.strays.length ? (
        <div>
          <h4>In the group without a grant</h4>
          <ul>
            {r.strays.map((s) => (
              <li
                key={s.idpUserId}
              >{`${who(s)} (${PROVIDER_NAMES[r.provider]} user ${s.idpUserId})${r.removed.includes(s.idpUserId) ? ' — removed' : ''}`}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {r.unmapped.length ? (
        <div>
          <h4>Approved, but the account is not mapped</h4>
          <ul>
            {r.unmapped.map((u) => (
              <li key={u.grantId}>{`${u.accountId} (grant ${u.grantId})`}</li>
            ))}
          </ul>
        </div>
      ) : null}
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
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    setError(undefined);
    try {
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
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
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
        <Button isDisabled={busy} onClick={() => void run()}>
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
