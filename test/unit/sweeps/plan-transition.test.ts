// Reported: planning a transition could ask Jira for the transitions of an
// EMPTY issue key (GET /rest/api/3/issue//transitions). Planning may read only
// with a real key; without one the op stays unplanned (the write reads later).
import { jiraApi } from '../../../src/adapters/jira/jira-api';
import type { JiraTransport } from '../../../src/ports/jira-transport';
import type { CoreDeps } from '../../../src/usecases/shared/deps';
import { emptySync, type TicketSync } from '../../../src/usecases/shared/records';
import { addOp, addPlannedOp, type SyncEnv } from '../../../src/usecases/shared/ticket-sync';
import { DEFAULT_WORKFLOW } from '../../../src/usecases/shared/workflow-map';

const NOW = new Date('2026-06-01T09:00:00.000Z');
const op = { comments: [], target: 'expired' as const, prefer: 'expire' as const };
const active: TicketSync = { ...emptySync(), status: { id: '10004', name: 'Active' } };

function env(): { env: SyncEnv; paths: string[] } {
  const paths: string[] = [];
  const deps = {
    store: { get: async () => undefined, commit: async () => undefined },
    jira: jiraApi({
      request: async (req: { path: string }) => {
        paths.push(req.path);
        return {
          status: 200,
          body: { transitions: [{ id: '71', name: 'Expire', to: { id: '10006', name: 'Expired' } }] },
        };
      },
    } as unknown as JiraTransport),
  } as unknown as CoreDeps;
  return { env: { deps, fieldIds: {}, mapping: DEFAULT_WORKFLOW }, paths };
}

test.each([[''], [undefined]])('no Jira read and no plan without an issue key (%p)', async (key) => {
  const e = env();
  const s = key === undefined ? await addOp(e.env, active, op, NOW) : await addPlannedOp(e.env, key, active, op, NOW);
  expect(e.paths).toEqual([]);
  expect(s.pending.at(-1)?.plan).toBeUndefined();
  expect(s.pending.at(-1)?.target).toBe('expired');
});

test('with a key, one read plans the transition', async () => {
  const e = env();
  const s = await addPlannedOp(e.env, 'AIC-7', active, op, NOW);
  expect(e.paths).toEqual(['/rest/api/3/issue/AIC-7/transitions']);
  expect(s.pending.at(-1)?.plan).toMatchObject({ transitionId: '71', toName: 'Expired' });
});
