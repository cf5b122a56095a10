// Retry now over a served sandbox in connected mode: an unmapped requester's approved grant waits in
// manual_action_required with a task; the admin maps them and retries (the resolver, then the CLI's
// `connector retry`); the add runs, they are a member of the Okta group and the grant is active; a second
// retry changes nothing and says why; a retry whose job could not be queued is recovered by retrying again;
// the task's closing and the new job are in the governance log.
import { SANDBOX_IDP } from '../../../src/sandbox/idp';
import { SEEDED_ACCOUNT_IDS } from '../../../src/sandbox/jira';
import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import { randomBytes } from 'node:crypto';
import { systemClock } from '../../../src/adapters/clock';
import { retryConnectorTask } from '../../../src/usecases/connectors/retry';
import { loadGrant } from '../../../src/usecases/shared/records';
import { adminResolver, fileAndApprove, serveSandbox, type ServedSandbox } from './served-sandbox';

const COPILOT = SANDBOX_IDP.okta.groups.copilot;
const BOB = SEEDED_ACCOUNT_IDS.bob;
let served: ServedSandbox;
const cli = (...args: string[]) => served.cli(args);
const admin = adminResolver(() => served);

const okta = () => served.sb.idp.store.read().okta;
const bobOkta = () => okta().users.find((u) => u.profile.email === 'bob@example.com');
const copilotMembers = () => okta().groups.find((g) => g.id === COPILOT)?.members ?? [];
const grantStatus = async (grantId: string) =>
  (await served.sb.forge.run(() => loadGrant(kvsStore(), grantId))).value?.doc.status;

beforeAll(async () => {
  served = await serveSandbox({ connected: true });
  // The seed put bob in the group without a grant (a stray); start from a group without him.
  served.sb.idp.store.update((s) => {
    const g = s.okta.groups.find((x) => x.id === COPILOT);
    if (g) g.members = g.members.filter((m) => m !== bobOkta()?.id);
  });
}, 120_000);
afterAll(() => served.close());

it('an unmapped requester waits; after the admin maps them, Retry now makes them a member and the grant active', async () => {
  expect(await admin('identity.remove', { provider: 'okta', accountId: BOB })).toMatchObject({ removed: true });
  const filed = await fileAndApprove(served.sb, BOB, {
    optionValue: 'GitHub Copilot Business',
    summary: 'AI access: github-copilot-business',
  });
  expect(await grantStatus(filed.issueId)).toBe('manual_action_required');
  const tasks = (await admin('connectors.tasks', {})) as { grants: Array<{ grantId: string }> };
  expect(tasks.grants.map((g) => g.grantId)).toEqual([filed.issueId]);

  // Retrying before the cause is fixed runs the job again and hands it back: still a task, still no member.
  expect(await admin('connectors.retry', { grantId: filed.issueId })).toEqual({
    queued: `${filed.issueId}:add:2`,
    retryOf: `${filed.issueId}:add:1`,
    alreadyQueued: false,
  });
  await served.sb.forge.settle({ timeoutMs: 60_000 });
  expect(await grantStatus(filed.issueId)).toBe('manual_action_required');
  expect(copilotMembers()).not.toContain(bobOkta()?.id);

  const bobId = bobOkta()?.id as string;
  expect(
    await admin('identity.set', { provider: 'okta', accountId: BOB, idpUserId: bobId, idpLogin: 'bob@example.com' }),
  ).toMatchObject({ changed: true });
  const retried = await cli('connector', 'retry', filed.issueId);
  expect(retried.err).toBe('');
  expect(retried.out.trim()).toBe(`Queued ${filed.issueId}:add:3 (retry of ${filed.issueId}:add:2).`);
  expect(retried.code).toBe(0);
  await served.sb.forge.settle({ timeoutMs: 60_000 });

  expect(copilotMembers()).toContain(bobId);
  expect(await grantStatus(filed.issueId)).toBe('active');
  expect(((await admin('connectors.tasks', {})) as { grants: unknown[] }).grants).toEqual([]);

  // A second retry is harmless: the task is closed, nothing is queued, and the answer says why.
  const again = await cli('connector', 'retry', filed.issueId);
  expect(again.code).toBe(1);
  expect(again.err).toMatch(/^Error NO_OPEN_TASK: .*not waiting for a person \(its last job succeeded\)/);
  expect(await grantStatus(filed.issueId)).toBe('active');

  const log = (await admin('governance.list', { subjectType: 'connector', subjectId: `okta.${filed.issueId}` })) as {
    events: Array<{ action: string; actor: { type: string }; after: Record<string, unknown> }>;
  };
  expect(log.events.map((e) => e.action)).toEqual([
    'connector.job_manual_action_required',
    'connector.job_queued',
    'connector.job_manual_action_required',
    'connector.job_queued',
    'connector.job_succeeded',
  ]);
  expect(log.events[3]).toMatchObject({
    actor: { type: 'user' },
    after: { operation: 'add', key: `${filed.issueId}:add:3`, retryOf: `${filed.issueId}:add:2` },
  });
  const grantLog = (await admin('governance.list', { subjectType: 'grant', subjectId: filed.issueId })) as {
    events: Array<{ action: string }>;
  };
  expect(grantLog.events.map((e) => e.action).slice(-2)).toEqual(['grant.fulfilment_queued', 'grant.fulfilled']);
});

