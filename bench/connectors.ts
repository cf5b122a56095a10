// Benchmark: connected mode under a 429 storm. Each run is a fresh in-process sandbox (the real
// handlers on the emulated Forge platform, the emulated Okta org and Entra tenant) with connected
// mode set up as `npm start` does; then, with the IdPs answering 429 to a share of their API calls
// (seeded; Okta with X-Rate-Limit-Reset, Graph with Retry-After) and some 5xx, alice and bob each get
// GitHub Copilot Business (Okta) and Claude for Work (Entra) approved, cycle after cycle, and every
// grant is expired by the lifecycle sweep. It prints, per run and as median (min–max) over the runs:
//   - connector jobs (adds + removals) done per wall-clock minute of the whole loop, and per minute of
//     sandbox time (which includes the waits the IdPs asked for: the throughput a real site would see);
//   - attempts per job, as the governance log evidences them (the retries the storm forced);
// and checks, failing loudly otherwise, that every add landed (grant active only once a member) and
// that no removal was lost (nobody left in a bound group after the expiries).
//   npx tsx bench/connectors.ts [--runs 5] [--cycles 3] [--rate429 0.5] [--rate5xx 0.05]
import { SANDBOX_IDP } from '../src/sandbox/idp';
import { bootstrapConnectedMode } from '../src/sandbox/connected-mode';
import { makeCoreHarness, PURPOSE, type CoreHarness } from '../test/integration/core-loop/harness';
import { numberArg, spread } from './stats';

const RUNS = numberArg('--runs', 5);
const CYCLES = numberArg('--cycles', 3);
const RATE_429 = numberArg('--rate429', 0.5);
const RATE_5XX = numberArg('--rate5xx', 0.05);
const APPROVE = '21';
const TOOLS = [
  { toolId: 'github-copilot-business', provider: 'okta' as const, groupId: SANDBOX_IDP.okta.groups.copilot },
  { toolId: 'claude-for-work', provider: 'graph' as const, groupId: SANDBOX_IDP.graph.groups.claude },
];
const WHO = ['alice', 'bob'] as const;

function members(h: CoreHarness, provider: 'okta' | 'graph', groupId: string): string[] {
  const s = h.sb.idp.store.read();
  if (provider === 'okta') return s.okta.groups.find((g) => g.id === groupId)?.members ?? [];
  return s.graph.groups.find((g) => g.id === groupId)?.members ?? [];
}

async function settleUntil(h: CoreHarness, done: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await done()) return;
    await h.settle(true);
  }
  throw new Error(`bench: ${what} did not happen`);
}

interface RunResult {
  jobs: number;
  wallMs: number;
  sandboxMs: number;
  attempts: number;
}

async function oneRun(seed: number): Promise<RunResult> {
  const h = await makeCoreHarness();
  try {
    await bootstrapConnectedMode(h.sb, h.sb.idp.connectionDetails(), () => undefined);
    // The seeded stray (bob in "AI - GitHub Copilot") is reconciliation's business, not this bench's.
    h.sb.idp.store.update((s) => {
      for (const g of s.okta.groups) if (g.id === SANDBOX_IDP.okta.groups.copilot) g.members = [];
    });
    h.sb.faults.configure({ idp: { rate429: RATE_429, rate5xx: RATE_5XX, retryAfterSeconds: 30 }, seed });
    const wall0 = performance.now();
    const sandbox0 = h.sb.clock.now().getTime();
    let jobs = 0;
    const allGrants: string[] = [];
    for (let c = 0; c < CYCLES; c++) {
      const grants: string[] = [];
      for (const who of WHO)
        for (const t of TOOLS) {
          const r = h.fileViaPanel(who, { toolId: t.toolId, purpose: PURPOSE, days: 30 });
          await h.settle();
          const res = await h.call('agent', 'POST', `/rest/api/3/issue/${r.issueKey}/transitions`, {
            transition: { id: APPROVE },
          });
          if (res.status !== 204) throw new Error(`bench: approving ${r.issueKey} answered ${res.status}`);
          grants.push(r.issueId);
          allGrants.push(r.issueId);
        }
      await settleUntil(
        h,
        async () => {
          for (const id of grants) if ((await h.record('grant', id))?.status !== 'active') return false;
          return true;
        },
        `cycle ${c}: every grant active`,
      );
      for (const t of TOOLS)
        if (members(h, t.provider, t.groupId).length !== WHO.length)
          throw new Error(`bench: cycle ${c}: ${t.toolId}'s group does not hold both grant holders`);
      jobs += grants.length;
      h.sb.clock.advance('P31D');
      const runs = await h.sb.forge.runScheduled('lifecycle-sweeps-hourly');
      if (runs.some((x) => x.result !== 'ok')) throw new Error(`bench: cycle ${c}: the lifecycle sweep failed`);
      await settleUntil(
        h,
        async () => TOOLS.every((t) => members(h, t.provider, t.groupId).length === 0),
        `cycle ${c}: every removal`,
      );
      jobs += grants.length;
    }
    const wallMs = performance.now() - wall0;
    const sandboxMs = h.sb.clock.now().getTime() - sandbox0 - CYCLES * 31 * 86_400_000;
    // Attempts, as evidenced in the governance log: one connector.job_* event per attempt of each job.
    let attempts = 0;
    for (const id of allGrants)
      for (const p of ['okta', 'entra'])
        attempts += (await h.events(`connector:${p}.${id}`)).filter((e) =>
          /^connector\.job_(succeeded|retrying|manual_action_required)$/.test((e.doc as { action: string }).action),
        ).length;
    // Zero lost removals: nobody left in a bound group.
    for (const t of TOOLS)
      if (members(h, t.provider, t.groupId).length)
        throw new Error(`bench: a removal from ${t.toolId}'s group was lost`);
    return { jobs, wallMs, sandboxMs, attempts };
  } finally {
    await h.close();
  }
}

/** The harness mutes the handlers' console lines (quietHandlerLogs); the bench writes its own. */
function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  say(
    `connectors bench: ${RUNS} runs × ${CYCLES} cycles × ${WHO.length * TOOLS.length} grants (add + removal), IdP faults 429 ${RATE_429}, 5xx ${RATE_5XX}`,
  );
  const results: RunResult[] = [];
  for (let r = 0; r < RUNS; r++) {
    const res = await oneRun(100 + r);
    results.push(res);
    say(
      `  run ${r + 1}: ${res.jobs} jobs, ${(res.jobs / (res.wallMs / 60_000)).toFixed(0)} jobs/min wall, ` +
        `${(res.jobs / Math.max(res.sandboxMs / 60_000, 1 / 60)).toFixed(1)} jobs/min sandbox time, ${res.attempts} attempts`,
    );
  }
  say('');
  say(`jobs per minute (wall clock)     ${spread(results.map((r) => r.jobs / (r.wallMs / 60_000)))}`);
  say(
    `jobs per minute (sandbox time)   ${spread(
      results.map((r) => r.jobs / Math.max(r.sandboxMs / 60_000, 1 / 60)),
      1,
    )}`,
  );
  say(
    `attempts per job                 ${spread(
      results.map((r) => r.attempts / r.jobs),
      2,
    )}`,
  );
  say(`lost removals                    0 of ${results.reduce((n, r) => n + r.jobs / 2, 0)} (checked every run)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
