// State lives in SQLite: re-creating the platform on the same file keeps KVS
// data, queued messages, schedules and the invocation log; reset() clears it.
import kvs from '@forge/kvs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SandboxClock } from '../../../src/sandbox/clock';
import { seenBy } from '../../fixtures/forge-app/recorder';
import { makeHarness, START } from './helpers';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-sandbox-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

it('survives re-creating the platform on the same database file', async () => {
  const dbPath = path.join(dir, 'sandbox.db');
  const clock = new SandboxClock();
  clock.set(START, { freeze: true });

  const first = makeHarness({ dbPath, clock });
  await kvs.set('kept', { v: 1 });
  await kvs.setSecret('secret', 's3');
  await kvs.entity('counter').set('c', { count: 3, version: 3 });
  await first.platform.invokeResolver({
    moduleKey: 'clearance-panel',
    functionName: 'enqueue',
    payload: { queue: 'work-queue', events: [{ body: { mode: 'ok', n: 'later' }, delayInSeconds: 120 }] },
  });
  await first.platform.runScheduled('hourly-sweep');
  await first.platform.close();
  first.db.close();

  const second = makeHarness({ dbPath, clock });
  expect(await kvs.get('kept')).toEqual({ v: 1 });
  expect(await kvs.getSecret('secret')).toBe('s3');
  expect(await kvs.entity('counter').get('c')).toEqual({ count: 3, version: 3 });
  expect(second.platform.listInvocations().map((i) => i.kind)).toEqual(['resolver', 'scheduled']);
  // The delayed message was persisted and is delivered by the new platform.
  clock.advance('PT2M');
  await second.platform.settle();
  expect(seenBy('consumeWork').map((r) => r.payload.body.n)).toEqual(['later']);
  // The hourly trigger's last run persisted: not due again until an hour after it.
  clock.advance('PT57M');
  expect(second.platform.tick()).toEqual([]);
  clock.advance('PT1M');
  expect(second.platform.tick()).toHaveLength(1);
  await second.platform.settle();

  second.platform.reset();
  expect(await kvs.get('kept')).toBeUndefined();
  expect(second.platform.listInvocations()).toEqual([]);
  await second.platform.close();
  second.db.close();
});
