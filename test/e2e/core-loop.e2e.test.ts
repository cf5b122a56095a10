// Issue 5 "done when", over HTTP against `npm start`, as a new user would:
// alice requests an approved tool, a duplicate is blocked, bob's request for a
// tool that is not requestable is rejected, the agent approves, JQL reports
// the grant, and the governance log verifies.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jsmSite } from './jsm-site';
import { freePort, startSandbox, type StartedSandbox } from './start-sandbox';

jest.setTimeout(180_000);

const TOKEN = 'sandbox-token';
const PURPOSE = 'Drafting customer-facing release notes and summarising support tickets for the weekly report.';
let dataDir: string;
let sandbox: StartedSandbox;
let fields: Record<string, string>;
let requestTypeId: string;

const site = jsmSite(() => sandbox.url);
const { v3, sd, comments } = site;

async function post(p: string, body: unknown, email?: string): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (email) headers.Authorization = `Basic ${Buffer.from(`${email}:${TOKEN}`).toString('base64')}`;
  const res = await fetch(sandbox.url + p, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

async function get(p: string, email: string): Promise<{ status: number; json: any }> {
  const res = await fetch(sandbox.url + p, {
    headers: {
      Accept: 'application/json',
      Authorization: `Basic ${Buffer.from(`${email}:${TOKEN}`).toString('base64')}`,
    },
  });
  return { status: res.status, json: await res.json() };
}

async function settle(): Promise<void> {
  expect((await post('/__sandbox/settle', { timeoutMs: 60_000 })).status).toBe(200);
}

async function fileRequest(email: string, tool: string, days: number): Promise<string> {
  const key = await site.fileAccessRequest({ email, requestTypeId, fields, tool, days, purpose: PURPOSE });
  await settle();
  return key;
}

async function aiClearance(key: string): Promise<any> {
  return (
    await v3('agent@example.com').issueProperties.getIssueProperty({ issueIdOrKey: key, propertyKey: 'aiClearance' })
  ).value;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-e2e-core-'));
  sandbox = await startSandbox(dataDir, await freePort());
  fields = Object.fromEntries(
    (await v3('admin@example.com').issueFields.getFields())
      .filter((f) => f.custom)
      .map((f) => [f.name as string, f.id as string]),
  );
  const types = await sd('alice@example.com').serviceDesk.getRequestTypes({ serviceDeskId: '1' });
  requestTypeId = types.values?.find((t) => t.name === 'Request access to an AI tool')?.id as string;
  expect(requestTypeId).toBeDefined();
});

