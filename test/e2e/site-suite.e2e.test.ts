// The live-mode site suite (test/live/site-suite.ts) against `npm start`, so the
// code `npm run test:live` runs on a real site is itself run and kept honest here:
// REST only, polling for outcomes, no /__sandbox controls.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { siteSuite } from '../live/site-suite';
import type { SiteTarget } from '../live/target';
import { freePort, startSandbox, type StartedSandbox } from './start-sandbox';

jest.setTimeout(180_000);

let dataDir: string;
let sandbox: StartedSandbox;
let target: SiteTarget;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-e2e-site-'));
  sandbox = await startSandbox(dataDir, await freePort());
  target = {
    kind: 'sandbox',
    url: sandbox.url,
    requester: { email: 'alice@example.com', token: 'sandbox-token' },
    agent: { email: 'agent@example.com', token: 'sandbox-token' },
    projectKey: 'AIC',
    tool: 'ChatGPT Enterprise',
    outcomeTimeoutMs: 60_000,
    pollMs: 100,
  };
});

afterAll(async () => {
  await sandbox?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

siteSuite(() => target);
