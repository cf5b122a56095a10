// Nothing lost when the queue push after a decision fails (connected mode, shared/job-outbox.ts): 32
// people are approved for the Okta-bound GitHub Copilot Business, each decision's push of its
// `connector.add` seeded at random to succeed, be refused (the job never reaches the queue) or lose its
// answer (the job is queued, the caller sees an error). The decisions are saved either way. Within the
// grace period the lost adds are not tasks yet; past it, connectors.tasks lists exactly them, and Retry
// now queues one of them at once. The hourly
// sweep then pushes the adds that never ran — not the ones that did — and every grant ends active with
// its person in the group once, one add evidenced per grant. A second sweep and a double push change
// nothing.
import { coreDeps } from '../../../src/entry/core-deps';
import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import { prng } from '../../../src/sandbox/faults';
import { SANDBOX_IDP } from '../../../src/sandbox/idp';
import { SEEDED_ACCOUNT_IDS } from '../../../src/sandbox/jira';
import { decideFromView } from '../../../src/usecases/decide-from-view';
import { loadGrant } from '../../../src/usecases/shared/records';
import { connectorJob, type WorkJob } from '../../../src/usecases/shared/work-jobs';
import { adminResolver, fileWithFields, serveSandbox, type ServedSandbox } from './served-sandbox';

jest.setTimeout(600_000);

const PEOPLE = 32;
const SEED = 20261207;
const COPILOT = SANDBOX_IDP.okta.groups.copilot;
let served: ServedSandbox;
const admin = adminResolver(() => served);

const okta = () => served.sb.idp.store.read().okta;
const copilotMembers = () => okta().groups.find((g) => g.id === COPILOT)?.members ?? [];
const grantOf = async (id: string) => (await served.sb.forge.run(() => loadGrant(kvsStore(), id))).value?.doc;

type Fate = 'queued' | 'refused' | 'answer_lost';

interface Person {
  email: string;
  accountId: string;
  oktaId: string;
  issueId: string;
  fate: Fate;
}