it('a retry whose job could not be queued says so; retrying again queues that same job once', async () => {
  const ALICE = SEEDED_ACCOUNT_IDS.alice;
  expect(await admin('identity.remove', { provider: 'okta', accountId: ALICE })).toMatchObject({ removed: true });
  const filed = await fileAndApprove(served.sb, ALICE, {
    optionValue: 'GitHub Copilot Business',
    summary: 'AI access: github-copilot-business',
  });
  expect(await grantStatus(filed.issueId)).toBe('manual_action_required');
  const alice = okta().users.find((u) => u.profile.email === 'alice@example.com')?.id as string;
  await admin('identity.set', { provider: 'okta', accountId: ALICE, idpUserId: alice });

  // The task closes in the store, but the queue refuses the job (a push that failed).
  const refusingQueue = {
    push: () => Promise.reject(new Error('queue unavailable')),
  };
  const lost = await served.sb.forge.run(() =>
    retryConnectorTask(
      { store: kvsStore(), clock: systemClock, random: (n) => new Uint8Array(randomBytes(n)), queue: refusingQueue },
      { grantId: filed.issueId },
      { type: 'user', accountId: SEEDED_ACCOUNT_IDS.admin },
    ).catch((e: unknown) => e),
  );
  expect(lost.value).toMatchObject({
    code: 'TRY_AGAIN',
    message: expect.stringMatching(/press Retry now again/) as unknown,
  });
  expect(await grantStatus(filed.issueId)).toBe('pending_fulfilment');

  // Retry now again: the same job, queued this time, runs once.
  expect(await admin('connectors.retry', { grantId: filed.issueId })).toEqual({
    queued: `${filed.issueId}:add:2`,
    retryOf: `${filed.issueId}:add:1`,
    alreadyQueued: true,
  });
  await served.sb.forge.settle({ timeoutMs: 60_000 });
  expect(await grantStatus(filed.issueId)).toBe('active');
  expect(copilotMembers()).toContain(alice);
  const log = (await admin('governance.list', { subjectType: 'connector', subjectId: `okta.${filed.issueId}` })) as {
    events: Array<{ action: string }>;
  };
  expect(log.events.map((e) => e.action)).toEqual([
    'connector.job_manual_action_required',
    'connector.job_queued',
    'connector.job_succeeded',
  ]);
});

it('an unknown task and a malformed key are refused, saying what to fix', async () => {
  expect(await admin('connectors.retry', { grantId: '999999' })).toEqual({
    error: { code: 'NO_OPEN_TASK', message: 'There is no connector task for grant 999999: nothing to retry.' },
  });
  expect(await admin('connectors.retry', { jobKey: 'nonsense' })).toMatchObject({
    error: { code: 'BAD_REQUEST', message: expect.stringMatching(/task key/) as unknown },
  });
});
