// Real-browser tests of the Custom UI pages: Debian's Chromium (playwright-core drives it; no browser
// download) against a sandbox started for the test (`npm start` on a free port with its own data folder),
// the pages opened through the sandbox UI host (/__sandbox/ui/<module>) as a given user.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { freePort, startSandbox, type StartedSandbox } from '../e2e/start-sandbox';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface BrowserRig {
  sandbox: StartedSandbox;
  browser: Browser;
  url: string;
  /** Opens a module's host page as `user` in a fresh browser context; resolves when the module has rendered. */
  open(moduleKey: string, user: string, params?: Record<string, string>): Promise<OpenedModule>;
  /** A sandbox HTTP call (JSON), as `user` when given. */
  api(method: string, p: string, body?: unknown, user?: string): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

export interface OpenedModule {
  page: Page;
  frame: Frame;
  /** Content Security Policy violations and page errors seen so far. */
  problems: string[];
}

function requireChromium(): void {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}. Install Debian's package: apt-get install -y chromium ` +
        '(or set CHROMIUM_PATH to a Chromium binary).',
    );
}

export async function startRig(): Promise<BrowserRig> {
  requireChromium();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-browser-'));
  const sandbox = await startSandbox(dataDir, await freePort());
  let browser: Browser;
  try {
    // Playwright starts Chromium with a fresh temporary profile (user-data-dir) on every launch.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (e) {
    await sandbox.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const contexts: BrowserContext[] = [];
  const api: BrowserRig['api'] = async (method, p, body, user) => {
    const res = await fetch(`${sandbox.url}${p}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(user ? { Authorization: `Basic ${Buffer.from(`${user}:sandbox-token`).toString('base64')}` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
  return {
    sandbox,
    browser,
    url: sandbox.url,
    api,
    async open(moduleKey, user, params = {}) {
      const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
      contexts.push(context);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      const q = new URLSearchParams({ user, ...params });
      const res = await page.goto(`${sandbox.url}/__sandbox/ui/${moduleKey}?${q.toString()}`);
      if (!res?.ok()) throw new Error(`host page for ${moduleKey} answered ${res?.status()}: ${await res?.text()}`);
      const handle = await page.waitForSelector('#module-frame');
      const frame = await handle.contentFrame();
      if (!frame) throw new Error(`${moduleKey}: the module iframe has no frame`);
      await frame.waitForSelector('#root > *');
      return { page, frame, problems };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await sandbox.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One rig for a test file: started before its tests, closed after them. */
export function useRig(): () => BrowserRig {
  let rig: BrowserRig | undefined;
  beforeAll(async () => {
    rig = await startRig();
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
  });
  return () => {
    if (!rig) throw new Error('the browser rig did not start (see the beforeAll error)');
    return rig;
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/**
 * Runs axe-core in the module's frame (evaluated over the DevTools protocol, so the page's CSP does not
 * apply to it) and returns the serious and critical violations.
 */
export async function seriousAxeViolations(frame: Frame): Promise<AxeViolation[]> {
  // Check the page as a person sees it once it has settled: a dialog still fading in is drawn half
  // transparent, and axe's contrast check would measure its blended colours (a timing-dependent finding).
  await frame.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, {
    timeout: 10_000,
  });
  await frame.evaluate(AXE_SOURCE);
  const results = await frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<unknown> } }).axe;
    return axe.run(document);
  });
  const { violations } = results as {
    violations: Array<{ id: string; impact: string | null; help: string; nodes: unknown[] }>;
  };
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
}

/** The accountId of a sandbox user by email. */
export async function accountIdOf(rig: BrowserRig, email: string): Promise<string> {
  const users = (await rig.api('GET', '/__sandbox/users')).json.users as Array<{ email: string; accountId: string }>;
  const found = users.find((u) => u.email === email);
  if (!found) throw new Error(`no sandbox user ${email}`);
  return found.accountId;
}

export async function settle(rig: BrowserRig): Promise<void> {
  const res = await rig.api('POST', '/__sandbox/settle', { timeoutMs: 60_000 });
  if (res.status !== 200) throw new Error(`settle failed: ${JSON.stringify(res.json)}`);
}
