// Entity index queries are answered from forge_kvs_entity_index: they read the
// rows of the requested partition/range, not the whole entity, and the side
// table follows every write path and is rebuilt for older data files.
import kvs, { Filter, FilterConditions, Sort, WhereConditions } from '@forge/kvs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SandboxClock } from '../../../src/sandbox/clock';
import type { SandboxDb } from '../../../src/sandbox/db';
import { KvsStore } from '../../../src/sandbox/forge/kvs/store';
import { makeHarness, START, type Harness } from './helpers';

interface Grant {
  userId: string;
  toolId: string;
  status: string;
  endsAt: number;
  note?: string;
}

const grants = () => kvs.entity<Grant>('grant');
const key = (i: number) => `g${String(i).padStart(3, '0')}`;
const grantOf = (i: number): Grant => ({
  userId: `u${i % 10}`,
  toolId: i % 3 ? 'claude' : 'gemini',
  status: i % 4 ? 'active' : 'expired',
  endsAt: 1000 - (i % 50) * 10,
});

async function seed(n: number): Promise<void> {
  for (let i = 0; i < n; i += 20) {
    const items = [];
    for (let j = i; j < Math.min(n, i + 20); j++) items.push({ key: key(j), value: grantOf(j), entityName: 'grant' });
    const r = await kvs.batchSet(items);
    expect(r.failedKeys).toEqual([]);
  }
}

/** What the query must return: the old whole-entity evaluation, written out by hand. */
function expected(n: number, match: (g: Grant, k: string) => boolean, desc = false): string[] {
  const rows = Array.from({ length: n }, (_, i) => ({ k: key(i), g: grantOf(i) })).filter((r) => match(r.g, r.k));
  rows.sort((a, b) => a.g.endsAt - b.g.endsAt || (a.k < b.k ? -1 : 1));
  if (desc) rows.reverse();
  return rows.map((r) => r.k);
}

async function allPages(
  q: () => { cursor(c: string): unknown; getMany(): Promise<{ results: Array<{ key: string }>; nextCursor?: string }> },
): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const builder = cursor ? (q().cursor(cursor) as ReturnType<typeof q>) : q();
    const page = await builder.getMany();
    out.push(...page.results.map((r) => r.key));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

function indexRows(db: SandboxDb): Array<Record<string, unknown>> {
  return db
    .prepare(
      `SELECT space, index_name, partition_json, range_num, range_text, key FROM forge_kvs_entity_index ORDER BY space, index_name, key`,
    )
    .all() as Array<Record<string, unknown>>;
}

