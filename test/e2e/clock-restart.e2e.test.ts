// Issue 12 (e): the sandbox clock survives a crash. Moves made over the control API
// (POST /__sandbox/clock) are written when they happen, so `kill -9` and a restart on the
// same data folder resume at the same "now". (settle {"advanceClock":true} moves the clock
// the same way: test/integration/sandbox-forge/clock-persistence.test.ts.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startSandbox, type StartedSandbox } from './start-sandbox';

jest.setTimeout(240_000);

let dataDir: string;
let sandbox: StartedSandbox | undefined;

async function control(method: string, p: string, body?: unknown): Promise<{ status: number; json: { now?: string } }> {
  const res = await fetch(sandbox!.url + p, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as { now?: string } };
}

const DAY_MS = 86_400_000;
const clockNow = async () => Date.parse((await control('GET', '/__sandbox/clock')).json.now as string);

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-clock-'));
});

afterAll(async () => {
  await sandbox?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('resumes the advanced clock after kill -9 and a restart on the same data folder', async () => {
  sandbox = await startSandbox(dataDir, await freePort());
  const advanced = await control('POST', '/__sandbox/clock', { advance: 'P40D' });
  expect(advanced.status).toBe(200);
  const atAdvance = Date.parse(advanced.json.now as string);
  expect(atAdvance - Date.now()).toBeGreaterThan(39 * DAY_MS);

  await sandbox.kill();
  sandbox = await startSandbox(dataDir, await freePort());
  expect(sandbox.output()).toContain('Sandbox data from');
  const afterRestart = await clockNow();
  // Running clock: same offset from real time, so at least where it was and 40 days ahead of real time.
  expect(afterRestart).toBeGreaterThanOrEqual(atAdvance);
  expect(afterRestart - Date.now()).toBeGreaterThan(39 * DAY_MS);
  expect(afterRestart - Date.now()).toBeLessThan(41 * DAY_MS);
});

it('keeps a frozen instant, and a move made after the restart, across kill -9', async () => {
  expect((await control('POST', '/__sandbox/clock', { set: '2031-05-01T09:00:00.000Z', freeze: true })).status).toBe(
    200,
  );
  await sandbox!.kill();
  sandbox = await startSandbox(dataDir, await freePort());
  expect(new Date(await clockNow()).toISOString()).toBe('2031-05-01T09:00:00.000Z');

  expect((await control('POST', '/__sandbox/clock', { advance: 'P2DT1H' })).status).toBe(200);
  await sandbox.kill();
  sandbox = await startSandbox(dataDir, await freePort());
  expect(new Date(await clockNow()).toISOString()).toBe('2031-05-03T10:00:00.000Z');
});
