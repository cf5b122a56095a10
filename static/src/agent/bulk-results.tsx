// What a bulk decision did, one row per request: decided, already decided by you, or refused and why.
import Lozenge from '@atlaskit/lozenge';
import type { BulkRow } from './types';

export function BulkResults({ action, rows }: { action: string; rows: BulkRow[] }) {
  return (
    <section aria-labelledby="aic-bulk-results-heading" className="aic-stack">
      <h2 id="aic-bulk-results-heading">{`Results of ${action}`}</h2>
      <ul className="aic-results">
        {rows.map((r) => (
          <li key={r.request} className="aic-row">
            <strong>{r.request}</strong>
            {r.ok ? (
              <Lozenge appearance="success">{r.already ? `already ${r.outcome}` : r.outcome}</Lozenge>
            ) : (
              <>
                <Lozenge appearance="removed">{r.code}</Lozenge>
                <span>{r.message}</span>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
