// The core loop in-process: the composed sandbox (SQLite in memory, Jira/JSM
// emulator, emulated Forge platform running the real src/index handlers with
// the real SDKs), the JSM templates applied and the demo catalog approved, as
// `npm start` does on first start. Events can be held back to deliver them
// twice, out of order, or concurrently.
import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import type { JiraProductEvent } from '../../../src/sandbox/contracts';
import { bootstrapSandboxCatalog } from '../../../src/sandbox/catalog-bootstrap';
import { provisionSandboxSite } from '../../../src/sandbox/first-start';
import { SEEDED_ACCOUNT_IDS, SERVICE_DESK } from '../../../src/sandbox/jira';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/sandbox';
import type { StoredGovernanceEvent, StoredRecord } from '../../../src/ports/store';
import { loadProvisioning } from '../../../src/usecases/shared/catalog-repo';
import { quietHandlerLogs } from '../../setup/handler-logs';

export const T0 = '2026-06-01T09:00:00.000Z';
export const IDS = SEEDED_ACCOUNT_IDS;
export type Who = keyof typeof SEEDED_ACCOUNT_IDS;
/** A seeded user by name, or any other sandbox user by account id (see addUser). */
export type Caller = Who | (string & {});
const accountOf = (who: Caller): string => (who in IDS ? IDS[who as Who] : who);

export interface CoreHarness {
  sb: Sandbox;
  /** Request type ids by template ref. */
  requestTypes: Record<string, string>;
  fieldIds: Record<string, string>;
  /** Events held back while `hold` is on (delivered by deliver()). */
  held: JiraProductEvent[];
  hold(on: boolean): void;
  deliver(events: JiraProductEvent[]): void;
  settle(advanceClock?: boolean): Promise<void>;
  /** Files a request through the portal panel (its view.submit field aiClearanceRequest), as `who`. */
  fileViaPanel(
    who: Who,
    body: { toolId?: string | null; purpose?: string | null; days?: number | string | null; kind?: string },
    requestType?: string,
  ): { issueId: string; issueKey: string };
  call(
    who: Caller,
    method: string,
    path: string,
    body?: unknown,
    query?: Record<string, string>,
  ): Promise<{ status: number; body: any }>;
  /** The agent runs workflow transition `id` on `key` (204 expected), then the app's work settles. */
  transitionAsAgent(key: string, id: string, extra?: Record<string, unknown>): Promise<void>;
  /** Adds a sandbox user as the admin would (the users control); returns the account id. */
  addUser(input: { email: string; displayName: string; roles?: string[]; groups?: string[] }): string;
  /** The scheduled lifecycle sweeps as Forge runs them (one ok run expected), then whatever they queued. */
  runSweeps(): Promise<void>;
  record<T = any>(kind: string, id: string): Promise<StoredRecord<T> | undefined>;
  events(subject: string): Promise<StoredGovernanceEvent[]>;
  comments(issueKey: string, who?: Who): Promise<Array<{ text: string; public: boolean; author: string }>>;
  issue(issueKey: string): Promise<any>;
  close(): Promise<void>;
}

function adfText(node: any): string {
  if (!node || typeof node !== 'object') return '';
  if (node.type === 'text') return node.text ?? '';
  const inner = (node.content ?? []).map(adfText).join(node.type === 'doc' || node.type === 'bulletList' ? '\n' : '');
  return node.type === 'paragraph' || node.type === 'listItem' ? `${inner}\n` : inner;
}

