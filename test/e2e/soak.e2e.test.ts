// Issue 12's soak, small seed, inside `npm test` (the full one is `npm run soak`): requests from many users,
// concurrent approve/decline/cancel by several agents, Jira 429/5xx, 50 % redelivery, events up to 180 s late
// and reordered, one kill -9 and restart of `npm start` mid-run; then the same script fault-free. Nothing may
// be lost or doubled.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extraComments, runSoak, type SoakReport } from '../soak/soak';
import { freePort } from './start-sandbox';

jest.setTimeout(240_000);

let dir: string;
let faulty: SoakReport;
let clean: SoakReport;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-soak-test-'));
  const common = { seed: 7, requests: 40, users: 10, agents: 4 };
  faulty = await runSoak({
    ...common,
    faults: true,
    crash: true,
    dataDir: path.join(dir, 'faulty'),
    port: await freePort(),
  });
  clean = await runSoak({
    ...common,
    faults: false,
    crash: false,
    dataDir: path.join(dir, 'clean'),
    port: await freePort(),
  });
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('soak (seed 7, 40 requests, 10 users, 4 agents) with faults, late and reordered events and a kill -9', () => {
  it('ran the faults it claims: late and reordered events were accepted by the sandbox', () => {
    expect(faulty.eventFaults).toBe(true);
    expect(faulty.tickets).toHaveLength(40);
    // The faults bit: the app asked for retries and got duplicate deliveries (counted after the restart).
    expect(faulty.seen.retries).toBeGreaterThan(0);
    expect(faulty.seen.redeliveries).toBeGreaterThan(0);
  });

  it('every ticket has an app outcome', () => {
    expect(faulty.withoutOutcome).toEqual([]);
  });

  it('no ticket has more app comments than the fault-free run gave the same history, and none twice', () => {
    const extra = extraComments(faulty.tickets, clean.tickets);
    expect(extra.examples).toEqual([]);
    expect(extra.extra).toBe(0);
    // Most histories must be comparable, or the comparison says little.
    expect(extra.compared).toBeGreaterThanOrEqual(30);
    expect(faulty.doubledComments).toEqual([]);
  });

  it('one governance event per state change, and the whole log verifies', () => {
    expect(faulty.governanceDoubles).toEqual([]);
    expect(faulty.chainOk).toBe(true);
  });

  it('Jira shows the status the records say, and no (user, tool) has two open requests or live grants', () => {
    expect(faulty.statusMismatches).toEqual([]);
    expect(faulty.openDuplicates).toEqual([]);
  });

  it('requesters could cancel (retrying while Jira was busy, as a person would)', () => {
    expect(faulty.cancelRefusals).toEqual([]);
  });

  it('the fault-free run is clean too', () => {
    expect(clean.withoutOutcome).toEqual([]);
    expect(clean.statusMismatches).toEqual([]);
    expect(clean.governanceDoubles).toEqual([]);
  });
});