async function httpPost(p: string, body: unknown): Promise<void> {
  const res = await fetch(served.server.url + p, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
}

const connectorLog = async (p: Person) =>
  (
    (await admin('governance.list', { subjectType: 'connector', subjectId: `okta.${p.issueId}` })) as {
      events: Array<{ action: string; after: Record<string, unknown> }>;
    }
  ).events;

beforeAll(async () => {
  served = await serveSandbox({ connected: true });
}, 120_000);
afterAll(() => served.close());

it('every approval of a bound tool ends active with its member in the group once, whatever the queue push did', async () => {
  const before = [...copilotMembers()];
  // The people: on the Jira site and in the IdP, mapped by the admin's CSV.
  const people: Person[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const email = `outbox-${i}@example.com`;
    const user = served.sb.jira.createUser({ email, displayName: `Outbox Person ${i}` });
    await httpPost('/__sandbox/idp/users', { email, displayName: `Outbox Person ${i}` });
    const oktaId = okta().users.find((u) => u.profile.email === email)?.id as string;
    people.push({ email, accountId: user.accountId, oktaId, issueId: '', fate: 'queued' });
  }
  const csv = [
    'atlassian_account_id,provider,idp_user_id,idp_login',
    ...people.map((p) => `${p.accountId},okta,${p.oktaId},${p.email}`),
  ].join('\n');
  expect(await admin('identity.import', { csv })).toEqual({ imported: PEOPLE, unchanged: 0, errors: [] });
  for (const p of people) {
    p.issueId = (
      await fileWithFields(served.sb, p.accountId, {
        optionValue: 'GitHub Copilot Business',
        summary: 'AI access: github-copilot-business',
      })
    ).issueId;
  }

  // Approve each from the approvals view, with a queue whose push fails at random (seeded).
  const random = prng(SEED);
  for (const p of people) {
    const r = random();
    p.fate = r < 0.35 ? 'refused' : r < 0.6 ? 'answer_lost' : 'queued';
    const outcome = await served.sb.forge.run(async () => {
      const deps = coreDeps();
      const real = deps.queue;
      const queue = {
        push: async (jobs: ReadonlyArray<WorkJob>, opts?: { delayInSeconds?: number }) => {
          if (p.fate === 'refused') throw new Error('queue unavailable (injected)');
          await real.push(jobs, opts);
          if (p.fate === 'answer_lost') throw new Error('queue answer lost (injected)');
        },
      };
      return decideFromView(
        { ...deps, queue },
        { request: p.issueId, action: 'approve', actorId: SEEDED_ACCOUNT_IDS.agent },
      );
    });
    // The decision is saved and answered whatever the push did.
    expect(outcome.value).toMatchObject({ outcome: 'approved' });
  }
  await served.sb.forge.settle({ timeoutMs: 120_000 });
  const refused = people.filter((p) => p.fate === 'refused');
  // The seed gives every fate (the test can fail): some adds never reached the queue.
  expect(refused.length).toBeGreaterThanOrEqual(5);
  expect(people.filter((p) => p.fate === 'answer_lost').length).toBeGreaterThanOrEqual(5);
  for (const p of people)
    expect({ p: p.email, status: (await grantOf(p.issueId))?.status }).toEqual({
      p: p.email,
      status: p.fate === 'refused' ? 'pending_fulfilment' : 'active',
    });

  // Within the grace period the waiting adds are not tasks; past it, exactly the lost ones are.
  type Tasks = { grants: Array<{ grantId: string; notRun?: { since: string } }> };
  expect(((await admin('connectors.tasks', {})) as Tasks).grants).toEqual([]);
  served.sb.clock.advance('PT16M');
  const tasks = (await admin('connectors.tasks', {})) as Tasks;
  expect(tasks.grants.map((g) => g.grantId).sort()).toEqual(refused.map((p) => p.issueId).sort());
  expect(tasks.grants.every((g) => typeof g.notRun?.since === 'string')).toBe(true);

  // Retry now on one of them queues that same add (its first key) at once; it runs once.
  const first = refused[0];
  expect(await admin('connectors.retry', { grantId: first.issueId })).toEqual({
    queued: `${first.issueId}:add:1`,
    retryOf: `${first.issueId}:add:1`,
    alreadyQueued: true,
  });
  await served.sb.forge.settle({ timeoutMs: 60_000 });
  expect((await grantOf(first.issueId))?.status).toBe('active');

  // The hourly sweep pushes the adds that never ran (not that one: it ran); the queue runs them.
  await served.sb.forge.runScheduled('lifecycle-sweeps-hourly');
  await served.sb.forge.settle({ timeoutMs: 120_000 });
  for (const p of people)
    expect({ p: p.email, status: (await grantOf(p.issueId))?.status }).toEqual({ p: p.email, status: 'active' });
  const members = copilotMembers();
  expect(members.filter((m) => !before.includes(m)).sort()).toEqual(people.map((p) => p.oktaId).sort());
  expect(new Set(members).size).toBe(members.length);
  expect(((await admin('connectors.tasks', {})) as Tasks).grants).toEqual([]);
  const adds = async () =>
    Promise.all(
      people.map(async (p) =>
        (await connectorLog(p)).filter((e) => e.action === 'connector.job_succeeded' && e.after.operation === 'add'),
      ),
    );
  // One add per grant: none ran twice (an add whose push only lost its answer was not pushed again).
  expect((await adds()).map((a) => a.length)).toEqual(people.map(() => 1));

  // A second sweep and a double push of every add change nothing.
  served.sb.clock.advance('PT1H');
  await served.sb.forge.runScheduled('lifecycle-sweeps-hourly');
  await served.sb.forge.run(async () => {
    const jobs = await Promise.all(
      people.map(async (p) => connectorJob('connector.add', (await loadGrant(kvsStore(), p.issueId))!.doc, 1)),
    );
    await coreDeps().queue.push(jobs.filter((j) => j !== undefined));
  });
  await served.sb.forge.settle({ timeoutMs: 120_000 });
  expect((await adds()).map((a) => a.length)).toEqual(people.map(() => 1));
  expect(copilotMembers().sort()).toEqual([...members].sort());
});
