// Connected mode under the races and failures an at-least-once, concurrent queue brings, over a served sandbox
// in connected mode (the real app, the emulated Okta org and Entra tenant):
//  - an IdP change made while another writer holds the ticket's lease is still recorded as what happened
//    (job ledger, governance event), its comment written once the lease is over;
//  - an add that lands after its grant was revoked is followed by a removal;
//  - authoritative reconciliation removes nobody while a live grant of the tool is unmapped;
//  - binding a tool is one transaction: a failed commit leaves neither the catalog's binding nor its record;
//  - a reconciliation the IdP refuses for good is in the governance log, once per job.
import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import { forgeDirectories } from '../../../src/adapters/idp/directories';
import { systemClock } from '../../../src/adapters/clock';
import { coreDeps } from '../../../src/entry/core-deps';
import { reconcile } from '../../../src/entry/consumer/jobs';
import { SANDBOX_IDP } from '../../../src/sandbox/idp';
import { SEEDED_ACCOUNT_IDS } from '../../../src/sandbox/jira';
import type { GroupDirectory } from '../../../src/ports/group-directory';
import { runConnectorJob, undoKey } from '../../../src/usecases/run-connector-job';
import { loadJob } from '../../../src/usecases/connectors/records';
import { isRetryLater } from '../../../src/usecases/shared/errors';
import { loadGrant, loadRequest, requestPut } from '../../../src/usecases/shared/records';
import { addOp } from '../../../src/usecases/shared/ticket-sync';
import { connectorJob, type ConnectorJob } from '../../../src/usecases/shared/work-jobs';
import { adminResolver, fileAndApprove, serveSandbox, type ServedSandbox } from '../cli/served-sandbox';

const CLAUDE = SANDBOX_IDP.graph.groups.claude;
const COPILOT = SANDBOX_IDP.okta.groups.copilot;
const CLAUDE_TOOL = { optionValue: 'Claude for Work (Team and Enterprise)', summary: 'AI access: claude-for-work' };
const COPILOT_TOOL = { optionValue: 'GitHub Copilot Business', summary: 'AI access: github-copilot-business' };
let served: ServedSandbox;
const admin = adminResolver(() => served);
const run = async <T>(fn: () => Promise<T>): Promise<T> => (await served.sb.forge.run(fn)).value;
const settle = (advanceClock = false) => served.sb.forge.settle({ timeoutMs: 60_000, advanceClock });

const idp = () => served.sb.idp.store.read();
const graphUser = (mail: string) => idp().graph.users.find((u) => u.mail === mail)?.id as string;
const oktaUser = (email: string) => idp().okta.users.find((u) => u.profile.email === email)?.id as string;
const claudeMembers = () => idp().graph.groups.find((g) => g.id === CLAUDE)?.members ?? [];
const copilotMembers = () => idp().okta.groups.find((g) => g.id === COPILOT)?.members ?? [];
const grantStatus = async (id: string) => (await run(() => loadGrant(kvsStore(), id)))?.doc.status;

interface LoggedEvent {
  action: string;
  after: Record<string, unknown>;
}
async function log(subjectId: string): Promise<LoggedEvent[]> {
  return ((await admin('governance.list', { subjectType: 'connector', subjectId })) as { events: LoggedEvent[] })
    .events;
}

/** The ticket's comments as the admin reads them over REST (ADF text nodes joined). */
async function commentText(issueKey: string): Promise<string> {
  const res = await fetch(`${served.server.url}/rest/api/3/issue/${issueKey}/comment`, {
    headers: {
      Authorization: `Basic ${Buffer.from('admin@example.com:sandbox-token').toString('base64')}`,
      Accept: 'application/json',
    },
  });
  expect(res.status).toBe(200);
  const texts: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as { type?: unknown; text?: unknown };
      if (o.type === 'text' && typeof o.text === 'string') texts.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(((await res.json()) as { comments: unknown[] }).comments);
  return texts.join('');
}

function jobDeps(wrap?: (d: GroupDirectory) => GroupDirectory) {
  const real = forgeDirectories();
  return {
    ...coreDeps(),
    directories: wrap
      ? {
          ...real,
          get: async (p: 'okta' | 'entra') => {
            const d = await real.get(p);
            return d && wrap(d);
          },
        }
      : real,
  };
}

async function jobOf(type: ConnectorJob['type'], grantId: string, n: number): Promise<ConnectorJob> {
  const g = await run(() => loadGrant(kvsStore(), grantId));
  const job = g && connectorJob(type, g.doc, n);
  if (!job) throw new Error(`no ${type} job for grant ${grantId}`);
  return job;
}

beforeAll(async () => {
  served = await serveSandbox({ connected: true });
}, 120_000);
afterAll(() => served.close());
afterEach(() => served.sb.faults.reset());

