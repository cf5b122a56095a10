// The real @forge/kvs against the emulated KVS: keys, secrets, queries, batches, limits, TTL.
import kvs, { ForgeKvsAPIError, MetadataField, WhereConditions } from '@forge/kvs';
import { makeHarness, type Harness } from './helpers';

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(async () => {
  await h.platform.close();
});

async function kvsError(p: Promise<unknown>): Promise<ForgeKvsAPIError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ForgeKvsAPIError);
  return e as ForgeKvsAPIError;
}

describe('plain keys', () => {
  it('sets, gets, deletes, and a missing key reads as undefined', async () => {
    await kvs.set('grant:alice', { tool: 'claude', n: 1 });
    expect(await kvs.get('grant:alice')).toEqual({ tool: 'claude', n: 1 });
    await kvs.delete('grant:alice');
    expect(await kvs.get('grant:alice')).toBeUndefined();
    await expect(kvs.delete('never-was')).resolves.toBeUndefined();
  });

  it('reports metadata in epoch seconds and keeps createdAt across updates', async () => {
    await kvs.set('k', 1);
    h.clock.advance('PT1H');
    await kvs.set('k', 2);
    const r = await kvs.get('k', { metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT] });
    const start = Date.parse('2026-03-02T09:00:00Z') / 1000;
    expect(r).toEqual({ key: 'k', value: 2, createdAt: start, updatedAt: start + 3600 });
  });

  it('FAIL_IF_EXISTS refuses an existing key; OVERRIDE returns PREVIOUS or LATEST', async () => {
    await kvs.set('once', 'a', { keyPolicy: 'FAIL_IF_EXISTS' });
    const e = await kvsError(kvs.set('once', 'b', { keyPolicy: 'FAIL_IF_EXISTS' }));
    expect(e.code).toBe('KEY_ALREADY_EXISTS');
    expect(await kvs.get('once')).toBe('a');
    expect(await kvs.set('once', 'c', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toEqual({
      key: 'once',
      value: 'a',
    });
    expect(await kvs.set('fresh', 'x', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toBeUndefined();
    expect(await kvs.set('once', 'd', { keyPolicy: 'OVERRIDE', returnValue: 'LATEST' })).toEqual({
      key: 'once',
      value: 'd',
    });
  });

  it('expires a TTL key when the sandbox clock passes it, and reports expireTime', async () => {
    await kvs.set('lease', 'held', { ttl: { value: 10, unit: 'MINUTES' } });
    const r = await kvs.get('lease', { metadataFields: [MetadataField.EXPIRE_TIME] });
    expect(r).toEqual({ key: 'lease', value: 'held', expireTime: '2026-03-02T09:10:00.000Z' });
    h.clock.advance('PT9M59S');
    expect(await kvs.get('lease')).toBe('held');
    h.clock.advance('PT1S');
    expect(await kvs.get('lease')).toBeUndefined();
    expect((await kvs.query().where('key', WhereConditions.beginsWith('lease')).getMany()).results).toEqual([]);
  });
});

describe('key queries', () => {
  it('pages BEGINS_WITH results in key order with a cursor', async () => {
    for (const k of ['req:3', 'req:1', 'req:2', 'other:1', 'req:4']) await kvs.set(k, k);
    const page1 = await kvs.query().where('key', WhereConditions.beginsWith('req:')).limit(3).getMany();
    expect(page1.results.map((r) => r.key)).toEqual(['req:1', 'req:2', 'req:3']);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = await kvs
      .query()
      .where('key', WhereConditions.beginsWith('req:'))
      .limit(3)
      .cursor(page1.nextCursor!)
      .getMany();
    expect(page2.results).toEqual([{ key: 'req:4', value: 'req:4' }]);
    expect(page2.nextCursor).toBeUndefined();
  });

  it('enforces the query limit of 20 and rejects a cursor from another query', async () => {
    expect((await kvsError(kvs.query().limit(21).getMany())).code).toBe('LIMIT_EXCEEDED');
    for (const k of ['a:1', 'a:2']) await kvs.set(k, 1);
    const { nextCursor } = await kvs.query().where('key', WhereConditions.beginsWith('a:')).limit(1).getMany();
    expect(
      (await kvsError(kvs.query().where('key', WhereConditions.beginsWith('b:')).cursor(nextCursor!).getMany())).code,
    ).toBe('INVALID_CURSOR');
  });
});

describe('secrets', () => {
  it('are stored apart from plain keys and never returned by key queries', async () => {
    await kvs.setSecret('okta:token', 'ssws-123');
    await kvs.set('okta:config', { org: 'acme' });
    expect(await kvs.getSecret('okta:token')).toBe('ssws-123');
    expect(await kvs.get('okta:token')).toBeUndefined();
    expect(await kvs.getSecret('okta:config')).toBeUndefined();
    const all = await kvs.query().where('key', WhereConditions.beginsWith('okta')).getMany();
    expect(all.results).toEqual([{ key: 'okta:config', value: { org: 'acme' } }]);
    await kvs.deleteSecret('okta:token');
    expect(await kvs.getSecret('okta:token')).toBeUndefined();
  });
});

describe('limits', () => {
  it('rejects bad keys: too long, forbidden characters, whitespace only', async () => {
    expect((await kvsError(kvs.set('x'.repeat(501), 1))).code).toBe('INVALID_KEY');
    await expect(kvs.set('x'.repeat(500), 1)).resolves.toBeUndefined();
    expect((await kvsError(kvs.set('a/b', 1))).code).toBe('INVALID_KEY');
    expect((await kvsError(kvs.set('   ', 1))).code).toBe('INVALID_KEY');
    await expect(kvs.set('ok key:with.all_the-allowed#chars', 1)).resolves.toBeUndefined();
  });

  it('rejects a value over 240 KiB', async () => {
    const e = await kvsError(kvs.set('big', 'x'.repeat(240 * 1024)));
    expect(e.code).toBe('VALUE_TOO_LARGE');
    expect(e.responseDetails.status).toBe(413);
    await expect(kvs.set('fits', 'x'.repeat(240 * 1024 - 2))).resolves.toBeUndefined();
  });

  it('caps batches at 25 keys', async () => {
    const items = Array.from({ length: 26 }, (_, i) => ({ key: `b:${i}`, value: i }));
    expect((await kvsError(kvs.batchSet(items))).code).toBe('LIMIT_EXCEEDED');
    expect(await kvs.get('b:0')).toBeUndefined();
  });
});

describe('batches', () => {
  it('set, get and delete per item with successfulKeys and failedKeys', async () => {
    const set = await kvs.batchSet<unknown>([
      { key: 'p:1', value: 'one' },
      { key: 'bad/key', value: 'x' },
      { key: 'g:1', value: { userId: 'u1', status: 'active', endsAt: 10 }, entityName: 'grant' },
      { key: 'g:2', value: { userId: 'u1', nope: true }, entityName: 'grant' },
    ]);
    expect(set.successfulKeys).toEqual([{ key: 'p:1' }, { key: 'g:1', entityName: 'grant' }]);
    expect(set.failedKeys.map((f) => [f.key, f.error.code])).toEqual([
      ['bad/key', 'INVALID_KEY'],
      ['g:2', 'VALIDATION_ERROR'],
    ]);
    const got = await kvs.batchGet([{ key: 'p:1' }, { key: 'g:1', entityName: 'grant' }, { key: 'missing' }]);
    expect(got.successfulKeys).toEqual([
      { key: 'p:1', value: 'one' },
      { key: 'g:1', value: { userId: 'u1', status: 'active', endsAt: 10 }, entityName: 'grant' },
    ]);
    expect(got.failedKeys).toEqual([
      { key: 'missing', error: { code: 'KEY_NOT_FOUND', message: 'Key does not exist' } },
    ]);
    const del = await kvs.batchDelete([{ key: 'p:1' }, { key: 'g:1', entityName: 'grant' }]);
    expect(del.failedKeys).toEqual([]);
    expect(await kvs.get('p:1')).toBeUndefined();
    expect(await kvs.entity('grant').get('g:1')).toBeUndefined();
  });
});

describe('counting', () => {
  it('counts SDK calls per operation inside run()', async () => {
    const { counters } = await h.platform.run(async () => {
      await kvs.set('a', 1);
      await kvs.get('a');
      await kvs.get('b');
      await kvs.getSecret('s');
      await kvs.query().getMany();
    });
    expect(counters.kvsOps).toEqual({ set: 1, get: 2, 'secret.get': 1, query: 1 });
  });
});
