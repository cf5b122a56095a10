// An in-process Jira emulator on an in-memory (or given) SQLite database with
// a frozen clock, plus a tiny client that calls handle() as a given user.
import { SandboxClock } from '../../../src/sandbox/clock';
import type { EmulatorResponse, JiraProductEvent, Principal } from '../../../src/sandbox/contracts';
import { openSandboxDb, type SandboxDb } from '../../../src/sandbox/db';
import { FaultInjector } from '../../../src/sandbox/faults';
import { createJiraEmulator, SEEDED_ACCOUNT_IDS, type JiraEmulator } from '../../../src/sandbox/jira';
import type { JqlEntityPropertyDef } from '../../../src/sandbox/jira/jql/types';

export const BASE_URL = 'http://127.0.0.1:8080';
export const T0 = '2026-03-01T09:00:00.000Z';
export type Who = keyof typeof SEEDED_ACCOUNT_IDS | 'anonymous';

export interface Harness {
  jira: JiraEmulator;
  db: SandboxDb;
  clock: SandboxClock;
  faults: FaultInjector;
  events: JiraProductEvent[];
  call(
    who: Who,
    method: string,
    path: string,
    opts?: { body?: unknown; query?: Record<string, string | string[]>; headers?: Record<string, string> },
  ): Promise<EmulatorResponse & { body: any }>;
}

export function principal(who: Who): Principal {
  if (who === 'anonymous') return { kind: 'anonymous' };
  if (who === 'app') return { kind: 'app', accountId: SEEDED_ACCOUNT_IDS.app };
  return { kind: 'user', accountId: SEEDED_ACCOUNT_IDS[who] };
}

export function makeHarness(
  opts: { db?: SandboxDb; entityProperties?: JqlEntityPropertyDef[]; portalPanelPropertyKey?: string } = {},
): Harness {
  const db = opts.db ?? openSandboxDb(':memory:');
  const clock = new SandboxClock();
  clock.set(T0, { freeze: true });
  const faults = new FaultInjector();
  const jira = createJiraEmulator({
    db,
    clock,
    faults,
    baseUrl: BASE_URL,
    ...(opts.entityProperties ? { entityProperties: opts.entityProperties } : {}),
    ...(opts.portalPanelPropertyKey ? { portalPanelPropertyKey: opts.portalPanelPropertyKey } : {}),
  });
  const events: JiraProductEvent[] = [];
  jira.onEvent((e) => events.push(e));
  return {
    jira,
    db,
    clock,
    faults,
    events,
    async call(who, method, path, { body, query, headers } = {}) {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(query ?? {}))
        for (const item of Array.isArray(v) ? v : [v]) q.append(k, item);
      // Round-trip through JSON, as the HTTP front door would.
      const res = await jira.handle({
        method,
        path,
        query: q,
        headers: Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
        body: body === undefined ? undefined : JSON.parse(JSON.stringify(body)),
        principal: principal(who),
      });
      return { ...res, body: res.body === undefined ? undefined : JSON.parse(JSON.stringify(res.body)) };
    },
  };
}

export function adf(text: string) {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

/** Creates a customer request as `who` through the servicedeskapi and returns its key. */
export async function raiseRequest(
  h: Harness,
  who: Who,
  summary: string,
  extra: Record<string, unknown> = {},
): Promise<{ key: string; id: string }> {
  const res = await h.call(who, 'POST', '/rest/servicedeskapi/request', {
    body: { serviceDeskId: '1', requestTypeId: '1', requestFieldValues: { summary, ...extra } },
  });
  if (res.status !== 201) throw new Error(`raiseRequest failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { key: res.body.issueKey, id: res.body.issueId };
}

/**
 * Puts a custom field on every screen of the site, as an admin does (or provisioning):
 * Jira's edit call sets only fields on the issue's edit screen.
 */
export async function placeOnScreens(h: Harness, fieldId: string): Promise<void> {
  const screens = (await h.call('admin', 'GET', '/rest/api/3/screens')).body.values as Array<{ id: number }>;
  for (const s of screens) {
    const tab = (await h.call('admin', 'GET', `/rest/api/3/screens/${s.id}/tabs`)).body[0] as { id: number };
    const res = await h.call('admin', 'POST', `/rest/api/3/screens/${s.id}/tabs/${tab.id}/fields`, {
      body: { fieldId },
    });
    if (res.status !== 200) throw new Error(`placeOnScreens failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
