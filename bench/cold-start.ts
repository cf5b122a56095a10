// Cold start: what a cold Forge invocation parses and initialises, and how
// long that takes next to a bare `node -e ''` in the same run.
//   npx tsx bench/cold-start.ts [--rounds 21]      (also run by bench/core-loop.ts)
//
// src/index.ts loads each handler module with import(), and handlers load
// what only some calls need the same way (the issue triggers load their use
// case only for the app's own project, a comment's renderer and template load
// when a ticket write has one, sweeps load a phase's steps when an item is
// due, each resolver call its own use cases); `forge deploy` (webpack) emits
// every import() as a chunk next to index.cjs. So per handler kind this
// measures:
//   - "cold": src/index.ts and the handler's module with everything they
//     import statically — what is parsed and initialised before the handler
//     runs (an event the handler drops, e.g. another project's issue);
//   - each listed call path: that plus the modules the call loads with
//     import() on the way (e.g. intake's use case, the renderer and the
//     comment template) — the whole first invocation of that kind of call.
// Each is bundled as Forge would (esbuild, minified, platform node, CommonJS)
// into one file holding exactly those modules (other import()s left out), and
// timed: the median (and p10–p90, printed) over rounds of `node -e "require(file)"` minus a bare
// `node -e ''` started just before it (pairs, so the machine's drift cancels);
// "in process" is require()'s own time. One file rather than esbuild's split chunks: esbuild splits ESM
// into a chunk per combination of entry points (the intake path spans ~45
// tiny files, ~25 ms slower to load than the same code in one file), while
// webpack's chunks for a path number a handful. The split build's total is
// printed last: all the code the app ships.
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pct } from './stats';

interface HandlerKind {
  label: string;
  module: string;
  /** Call paths: what a first call of that kind loads with import() beyond the handler's chunk. */
  calls: Array<{ label: string; loads: string[] }>;
}

/** The resolvers' Jira transport (@forge/api), loaded by the permission check every queue-page and admin call starts with. */
const PERMISSION_CHECK = 'src/adapters/jira/forge-transport.ts';
const TEMPLATE = (name: string) => `src/render/generated/templates/${name}.ts`;

export const HANDLER_KINDS: HandlerKind[] = [
  {
    label: 'issue created',
    module: 'src/entry/trigger/issue-created.ts',
    calls: [
      {
        label: 'AI access request (intake, pending comment)',
        loads: ['src/entry/trigger/issue-created-run.ts', TEMPLATE('intake-accepted')],
      },
    ],
  },
  {
    label: 'issue updated',
    module: 'src/entry/trigger/issue-updated.ts',
    calls: [
      {
        label: 'Approve transition (approved + fulfilment comments)',
        loads: ['src/entry/trigger/issue-updated-run.ts', TEMPLATE('approved'), TEMPLATE('fulfilment-needed')],
      },
    ],
  },
  {
    label: 'queue consumer',
    module: 'src/entry/consumer/work-consumer.ts',
    calls: [
      {
        label: 'connector job (result comment)',
        loads: ['src/entry/consumer/jobs.ts', TEMPLATE('connector-result')],
      },
      {
        label: 'sweep continuation (a review reminder due)',
        loads: [
          'src/entry/consumer/jobs.ts',
          'src/entry/scheduledTrigger/lifecycle-sweeps.ts',
          TEMPLATE('review-reminder'),
        ],
      },
    ],
  },
  {
    label: 'scheduled sweeps',
    module: 'src/entry/scheduledTrigger/lifecycle-sweeps.ts',
    calls: [
      {
        label: 'hourly run with a review reminder due',
        loads: [TEMPLATE('review-reminder')],
      },
    ],
  },
  {
    label: 'portal panel resolver',
    module: 'src/entry/resolver/portal-panel/handler.ts',
    calls: [
      { label: 'portal.tools (the picker)', loads: ['src/usecases/shared/catalog-repo.ts'] },
      {
        label: 'portal.act (cancel; cancelled comment)',
        loads: [
          'src/usecases/shared/records.ts',
          'src/usecases/decide-from-view.ts',
          'src/entry/core-deps.ts',
          TEMPLATE('cancelled'),
        ],
      },
    ],
  },
  {
    label: 'queue page resolver',
    module: 'src/entry/resolver/queue-page/handler.ts',
    calls: [
      {
        label: 'approvals.decide (approve; approved + fulfilment comments)',
        loads: [
          PERMISSION_CHECK,
          'src/usecases/decide-from-view.ts',
          'src/entry/core-deps.ts',
          TEMPLATE('approved'),
          TEMPLATE('fulfilment-needed'),
        ],
      },
    ],
  },
  {
    label: 'admin page resolver',
    module: 'src/entry/resolver/admin-page/handler.ts',
    calls: [
      { label: 'catalog.list', loads: [PERMISSION_CHECK, 'src/usecases/catalog/reads.ts'] },
      { label: 'provision.plan', loads: [PERMISSION_CHECK, 'src/entry/resolver/admin-page/provisioning.ts'] },
      { label: 'governance.export', loads: [PERMISSION_CHECK, 'src/usecases/governance/evidence.ts'] },
      {
        label: 'catalog.seed (the heaviest call)',
        loads: [PERMISSION_CHECK, 'src/usecases/catalog/lifecycle.ts', 'src/config/bundled-catalog-seed.ts'],
      },
    ],
  },
];