afterAll(async () => {
  await sandbox?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('request → decision → grant over HTTP', () => {
  let first: string;

  it('alice requests an approved tool for 30 days: pending, stamped, public comment', async () => {
    first = await fileRequest('alice@example.com', 'ChatGPT Enterprise', 30);
    const prop = await aiClearance(first);
    expect(prop).toMatchObject({
      status: 'pending_approval',
      toolId: 'chatgpt-enterprise',
      risk: 'medium',
      decision: 'pending',
    });
    const issue = await v3('agent@example.com').issues.getIssue({
      issueIdOrKey: first,
      fields: ['status', fields['Grant status'], fields['Risk level']],
    });
    expect(issue.fields.status.name).toBe('Waiting for approval');
    expect(JSON.stringify(issue.fields)).toMatch(/Medium/);
    const c = await comments(first);
    expect(c).toHaveLength(1);
    expect(c[0].public).toBe(true);
    expect(c[0].text).toContain('ChatGPT Enterprise');
  });

  it('the same again is blocked with a link to the first', async () => {
    const dup = await fileRequest('alice@example.com', 'ChatGPT Enterprise', 30);
    expect((await aiClearance(dup)).status).toBe('blocked_duplicate');
    expect((await comments(dup))[0].text).toContain(first);
  });

  it('bob asks for a tool that is not requestable (by email) and gets the list of requestable tools', async () => {
    // The JSM email channel files into the access request type with only a summary and a description.
    const res = await post('/__sandbox/email', {
      from: 'bob@example.com',
      subject: 'Access to Cursor please',
      body: 'I need Cursor for 30 days.',
      requestTypeId,
    });
    expect(res.status).toBe(201);
    await settle();
    const key = res.json.issueKey as string;
    expect((await aiClearance(key)).status).toBe('rejected_invalid');
    const text = (await comments(key))[0].text;
    expect(text).toContain('Request access to an AI tool');
    for (const tool of ['ChatGPT Enterprise', 'Claude for Work', 'GitHub Copilot Business', 'DeepL Pro'])
      expect(text).toContain(tool);
    expect(text).not.toContain('Cursor');
  });

  it("bob cannot read alice's request", async () => {
    // Another customer's request is not found (JSM does not say whether it exists), in JSM's error shape.
    const res = await get(`/rest/servicedeskapi/request/${first}`, 'bob@example.com');
    expect(res.status).toBe(404);
    expect(res.json).toHaveProperty('errorMessage');
  });

  it('alice cannot approve her own request; the agent approves: active grant with expiry = approval + 30 days', async () => {
    // The call itself must succeed (a failing call would prove nothing): customers are offered no transition.
    const own = await get(`/rest/api/3/issue/${first}/transitions`, 'alice@example.com');
    expect(own.status).toBe(200);
    expect(own.json.transitions).toEqual([]);
    // The app also refuses self-approval (tested in integration: decisions.test.ts).

    const agent = v3('agent@example.com');
    const approve = (await agent.issues.getTransitions({ issueIdOrKey: first })).transitions?.find(
      (t) => t.name === 'Approve',
    );
    const clockBefore = Date.parse(
      ((await (await fetch(`${sandbox.url}/__sandbox/clock`)).json()) as { now: string }).now,
    );
    await agent.issues.doTransition({ issueIdOrKey: first, transition: { id: approve?.id as string } });
    await settle();
    const prop = await aiClearance(first);
    expect(prop.decision).toBe('approved');
    expect(['pending_fulfilment', 'active']).toContain(prop.status);
    const expires = Date.parse(prop.expiresAt);
    // The indexed property keeps whole seconds (platform-contract.md JQL-1).
    const days = (expires - Math.floor(clockBefore / 1000) * 1000) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(30);
    expect(days).toBeLessThan(30.01);
    const approved = (await comments(first)).find((c) => /approved/i.test(c.text))!;
    expect(approved.text).toContain('ChatGPT Enterprise');
    expect(approved.text).toContain('30');
    expect(approved.text).toContain(String(prop.policyVersion));

    // Manual fulfilment: the agent confirms access was granted.
    if (prop.status === 'pending_fulfilment') {
      const fulfil = (await agent.issues.getTransitions({ issueIdOrKey: first })).transitions?.find(
        (t) => t.name === 'Mark fulfilled',
      );
      await agent.issues.doTransition({ issueIdOrKey: first, transition: { id: fulfil?.id as string } });
      await settle();
    }
    expect((await aiClearance(first)).status).toBe('active');
  });

  it('JQL finds the grant by property path and by search alias', async () => {
    const agent = v3('agent@example.com');
    for (const jql of [
      'issue.property[aiClearance].status = "active"',
      'aicStatus = "active" AND aicTool = "chatgpt-enterprise"',
    ]) {
      const res = await agent.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql, fields: ['summary'] });
      expect(res.issues?.map((i) => i.key)).toEqual([first]);
    }
  });

  it('the governance log shows every step and verifies', async () => {
    const issue = await v3('agent@example.com').issues.getIssue({ issueIdOrKey: first, fields: ['summary'] });
    const log = await post(
      '/__sandbox/invoke',
      {
        functionKey: 'admin-resolver',
        functionName: 'governance.list',
        payload: { subjectType: 'request', subjectId: issue.id },
      },
      'admin@example.com',
    );
    const actions = (log.json.result.events as Array<{ action: string }>).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['request.submitted', 'request.pending_approval', 'request.approved']),
    );
    const verify = await post(
      '/__sandbox/invoke',
      {
        functionKey: 'admin-resolver',
        functionName: 'governance.verify',
        payload: { subjectType: 'request', subjectId: issue.id },
      },
      'admin@example.com',
    );
    expect(verify.json.result.ok).toBe(true);
  });

  it('issue 6 with the sandbox clock: review at +16 days, final reminder at +29, expiry at +30, then a new request is possible', async () => {
    const sweep = async (advance: string) => {
      expect((await post('/__sandbox/clock', { advance })).status).toBe(200);
      expect((await post('/__sandbox/scheduled/run', { key: 'lifecycle-sweeps-hourly' })).status).toBe(200);
      await settle();
    };
    const publicComments = async () => (await comments(first)).filter((c) => c.public).length;
    const before = await publicComments();
    await sweep('P16D');
    expect(await publicComments()).toBe(before + 1);
    expect((await aiClearance(first)).status).toBe('in_review');
    await sweep('P13D');
    expect(await publicComments()).toBe(before + 2);
    await sweep('P1D');
    expect((await aiClearance(first)).status).toBe('expired');
    const issue = await v3('agent@example.com').issues.getIssue({ issueIdOrKey: first, fields: ['status'] });
    expect(issue.fields.status.name).toBe('Expired');
    expect(await publicComments()).toBe(before + 3);
    // Running the sweep again at the same clock changes nothing.
    expect((await post('/__sandbox/scheduled/run', { key: 'lifecycle-sweeps-hourly' })).status).toBe(200);
    await settle();
    expect(await publicComments()).toBe(before + 3);
    // The duplicate lock is released: alice can ask again at once.
    const again = await fileRequest('alice@example.com', 'ChatGPT Enterprise', 30);
    expect((await aiClearance(again)).status).toBe('pending_approval');
  });
});
