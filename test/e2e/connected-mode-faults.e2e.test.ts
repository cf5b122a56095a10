// Connected mode over HTTP against `npm start`, where the audit saw a removal go unrecorded: expiry's
// sweep commits the grant's end and writes the ticket (slowly: Jira latency) while the removal job it queued runs. The removal is
// recorded as made (outcome "removed", once), never as a later redelivery's "not a member", and its comment
// reaches the ticket once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jsmSite } from './jsm-site';
import { freePort, startSandbox, type StartedSandbox } from './start-sandbox';

jest.setTimeout(300_000);

const PURPOSE = 'Drafting customer research summaries for the product team.';
const CLAUDE_GROUP = '5a1c0de0-0000-4000-8000-00000000c1a0';
let dataDir: string;
let sandbox: StartedSandbox;
const site = jsmSite(() => sandbox.url);
const { v3, sd } = site;

async function post(p: string, body: unknown): Promise<any> {
  const res = await fetch(sandbox.url + p, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Basic ${Buffer.from('admin@example.com:sandbox-token').toString('base64')}`,
    },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

const settle = (advanceClock = false) => post('/__sandbox/settle', { timeoutMs: 120_000, advanceClock });
const admin = async (functionName: string, payload: unknown = {}) =>
  (await post('/__sandbox/invoke', { functionKey: 'admin-resolver', functionName, payload })).result;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-e2e-connected-faults-'));
  sandbox = await startSandbox(dataDir, await freePort(), 150_000);
});

afterAll(async () => {
  await sandbox?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('expiry: the removal made while the sweep writes the ticket is recorded as made, once', async () => {
  const fields = Object.fromEntries(
    (await v3('admin@example.com').issueFields.getFields())
      .filter((f) => f.custom)
      .map((f) => [f.name as string, f.id as string]),
  );
  const types = await sd('alice@example.com').serviceDesk.getRequestTypes({ serviceDeskId: '1' });
  const requestTypeId = types.values?.find((t) => t.name === 'Request access to an AI tool')?.id as string;
  const key = await site.fileAccessRequest({
    email: 'alice@example.com',
    requestTypeId,
    fields,
    tool: 'Claude for Work (Team and Enterprise)',
    days: 30,
    purpose: PURPOSE,
  });
  await settle();
  const agent = v3('agent@example.com');
  const approve = (await agent.issues.getTransitions({ issueIdOrKey: key })).transitions?.find(
    (t) => t.name === 'Approve',
  );
  await agent.issues.doTransition({ issueIdOrKey: key, transition: { id: approve?.id as string } });
  await settle();
  const members = async (): Promise<string[]> =>
    (
      (await (await fetch(`${sandbox.url}/__sandbox/idp/graph/groups/${CLAUDE_GROUP}/members`)).json()) as {
        members: Array<{ email?: string; mail?: string }>;
      }
    ).members.map((m) => (m.email ?? m.mail) as string);
  expect(await members()).toEqual(['alice@example.com']);

  await post('/__sandbox/clock', { advance: 'P31D' });
  // Jira answers slowly: the sweep's ticket write (under its lease) is still going on when the removal
  // job it queued has removed alice and commits.
  await post('/__sandbox/faults', { jira: { latencyMs: 1500 } });
  await post('/__sandbox/scheduled/run', { key: 'lifecycle-sweeps-hourly' });
  await settle(true);
  await post('/__sandbox/faults', {});
  expect(await members()).toEqual([]);

  const issue = await agent.issues.getIssue({ issueIdOrKey: key, fields: ['summary'] });
  const log = await admin('governance.list', { subjectType: 'connector', subjectId: `entra.${issue.id}` });
  const removal = log.events.filter((e: any) => e.after.operation === 'remove');
  expect(removal.map((e: any) => [e.action, e.after.outcome])).toEqual([['connector.job_succeeded', 'removed']]);
  const text = (await site.comments(key)).map((c) => c.text).join('\n');
  expect(text.match(/Connector: done\.\s+Removed/g)).toHaveLength(1);
});
