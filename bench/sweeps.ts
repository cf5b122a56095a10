// Benchmark: one lifecycle sweep over N grants of which 100 are due, for
// N = 1,000 and N = 100,000, in the sandbox (real @forge/kvs over SQLite, the
// Jira emulator). Prints KVS operations, Jira calls and wall time: the cost
// should follow the 100 DUE grants, not N. A warm-up run comes first (not
// reported: it pays module loading and JIT), then --runs fresh sandboxes per
// size; the sweep time is the median (min–max) over them. KVS operations and
// Jira calls must be the same in every run of a size (a warning says if not).
//   npx tsx bench/sweeps.ts [--big 100000] [--runs 5]
import { grantPut } from '../src/usecases/shared/records';
import { runSweeps } from '../src/usecases/sweeps/run-sweeps';
import type { GrantDoc } from '../src/domain/grant/types';
import { makeSweepHarness, seedActiveGrant, type SweepHarness } from '../test/integration/sweeps/harness';
import { median, numberArg, spread } from './stats';

const DUE = 100;

/** Not-due grants with fake tickets, written 25 per KVS transaction (the platform limit). */
async function seedQuiet(h: SweepHarness, template: GrantDoc, n: number): Promise<void> {
  const far = new Date(h.clock.nowMs() + 300 * 86400_000).toISOString();
  for (let i = 0; i < n; i += 25) {
    await h.inApp(async (d) => {
      const puts = [];
      for (let j = i; j < Math.min(n, i + 25); j++) {
        const id = String(900_000_000 + j);
        puts.push(
          grantPut(
            { ...template, id, ticket: { id, key: `AIC-${100_000 + j}` }, requester: `user-${j}`, expiresAt: far },
            'absent',
          ),
        );
      }
      await d.store.commit({ puts });
    });
  }
}

interface Run {
  kvsOps: number;
  byOp: Record<string, number>;
  jiraCalls: number;
  ms: number;
  expired: number;
  seedMs: number;
}

async function measure(total: number): Promise<Run> {
  const h = makeSweepHarness();
  try {
    const seedStart = performance.now();
    let template: GrantDoc | undefined;
    for (let i = 0; i < DUE; i++) template = (await seedActiveGrant(h, 30, false, false)).grant;
    await seedQuiet(h, template!, total - DUE);
    const seedMs = performance.now() - seedStart;
    h.clock.advance('P30D');
    const t0 = performance.now();
    const { value, counters } = await h.inAppCounted((d) => runSweeps(d));
    const ms = performance.now() - t0;
    const kvsOps = Object.values(counters.kvsOps).reduce((a, b) => a + b, 0);
    if (value.counts.expired !== DUE)
      throw new Error(`sweep of ${total} grants expired ${value.counts.expired}, expected ${DUE}`);
    return {
      kvsOps,
      byOp: counters.kvsOps,
      jiraCalls: counters.productCalls,
      ms,
      expired: value.counts.expired,
      seedMs,
    };
  } finally {
    await h.close();
  }
}

const sorted = (ops: Record<string, number>): string =>
  JSON.stringify(Object.fromEntries(Object.entries(ops).sort(([a], [b]) => a.localeCompare(b))));

async function main(): Promise<void> {
  const big = numberArg('--big', 100_000);
  const runs = Math.max(5, numberArg('--runs', 5));
  await measure(1_000); // warm-up: module loading and JIT, not reported
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(
    `Lifecycle sweep (expiry of ${DUE} due grants), sandbox KVS + Jira emulator; after one warm-up run, ${runs} runs per size (a fresh sandbox each)`,
  );
  out('grants     due  expired  KVS ops  Jira calls  sweep ms median (min–max)  (seed s, median)');
  const byOp: string[] = [];
  for (const total of [1_000, big]) {
    const rs: Run[] = [];
    for (let i = 0; i < runs; i++) rs.push(await measure(total));
    const first = rs[0];
    out(
      `${String(total).padStart(7)}  ${String(DUE).padStart(5)}  ${String(first.expired).padStart(7)}  ${String(first.kvsOps).padStart(7)}  ${String(first.jiraCalls).padStart(10)}  ${spread(rs.map((r) => r.ms)).padStart(25)}  (${(median(rs.map((r) => r.seedMs)) / 1000).toFixed(1)})`,
    );
    const differ = rs.filter(
      (r) => r.kvsOps !== first.kvsOps || r.jiraCalls !== first.jiraCalls || sorted(r.byOp) !== sorted(first.byOp),
    );
    if (differ.length > 0)
      out(
        `WARNING: ${total} grants: KVS ops / Jira calls differ between runs: ${rs.map((r) => `${r.kvsOps}/${r.jiraCalls}`).join(', ')}`,
      );
    byOp.push(`${total}: ${sorted(first.byOp)}`);
  }
  out(`KVS ops by kind: ${byOp.join('  |  ')}`);
}

void main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
