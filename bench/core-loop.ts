// Benchmark: what each lifecycle event costs in the sandbox (the real handlers
// on the emulated Forge platform, real @forge/kvs over SQLite, the Jira
// emulator): Jira REST calls (writes/reads) and KVS operations per event, and
// handler latency p50/p95 from the platform's invocation log. Then the cold
// start: the Forge handlers bundled as Forge would (esbuild, minified,
// platform node) — bundle size and load time next to a bare `node -e ''`.
//   npx tsx bench/core-loop.ts [--cycles 20] [--cold-start-only]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EmulatorRequest } from '../src/sandbox/contracts';
import { makeCoreHarness, PURPOSE, type CoreHarness } from '../test/integration/core-loop/harness';

const CYCLES = Number(process.argv[process.argv.indexOf('--cycles') + 1]) || 20;

interface Sample {
  jiraWrites: number;
  jiraReads: number;
  kvs: Record<string, number>;
  ms: number[];
}

const samples = new Map<string, Sample[]>();
const appCalls: Array<{ method: string; path: string }> = [];

function adf(text: string) {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

async function measure(h: CoreHarness, label: string, act: () => Promise<unknown> | unknown): Promise<void> {
  const since = h.sb.forge.lastInvocationSeq();
  appCalls.length = 0;
  await act();
  await h.settle(true);
  const inv = h.sb.forge.listInvocations({ since }).filter((i) => i.kind === 'event');
  const kvs: Record<string, number> = {};
  for (const i of inv) for (const [op, n] of Object.entries(i.kvsOps)) kvs[op] = (kvs[op] ?? 0) + n;
  const writes = appCalls.filter((c) => c.method !== 'GET').length;
  const sample: Sample = { jiraWrites: writes, jiraReads: appCalls.length - writes, kvs, ms: inv.filter((i) => i.result === 'ok').map((i) => i.durationMs) };
  samples.set(label, [...(samples.get(label) ?? []), sample]);
}

async function transition(h: CoreHarness, key: string, id: string, extra: Record<string, unknown> = {}, who: 'agent' | 'admin' = 'agent') {
  const r = await h.call(who, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id }, ...extra });
  if (r.status !== 204) throw new Error(`transition ${id} on ${key}: ${r.status} ${JSON.stringify(r.body)}`);
}

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

function median(xs: number[]): number {
  return pct(xs, 50);
}

