// A started `npm start` sandbox in connected mode, with the calls the connected-mode e2e suites make as
// a user would: admin resolvers (every answer kept, to search for credentials), sandbox controls, the IdP
// group members, the ticket's aiClearance property and comments, and filing + approving a request.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jsmSite } from './jsm-site';
import { freePort, startSandbox, type StartedSandbox } from './start-sandbox';

const TOKEN = 'sandbox-token';
const PURPOSE = 'Pairing on the payments service refactor and writing unit tests for it.';
export const COPILOT_GROUP = '00gAiCopilot00000001';
export const CLAUDE_GROUP = '5a1c0de0-0000-4000-8000-00000000c1a0';
export const COPILOT = 'GitHub Copilot Business';
export const CLAUDE = 'Claude for Work (Team and Enterprise)';

// Property signatures, not methods: the functions use no `this`, so a suite may destructure them.
export interface ConnectedSite {
  sandbox: () => StartedSandbox;
  /** Every admin resolver answer so far, as sent. */
  answers: string[];
  start: () => Promise<void>;
  stop: () => Promise<void>;
  call: (method: string, p: string, body?: unknown, email?: string) => Promise<{ status: number; json: any }>;
  invoke: (moduleKey: string, functionName: string, payload: unknown, email: string, extra?: object) => Promise<any>;
  admin: (functionName: string, payload?: unknown) => Promise<any>;
  settle: (advanceClock?: boolean) => Promise<void>;
  members: (provider: 'okta' | 'graph', groupId: string) => Promise<string[]>;
  aiClearance: (key: string) => Promise<any>;
  comments: (key: string) => Promise<string[]>;
  issueId: (key: string) => Promise<string>;
  connectorLog: (provider: 'okta' | 'entra', issueId: string) => Promise<Array<{ action: string; after: any }>>;
  file: (email: string, tool: string, days?: number) => Promise<string>;
  requestAndApprove: (email: string, tool: string, days?: number) => Promise<string>;
  requestTypeId: () => string;
}

export function connectedSite(): ConnectedSite {
  let dataDir = '';
  let sandbox: StartedSandbox | undefined;
  let fields: Record<string, string> = {};
  let requestTypeId = '';
  const answers: string[] = [];
  const started = () => {
    if (!sandbox) throw new Error('the sandbox is not started');
    return sandbox;
  };
  const site = jsmSite(() => started().url);
  const auth = (email: string) => `Basic ${Buffer.from(`${email}:${TOKEN}`).toString('base64')}`;

  const self: ConnectedSite = {
    sandbox: started,
    answers,
    async start() {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-e2e-connected-'));
      sandbox = await startSandbox(dataDir, await freePort(), 150_000);
      fields = Object.fromEntries(
        (await site.v3('admin@example.com').issueFields.getFields())
          .filter((f) => f.custom)
          .map((f) => [f.name as string, f.id as string]),
      );
      const types = await site.sd('alice@example.com').serviceDesk.getRequestTypes({ serviceDeskId: '1' });
      requestTypeId = types.values?.find((t) => t.name === 'Request access to an AI tool')?.id as string;
    },
    async stop() {
      await sandbox?.stop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async call(method, p, body, email) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
      if (email) headers.Authorization = auth(email);
      const res = await fetch(started().url + p, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : undefined };
    },
    async invoke(moduleKey, functionName, payload, email, extra = {}) {
      const res = await self.call('POST', '/__sandbox/invoke', { moduleKey, functionName, payload, ...extra }, email);
      expect(res.status).toBe(200);
      answers.push(JSON.stringify(res.json));
      return res.json.result;
    },
    async admin(functionName, payload = {}) {
      const res = await self.call(
        'POST',
        '/__sandbox/invoke',
        { functionKey: 'admin-resolver', functionName, payload },
        'admin@example.com',
      );
      expect(res.status).toBe(200);
      answers.push(JSON.stringify(res.json));
      return res.json.result;
    },
    async settle(advanceClock = false) {
      expect((await self.call('POST', '/__sandbox/settle', { timeoutMs: 120_000, advanceClock })).status).toBe(200);
    },
    async members(provider, groupId) {
      const res = await self.call('GET', `/__sandbox/idp/${provider}/groups/${groupId}/members`);
      expect(res.status).toBe(200);
      return (res.json.members as Array<{ email?: string; mail?: string }>)
        .map((m) => (m.email ?? m.mail) as string)
        .sort();
    },
    async aiClearance(key) {
      return (
        await site
          .v3('agent@example.com')
          .issueProperties.getIssueProperty({ issueIdOrKey: key, propertyKey: 'aiClearance' })
      ).value;
    },
    async comments(key) {
      return (await site.comments(key)).map((c) => c.text);
    },
    async issueId(key) {
      return (await site.v3('agent@example.com').issues.getIssue({ issueIdOrKey: key, fields: ['summary'] })).id;
    },
    async connectorLog(provider, issueId) {
      return (await self.admin('governance.list', { subjectType: 'connector', subjectId: `${provider}.${issueId}` }))
        .events;
    },
    async file(email, tool, days = 30) {
      const key = await site.fileAccessRequest({ email, requestTypeId, fields, tool, days, purpose: PURPOSE });
      await self.settle();
      return key;
    },
    async requestAndApprove(email, tool, days = 30) {
      const key = await self.file(email, tool, days);
      const agent = site.v3('agent@example.com');
      const approve = (await agent.issues.getTransitions({ issueIdOrKey: key })).transitions?.find(
        (t) => t.name === 'Approve',
      );
      expect(approve).toBeDefined();
      await agent.issues.doTransition({ issueIdOrKey: key, transition: { id: approve?.id as string } });
      await self.settle();
      return key;
    },
    requestTypeId: () => requestTypeId,
  };
  return self;
}
