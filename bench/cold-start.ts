// Cold start: what a cold Forge invocation parses and initialises, and how
// long that takes next to a bare `node -e ''` in the same run.
//   npx tsx bench/cold-start.ts [--rounds 21]      (also run by bench/core-loop.ts)
//
// How it is measured. src/index.ts loads each handler module with import(),
// and handlers load what only some calls need the same way (the issue
// triggers load their use case only for the app's own project, each comment
// template is its own module, @forge/events loads on a retry); `forge deploy`
// (webpack) emits every import() as a CommonJS chunk next to index.cjs. So
// this builds src/index.ts with esbuild (minified, platform node) split at
// every import() — esbuild splits only ESM — and turns each chunk into
// CommonJS (esbuild transform), as webpack's chunks are. For each handler kind
// it counts and loads:
//   - "cold": the entry, the handler's chunk and every chunk they import
//     statically — what is parsed and initialised before the handler runs;
//   - each listed call path: that plus the chunks the call loads with
//     import() on the way (e.g. intake's use case and the comment template
//     it renders) — the whole first invocation of that kind of call.
// KB = esbuild's output for those chunks ("as CJS": the same chunks after the
// conversion, which repeats esbuild's small module helpers in every chunk).
// Load = median over interleaved rounds of `node -e "require(...)"` for
// exactly those chunks, minus the median of bare `node -e ''` in the same
// rounds; "in process" = the require()s' own time inside that process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface HandlerKind {
  label: string;
  module: string;
  /** Call paths: what a first call of that kind loads with import() beyond the handler's chunk. */
  calls: Array<{ label: string; loads: string[] }>;
}

const TEMPLATE = (name: string) => `src/render/generated/templates/${name}.ts`;

export const HANDLER_KINDS: HandlerKind[] = [
  {
    label: 'issue created',
    module: 'src/handlers/issue-created.ts',
    calls: [{ label: 'AI access request (intake, pending comment)', loads: ['src/handlers/issue-created-run.ts', TEMPLATE('intake-accepted')] }],
  },
  {
    label: 'issue updated',
    module: 'src/handlers/issue-updated.ts',
    calls: [{ label: 'Approve transition (approved comment)', loads: ['src/handlers/issue-updated-run.ts', TEMPLATE('approved')] }],
  },
  {
    label: 'queue consumer',
    module: 'src/handlers/work-consumer.ts',
    calls: [
      { label: 'connector job (result comment)', loads: ['src/handlers/work-consumer-run.ts', TEMPLATE('connector-result')] },
      { label: 'sweep continuation (a review reminder due)', loads: ['src/handlers/work-consumer-run.ts', 'src/handlers/scheduled.ts', 'src/usecases/sweeps/grant-steps.ts', TEMPLATE('review-reminder')] },
    ],
  },
  {
    label: 'scheduled sweeps',
    module: 'src/handlers/scheduled.ts',
    calls: [{ label: 'hourly run with a review reminder due', loads: ['src/usecases/sweeps/grant-steps.ts', TEMPLATE('review-reminder')] }],
  },
  {
    label: 'portal panel resolver',
    module: 'src/handlers/portal-resolver.ts',
    calls: [
      { label: 'portal.tools (the picker)', loads: ['src/usecases/shared/catalog-repo.ts'] },
      { label: 'portal.act (cancel; cancelled comment)', loads: ['src/usecases/shared/records.ts', 'src/usecases/decide-from-view.ts', 'src/handlers/core-deps.ts', TEMPLATE('cancelled')] },
    ],
  },
  {
    label: 'queue page resolver',
    module: 'src/handlers/agent-resolver.ts',
    calls: [{ label: 'approvals.decide (approve; approved comment)', loads: ['src/usecases/decide-from-view.ts', 'src/handlers/core-deps.ts', TEMPLATE('approved')] }],
  },
  {
    label: 'admin page resolver',
    module: 'src/handlers/admin-resolver.ts',
    calls: [
      { label: 'catalog.list', loads: ['src/usecases/catalog/reads.ts'] },
      { label: 'provision.plan', loads: ['src/handlers/resolvers/admin-provisioning.ts'] },
      { label: 'governance.export', loads: ['src/usecases/governance/evidence.ts'] },
      { label: 'catalog.seed (the heaviest call)', loads: ['src/usecases/catalog/index.ts', 'src/config/bundled-catalog-seed.ts'] },
    ],
  },
];

interface Measured {
  label: string;
  files: string[];
  /** esbuild's output (the ESM chunks). */
  bytes: number;
  /** The same chunks as CommonJS (what is timed). */
  cjsBytes: number;
  inputs: Record<string, number>;
}