async function main(): Promise<void> {
  if (process.argv.includes('--cold-start-only')) return coldStart((s) => process.stdout.write(`${s}\n`));
  const h = await makeCoreHarness({ concurrency: 1 });
  // Count the app's own Jira calls (principal app), by method.
  const original = h.sb.jira.handle.bind(h.sb.jira);
  h.sb.jira.handle = async (req: EmulatorRequest) => {
    if (req.principal.kind === 'app') appCalls.push({ method: req.method, path: req.path });
    return original(req);
  };
  // Warm-up (not measured): the first intake from a status learns its transitions (one read, cached in KVS).
  const warm = h.fileViaPanel('admin', { toolId: 'claude-for-work', purpose: PURPOSE, days: 5 });
  await h.settle();
  await transition(h, warm.issueKey, '31', { update: { comment: [{ add: { body: adf('warm-up') } }] } });
  await h.settle();

  for (let i = 0; i < CYCLES; i++) {
    let first = { issueId: '', issueKey: '' };
    await measure(h, 'intake → pending_approval', () => (first = h.fileViaPanel('alice', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 })));
    await measure(h, 'intake → blocked_duplicate', () => h.fileViaPanel('alice', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 }));
    await measure(h, 'intake → rejected_invalid', () => h.fileViaPanel('bob', { toolId: 'midjourney', purpose: PURPOSE, days: 30 }));
    let auto = { issueId: '', issueKey: '' };
    await measure(h, 'intake → auto_approved', () => (auto = h.fileViaPanel('bob', { toolId: 'deepl-pro', purpose: PURPOSE, days: 30 })));
    await measure(h, 'approve (transition)', () => transition(h, first.issueKey, '21'));
    await measure(h, 'fulfil (transition)', () => transition(h, first.issueKey, '51'));
    await measure(h, 'revoke (transition)', () => transition(h, first.issueKey, '61'));
    await measure(h, 'revoke auto-approved grant', () => transition(h, auto.issueKey, '61'));
    let d = { issueId: '', issueKey: '' };
    await measure(h, 'intake → pending_approval', () => (d = h.fileViaPanel('bob', { toolId: 'claude-for-work', purpose: PURPOSE, days: 30 })));
    await measure(h, 'decline with transition comment', () => transition(h, d.issueKey, '31', { update: { comment: [{ add: { body: adf('Use the team workspace instead') } }] } }));
    let s = { issueId: '', issueKey: '' };
    await measure(h, 'intake → pending_approval', () => (s = h.fileViaPanel('admin', { toolId: 'openai-api', purpose: PURPOSE, days: 10 })));
    // admin filed it, so admin's Approve is refused (separation of duties) before any Jira read.
    await measure(h, 'self-approval refused', () => transition(h, s.issueKey, '21', {}, 'admin'));
    await measure(h, 'approve (another approver)', () => transition(h, s.issueKey, '21'));
    // Not measured: close it so the next cycle can file again.
    await transition(h, s.issueKey, '61').catch(() => undefined);
    await h.settle(true);
    const rec = await h.record('request', s.issueId);
    if (rec?.status === 'pending_approval') {
      const open = await h.call('agent', 'GET', `/rest/api/3/issue/${s.issueKey}/transitions`);
      const cancel = open.body.transitions.find((t: { name: string }) => t.name === 'Cancel request');
      await transition(h, s.issueKey, cancel.id);
      await h.settle(true);
    }
  }

  const rows = [...samples.entries()].map(([label, xs]) => {
    const avg = (f: (s: Sample) => number) => xs.reduce((a, s) => a + f(s), 0) / xs.length;
    const ops = new Set(xs.flatMap((s) => Object.keys(s.kvs)));
    const kvs = [...ops].sort().map((op) => `${op}=${avg((s) => s.kvs[op] ?? 0).toFixed(1)}`).join(' ');
    const ms = xs.flatMap((s) => s.ms);
    return { label, n: xs.length, writes: avg((s) => s.jiraWrites), reads: avg((s) => s.jiraReads), kvs, p50: median(ms), p95: pct(ms, 95) };
  });
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`\nCore loop per lifecycle event (${CYCLES} cycles, sandbox, steady state: transition cache warm)`);
  out('event                               n  Jira writes  Jira reads  handler p50/p95 ms   KVS ops (avg per event)');
  for (const r of rows) out(`${r.label.padEnd(34)} ${String(r.n).padStart(3)}  ${r.writes.toFixed(1).padStart(11)}  ${r.reads.toFixed(1).padStart(10)}  ${`${r.p50.toFixed(1)} / ${r.p95.toFixed(1)}`.padStart(18)}   ${r.kvs}`);
  await h.close();
  coldStart(out);
}

// What a cold invocation loads. src/index.ts loads each handler module with
// import(), and the app loads rarely needed pieces the same way (e.g.
// @forge/events on the first queue push); `forge deploy` (webpack) emits each
// as a chunk next to index.cjs. esbuild can split only ESM, so this builds
// src/index.ts split (minified, platform node) and, per handler kind, counts
// the entry, the handler's chunk and every chunk they import statically — what
// is parsed and initialised before the handler runs — and times `node` loading
// exactly those (dynamic imports inside the handler are not followed: each
// comment template rendered adds its own 1–7 KB chunk). "import alone" is the
// time inside the process, without node's own start-up noise. ESM chunks load a
// little slower than the CommonJS chunks webpack emits, so this errs high.
const HANDLER_KINDS: Array<[string, string]> = [
  ['issue created (intake)', 'src/handlers/issue-created.ts'],
  ['issue updated (decisions)', 'src/handlers/issue-updated.ts'],
  ['queue consumer', 'src/handlers/work-consumer.ts'],
  ['scheduled sweeps', 'src/handlers/scheduled.ts'],
  ['portal panel resolver', 'src/handlers/portal-resolver.ts'],
  ['queue page resolver', 'src/handlers/agent-resolver.ts'],
  ['admin page resolver', 'src/handlers/admin-resolver.ts'],
];