it('a removal made while another writer holds the ticket is recorded as made; its comment follows the lease', async () => {
  const filed = await fileAndApprove(served.sb, SEEDED_ACCOUNT_IDS.alice, CLAUDE_TOOL);
  expect(await grantStatus(filed.issueId)).toBe('active');
  expect(claudeMembers()).toEqual([graphUser('alice@example.com')]);

  // Another writer (a sweep, a decision) has committed an op and holds the ticket's lease while it writes.
  await run(async () => {
    const r = await loadRequest(kvsStore(), filed.issueId);
    if (!r) throw new Error('no request');
    const sync = addOp(r.doc.sync, { comments: [] }, systemClock.now());
    await kvsStore().commit({ puts: [requestPut({ ...r.doc, sync }, r.version)] });
  });

  const job = await jobOf('connector.remove', filed.issueId, 1);
  const first = await run(() => runConnectorJob(jobDeps(), job).catch((e: unknown) => e));
  // The removal happened and is committed as such; only the comment waits (the queue delivers the job again).
  expect(claudeMembers()).toEqual([]);
  expect(isRetryLater(first) && first.reason).toBe('ticket_write_in_progress');
  expect((await run(() => loadJob(kvsStore(), job.idempotencyKey)))?.doc).toMatchObject({
    state: 'succeeded',
    outcome: 'removed',
  });
  expect((await log(`entra.${filed.issueId}`)).at(-1)).toMatchObject({
    action: 'connector.job_succeeded',
    after: { operation: 'remove', outcome: 'removed' },
  });
  expect(await commentText(filed.issueKey)).not.toMatch(/Connector: done\.\s*Removed/);

  // The redelivery after the lease: the job is done; it writes the waiting comment, once.
  served.sb.clock.advance('PT3M');
  expect(await run(() => runConnectorJob(jobDeps(), job))).toBe('already_done');
  expect(await run(() => runConnectorJob(jobDeps(), job))).toBe('already_done');
  expect((await commentText(filed.issueKey)).match(/Connector: done\.\s*Removed/g)).toHaveLength(1);
  const removals = (await log(`entra.${filed.issueId}`)).filter((e) => e.after.operation === 'remove');
  expect(removals.map((e) => [e.action, e.after.outcome])).toEqual([['connector.job_succeeded', 'removed']]);
});

it('an add that lands after the grant was revoked is followed by a removal, all evidenced', async () => {
  // The first add attempt meets an Okta 5xx: the grant waits (fulfilment_failed), the retry is queued for later.
  served.sb.faults.configure({ idp: { next5xx: 1, target: 'okta' } });
  const filed = await fileAndApprove(served.sb, SEEDED_ACCOUNT_IDS.alice, COPILOT_TOOL);
  expect(await grantStatus(filed.issueId)).toBe('fulfilment_failed');
  served.sb.faults.reset();
  const alice = oktaUser('alice@example.com');
  expect(copilotMembers()).not.toContain(alice);

  // The retry's add call is in flight when an agent revokes the grant, and the revocation's removal runs
  // (nobody to remove yet) before the add lands.
  const revokeFirst = (d: GroupDirectory): GroupDirectory => ({
    ...d,
    addMember: async (groupId, userId) => {
      const decided = (await served.sb.forge.invokeResolver({
        moduleKey: 'ai-clearance-queues',
        functionName: 'approvals.decide',
        payload: { request: filed.issueKey, action: 'revoke', rationale: 'No longer on the payments team' },
        accountId: SEEDED_ACCOUNT_IDS.agent,
      })) as { outcome?: string };
      expect(decided.outcome).toBe('revoked');
      await settle();
      return d.addMember(groupId, userId);
    },
  });
  const add = await jobOf('connector.add', filed.issueId, 1);
  expect(await run(() => runConnectorJob(jobDeps(revokeFirst), add))).toBe('removal_queued');
  expect(await grantStatus(filed.issueId)).toBe('revoked');
  expect(copilotMembers()).toContain(alice);

  await settle(true);
  expect(copilotMembers()).not.toContain(alice);
  const events = await log(`okta.${filed.issueId}`);
  const undo = undoKey(add.idempotencyKey);
  // (Okta answers 204 to removing a non-member, so the revocation's own removal also reads "removed".)
  expect(events.map((e) => [e.action, e.after.operation, e.after.key])).toEqual([
    ['connector.job_retrying', 'add', add.idempotencyKey],
    ['connector.job_succeeded', 'remove', `${filed.issueId}:remove:1`],
    ['connector.job_succeeded', 'add', add.idempotencyKey],
    ['connector.job_queued', 'remove', undo],
    ['connector.job_succeeded', 'remove', undo],
  ]);
  expect(events[2].after).toMatchObject({ outcome: 'grant_ended', idpOutcome: 'added', grantStatus: 'revoked' });
  expect(events[4].after).toMatchObject({ outcome: 'removed' });
  expect((await commentText(filed.issueKey)).match(/Connector: done\.\s*Removed/g)?.length).toBeGreaterThanOrEqual(1);
});

