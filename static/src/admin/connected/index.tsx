// Connected mode (docs/connected-mode.md): the identity providers, the tools bound to their groups, what
// waits for a person, the identity mapping and reconciliation. Credentials go in through the connect form
// and never come back: every answer shown here is a connection's public view.
import { useLoad } from '../../shared/hooks';
import { call } from '../../shared/invoke';
import { Await } from '../../shared/shell';
import type { CatalogEntry } from '../types';
import { Bindings } from './bindings';
import { IdentityMapping } from './identity';
import { Providers } from './providers';
import { Reconciliation } from './reconcile';
import { TaskList } from './tasks';
import type { Binding, ProviderStatus, ReconcileReport, Tasks } from './types';

export function ConnectedModeTab() {
  const state = useLoad(async () => {
    const [status, bindings, tasks, catalog, drift] = await Promise.all([
      call<{ providers: ProviderStatus[] }>('connectors.status'),
      call<{ bindings: Binding[] }>('connectors.bindings'),
      call<Tasks>('connectors.tasks'),
      call<{ entries: CatalogEntry[] }>('catalog.list', {}),
      call<{ reports: ReconcileReport[] }>('connectors.drift'),
    ]);
    return { providers: status.providers, bindings: bindings.bindings, tasks, tools: catalog.entries, drift };
  });
  return (
    <Await value={state} label="Loading connected mode" onRetry={state.reload}>
      {(d) => (
        <div className="aic-stack">
          <Providers providers={d.providers} onChanged={state.reload} />
          <TaskList tasks={d.tasks} onChanged={state.reload} />
          <Bindings bindings={d.bindings} tools={d.tools} onChanged={state.reload} />
          <IdentityMapping onChanged={state.reload} />
          {/* Stays mounted across reloads: it keeps the reports it ran. */}
          <Reconciliation bindings={d.bindings} reports={d.drift.reports} />
        </div>
      )}
    </Await>
  );
}