export function coldStart(out: (s: string) => void, rounds = 21): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const root = path.resolve(__dirname, '..');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-cold-'));
  try {
    const built = esbuild.buildSync({ absWorkingDir: root, entryPoints: ['src/index.ts'], bundle: true, minify: true, splitting: true, platform: 'node', target: 'node20', format: 'esm', outdir: path.join(dir, 'esm'), outExtension: { '.js': '.mjs' }, metafile: true, logLevel: 'silent' });
    const outputs = built.metafile.outputs;
    const cjsOf = toCommonJs(esbuild, outputs, root, path.join(dir, 'cjs'));
    const byEntry = new Map(Object.keys(outputs).filter((f) => f.endsWith('.mjs')).map((f) => [outputs[f]!.entryPoint, f]));
    const chunkOf = (mod: string) => {
      const f = byEntry.get(mod);
      if (!f) throw new Error(`${mod} is not a chunk of the split build: is it still loaded with import()?`);
      return f;
    };
    const closure = (start: string[]) => {
      const seen: string[] = [];
      const visit = (f: string) => {
        if (seen.includes(f)) return;
        for (const i of outputs[f]!.imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
        seen.push(f); // dependencies first: the order require() runs them in
      };
      start.forEach(visit);
      return seen;
    };
    const measured = (label: string, start: string[]): Measured => {
      const files = closure(start);
      const inputs: Record<string, number> = {};
      for (const f of files) for (const [k, v] of Object.entries(outputs[f]!.inputs)) inputs[k] = (inputs[k] ?? 0) + v.bytesInOutput;
      return { label, files, bytes: files.reduce((a, f) => a + outputs[f]!.bytes, 0), cjsBytes: files.reduce((a, f) => a + fs.statSync(cjsOf.get(f)!).size, 0), inputs };
    };
    const entry = chunkOf('src/index.ts');
    const rows: Measured[] = [];
    for (const kind of HANDLER_KINDS) {
      const handler = chunkOf(kind.module);
      rows.push(measured(`${kind.label}: cold`, [entry, handler]));
      for (const call of kind.calls) rows.push(measured(`  … ${call.label}`, [entry, handler, ...call.loads.map(chunkOf)]));
    }
    const times = timeLoads(rows.map((r) => r.files.map((f) => cjsOf.get(f)!)), rounds);
    out(`\nCold start (esbuild, minified, platform node, split at import(), chunks as CommonJS as \`forge deploy\` emits them; load = median of ${rounds} interleaved \`node\` runs requiring exactly those chunks, above bare \`node -e ''\` = ${times.bare.toFixed(1)} ms in the same rounds)`);
    out(`  ${'handler kind / call path'.padEnd(52)} ${'KB'.padStart(6)} ${'as CJS'.padStart(7)}   ${'load above bare'.padStart(15)}   ${'in process'.padStart(10)}   largest (KB)`);
    const kb = (n: number) => (n / 1024).toFixed(1);
    rows.forEach((r, i) => {
      const t = times.paths[i]!;
      out(`  ${r.label.padEnd(52)} ${kb(r.bytes).padStart(6)} ${kb(r.cjsBytes).padStart(7)}   ${`+${(t.spawn - times.bare).toFixed(1)} ms`.padStart(15)}   ${`${t.inProcess.toFixed(1)} ms`.padStart(10)}   ${largestInputs(r.inputs)}`);
    });
    const esm = Object.keys(outputs).filter((f) => f.endsWith('.mjs'));
    out(`  ${'whole package (all chunks)'.padEnd(52)} ${kb(esm.reduce((a, f) => a + outputs[f]!.bytes, 0)).padStart(6)} ${kb([...cjsOf.values()].reduce((a, f) => a + fs.statSync(f).size, 0)).padStart(7)}   in ${esm.length} files`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Each ESM chunk as a minified CommonJS file (imports of chunks → require of the .cjs twin). */
function toCommonJs(esbuild: typeof import('esbuild'), outputs: import('esbuild').Metafile['outputs'], root: string, dir: string): Map<string, string> {
  fs.mkdirSync(dir, { recursive: true });
  const map = new Map<string, string>();
  for (const f of Object.keys(outputs).filter((x) => x.endsWith('.mjs'))) {
    const code = fs.readFileSync(path.resolve(root, f), 'utf8').replace(/(["'])(\.\/[^"']+)\.mjs\1/g, '$1$2.cjs$1');
    const cjs = esbuild.transformSync(code, { format: 'cjs', minify: true, platform: 'node', target: 'node20' }).code;
    const file = path.join(dir, path.basename(f).replace(/\.mjs$/, '.cjs'));
    fs.writeFileSync(file, cjs);
    map.set(f, file);
  }
  return map;
}

/** Median spawn time of bare node and of each path's require()s, interleaved round by round so drift hits all alike. */
function timeLoads(paths: string[][], rounds: number): { bare: number; paths: Array<{ spawn: number; inProcess: number }> } {
  const scripts = paths.map((files) => `const t=performance.now();${files.map((f) => `require(${JSON.stringify(f)});`).join('')}process.stdout.write(String(performance.now()-t));`);
  const bare: number[] = [];
  const spawn = paths.map(() => [] as number[]);
  const inProcess = paths.map(() => [] as number[]);
  const run = (args: string[]) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`node ${args.join(' ').slice(0, 200)} exited ${r.status}: ${r.stderr}`);
    return { ms: performance.now() - t0, stdout: r.stdout };
  };
  for (let round = 0; round < rounds; round++) {
    bare.push(run(['-e', '']).ms);
    scripts.forEach((s, i) => {
      const r = run(['-e', s]);
      spawn[i]!.push(r.ms);
      inProcess[i]!.push(Number(r.stdout));
    });
  }
  return { bare: median(bare), paths: paths.map((_, i) => ({ spawn: median(spawn[i]!), inProcess: median(inProcess[i]!) })) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

function largestInputs(inputs: Record<string, number>): string {
  const byPkg = new Map<string, number>();
  for (const [file, bytes] of Object.entries(inputs)) {
    const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file);
    const key = m ? m[1]! : file.split('/').slice(0, 2).join('/');
    byPkg.set(key, (byPkg.get(key) ?? 0) + bytes);
  }
  return [...byPkg.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${(v / 1024).toFixed(0)}`).join(', ');
}

if (require.main === module) {
  const i = process.argv.indexOf('--rounds');
  coldStart((s) => process.stdout.write(`${s}\n`), i > 0 ? Number(process.argv[i + 1]) : undefined);
}
