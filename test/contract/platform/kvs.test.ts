// Storage (docs/platform-contract.md, section "Storage (KVS and entities)").
// Forge documents that a transaction with a failed condition fails as a whole, but not
// the status, code or message it fails with. The sandbox can be told to answer with
// anything; the app must decide by re-reading, so it behaves the same whatever the answer.
import kvs, { Filter, FilterConditions, ForgeKvsAPIError } from '@forge/kvs';
import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import { isStoreConflict, type StoredRecord } from '../../../src/ports/store';
import { serveSandbox } from '../../integration/cli/served-sandbox';
import { IDS, PURPOSE, makeCoreHarness, type CoreHarness } from '../../integration/core-loop/harness';

const ODD = { status: 400, code: 'TRANSACTION_FAILED', message: 'Something went wrong.' };
const marker = (id: string, version: number, doc: unknown = {}): StoredRecord => ({ kind: 'marker', id, version, doc });

let h: CoreHarness;
beforeAll(async () => {
  h = await makeCoreHarness({ concurrency: 8 });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  h.sb.faults.reset();
  h.hold(false);
});

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('KVS-1: a failed transaction condition fails the whole transaction; its code is not documented', () => {
  it('answers what the sandbox is configured to answer, and writes nothing', async () => {
    h.sb.faults.configure({ kvs: { conditionFailure: ODD } });
    const e = await h.sb.forge.run(async () => {
      await kvs.entity<{ version: number }>('aic-record').set('marker:kvs-1', { version: 1 });
      return failure(
        kvs
          .transact()
          .set('kvs-1-other', 'x')
          .set(
            'marker:kvs-1',
            { kind: 'marker', version: 2, doc: {} },
            {
              entityName: 'aic-record',
              conditions: new Filter<{ version: number }>().and('version', FilterConditions.equalTo(5)),
            },
          )
          .execute(),
      );
    });
    expect(e.value).toBeInstanceOf(ForgeKvsAPIError);
    expect((e.value as ForgeKvsAPIError).code).toBe(ODD.code);
    expect((e.value as ForgeKvsAPIError).responseDetails.status).toBe(ODD.status);
    expect((await h.sb.forge.run(() => kvs.get('kvs-1-other'))).value).toBeUndefined();
  });

  it('the answer is set over HTTP with POST /__sandbox/faults {kvs: {conditionFailure}}; the default is 409 CONDITION_CHECK_FAILED', async () => {
    const served = await serveSandbox();
    try {
      const url = `${served.server.url}/__sandbox/faults`;
      expect(((await (await fetch(url)).json()) as { kvs: unknown }).kvs).toEqual({
        conditionFailure: { status: 409, code: 'CONDITION_CHECK_FAILED' },
      });
      const set = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kvs: { conditionFailure: ODD } }),
      });
      expect(set.status).toBe(200);
      expect(served.sb.faults.kvsConditionFailure()).toEqual(ODD);
    } finally {
      await served.close();
    }
  });

  it.each([
    ['409 CONDITION_CHECK_FAILED', { status: 409, code: 'CONDITION_CHECK_FAILED' }],
    ['400 with another code and message', ODD],
    ['500 with a generic code', { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal error' }],
  ])('the app reports a stale write as a conflict, whatever the answer (%s)', async (_label, answer) => {
    h.sb.faults.configure({ kvs: { conditionFailure: answer } });
    const { value } = await h.sb.forge.run(async () => {
      const store = kvsStore();
      const id = `kvs-1-${answer.code}`;
      await store.commit({ puts: [{ expected: 'absent', record: marker(id, 1) }] });
      const stale = await failure(store.commit({ puts: [{ expected: 'absent', record: marker(id, 1) }] }));
      const staleVersion = await failure(store.commit({ puts: [{ expected: 7, record: marker(id, 8) }] }));
      return { stale, staleVersion };
    });
    expect(isStoreConflict(value.stale)).toBe(true);
    expect(isStoreConflict(value.staleVersion)).toBe(true);
  });

  it('the app does not mistake a failure whose conditions still hold for a conflict', async () => {
    const { value } = await h.sb.forge.run(async () =>
      failure(
        kvsStore().commit({
          puts: [{ expected: 'absent', record: marker('kvs-1-too-big', 1, { blob: 'x'.repeat(300 * 1024) }) }],
        }),
      ),
    );
    expect(value).toBeInstanceOf(Error);
    expect(isStoreConflict(value)).toBe(false);
  });

  it('20 concurrent filings for the same user and tool still give one pending and 19 blocked when the condition failure is 400 TRANSACTION_FAILED', async () => {
    h.sb.faults.configure({ kvs: { conditionFailure: ODD } });
    h.hold(true);
    const filed = Array.from({ length: 20 }, () =>
      h.fileViaPanel('bob', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 }),
    );
    const events = h.held.splice(0);
    h.hold(false);
    h.deliver(events);
    await h.settle();
    const statuses = await Promise.all(filed.map(async (f) => (await h.record('request', f.issueId))?.status));
    expect(statuses.filter((s) => s === 'pending_approval')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'blocked_duplicate')).toHaveLength(19);
    const winner = filed[statuses.indexOf('pending_approval')];
    expect((await h.record('lock', `${IDS.bob}:chatgpt-enterprise`))?.doc.holderIssueId).toBe(winner.issueId);
    expect(h.sb.forge.deadLetters()).toHaveLength(0);
  });
});