// CommonJS dependencies (@forge/*, handlebars) call require(); ESM chunks need one.
const ESM_REQUIRE = "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);";

function coldStart(out: (s: string) => void): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-bundle-'));
  const root = path.resolve(__dirname, '..');
  const time = (args: string[]) => {
    const xs: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
      if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
      xs.push(performance.now() - t0);
    }
    return median(xs);
  };
  const r = esbuild.buildSync({ absWorkingDir: root, entryPoints: ['src/index.ts'], bundle: true, minify: true, splitting: true, platform: 'node', target: 'node20', format: 'esm', outdir: dir, outExtension: { '.js': '.mjs' }, banner: { js: ESM_REQUIRE }, metafile: true, logLevel: 'silent' });
  const outputs = r.metafile.outputs;
  const files = Object.keys(outputs).filter((f) => f.endsWith('.mjs'));
  const byEntry = new Map(files.map((f) => [outputs[f]!.entryPoint, f]));
  const closure = (start: string[]) => {
    const seen = new Set<string>();
    const visit = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      for (const i of outputs[f]!.imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
    };
    start.forEach(visit);
    return [...seen];
  };
  const url = (f: string) => JSON.stringify(pathToFileURL(path.resolve(root, f)).href);
  const bare = time(['-e', '']);
  const entry = byEntry.get('src/index.ts')!;
  out(`\nCold start (esbuild, minified, platform node, split at import(); load = median of 15 \`node\` runs importing what the invocation loads; bare \`node -e ''\` = ${bare.toFixed(1)} ms)`);
  out(`  ${'entry (src/index.ts)'.padEnd(38)} ${(outputs[entry]!.bytes / 1024).toFixed(1).padStart(7)} KB`);
  for (const [label, mod] of HANDLER_KINDS) {
    const chunk = byEntry.get(mod);
    if (!chunk) throw new Error(`${mod} is not a chunk of the split build: does src/index.ts still import() it?`);
    const loads = closure([entry, chunk]);
    const bytes = loads.reduce((a, f) => a + outputs[f]!.bytes, 0);
    const inputs = Object.assign({}, ...loads.map((f) => outputs[f]!.inputs)) as Record<string, { bytesInOutput: number }>;
    const script = `const t = performance.now(); await import(${url(entry)}); await import(${url(chunk)}); process.stdout.write(String(performance.now() - t));`;
    const loaded = time(['--input-type=module', '-e', script]);
    const inProcess = median(Array.from({ length: 15 }, () => Number(spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).stdout)));
    out(`  ${label.padEnd(38)} ${(bytes / 1024).toFixed(1).padStart(7)} KB   load ${loaded.toFixed(1)} ms (+${(loaded - bare).toFixed(1)} ms; import alone ${inProcess.toFixed(1)} ms)   largest: ${largestInputs(inputs)}`);
  }
  const total = files.reduce((a, f) => a + outputs[f]!.bytes, 0);
  out(`  ${'whole package (all chunks)'.padEnd(38)} ${(total / 1024).toFixed(1).padStart(7)} KB in ${files.length} files`);
  fs.rmSync(dir, { recursive: true, force: true });
}

function largestInputs(inputs: Record<string, { bytesInOutput: number }>): string {
  const byPkg = new Map<string, number>();
  for (const [file, info] of Object.entries(inputs)) {
    const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file);
    const key = m ? m[1]! : file.split('/').slice(0, 2).join('/');
    byPkg.set(key, (byPkg.get(key) ?? 0) + info.bytesInOutput);
  }
  return [...byPkg.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ${(v / 1024).toFixed(0)} KB`).join(', ');
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
