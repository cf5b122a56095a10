// Benchmark: one lifecycle sweep over N grants of which 100 are due, for
// N = 1,000 and N = 100,000, in the sandbox (real @forge/kvs over SQLite, the
// Jira emulator). Prints KVS operations, Jira calls and wall time per run: the
// cost should follow the 100 DUE grants, not N.
//   npx tsx bench/sweeps.ts [--big 100000]
import { grantPut } from '../src/usecases/shared/records';
import { runSweeps } from '../src/usecases/sweeps/run-sweeps';
import type { GrantDoc } from '../src/domain/grant/types';
import { makeSweepHarness, seedActiveGrant, type SweepHarness } from '../test/integration/sweeps/harness';

const DUE = 100;

/** Not-due grants with fake tickets, written 25 per KVS transaction (the platform limit). */
async function seedQuiet(h: SweepHarness, template: GrantDoc, n: number): Promise<void> {
  const far = new Date(h.clock.nowMs() + 300 * 86400_000).toISOString();
  for (let i = 0; i < n; i += 25) {
    await h.inApp(async (d) => {
      const puts = [];
      for (let j = i; j < Math.min(n, i + 25); j++) {
        const id = String(900_000_000 + j);
        puts.push(grantPut({ ...template, id, ticket: { id, key: `AIC-${100_000 + j}` }, requester: `user-${j}`, expiresAt: far }, 'absent'));
      }
      await d.store.commit({ puts });
    });
  }
}

async function measure(total: number): Promise<{ total: number; due: number; kvsOps: number; byOp: Record<string, number>; jiraCalls: number; ms: number; expired: number; seedMs: number }> {
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
    return { total, due: DUE, kvsOps, byOp: counters.kvsOps, jiraCalls: counters.productCalls, ms, expired: value.counts.expired, seedMs };
  } finally {
    await h.close();
  }
}

async function main(): Promise<void> {
  const bigArg = process.argv.indexOf('--big');
  const big = bigArg > 0 ? Number(process.argv[bigArg + 1]) : 100_000;
  const rows = [await measure(1_000), await measure(big)];
  console.log('Lifecycle sweep (expiry of 100 due grants), sandbox KVS + Jira emulator');
  console.log('grants     due  expired  KVS ops  Jira calls  sweep ms  (seed s)');
  for (const r of rows) {
    console.log(`${String(r.total).padStart(7)}  ${String(r.due).padStart(5)}  ${String(r.expired).padStart(7)}  ${String(r.kvsOps).padStart(7)}  ${String(r.jiraCalls).padStart(10)}  ${r.ms.toFixed(0).padStart(8)}  (${(r.seedMs / 1000).toFixed(1)})`);
  }
  console.log('KVS ops by kind:', rows.map((r) => `${r.total}: ${JSON.stringify(r.byOp)}`).join('  |  '));
}

void main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
