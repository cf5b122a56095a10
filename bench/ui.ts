// `npm run bench:ui`: what each Custom UI surface costs a person opening it.
//  - bytes: every file of the surface's resource folder (static/<resource>/), raw and gzipped (level 6,
//    what a CDN serves with Content-Encoding: gzip);
//  - time to first meaningful render: in Debian's Chromium on the sandbox UI host (the browser tests' rig),
//    from navigation to the first screen showing its data (a per-surface selector), each run in a fresh
//    browser context (nothing cached), median (min–max) over --runs (default 5);
//  - resolver round trips per screen load: the page's calls through the host (invoke, requestJira, portal
//    requests) from navigation until the network is idle after the first render (the target is one).
// Needs /usr/bin/chromium (apt-get install -y chromium), like the browser tests.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parse } from 'yaml';
import { prepare } from '../scripts/screenshots';
import { startRig, type BrowserRig } from '../test/browser/harness';
import { numberArg, spread } from './stats';

interface Surface {
  module: string;
  user: string;
  issue?: 'approved' | 'pending';
  /** Shows that the first screen has its data, not a spinner. */
  ready: string;
}

const SURFACES: Surface[] = [
  { module: 'ai-clearance-request-panel', user: 'alice@example.com', ready: '#aic-tool' },
  { module: 'ai-clearance-request-detail', user: 'dana@example.com', issue: 'approved', ready: 'text=Access until' },
  { module: 'ai-clearance-my-access', user: 'dana@example.com', ready: 'text=days left' },
  { module: 'ai-clearance-profile-access', user: 'dana@example.com', ready: 'text=days left' },
  {
    module: 'ai-clearance-agent-panel',
    user: 'agent@example.com',
    issue: 'pending',
    ready: 'text=Request chain intact',
  },
  { module: 'ai-clearance-queues', user: 'agent@example.com', ready: 'role=checkbox[name="Select all shown"]' },
  { module: 'ai-clearance-admin', user: 'admin@example.com', ready: 'text=/Insights/' },
];

const root = path.resolve(__dirname, '..');

/** Module key → its resource folder, read from manifest.yml (every UI module kind). */
function resourceFolders(): Map<string, string> {
  const manifest = parse(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as {
    modules: Record<string, Array<{ key: string; resource?: string }>>;
    resources: Array<{ key: string; path: string }>;
  };
  const folders = new Map(manifest.resources.map((r) => [r.key, r.path]));
  const out = new Map<string, string>();
  for (const list of Object.values(manifest.modules))
    for (const m of list) if (m.resource) out.set(m.key, folders.get(m.resource) ?? '');
  return out;
}

function bytesOf(folder: string): { raw: number; gzip: number; js: number } {
  let raw = 0;
  let gzip = 0;
  let js = 0;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const body = fs.readFileSync(p);
        const z = zlib.gzipSync(body, { level: 6 }).length;
        raw += body.length;
        gzip += z;
        if (e.name.endsWith('.js')) js += z;
      }
    }
  };
  walk(path.join(root, folder));
  return { raw, gzip, js };
}

async function loadOnce(
  rig: BrowserRig,
  s: Surface,
  issue?: string,
): Promise<{ ms: number; calls: number; names: string[] }> {
  const context = await rig.browser.newContext({ viewport: { width: 1100, height: 800 } });
  try {
    const page = await context.newPage();
    const names: string[] = [];
    page.on('request', (r) => {
      const call = /\/__sandbox\/ui-session\/[^/]+\/(invoke|rest\/[^?]*|portal-request)/.exec(r.url())?.[1];
      if (!call) return;
      const body = r.postData();
      names.push(call === 'invoke' && body ? String((JSON.parse(body) as { functionKey?: string }).functionKey) : call);
    });
    const q = new URLSearchParams({ user: s.user, ...(issue ? { issue } : {}) });
    const started = performance.now();
    await page.goto(`${rig.url}/__sandbox/ui/${s.module}?${q.toString()}`);
    const frame = await (await page.waitForSelector('#module-frame')).contentFrame();
    if (!frame) throw new Error(`${s.module}: no module frame`);
    await frame.waitForSelector(s.ready, { timeout: 30_000 });
    const ms = performance.now() - started;
    await page.waitForLoadState('networkidle');
    return { ms, calls: names.length, names };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const runs = numberArg('--runs', 5);
  const folders = resourceFolders();
  const rig = await startRig();
  try {
    const ctx = await prepare(rig);
    console.log(`Custom UI surfaces: ${runs} cold loads each (fresh browser context), Chromium on the sandbox UI host`);
    console.log('surface | JS gzipped KB | all files gzipped KB (raw KB) | first meaningful render ms | round trips');
    for (const s of SURFACES) {
      const b = bytesOf(folders.get(s.module) ?? '');
      const times: number[] = [];
      const calls: number[] = [];
      let names: string[] = [];
      const issue = s.issue === 'approved' ? ctx.approvedKey : s.issue === 'pending' ? ctx.pendingKey : undefined;
      await loadOnce(rig, s, issue); // warm the sandbox's own resolver code once; not counted
      for (let i = 0; i < runs; i++) {
        const r = await loadOnce(rig, s, issue);
        times.push(r.ms);
        calls.push(r.calls);
        names = r.names;
      }
      console.log(
        `${s.module} | ${(b.js / 1024).toFixed(0)} | ${(b.gzip / 1024).toFixed(0)} (${(b.raw / 1024).toFixed(0)}) | ${spread(times)} | ${spread(calls)}: ${names.join(', ')}`,
      );
    }
  } finally {
    await rig.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
