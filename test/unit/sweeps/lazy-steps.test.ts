// The hourly sweep loads a phase's step code (import()) only when the phase
// meets a due item, and the catalog consequences only when a tool has left
// the catalog: most runs meet nothing and parse none of it on a cold start.
// Each step module is replaced by a recorder: jest runs a mock's factory
// when the module is first loaded, so `loaded` lists what has been required
// since this file started (a static import would show before the first test).
import type { RecordQuery, StoredRecord, AppStore } from '../../../src/ports/store';
import type { SweepDeps } from '../../../src/usecases/sweeps/context';
import { runSweeps } from '../../../src/usecases/sweeps/run-sweeps';

// Function declarations on globalThis: jest hoists the mocks above this file's
// other statements, and a static import would run a factory before them.
function mockRecord(name: string): void {
  ((globalThis as { sweepStepLoads?: string[] }).sweepStepLoads ??= []).push(name);
}
function loaded(): string[] {
  return (globalThis as { sweepStepLoads?: string[] }).sweepStepLoads ?? [];
}
jest.mock(
  '../../../src/usecases/sweeps/grant-steps',
  () => (mockRecord('grant-steps'), { sweepGrant: jest.fn(async () => 'done') }),
);
jest.mock(
  '../../../src/usecases/sweeps/request-steps',
  () => (mockRecord('request-steps'), { sweepRequest: jest.fn(async () => 'done') }),
);
jest.mock(
  '../../../src/usecases/sweeps/retention',
  () => (mockRecord('retention'), { sweepRetention: jest.fn(async () => 'done') }),
);
jest.mock(
  '../../../src/usecases/sweeps/outbox',
  () => (mockRecord('outbox'), { resumeMarker: jest.fn(async () => 'done') }),
);
jest.mock(
  '../../../src/usecases/catalog/consequences',
  () => (
    mockRecord('consequences'),
    { applyLeavingConsequences: jest.fn(async () => ({ flagged: [], revoked: [], declined: [], failed: [] })) }
  ),
);

const NOW = new Date('2026-06-01T09:00:00.000Z');

/** A store whose due index holds `due` (by kind) once; every other read finds nothing. */
function storeWith(due: Partial<Record<string, StoredRecord<unknown>>>): AppStore {
  const served = new Set<string>();
  return {
    get: async () => undefined,
    query: async (q: RecordQuery) => {
      const kind = q.partition[0]!;
      const rec =
        q.index === 'by-kind-due'
          ? due[kind]
          : q.index === 'by-kind-status' && kind === 'catalog' && q.partition[1] === 'suspended'
            ? due.catalog
            : undefined;
      const key = `${q.index}:${q.partition.join('/')}`;
      if (!rec || served.has(key)) return { items: [] };
      served.add(key);
      return { items: [rec] };
    },
    eventsOf: async () => ({ items: [] }),
    // The only write: the hourly reconciliation's window (settings/reconcile), which finds no tickets here.
    commit: async (c: { puts?: Array<{ record: { kind: string; id: string } }> }) => {
      if (!(c.puts ?? []).every((p) => p.record.kind === 'settings' && p.record.id === 'reconcile'))
        throw new Error('no other writes in this test');
    },
    eventsBetween: async () => ({ items: [] }),
    replaceEventDoc: () => Promise.reject(new Error('no writes in this test')),
  } as AppStore;
}

function deps(store: AppStore): SweepDeps {
  const unused = () => Promise.reject(new Error('not used in this test'));
  // Jira: only the reconciliation's search, which finds no changed tickets.
  const jira = {
    request: async (r: { method: string; path: string }) =>
      r.method === 'POST' && r.path === '/rest/api/3/search/jql'
        ? { status: 200, headers: {}, body: { issues: [] } }
        : unused(),
  };
  return {
    store,
    jira,
    clock: { now: () => NOW },
    random: (n) => new Uint8Array(n),
    comments: {} as SweepDeps['comments'],
    queue: { push: unused },
    continuation: { push: unused },
  } as SweepDeps;
}

const rec = (kind: string, id: string, doc: unknown): StoredRecord<unknown> =>
  ({ kind, id, version: 1, dueAt: 0, doc }) as unknown as StoredRecord<unknown>;

describe('the lifecycle sweeps load step code only for due work', () => {
  it('loads none of it when nothing is due and no tool has left the catalog', async () => {
    const result = await runSweeps(deps(storeWith({})));
    expect(result.errors).toEqual([]);
    expect(result.items).toBe(0);
    expect(loaded()).toEqual([]);
  });

  it('loads the step of each phase that meets a due item, and the catalog consequences for a suspended tool', async () => {
    const result = await runSweeps(
      deps(
        storeWith({
          grant: rec('grant', 'g1', { not: 'a grant doc' }), // unreadable → treated as live → the grant steps
          request: rec('request', 'r1', {}),
          catalog: rec('catalog', 'tool-x', { id: 'tool-x', status: 'suspended' }),
        }),
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.items).toBe(3);
    expect([...loaded()].sort()).toEqual(['consequences', 'grant-steps', 'retention']);
  });
});
