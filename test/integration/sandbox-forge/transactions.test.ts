// KVS transactions through the real @forge/kvs: atomic conditions, and
// conditional writes that stay correct under concurrent consumers.
import kvs, { Filter, FilterConditions, ForgeKvsAPIError } from '@forge/kvs';
import { seenBy } from '../../fixtures/forge-app/recorder';
import { makeHarness, type Harness } from './helpers';

interface Counter {
  count: number;
  version: number;
}

let h: Harness;
afterEach(async () => {
  await h.platform.close();
});

const counters = () => kvs.entity<Counter>('counter');
const when = (conditions: ReturnType<Filter<Counter>['and']>) => ({ entityName: 'counter', conditions });

async function rejection(p: Promise<unknown>): Promise<ForgeKvsAPIError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ForgeKvsAPIError);
  return e as ForgeKvsAPIError;
}

describe('transactions', () => {
  beforeEach(() => {
    h = makeHarness();
  });

  it('changes nothing when one condition fails', async () => {
    await counters().set('c1', { count: 1, version: 1 });
    await kvs.set('plain', 'before');
    const e = await rejection(
      kvs
        .transact()
        .set('plain', 'after')
        .set('c2', { count: 9, version: 1 }, { entityName: 'counter' })
        .delete('c1', when(new Filter<Counter>().and('version', FilterConditions.equalTo(2))))
        .execute(),
    );
    expect(e.code).toBe('CONDITION_CHECK_FAILED');
    expect(e.responseDetails.status).toBe(409);
    expect(e.message).toContain('counter/c1');
    expect(await kvs.get('plain')).toBe('before');
    expect(await counters().get('c2')).toBeUndefined();
    expect(await counters().get('c1')).toEqual({ count: 1, version: 1 });
  });

  it('applies every operation when all conditions hold, checks included', async () => {
    await counters().set('c1', { count: 1, version: 1 });
    await counters().set('guard', { count: 0, version: 7 });
    await kvs
      .transact()
      .set('c1', { count: 2, version: 2 }, when(new Filter<Counter>().and('version', FilterConditions.equalTo(1))))
      .set('note', 'written')
      .check(
        'guard',
        when(
          new Filter<Counter>().and('version', FilterConditions.greaterThan(5)).and('count', FilterConditions.exists()),
        ),
      )
      .execute();
    expect(await counters().get('c1')).toEqual({ count: 2, version: 2 });
    expect(await kvs.get('note')).toBe('written');
  });

  it('treats a missing item as having every attribute absent', async () => {
    // NOT_EXISTS holds for a missing item: create-if-absent.
    await kvs
      .transact()
      .set('new', { count: 1, version: 1 }, when(new Filter<Counter>().and('version', FilterConditions.notExists())))
      .execute();
    expect(await counters().get('new')).toEqual({ count: 1, version: 1 });
    // The same condition now fails: the item exists.
    const again = await rejection(
      kvs
        .transact()
        .set('new', { count: 5, version: 5 }, when(new Filter<Counter>().and('version', FilterConditions.notExists())))
        .execute(),
    );
    expect(again.code).toBe('CONDITION_CHECK_FAILED');
    // EQUAL_TO on a missing item is false.
    const eq = await rejection(
      kvs
        .transact()
        .check('ghost', when(new Filter<Counter>().and('version', FilterConditions.equalTo(0))))
        .execute(),
    );
    expect(eq.code).toBe('CONDITION_CHECK_FAILED');
    expect(await counters().get('new')).toEqual({ count: 1, version: 1 });
  });

  it('refuses the same item twice and more than 25 operations', async () => {
    expect((await rejection(kvs.transact().set('a', 1).delete('a').execute())).code).toBe('BAD_REQUEST');
    const tx = kvs.transact();
    for (let i = 0; i < 26; i++) tx.set(`k${i}`, i);
    expect((await rejection(tx.execute())).code).toBe('LIMIT_EXCEEDED');
    expect(await kvs.get('k0')).toBeUndefined();
  });

  it('validates entity values inside a transaction before writing anything', async () => {
    const e = await rejection(
      kvs
        .transact()
        .set('p', 1)
        .set('c', { count: 2 ** 31, version: 1 }, { entityName: 'counter' })
        .execute(),
    );
    expect(e.code).toBe('VALIDATION_ERROR');
    expect(await kvs.get('p')).toBeUndefined();
  });
});

describe('concurrency', () => {
  it('keeps an optimistic counter exact while consumers race', async () => {
    h = makeHarness({ concurrency: 4 });
    const events = Array.from({ length: 12 }, () => ({ body: { mode: 'increment', counter: 'shared' } }));
    await h.platform.invokeResolver({
      moduleKey: 'clearance-panel',
      functionName: 'enqueue',
      payload: { queue: 'work-queue', events },
    });
    await h.platform.settle();
    expect(await counters().get('shared')).toEqual({ count: 12, version: 12 });
    const runs = seenBy('consumeWork');
    expect(runs).toHaveLength(12);
    // The race was real: some writers lost a condition and had to re-read.
    expect(runs.reduce((n, r) => n + Number(r.extra?.conflicts ?? 0), 0)).toBeGreaterThan(0);
    // Each concurrent delivery saw its own invocation context through getAppContext().
    const logged = h.platform
      .listInvocations({ kind: 'queue' })
      .map((i) => i.id)
      .sort();
    expect(runs.map((r) => r.extra?.invocationId).sort()).toEqual(logged);
    expect(new Set(logged).size).toBe(12);
  });
});
