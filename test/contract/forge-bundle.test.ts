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
import { IDS, makeCoreHarness, PURPOSE } from '../integration/core-loop/harness';

const root = path.resolve(__dirname, '../..');
const manifest = parse(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as {
  modules: { function?: Array<{ handler: string }> };
};
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
    console.log(
      `forge bundle: ${((Date.now() - started) / 1000).toFixed(1)} s, ${build.files.filter((f) => f.name.endsWith('.cjs')).length} .cjs files`,
    );
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
    expect(ids.filter((id) => !fs.existsSync(path.join(outDir, `${id}.cjs`))).map((id) => `${id}.cjs missing`)).toEqual(
      [],
    );
    // Requiring a chunk file only registers its module factories; it runs none of them.
    const loaded = inNode<number[][]>(
      outDir,
      `console.log(JSON.stringify(${JSON.stringify(ids)}.map((id) => require('./' + id + '.cjs').ids)))`,
    );
    expect(loaded).toEqual(ids.map((id) => expect.arrayContaining([id])));
  });

  it('runs the core loop in the sandbox as built: intake, the comment templates and approval load from its chunks', async () => {
    // The bundle's own copies of @forge/api and @forge/kvs talk to the emulated platform, as on Forge.
    const h = await makeCoreHarness({
      loadApp: (file) => require(path.join(outDir, `${file}.cjs`)) as Record<string, unknown>,
    });
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
      expect(
        h.sb.forge
          .listInvocations({})
          .filter((i) => i.result !== 'ok')
          .map((i) => `${i.functionKey}: ${i.result}`),
      ).toEqual([]);
    } finally {
      await h.close();
    }
  }, 60_000);

  it("loads a resolver call's use cases from their own chunks when it runs: listing the catalog loads neither provisioning nor the bundled seed", async () => {
    // forge deploy does not minify, so function names find the chunks that hold them.
    const chunksWith = (marker: string) =>
      build.files
        .filter((f) => f.name.endsWith('.cjs') && fs.readFileSync(path.join(outDir, f.name), 'utf8').includes(marker))
        .map((f) => f.name);
    const adminModule = chunksWith('function registerAdminResolvers(');
    const provisioning = chunksWith('function applyDesired(');
    const seed = chunksWith('BUNDLED_CATALOG_SEED = ');
    for (const chunks of [adminModule, provisioning, seed]) expect(chunks).not.toEqual([]);
    // webpack require()s a chunk file the first time a module in it is needed.
    const dirs = new Set([outDir, fs.realpathSync(outDir)]);
    const loaded = (chunks: string[]) =>
      chunks.filter((name) =>
        Object.keys(require.cache).some((f) => dirs.has(path.dirname(f)) && path.basename(f) === name),
      );

    const h = await makeCoreHarness({
      loadApp: (file) => require(path.join(outDir, `${file}.cjs`)) as Record<string, unknown>,
    });
    try {
      const call = (moduleKey: string, functionName: string, who: keyof typeof IDS, payload: unknown = {}) =>
        h.sb.forge.invokeResolver({
          moduleKey,
          functionName,
          payload,
          accountId: IDS[who],
          ...(moduleKey === 'ai-clearance-request-panel'
            ? {
                accountType: 'customer' as const,
                extension: { portal: { id: 1 }, request: { typeId: h.requestTypes.requestAiAccess } },
              }
            : {}),
        }) as Promise<any>;
      const list = await call('ai-clearance-admin', 'catalog.list', 'admin');
      expect(list.entries.map((e: { id: string }) => e.id)).toContain('chatgpt-enterprise');
      expect(loaded(adminModule)).not.toEqual([]);
      expect(loaded([...provisioning, ...seed])).toEqual([]);

      // The provisioning call loads its chunk and runs from it (the sandbox site lacks only the manual steps), the seed stays unloaded.
      const drift = (await call('ai-clearance-admin', 'provision.drift', 'admin')).report;
      expect(drift.projectKey).toBe('AIC');
      expect(drift.items.filter((i: { kind: string }) => i.kind !== 'manual')).toEqual([]);
      expect(loaded(provisioning)).not.toEqual([]);
      expect(loaded(seed)).toEqual([]);
      // The sandbox seeded the whole bundled seed on first start: nothing to add.
      expect(await call('ai-clearance-admin', 'catalog.seed', 'admin')).toEqual({ added: [] });
      expect(loaded(seed)).not.toEqual([]);

      // The queue page and the portal panel answer from the bundle's chunks too.
      expect(await call('ai-clearance-queues', 'approvals.list', 'agent')).toMatchObject({ items: [] });
      expect(
        (await call('ai-clearance-request-panel', 'portal.tools', 'alice')).tools.map((t: { id: string }) => t.id),
      ).toContain('chatgpt-enterprise');
      expect(
        h.sb.forge
          .listInvocations({})
          .filter((i) => i.result !== 'ok')
          .map((i) => `${i.functionKey}: ${i.result}`),
      ).toEqual([]);
    } finally {
      await h.close();
    }
  }, 60_000);
});
