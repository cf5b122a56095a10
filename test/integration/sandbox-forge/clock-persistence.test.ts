// Issue 12 (e): every clock move is written when it happens (not only on a clean close), so a
// sandbox killed after `settle {"advanceClock":true}` restarts at the same "now".
// (Over HTTP with kill -9: test/e2e/clock-restart.e2e.test.ts.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forgeQueuePush } from '../../../src/adapters/queue/forge-queue';
import { createSandbox } from '../../../src/sandbox/sandbox';
import { quietHandlerLogs } from '../../setup/handler-logs';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-clock-'));
  quietHandlerLogs();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const savedClock = (db: import('../../../src/sandbox/db').SandboxDb) =>
  JSON.parse((db.prepare("SELECT value FROM sandbox_meta WHERE key = 'clock'").get() as { value: string }).value) as {
    offsetMs: number;
    frozenAt?: number;
  };

it('saves the move a settle with advanceClock makes, before any close, and a new start resumes there', async () => {
  const first = createSandbox({ dataDir: dir });
  first.clock.set('2030-01-01T00:00:00.000Z', { freeze: true });
  // A message due in 15 minutes (the longest delay @forge/events accepts): settle({advanceClock}) moves the clock to it.
  await first.forge.run(() =>
    forgeQueuePush('aic-work', () => import('@forge/events'))(
      [{ type: 'ticket.sync', requestId: 'no-such-request', idempotencyKey: 'clock-test' }],
      {
        delayInSeconds: 900,
      },
    ),
  );
  await first.forge.settle({ advanceClock: true });
  const moved = first.clock.nowMs();
  expect(moved).toBeGreaterThanOrEqual(Date.parse('2030-01-01T00:15:00.000Z'));
  // Written already: a crash now loses nothing.
  expect(savedClock(first.db).frozenAt).toBe(moved);
  await first.close();

  const second = createSandbox({ dataDir: dir });
  try {
    expect(second.clock.nowMs()).toBe(moved);
  } finally {
    await second.close();
  }
});

it('a running clock resumes with its offset from real time', async () => {
  const first = createSandbox({ dataDir: dir });
  first.clock.advance('P10D');
  expect(savedClock(first.db)).toEqual({ offsetMs: 10 * 86_400_000 });
  await first.close();
  const second = createSandbox({ dataDir: dir });
  try {
    expect(second.clock.state()).toEqual({ offsetMs: 10 * 86_400_000 });
  } finally {
    await second.close();
  }
});