interface Measured {
  label: string;
  file: string;
  bytes: number;
  inputs: Record<string, number>;
}

export async function coldStart(out: (s: string) => void, rounds = 21): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-cold-'));
  try {
    // The split build: every import() target is a chunk (checks the call paths name real ones) and the app's total.
    const split = esbuild.buildSync({
      absWorkingDir: root,
      entryPoints: ['src/index.ts'],
      bundle: true,
      minify: true,
      splitting: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      outdir: path.join(dir, 'split'),
      metafile: true,
      logLevel: 'silent',
    });
    const chunks = Object.values(split.metafile.outputs).filter((o) => !!o.entryPoint || o.bytes > 0);
    const lazyModules = new Set(chunks.map((o) => o.entryPoint).filter((e): e is string => !!e));
    const bundle = async (label: string, modules: string[], n: number, entry?: string): Promise<Measured> => {
      for (const m of modules)
        if (!lazyModules.has(m))
          throw new Error(
            `${m} is not loaded with import() anywhere (not a chunk of the split build): fix the call path in bench/cold-start.ts`,
          );
      const file = path.join(dir, `path-${n}.cjs`);
      const r = await esbuild.build({
        absWorkingDir: root,
        stdin: {
          contents: entry ?? modules.map((m, k) => `export * as m${k} from ${JSON.stringify(`./${m}`)};`).join('\n'),
          resolveDir: root,
          loader: 'ts',
          sourcefile: 'path-entry.ts',
        },
        bundle: true,
        minify: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        outfile: file,
        metafile: true,
        logLevel: 'silent',
        // What the path does not load: every import() not listed stays out of the file.
        plugins: [
          {
            name: 'dynamic-imports-out',
            setup: (b) =>
              b.onResolve({ filter: /.*/ }, (a) =>
                a.kind === 'dynamic-import' ? { path: a.path, external: true } : undefined,
              ),
          },
        ],
      });
      const inputs = Object.fromEntries(
        Object.entries(Object.values(r.metafile.outputs)[0].inputs).map(([k, v]) => [k, v.bytesInOutput]),
      );
      return { label, file, bytes: fs.statSync(file).size, inputs };
    };
    // For scale (the issue's yardstick): the two SDKs every handler needs, whole, and nothing else.
    const rows: Measured[] = [
      await bundle(
        'for scale: @forge/api + @forge/kvs only',
        [],
        0,
        "export * as api from '@forge/api'; export * as kvs from '@forge/kvs';",
      ),
    ];
    for (const kind of HANDLER_KINDS) {
      rows.push(await bundle(`${kind.label}: cold`, ['src/index.ts', kind.module], rows.length));
      for (const call of kind.calls)
        rows.push(await bundle(`  … ${call.label}`, ['src/index.ts', kind.module, ...call.loads], rows.length));
    }
    const times = timeLoads(
      rows.map((r) => r.file),
      rounds,
    );
    out(
      `\nCold start (esbuild, minified, platform node, CommonJS; per invocation one file holding exactly what it loads; load above bare = median (p10–p90) over ${rounds} rounds of a \`node\` requiring it minus a bare \`node -e ''\` started just before (bare: ${fmt(times.bare)} ms); in process: require()'s own time, median (p10–p90))`,
    );
    out(
      `  ${'handler kind / call path'.padEnd(52)} ${'KB'.padStart(6)}   ${'load above bare ms'.padStart(22)}   ${'in process ms'.padStart(18)}   largest (KB)`,
    );
    const kb = (n: number) => (n / 1024).toFixed(1);
    rows.forEach((r, i) => {
      const t = times.paths[i];
      out(
        `  ${r.label.padEnd(52)} ${kb(r.bytes).padStart(6)}   ${fmt(t.above, '+').padStart(22)}   ${fmt(t.inProcess).padStart(18)}   ${largestInputs(r.inputs)}`,
      );
    });
    const files = Object.entries(split.metafile.outputs).filter(([f]) => f.endsWith('.js'));
    out(
      `  ${'the whole app, split at import()'.padEnd(52)} ${kb(files.reduce((a, [, o]) => a + o.bytes, 0)).padStart(6)}   in ${files.length} chunks`,
    );
    await forgeDeployLoads(out, rounds, path.join(dir, 'forge'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The exports of src/index.ts (the manifest's function handlers) and the handler kind each is. */
const FORGE_HANDLERS: Array<{ exportName: string; kind: string }> = [
  { exportName: 'onIssueCreated', kind: 'issue created' },
  { exportName: 'onIssueUpdated', kind: 'issue updated' },
  { exportName: 'consumeWork', kind: 'queue consumer' },
  { exportName: 'runLifecycleSweeps', kind: 'scheduled sweeps' },
  { exportName: 'portalResolver', kind: 'portal panel resolver' },
  { exportName: 'agentResolver', kind: 'queue page resolver' },
  { exportName: 'adminResolver', kind: 'admin page resolver' },
];

/**
 * What `forge deploy` really ships, loaded as the Forge runtime loads it: @forge/bundler's webpack
 * output (scripts/forge-bundle.ts: not minified, every import() a chunk), then per handler kind a
 * fresh `node` that requires index.cjs and calls the handler's export once with no event and no
 * platform, so the call loads the handler's chunks (webpack's node target loads them with
 * require()) and then fails at its first step (event validation, or the first platform call).
 * The deeper call paths (intake, Approve…) need a Forge runtime and are not reached here; their
 * esbuild figures are above. Timed like the esbuild rows (minus a bare node started just before);
 * KB is the files the load put in require.cache.
 */
async function forgeDeployLoads(out: (s: string) => void, rounds: number, outDir: string): Promise<void> {
  const { forgeBundle } = await import('../scripts/forge-bundle');
  const built = await forgeBundle(outDir);
  const index = path.join(built.outputDir, 'index.cjs');
  const marker = 'AIC-BENCH ';
  const script = (exportName: string) =>
    `const t=performance.now();const m=require(${JSON.stringify(index)});` +
    `Promise.resolve().then(()=>m[${JSON.stringify(exportName)}](undefined,undefined)).catch(()=>undefined).then(()=>{const ms=performance.now()-t;` +
    `const files=Object.keys(require.cache).filter((f)=>f.startsWith(${JSON.stringify(built.outputDir + path.sep)}));` +
    `const bytes=files.reduce((a,f)=>a+require('fs').statSync(f).size,0);process.stdout.write('\\n${marker}'+JSON.stringify({ms,bytes,files:files.length}));});`;
  const bare: number[] = [];
  const rows = FORGE_HANDLERS.map((h) => ({
    ...h,
    above: [] as number[],
    inProcess: [] as number[],
    bytes: 0,
    files: 0,
  }));
  for (let round = 0; round < rounds; round++) {
    for (const r of rows) {
      const b = spawnTimed(['-e', '']).ms;
      const run = spawnTimed(['-e', script(r.exportName)]);
      const line = run.stdout.split('\n').find((l) => l.startsWith(marker));
      if (!line) throw new Error(`forge bundle: no result from ${r.exportName}: ${run.stdout.slice(-300)}`);
      const m = JSON.parse(line.slice(marker.length)) as { ms: number; bytes: number; files: number };
      bare.push(b);
      r.above.push(run.ms - b);
      r.inProcess.push(m.ms);
      r.bytes = m.bytes;
      r.files = m.files;
    }
  }
  const total = built.files.filter((f) => f.name.endsWith('.cjs')).reduce((a, f) => a + f.bytes, 0);
  out(
    `\nWhat \`forge deploy\` ships (@forge/bundler: webpack, not minified; ${built.files.filter((f) => f.name.endsWith('.cjs')).length} .cjs files, ${(total / 1024).toFixed(0)} KB in all), loaded as Forge loads it: require index.cjs and call the handler's export once (no event, no platform: the call loads the handler's chunks and fails at its first step); median (p10–p90) over ${rounds} rounds (bare: ${fmt(summary(bare))} ms)`,
  );
  out(
    `  ${'handler kind (export)'.padEnd(52)} ${'KB'.padStart(6)}   ${'load above bare ms'.padStart(22)}   ${'in process ms'.padStart(18)}   files`,
  );
  for (const r of rows)
    out(
      `  ${`${r.kind} (${r.exportName})`.padEnd(52)} ${(r.bytes / 1024).toFixed(1).padStart(6)}   ${fmt(summary(r.above), '+').padStart(22)}   ${fmt(summary(r.inProcess)).padStart(18)}   ${r.files}`,
    );
}

function spawnTimed(args: string[]): { ms: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ').slice(0, 200)} exited ${r.status}: ${r.stderr}`);
  return { ms: performance.now() - t0, stdout: r.stdout };
}

/**
 * Per file: the median over rounds of (require the file in a fresh node − a bare node started just
 * before it), so that the machine's drift between runs cancels; and require()'s own time in-process.
 */
function timeLoads(
  files: string[],
  rounds: number,
): { bare: Summary; paths: Array<{ above: Summary; inProcess: Summary }> } {
  const scripts = files.map(
    (f) => `const t=performance.now();require(${JSON.stringify(f)});process.stdout.write(String(performance.now()-t));`,
  );
  const bare: number[] = [];
  const above = files.map(() => [] as number[]);
  const inProcess = files.map(() => [] as number[]);
  const run = spawnTimed;
  for (let round = 0; round < rounds; round++) {
    scripts.forEach((s, i) => {
      const b = run(['-e', '']).ms;
      const r = run(['-e', s]);
      bare.push(b);
      above[i].push(r.ms - b);
      inProcess[i].push(Number(r.stdout));
    });
  }
  return {
    bare: summary(bare),
    paths: files.map((_, i) => ({ above: summary(above[i]), inProcess: summary(inProcess[i]) })),
  };
}

/** Median and p10–p90 over the rounds: the figures are not read finer than the spread. */
interface Summary {
  median: number;
  p10: number;
  p90: number;
}

function summary(xs: number[]): Summary {
  return { median: pct(xs, 50), p10: pct(xs, 10), p90: pct(xs, 90) };
}

const fmt = (s: Summary, sign = '') => `${sign}${s.median.toFixed(1)} (${s.p10.toFixed(1)}–${s.p90.toFixed(1)})`;

function largestInputs(inputs: Record<string, number>): string {
  const byPkg = new Map<string, number>();
  for (const [file, bytes] of Object.entries(inputs)) {
    const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file);
    const key = m ? m[1] : file.split('/').slice(0, 2).join('/');
    byPkg.set(key, (byPkg.get(key) ?? 0) + bytes);
  }
  return [...byPkg.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([k, v]) => `${k} ${(v / 1024).toFixed(0)}`)
    .join(', ');
}

if (require.main === module) {
  const i = process.argv.indexOf('--rounds');
  coldStart((s) => process.stdout.write(`${s}\n`), i > 0 ? Number(process.argv[i + 1]) : undefined).catch(
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}