/** Candidate rows loaded per index query, and whether any query fell back to reading the whole entity. */
function watchReads() {
  const all = jest.spyOn(KvsStore.prototype, 'all');
  const candidates = jest.spyOn(KvsStore.prototype, 'indexCandidates');
  return {
    all,
    loaded: () => candidates.mock.results.map((r) => (r.value as unknown[]).length),
    reset: () => {
      all.mockClear();
      candidates.mockClear();
    },
  };
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('entity index queries read only the requested rows', () => {
  let h: Harness;
  beforeEach(() => {
    h = makeHarness();
  });
  afterEach(async () => {
    await h.platform.close();
  });

  it('loads the partition/range rows, never the whole entity, with the same answers', async () => {
    const N = 300;
    await seed(N);
    const reads = watchReads();

    // Partition u3 (30 items), range BETWEEN 600 and 800 pushed into SQL; paged with cursors.
    const inRange = expected(N, (g) => g.userId === 'u3' && g.endsAt >= 600 && g.endsAt <= 800);
    expect(inRange.length).toBeGreaterThan(3);
    expect(
      await allPages(() =>
        grants()
          .query()
          .index('by-user-ends', { partition: ['u3'] })
          .where(WhereConditions.between(600, 800))
          .limit(4),
      ),
    ).toEqual(inRange);
    expect(reads.all).not.toHaveBeenCalled();
    for (const n of reads.loaded()) expect(n).toBe(inRange.length);

    // DESC, GREATER_THAN, and a filter applied after the index narrowed the rows.
    reads.reset();
    const r = await grants()
      .query()
      .index('by-user-ends', { partition: ['u7'] })
      .where(WhereConditions.greaterThan(900))
      .filters(new Filter<Grant>().and('toolId', FilterConditions.equalTo('claude')))
      .sort(Sort.DESC)
      .limit(100)
      .getMany();
    expect(r.results.map((x) => x.key)).toEqual(
      expected(N, (g) => g.userId === 'u7' && g.endsAt > 900 && g.toolId === 'claude', true),
    );
    expect(reads.loaded()).toEqual([expected(N, (g) => g.userId === 'u7' && g.endsAt > 900).length]);

    // No range: the whole partition (30 of 300), still not the entity.
    reads.reset();
    const whole = await allPages(() =>
      grants()
        .query()
        .index('by-user-ends', { partition: ['u1'] })
        .limit(7),
    );
    expect(whole).toEqual(expected(N, (g) => g.userId === 'u1'));
    for (const n of reads.loaded()) expect(n).toBe(30);

    // A string range on an unpartitioned index.
    reads.reset();
    const expiredKeys = (
      await allPages(() => grants().query().index('status').where(WhereConditions.equalTo('expired')).limit(50))
    ).sort();
    expect(expiredKeys).toEqual(
      Array.from({ length: N }, (_, i) => i)
        .filter((i) => i % 4 === 0)
        .map(key),
    );
    for (const n of reads.loaded()) expect(n).toBe(N / 4);

    // by-key BEGINS_WITH reads only the matching keys.
    reads.reset();
    const byKey = await grants().query().index('by-key').where(WhereConditions.beginsWith('g01')).limit(100).getMany();
    expect(byKey.results.map((x) => x.key)).toEqual(Array.from({ length: 10 }, (_, i) => key(10 + i)));
    expect(reads.loaded()).toEqual([10]);
    expect(reads.all).not.toHaveBeenCalled();
  });

  it('keeps the side table in step with set, overwrite, delete, batch, transaction, a failed transaction and TTL', async () => {
    const byUser = async (user: string) =>
      (
        await grants()
          .query()
          .index('by-user-ends', { partition: [user] })
          .limit(100)
          .getMany()
      ).results.map((x) => x.key);
    await grants().set('a', { userId: 'alice', toolId: 't', status: 'active', endsAt: 1 });
    await grants().set('a', { userId: 'bob', toolId: 't', status: 'active', endsAt: 1 });
    expect(await byUser('alice')).toEqual([]);
    expect(await byUser('bob')).toEqual(['a']);
    // Overwriting with a value that lacks the range attribute drops it from that index only.
    await grants().set('a', { userId: 'bob', toolId: 't', status: 'active' } as Grant);
    expect(await byUser('bob')).toEqual([]);
    expect(
      (await grants().query().index('status').where(WhereConditions.equalTo('active')).getMany()).results.map(
        (x) => x.key,
      ),
    ).toEqual(['a']);

    await kvs.batchSet([
      { key: 'b', value: { userId: 'carol', toolId: 't', status: 'active', endsAt: 2 }, entityName: 'grant' },
      { key: 'c', value: { userId: 'carol', toolId: 't', status: 'active', endsAt: 3 }, entityName: 'grant' },
    ]);
    await kvs.batchDelete([{ key: 'b', entityName: 'grant' }]);
    await grants().delete('a');
    expect(await byUser('carol')).toEqual(['c']);

    await kvs
      .transact()
      .set('d', { userId: 'carol', toolId: 't', status: 'active', endsAt: 0 }, { entityName: 'grant' })
      .delete('c', { entityName: 'grant' })
      .execute();
    expect(await byUser('carol')).toEqual(['d']);
    await expect(
      kvs
        .transact()
        .set('e', { userId: 'carol', toolId: 't', status: 'active', endsAt: 9 }, { entityName: 'grant' })
        .delete('d', {
          entityName: 'grant',
          conditions: new Filter<Grant>().and('endsAt', FilterConditions.equalTo(42)),
        })
        .execute(),
    ).rejects.toMatchObject({ code: 'CONDITION_CHECK_FAILED' });
    expect(await byUser('carol')).toEqual(['d']);

    await grants().set(
      't',
      { userId: 'carol', toolId: 't', status: 'active', endsAt: 5 },
      { ttl: { value: 1, unit: 'MINUTES' } },
    );
    expect(await byUser('carol')).toEqual(['d', 't']);
    h.clock.advance('PT2M');
    expect(await byUser('carol')).toEqual(['d']);
    // An expired item overwritten without TTL is back, indexed from its new value.
    await grants().set('t', { userId: 'dave', toolId: 't', status: 'active', endsAt: 5 });
    expect(await byUser('dave')).toEqual(['t']);
    expect(await byUser('carol')).toEqual(['d']);

    // Purging expired rows removes their index rows in the same transaction.
    await grants().set(
      'x',
      { userId: 'carol', toolId: 't', status: 'active', endsAt: 7 },
      { ttl: { value: 1, unit: 'SECONDS' } },
    );
    h.clock.advance('PT5S');
    const store = new KvsStore(h.db, h.clock, h.platform.model.entities);
    expect(store.purgeExpired()).toBe(1);
    expect(indexRows(h.db).filter((r) => r.key === 'x')).toEqual([]);

    // What the write paths maintained equals a rebuild from the entity rows.
    const maintained = indexRows(h.db);
    expect(maintained.map((r) => `${String(r.index_name)}:${String(r.key)}`)).toEqual([
      'by-user-ends:d',
      'by-user-ends:t',
      'status:d',
      'status:t',
    ]);
    h.db.prepare('DELETE FROM forge_kvs_entity_index').run();
    new KvsStore(h.db, h.clock, h.platform.model.entities);
    expect(indexRows(h.db)).toEqual(maintained);
  });
});

describe('existing data files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-index-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['the side table emptied', (db: SandboxDb) => db.prepare('DELETE FROM forge_kvs_entity_index').run()],
    [
      'the side tables dropped (a file from before they existed)',
      (db: SandboxDb) => db.exec('DROP TABLE forge_kvs_entity_index; DROP TABLE forge_kvs_entity_index_defs'),
    ],
    [
      'index definitions changed since it was built',
      (db: SandboxDb) => {
        db.prepare(`UPDATE forge_kvs_entity_index SET index_name = 'old-index' WHERE index_name = 'status'`).run();
        db.prepare(`UPDATE forge_kvs_entity_index_defs SET defs = '[]'`).run();
      },
    ],
  ])('rebuilds the index for a re-created platform with %s', async (_label, damage) => {
    const dbPath = path.join(dir, 'sandbox.db');
    const clock = new SandboxClock();
    clock.set(START, { freeze: true });
    const N = 120;

    const first = makeHarness({ dbPath, clock });
    await seed(N);
    await first.platform.close();
    damage(first.db);
    first.db.close();

    const second = makeHarness({ dbPath, clock });
    try {
      const reads = watchReads();
      const r = await allPages(() =>
        grants()
          .query()
          .index('by-user-ends', { partition: ['u4'] })
          .where(WhereConditions.lessThanEqualTo(700))
          .limit(3),
      );
      expect(r).toEqual(expected(N, (g) => g.userId === 'u4' && g.endsAt <= 700));
      expect(r.length).toBeGreaterThan(0);
      const active = (
        await allPages(() => grants().query().index('status').where(WhereConditions.beginsWith('act')).limit(100))
      ).sort();
      expect(active).toEqual(
        Array.from({ length: N }, (_, i) => i)
          .filter((i) => i % 4 !== 0)
          .map(key),
      );
      expect(reads.all).not.toHaveBeenCalled();
      expect(indexRows(second.db).filter((row) => row.index_name === 'old-index')).toEqual([]);
    } finally {
      await second.platform.close();
      second.db.close();
    }
  });
});
