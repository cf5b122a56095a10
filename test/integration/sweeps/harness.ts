// Sandbox for sweep tests: the emulated Forge platform (real @forge/kvs over
// SQLite) with the Jira emulator, a frozen clock, and records seeded through
// the app store as the core loop would leave them after an approval.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import { forgeJiraTransport } from '../../../src/adapters/jira/forge-transport';
import { jiraApi } from '../../../src/adapters/jira/jira-api';
import { newGrant } from '../../../src/domain/grant/create';
import type { GrantDoc } from '../../../src/domain/grant/types';
import { DEFAULT_RISK_POLICIES } from '../../../src/domain/policy/risk-policy';
import { lockId, newLock } from '../../../src/domain/request/lock';
import type { RequestDoc } from '../../../src/domain/request/types';
import { precompiledCommentTemplates } from '../../../src/render/precompiled';
import { SandboxClock } from '../../../src/sandbox/clock';
import { openSandboxDb } from '../../../src/sandbox/db';
import { FaultInjector } from '../../../src/sandbox/faults';
import { createForgePlatform, type Counters, type ForgePlatform } from '../../../src/sandbox/forge';
import { createJiraEmulator, SEEDED_ACCOUNT_IDS, type JiraEmulator } from '../../../src/sandbox/jira';
import { emptySync, grantPut, lockPut, requestPut, type RequestRecord } from '../../../src/usecases/shared/records';
import type { SweepContinueJob } from '../../../src/domain/sweeps/continuation';
import type { SweepDeps } from '../../../src/usecases/sweeps/context';
import { runSweeps, type SweepRunInput } from '../../../src/usecases/sweeps/run-sweeps';
import type { WorkJob } from '../../../src/usecases/shared/work-jobs';
import type { EffectivePolicy } from '../../../src/domain/policy/effective-policy';

export const T0 = '2026-03-02T09:00:00.000Z';
export const ALICE = SEEDED_ACCOUNT_IDS.alice;

