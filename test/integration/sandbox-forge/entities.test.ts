// Custom entities through the real @forge/kvs: schema checks and index queries.
import kvs, { Filter, FilterConditions, ForgeKvsAPIError, Sort, WhereConditions } from '@forge/kvs';
import { makeHarness, type Harness } from './helpers';

interface Grant {
  userId: string;
  toolId: string;
  status: string;
  endsAt: number;
  score?: number;
  active?: boolean;
  note?: string;
  tags?: string[];
}

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(async () => {
  await h.platform.close();
});

const grants = () => kvs.entity<Grant>('grant');

async function code(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ForgeKvsAPIError);
  return (e as ForgeKvsAPIError).code;
}

async function seed(): Promise<void> {
  const rows: Array<[string, Grant]> = [
    ['g1', { userId: 'alice', toolId: 'claude', status: 'active', endsAt: 300, score: 0.9, tags: ['llm'] }],
    ['g2', { userId: 'alice', toolId: 'copilot', status: 'expired', endsAt: 100, active: false }],
    ['g3', { userId: 'alice', toolId: 'gemini', status: 'active', endsAt: 200, note: 'pilot program' }],
    ['g4', { userId: 'bob', toolId: 'claude', status: 'active', endsAt: 150 }],
    ['g5', { userId: 'alice', toolId: 'mistral', status: 'active', endsAt: 200 }],
    ['g6', { userId: 'alice', toolId: 'llama', status: 'active', endsAt: 400 }],
  ];
  for (const [k, v] of rows) await grants().set(k, v);
}

describe('entity values', () => {
  it('round-trips and deletes', async () => {
    await grants().set('g1', { userId: 'alice', toolId: 'claude', status: 'active', endsAt: 1_767_225_600 });
    expect(await grants().get('g1')).toEqual({
      userId: 'alice',
      toolId: 'claude',
      status: 'active',
      endsAt: 1_767_225_600,
    });
    await grants().delete('g1');
    expect(await grants().get('g1')).toBeUndefined();
  });

  it('rejects undeclared attributes, wrong types, and integers outside 32 bits (ms timestamps)', async () => {
    expect(
      await code(grants().set('x', { userId: 'a', toolId: 't', status: 's', endsAt: 1, colour: 'red' } as Grant)),
    ).toBe('VALIDATION_ERROR');
    expect(
      await code(grants().set('x', { userId: 'a', toolId: 't', status: 's', endsAt: '1' } as unknown as Grant)),
    ).toBe('VALIDATION_ERROR');
    expect(await code(grants().set('x', { userId: 'a', toolId: 't', status: 's', endsAt: 1.5 }))).toBe(
      'VALIDATION_ERROR',
    );
    expect(
      await code(grants().set('x', { userId: 'a', toolId: 't', status: 's', endsAt: Date.parse('2026-01-01') })),
    ).toBe('VALIDATION_ERROR');
    expect(await code(kvs.entity('undeclared').set('x', { a: 1 }))).toBe('BAD_REQUEST');
    expect(await grants().get('x')).toBeUndefined();
  });

  it('keeps entities apart from plain keys of the same name', async () => {
    await grants().set('same', { userId: 'a', toolId: 't', status: 's', endsAt: 1 });
    expect(await kvs.get('same')).toBeUndefined();
    expect((await kvs.query().getMany()).results).toEqual([]);
  });
});

