// `forge deploy`'s bundling step, offline: Atlassian's NodeBundler (webpack + ts-loader,
// type-checked with our tsconfig.json) builds src/, and the result loads in plain Node.
// It runs in this jest process on purpose: test/setup/no-outbound.ts then fails the build
// if the bundler tries to reach the network (the runtime wrapper download is stubbed).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { forgeBundle, type ForgeBundle } from '../../scripts/forge-bundle';
import { makeCoreHarness, PURPOSE } from '../integration/core-loop/harness';

const root = path.resolve(__dirname, '../..');
const manifest = parse(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as { modules: { function?: Array<{ handler: string }> } };
const handlers = (manifest.modules.function ?? []).map((f) => f.handler.split('.') as [string, string]);

/** Runs `script` in a fresh `node` with the bundle as cwd and returns what it prints as JSON. */
function inNode<T>(dir: string, script: string): T {
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' })) as T;
}

describe('forge deploy bundle (@forge/bundler, offline)', () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-forge-bundle-'));
  let build: ForgeBundle;

  beforeAll(async () => {
    const started = Date.now();
    // Throws the bundler's own error on any TypeScript or webpack error.
    build = await forgeBundle(outDir);
    console.log(`forge bundle: ${((Date.now() - started) / 1000).toFixed(1)} s, ${build.files.filter((f) => f.name.endsWith('.cjs')).length} .cjs files`);
  }, 240_000);

  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('builds without warnings, with the stubbed runtime files in place of the CDN download', () => {
    expect(build.outputDir).toBe(outDir);
    expect(build.warnings).toEqual([]);
    expect(build.runtimeFiles).toEqual(expect.arrayContaining(['__forge__.cjs', '__forge_wrapper__.cjs']));
    expect(build.metadata?.tsFiles).toBeGreaterThan(0);
    expect(build.metadata?.errors).toBe(0);
  });

  it('emits index.cjs, which loads in plain node and exports every manifest handler as a function', () => {
    expect(build.files.map((f) => f.name)).toContain('index.cjs');
    expect(handlers.length).toBeGreaterThan(0);
    // No Forge globals are set: index.cjs only defines the lazy wrappers, and the handler
    // modules (with @forge/api etc., which also load without globals) initialise on first call.
    const exported = inNode<Record<string, string>>(
      outDir,
      `const m = require('./index.cjs'); console.log(JSON.stringify(Object.fromEntries(Object.keys(m).map((k) => [k, typeof m[k]]))))`,
    );
    for (const [module, name] of handlers) {
      expect(module).toBe('index');
      expect({ name, type: exported[name] }).toEqual({ name, type: 'function' });
    }
  });

  it('has every chunk that index.cjs loads with import() next to it, as a webpack chunk', () => {
    // src/index.ts loads every handler module with import(): one file would mean every cold start loads the whole app.
    const chunks = build.files.filter((f) => f.name.endsWith('.cjs') && f.name !== 'index.cjs');
    expect(chunks.length).toBeGreaterThan(0);
    const index = fs.readFileSync(path.join(outDir, 'index.cjs'), 'utf8');
    // webpack's chunk file name template; if it changes, the ids below no longer map to files.
    expect(index).toContain('return "" + chunkId + ".cjs";');
    const ids = [...new Set([...index.matchAll(/__webpack_require__\.e\((\d+)\)/g)].map((m) => Number(m[1])))];
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => !fs.existsSync(path.join(outDir, `${id}.cjs`))).map((id) => `${id}.cjs missing`)).toEqual([]);
    // Requiring a chunk file only registers its module factories; it runs none of them.
    const loaded = inNode<number[][]>(outDir, `console.log(JSON.stringify(${JSON.stringify(ids)}.map((id) => require('./' + id + '.cjs').ids)))`);
    expect(loaded).toEqual(ids.map((id) => expect.arrayContaining([id])));
  });

  it('runs the core loop in the sandbox as built: intake, the comment templates and approval load from its chunks', async () => {
    // The bundle's own copies of @forge/api and @forge/kvs talk to the emulated platform, as on Forge.
    const h = await makeCoreHarness({ loadApp: (file) => require(path.join(outDir, `${file}.cjs`)) as Record<string, unknown> });
    try {
      const filed = h.fileViaPanel('alice', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 });
      await h.settle();
      expect((await h.record('request', filed.issueId))?.status).toBe('pending_approval');
      await h.transitionAsAgent(filed.issueKey, '21');
      expect((await h.record('grant', filed.issueId))?.status).toBe('pending_fulfilment');
      // Three templates, each loaded from its own chunk: intake (public), approval (public), manual set-up (internal).
      const comments = (await h.comments(filed.issueKey)).map((c) => [c.public, c.text]);
      expect(comments).toEqual([
        [true, expect.stringContaining('ChatGPT Enterprise')],
        [true, expect.stringContaining('approved')],
        [false, expect.stringContaining('grant access manually')],
      ]);
      // Every invocation ran the bundle's handlers without an error.
      expect(h.sb.forge.listInvocations({}).filter((i) => i.result !== 'ok').map((i) => `${i.functionKey}: ${i.result}`)).toEqual([]);
    } finally {
      await h.close();
    }
  }, 60_000);
});