export async function makeCoreHarness(
  opts: { concurrency?: number; loadApp?: SandboxOptions['loadApp'] } = {},
): Promise<CoreHarness> {
  // Handlers log one JSON line per event; keep test (and bench) output readable.
  quietHandlerLogs();
  const sb = createSandbox({
    dataDir: ':memory:',
    concurrency: opts.concurrency ?? 4,
    ...(opts.loadApp ? { loadApp: opts.loadApp } : {}),
  });
  sb.clock.set(T0, { freeze: true });
  await provisionSandboxSite(sb);
  await bootstrapSandboxCatalog(sb);
  await sb.forge.settle({ timeoutMs: 30_000 });
  const prov = (await sb.forge.run(() => loadProvisioning(kvsStore()))).value;
  const requestTypes = Object.fromEntries(Object.entries(prov.requestTypes).map(([k, v]) => [k, v.id]));
  const fieldIds = Object.fromEntries(Object.entries(prov.fields).map(([k, v]) => [k, v.id]));

  // Events can be held back (the platform's event gate): delivered later with deliver(), or dropped.
  const held: JiraProductEvent[] = [];
  let holding = false;
  sb.forge.setEventGate((e) => (holding ? (held.push(e), false) : true));

  const h: CoreHarness = {
    sb,
    requestTypes,
    fieldIds,
    held,
    hold(on) {
      holding = on;
    },
    deliver(events) {
      for (const e of events) sb.forge.dispatchProductEvent(e);
    },
    async settle(advanceClock = false) {
      await sb.forge.settle({ timeoutMs: 30_000, advanceClock });
    },
    fileViaPanel(who, body, requestType = 'requestAiAccess') {
      return sb.jira.submitPortalRequest({
        accountId: IDS[who],
        serviceDeskId: SERVICE_DESK.id,
        requestTypeId: requestTypes[requestType],
        requestFieldValues: { summary: `AI access: ${body.toolId ?? 'unknown'}` },
        // What the panel's view.submit() hands the portal (Jira stores it under the app id's UUID).
        panel: {
          fields: [
            {
              key: 'aiClearanceRequest',
              value: { v: 1, kind: body.kind ?? 'access', toolId: body.toolId, purpose: body.purpose, days: body.days },
            },
          ],
          isValid: true,
        },
      });
    },
    async transitionAsAgent(key, id, extra = {}) {
      const res = await h.call('agent', 'POST', `/rest/api/3/issue/${key}/transitions`, {
        transition: { id },
        ...extra,
      });
      expect(res.status).toBe(204);
      await h.settle();
    },
    addUser(input) {
      return sb.jira.createUser(input).accountId;
    },
    async runSweeps() {
      const runs = await sb.forge.runScheduled('lifecycle-sweeps-hourly');
      expect(runs.map((r) => r.result)).toEqual(['ok']);
      await h.settle();
    },
    async call(who, method, path, body, query = {}) {
      const res = await sb.jira.handle({
        method,
        path,
        query: new URLSearchParams(query),
        headers: {},
        body: body === undefined ? undefined : JSON.parse(JSON.stringify(body)),
        principal: { kind: 'user', accountId: accountOf(who) },
      });
      return { status: res.status, body: res.body === undefined ? undefined : JSON.parse(JSON.stringify(res.body)) };
    },
    async record(kind, id) {
      return (await sb.forge.run(() => kvsStore().get(kind as never, id))).value as never;
    },
    async events(subject) {
      return (await sb.forge.run(() => kvsStore().eventsOf(subject, { limit: 100 }))).value.items;
    },
    async comments(issueKey, who = 'admin') {
      const res = await h.call(who, 'GET', `/rest/api/3/issue/${issueKey}/comment`, undefined, {
        expand: 'properties',
      });
      return (res.body.comments ?? []).map((c: any) => ({
        text: adfText(c.body),
        public: c.jsdPublic !== false,
        author: c.author?.accountId,
      }));
    },
    async issue(issueKey) {
      return (await h.call('admin', 'GET', `/rest/api/3/issue/${issueKey}`, undefined, { properties: 'aiClearance' }))
        .body;
    },
    close: () => sb.close(),
  };
  return h;
}

export const PURPOSE = 'Summarising customer interview notes for the research team';

/** The extra body of a transition that adds a comment (a decline's rationale), as Jira's REST API takes it. */
export const withComment = (text: string) => ({
  update: {
    comment: [
      {
        add: { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } },
      },
    ],
  },
});

/** Calls an admin resolver as the seeded admin (the admin page's calls). */
export function adminCaller(h: CoreHarness) {
  return (functionName: string, payload: unknown = {}) =>
    h.sb.forge.invokeResolver({
      functionKey: 'admin-resolver',
      functionName,
      payload,
      accountId: IDS.admin,
    }) as Promise<any>;
}