describe('index queries', () => {
  it('pages a partitioned range query by range value then key, with a cursor', async () => {
    await seed();
    const q = () =>
      grants()
        .query()
        .index('by-user-ends', { partition: ['alice'] })
        .where(WhereConditions.between(100, 300))
        .limit(2);
    const p1 = await q().getMany();
    expect(p1.results.map((r) => r.key)).toEqual(['g2', 'g3']);
    expect(p1.nextCursor).toEqual(expect.any(String));
    const p2 = await q().cursor(p1.nextCursor!).getMany();
    // endsAt 200 twice: g3 then g5 (key order); then 300.
    expect(p2.results.map((r) => r.key)).toEqual(['g5', 'g1']);
    expect(p2.nextCursor).toBeUndefined();
    expect(p2.results[1].value.toolId).toBe('claude');
  });

  it('sorts DESC, applies GT/LT ranges, and excludes other partitions', async () => {
    await seed();
    const desc = await grants()
      .query()
      .index('by-user-ends', { partition: ['alice'] })
      .where(WhereConditions.greaterThan(150))
      .sort(Sort.DESC)
      .getMany();
    expect(desc.results.map((r) => r.key)).toEqual(['g6', 'g1', 'g5', 'g3']);
    const bob = await grants()
      .query()
      .index('by-user-ends', { partition: ['bob'] })
      .where(WhereConditions.lessThanEqualTo(150))
      .getMany();
    expect(bob.results.map((r) => r.key)).toEqual(['g4']);
  });

  it('filters with and/or, EXISTS, NOT_EXISTS, CONTAINS, NOT_EQUAL_TO', async () => {
    await seed();
    const byStatus = () => grants().query().index('status').where(WhereConditions.equalTo('active'));
    const keys = async (f: Parameters<ReturnType<typeof byStatus>['filters']>[0]) =>
      (await byStatus().filters(f).getMany()).results.map((r) => r.key).sort();
    expect(
      await keys(
        new Filter<Grant>()
          .and('userId', FilterConditions.equalTo('alice'))
          .and('endsAt', FilterConditions.lessThan(300)),
      ),
    ).toEqual(['g3', 'g5']);
    expect(
      await keys(
        new Filter<Grant>()
          .or('toolId', FilterConditions.equalTo('llama'))
          .or('userId', FilterConditions.equalTo('bob')),
      ),
    ).toEqual(['g4', 'g6']);
    expect(await keys(new Filter<Grant>().and('note', FilterConditions.exists()))).toEqual(['g3']);
    expect(await keys(new Filter<Grant>().and('score', FilterConditions.notExists()))).toEqual([
      'g3',
      'g4',
      'g5',
      'g6',
    ]);
    expect(await keys(new Filter<Grant>().and('note', FilterConditions.contains('pilot')))).toEqual(['g3']);
    expect(await keys(new Filter<Grant>().and('tags', FilterConditions.contains('llm')))).toEqual(['g1']);
    expect(await keys(new Filter<Grant>().and('toolId', FilterConditions.notEqualTo('claude')))).toEqual([
      'g3',
      'g5',
      'g6',
    ]);
    expect(await keys(new Filter<Grant>().and('note', FilterConditions.notContains('pilot')))).toEqual([
      'g1',
      'g4',
      'g5',
      'g6',
    ]);
  });

  it('queries the built-in by-key index with BEGINS_WITH', async () => {
    await seed();
    await grants().set('h1', { userId: 'z', toolId: 'z', status: 'z', endsAt: 1 });
    const r = await grants().query().index('by-key').where(WhereConditions.beginsWith('g')).limit(3).getMany();
    expect(r.results.map((x) => x.key)).toEqual(['g1', 'g2', 'g3']);
  });

  it('refuses unknown indexes, missing partitions and limits over 100', async () => {
    expect(await code(grants().query().index('by-tool').getMany())).toBe('BAD_REQUEST');
    expect(await code(grants().query().index('by-user-ends').getMany())).toBe('BAD_REQUEST');
    expect(await code(grants().query().index('status').limit(101).getMany())).toBe('LIMIT_EXCEEDED');
  });

  it('leaves items without the index attributes out of the index', async () => {
    await kvs.entity('grant').set('partial', { userId: 'alice', toolId: 'x', status: 'active' });
    await seed();
    const r = await grants()
      .query()
      .index('by-user-ends', { partition: ['alice'] })
      .limit(100)
      .getMany();
    expect(r.results.map((x) => x.key)).not.toContain('partial');
    const s = await grants().query().index('status').where(WhereConditions.equalTo('active')).limit(100).getMany();
    expect(s.results.map((x) => x.key)).toContain('partial');
  });
});
