// An in-process sandbox site for provisioning tests: the Jira emulator on an
// in-memory database, and JiraTransports that call emulator.handle directly
// (the same JSON-in/JSON-out path as HTTP, minus the socket).
import http from 'node:http';
import { toJiraResponse } from '../../../src/adapters/jira/response';
import { AI_CLEARANCE_PROPERTY } from '../../../src/config/templates/entity-property';
import {
  emptyRecord,
  type ProvisioningRecord,
  type ProvisioningStateStore,
} from '../../../src/domain/provisioning/record';
import {
  toQueryString,
  type JiraRequest,
  type JiraResponse,
  type JiraTransport,
} from '../../../src/ports/jira-transport';
import { SandboxClock } from '../../../src/sandbox/clock';
import type { Principal } from '../../../src/sandbox/contracts';
import { openSandboxDb } from '../../../src/sandbox/db';
import { FaultInjector } from '../../../src/sandbox/faults';
import { parseBasicAuth, readJsonBody, sendJson } from '../../../src/sandbox/http-util';
import { createJiraEmulator, SEEDED_ACCOUNT_IDS, type JiraEmulator } from '../../../src/sandbox/jira';

export interface TestSite {
  emulator: JiraEmulator;
  faults: FaultInjector;
  /** Calls made through transports of this site, for assertions on what was (not) written. */
  calls: Array<{ method: string; path: string; status: number }>;
  transport(who?: keyof typeof SEEDED_ACCOUNT_IDS): JiraTransport;
  close(): void;
}

export function createTestSite(): TestSite {
  const db = openSandboxDb(':memory:');
  const faults = new FaultInjector();
  const emulator = createJiraEmulator({
    db,
    clock: new SandboxClock(),
    faults,
    baseUrl: 'http://127.0.0.1:8080',
    entityProperties: AI_CLEARANCE_PROPERTY.paths.map((p) => ({
      propertyKey: AI_CLEARANCE_PROPERTY.propertyKey,
      path: p.path,
      type: p.type,
      searchAlias: p.searchAlias,
    })),
  });
  const calls: TestSite['calls'] = [];
  return {
    emulator,
    faults,
    calls,
    transport: (who = 'admin') =>
      emulatorTransport(emulator, { kind: 'user', accountId: SEEDED_ACCOUNT_IDS[who] }, calls),
    close: () => db.close(),
  };
}

export function emulatorTransport(
  emulator: JiraEmulator,
  principal: Principal,
  calls?: TestSite['calls'],
): JiraTransport {
  return {
    async request<T>(req: JiraRequest): Promise<JiraResponse<T>> {
      const res = await emulator.handle({
        method: req.method,
        path: req.path.split('/').map(decodeURIComponent).join('/'),
        query: new URLSearchParams(toQueryString(req.query).slice(1)),
        // Lower-cased, as Node's HTTP server and Forge's fetch hand them over.
        headers: {
          ...Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
          accept: 'application/json',
        },
        // A JSON round trip, as over HTTP: nothing shared by reference.
        body: req.body === undefined ? undefined : JSON.parse(JSON.stringify(req.body)),
        principal,
      });
      calls?.push({ method: req.method, path: req.path, status: res.status });
      const headers = new Map(Object.entries(res.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      const text = res.body === undefined ? '' : JSON.stringify(res.body);
      return toJiraResponse<T>(
        {
          status: res.status,
          headers: {
            get: (n) => headers.get(n.toLowerCase()) ?? null,
            forEach: (cb) => headers.forEach((v, k) => cb(v, k)),
          },
          text: async () => text,
        },
        req.method,
        req.path,
      );
    },
  };
}

export function memoryStore(
  initial: ProvisioningRecord = emptyRecord(),
): ProvisioningStateStore & { record: ProvisioningRecord; saves: number } {
  const s = {
    record: structuredClone(initial),
    saves: 0,
    async load() {
      return structuredClone(s.record);
    },
    async save(r: ProvisioningRecord) {
      s.record = structuredClone(r);
      s.saves++;
    },
  };
  return s;
}

/** Serves the emulator over HTTP on a loopback port with basic auth, as the CLI reaches a site. */
export async function serveOverHttp(emulator: JiraEmulator): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const creds = parseBasicAuth(req.headers.authorization);
      const principal: Principal = (creds && emulator.authenticate(creds.email, creds.token)) || { kind: 'anonymous' };
      const out = await emulator.handle({
        method: req.method ?? 'GET',
        path: url.pathname.split('/').map(decodeURIComponent).join('/'),
        query: url.searchParams,
        // As src/sandbox/server.ts: every header but the credentials, names lower-cased by Node.
        headers: Object.fromEntries(
          Object.entries(req.headers).filter(
            (e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'authorization',
          ),
        ),
        body: await readJsonBody(req),
        principal,
      });
      sendJson(res, out.status, out.body, out.headers ?? {});
    })().catch((e: unknown) => sendJson(res, 500, { errorMessages: [String(e)] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