export interface SweepHarness {
  platform: ForgePlatform;
  jira: JiraEmulator;
  clock: SandboxClock;
  faults: FaultInjector;
  jobs: WorkJob[];
  continuations: SweepContinueJob[];
  sweep(input?: SweepRunInput): ReturnType<typeof runSweeps>;
  inApp<T>(fn: (deps: SweepDeps) => Promise<T>): Promise<T>;
  /** Like inApp, with the invocation's KVS/Jira counters. */
  inAppCounted<T>(fn: (deps: SweepDeps) => Promise<T>): Promise<{ value: T; counters: Counters }>;
  call(
    who: keyof typeof SEEDED_ACCOUNT_IDS,
    method: string,
    p: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }>;
  /** Runs `fn` with the app deaf to Jira's events: the seeders make tickets by API and write the records themselves. */
  withoutAppEvents<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function makeSweepHarness(): SweepHarness {
  const db = openSandboxDb(':memory:');
  const clock = new SandboxClock();
  clock.set(T0, { freeze: true });
  clock.installSeam();
  const faults = new FaultInjector();
  const jira = createJiraEmulator({ db, clock, faults, baseUrl: 'http://127.0.0.1:8080' });
  const platform = createForgePlatform({
    db,
    clock,
    faults,
    jira,
    manifest: path.resolve(__dirname, '../../../manifest.yml'),
    loadApp: () => require('../../../src/index') as Record<string, unknown>,
  });
  const jobs: WorkJob[] = [];
  const continuations: SweepContinueJob[] = [];
  const deps = (): SweepDeps => ({
    store: kvsStore(),
    jira: jiraApi(forgeJiraTransport({ kind: 'app' })),
    clock: { now: () => clock.now() },
    random: (n) => randomBytes(n),
    comments: precompiledCommentTemplates(),
    queue: { push: async (j) => void jobs.push(...j) },
    continuation: { push: async (j) => void continuations.push(j) },
  });
  const inApp = async <T>(fn: (d: SweepDeps) => Promise<T>) => (await platform.run(() => fn(deps()))).value;
  // Events reach the app through the platform's event gate. Without it, the app would handle the seeders'
  // ticket events in the background, racing the records they write, and a late handler's ticket write could
  // overlap a sweep's.
  let deaf = false;
  platform.setEventGate(() => !deaf);
  return {
    platform,
    jira,
    clock,
    faults,
    jobs,
    continuations,
    inApp,
    inAppCounted: (fn) => platform.run(() => fn(deps())),
    sweep: (input) => inApp((d) => runSweeps(d, input)),
    async withoutAppEvents(fn) {
      deaf = true;
      try {
        return await fn();
      } finally {
        deaf = false;
      }
    },
    async call(who, method, p, body) {
      const res = await jira.handle({
        method,
        path: p,
        query: new URLSearchParams(),
        headers: {},
        body: body === undefined ? undefined : JSON.parse(JSON.stringify(body)),
        principal: { kind: 'user', accountId: SEEDED_ACCOUNT_IDS[who] },
      });
      return { status: res.status, body: res.body === undefined ? undefined : JSON.parse(JSON.stringify(res.body)) };
    },
    async close() {
      await platform.close();
      SandboxClock.uninstallSeam();
    },
  };
}

const POLICY: EffectivePolicy = {
  ...DEFAULT_RISK_POLICIES.medium,
  policyVersion: 1,
  risk: 'medium',
} as unknown as EffectivePolicy;

async function raise(h: SweepHarness): Promise<{ id: string; key: string }> {
  const res = await h.call('alice', 'POST', '/rest/servicedeskapi/request', {
    serviceDeskId: '1',
    requestTypeId: '1',
    requestFieldValues: { summary: 'Access to Claude' },
  });
  if (res.status !== 201) throw new Error(`raise failed ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.issueId, key: res.body.issueKey };
}

function baseRequest(t: { id: string; key: string }, now: Date, status: RequestDoc['status']): RequestDoc {
  const iso = now.toISOString();
  return {
    v: 1,
    id: t.id,
    ticket: t,
    kind: 'access',
    source: 'fields',
    status,
    requester: ALICE,
    toolId: 'claude',
    toolName: 'Claude',
    purpose: 'Drafting customer replies <b>bold</b>',
    requestedDays: 30,
    risk: 'medium',
    policyVersion: 1,
    submittedAt: iso,
    updatedAt: iso,
    holdsLock: true,
    escalation: { afterHours: 48, lapseAfterDays: 14, approverGroup: 'ai-approvers' },
  };
}

/** A ticket in Active with an active 30-day grant, its request and the lock, as after approval + fulfilment. */
export async function seedActiveGrant(
  h: SweepHarness,
  days = 30,
  connector = false,
  withLock = true,
): Promise<{ ticket: { id: string; key: string }; grant: GrantDoc }> {
  const ticket = await h.withoutAppEvents(async () => {
    const t = await raise(h);
    for (const id of ['21', '51']) {
      const r = await h.call('agent', 'POST', `/rest/api/3/issue/${t.key}/transitions`, { transition: { id } });
      if (r.status !== 204) throw new Error(`transition ${id}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    return t;
  });
  const now = h.clock.now();
  const req = {
    ...baseRequest(ticket, now, 'approved'),
    decision: { by: SEEDED_ACCOUNT_IDS.agent, at: now.toISOString(), auto: false, days },
    grantId: ticket.id,
  };
  const tool = {
    id: 'claude',
    name: 'Claude',
    status: 'requestable' as const,
    risk: 'medium' as const,
    connector: connector ? { provider: 'okta' as const, groupId: 'grp-claude' } : null,
  };
  const { grant } = newGrant({
    request: req,
    approver: { type: 'user', accountId: SEEDED_ACCOUNT_IDS.agent },
    now,
    days,
    tool,
    policy: POLICY,
  });
  const active: GrantDoc = {
    ...grant,
    status: 'active',
    fulfilment: { ...grant.fulfilment, state: 'done', fulfilledAt: now.toISOString() },
  };
  const record: RequestRecord = { ...req, sync: { ...emptySync(), status: { id: '10004', name: 'Active' } } };
  await h.inApp((d) =>
    d.store.commit({
      puts: [
        requestPut(record, 'absent'),
        grantPut(active, 'absent'),
        ...(withLock
          ? [lockPut(lockId(ALICE, 'claude'), newLock(ticket, ALICE, 'claude', 'grant', now), 'absent')]
          : []),
      ],
    }),
  );
  return { ticket, grant: active };
}

/** A ticket waiting for approval with its pending request and lock. */
export async function seedPendingRequest(h: SweepHarness): Promise<{ ticket: { id: string; key: string } }> {
  const ticket = await h.withoutAppEvents(async () => {
    const t = await raise(h);
    const r = await h.call('agent', 'POST', `/rest/api/3/issue/${t.key}/transitions`, { transition: { id: '11' } });
    if (r.status !== 204) throw new Error(`transition: ${r.status}`);
    return t;
  });
  const now = h.clock.now();
  const record: RequestRecord = {
    ...baseRequest(ticket, now, 'pending_approval'),
    sync: { ...emptySync(), status: { id: '10002', name: 'Waiting for approval' } },
  };
  await h.inApp((d) =>
    d.store.commit({
      puts: [
        requestPut(record, 'absent'),
        lockPut(lockId(ALICE, 'claude'), newLock(ticket, ALICE, 'claude', 'request', now), 'absent'),
      ],
    }),
  );
  return { ticket };
}

export async function commentsOf(h: SweepHarness, key: string): Promise<string[]> {
  const res = await h.call('agent', 'GET', `/rest/api/3/issue/${key}/comment`);
  return (res.body.comments as Array<{ body: unknown }>).map((c) => JSON.stringify(c.body));
}

export async function statusOf(h: SweepHarness, key: string): Promise<string> {
  const res = await h.call('agent', 'GET', `/rest/api/3/issue/${key}`);
  return res.body.fields.status.name;
}