it('authoritative reconciliation removes nobody while a live grant of the tool is unmapped, and says so', async () => {
  const BOB = SEEDED_ACCOUNT_IDS.bob;
  const bob = oktaUser('bob@example.com');
  // bob is in the group (the seed's stray) and now holds a live grant the app cannot map to him.
  expect(copilotMembers()).toContain(bob);
  expect(await admin('identity.remove', { provider: 'okta', accountId: BOB })).toMatchObject({ removed: true });
  const filed = await fileAndApprove(served.sb, BOB, COPILOT_TOOL);
  expect(await grantStatus(filed.issueId)).toBe('manual_action_required');

  await admin('connectors.setAuthoritative', { provider: 'okta', authoritative: true });
  const withheld = (await admin('connectors.reconcile', { toolId: 'github-copilot-business' })) as {
    results: Array<{ report: Record<string, unknown> }>;
  };
  expect(withheld.results[0].report).toMatchObject({
    authoritative: true,
    strays: [{ idpUserId: bob }],
    unmapped: [{ grantId: filed.issueId, accountId: BOB }],
    removed: [],
    removalsWithheld: 'unmapped_live_grants',
  });
  expect(copilotMembers()).toContain(bob);
  expect((await log('drift.github-copilot-business')).at(-1)?.after).toMatchObject({
    strays: 1,
    unmapped: 1,
    removed: 0,
    authoritative: true,
    removalsWithheld: 'unmapped_live_grants',
  });

  const cli = await served.cli(['connector', 'reconcile', '--tool', 'github-copilot-business']);
  expect(cli.out).toMatch(/1 without grant, nobody removed: an approved account is unmapped/);
  expect(copilotMembers()).toContain(bob);

  // Once mapped, bob's grant names him: he is no stray, and nobody else is either.
  await admin('identity.set', { provider: 'okta', accountId: BOB, idpUserId: bob, idpLogin: 'bob@example.com' });
  const mapped = (await admin('connectors.reconcile', { toolId: 'github-copilot-business' })) as {
    results: Array<{ report: Record<string, unknown> }>;
  };
  expect(mapped.results[0].report).toMatchObject({ strays: [], unmapped: [], removed: [] });
  expect(mapped.results[0].report.removalsWithheld).toBeUndefined();
  expect(copilotMembers()).toContain(bob);
  await admin('connectors.setAuthoritative', { provider: 'okta', authoritative: false });
});

it('binding and unbinding are one transaction each: a refused commit leaves the tool as it was', async () => {
  const tool = 'chatgpt-enterprise';
  const state = async () => {
    const entry = (
      (await admin('catalog.list', { q: 'ChatGPT Enterprise' })) as { entries: Array<{ connector?: unknown }> }
    ).entries[0];
    const { bindings } = (await admin('connectors.bindings', {})) as { bindings: Array<{ toolId: string }> };
    return { catalog: Boolean(entry?.connector), record: bindings.some((b) => b.toolId === tool) };
  };
  const bind = () =>
    admin('connectors.bind', { toolId: tool, provider: 'okta', groupId: SANDBOX_IDP.okta.groups.cursor }).catch(
      (e: unknown) => e,
    );
  expect(await state()).toEqual({ catalog: false, record: false });
  // The KVS refuses the bind's transaction (Forge's 429 RATE_LIMIT_EXCEEDED): nothing of it is stored.
  served.sb.faults.configure({ kvs: { rateLimitTransactions: { after: 0, count: 1 } } });
  await bind();
  expect(await state()).toEqual({ catalog: false, record: false });
  // The KVS refuses the transaction after the first: the catalog and the record still agree.
  served.sb.faults.configure({ kvs: { rateLimitTransactions: { after: 1, count: 1 } } });
  await bind();
  const after = await state();
  expect(after.catalog).toBe(after.record);
  served.sb.faults.reset();
  await bind();
  expect(await state()).toEqual({ catalog: true, record: true });

  served.sb.faults.configure({ kvs: { rateLimitTransactions: { after: 0, count: 1 } } });
  await admin('connectors.unbind', { toolId: tool }).catch((e: unknown) => e);
  expect(await state()).toEqual({ catalog: true, record: true });
  served.sb.faults.reset();
  await admin('connectors.unbind', { toolId: tool });
  expect(await state()).toEqual({ catalog: false, record: false });
});

it('a reconciliation the IdP refuses for good is in the governance log, once per job', async () => {
  // The bound Entra group is deleted in the tenant: Graph answers 404 for its members.
  served.sb.idp.store.update((s) => {
    s.graph.groups = s.graph.groups.filter((g) => g.id !== CLAUDE);
  });
  const job = { type: 'connector.reconcile' as const, toolId: 'claude-for-work', idempotencyKey: 'reconcile:claude:1' };
  await run(() => reconcile(job));
  await run(() => reconcile(job)); // redelivered
  const failures = (await log('drift.claude-for-work')).filter((e) => e.action === 'connector.job_failed');
  expect(failures).toHaveLength(1);
  expect(failures[0].after).toMatchObject({
    operation: 'reconcile',
    toolId: 'claude-for-work',
    provider: 'entra',
    groupId: CLAUDE,
    failure: 'not_found',
    status: 404,
    key: job.idempotencyKey,
  });
});
