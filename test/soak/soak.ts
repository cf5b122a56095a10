// The soak: many requests from many users, concurrent decisions by several
// agents, Jira faults (429/5xx), product-event redelivery, late and reordered
// events, and one kill -9 of the sandbox mid-run — all over HTTP against
// `npm start`, as users and agents would do it. At the end it reads every
// ticket back and checks what "nothing lost, nothing doubled" means:
//   - every ticket has an app outcome (the aiClearance property);
//   - app comments per ticket equal a fault-free run's for the same history
//     (signature = the request's and grant's governance actions), and no app
//     comment appears twice on a ticket;
//   - one governance event per state change, and the whole log verifies;
//   - Jira's status matches the app's state;
//   - at most one open request or live grant per (user, tool).
// Seeded: the same seed files the same requests and makes the same choices.
import { prng } from '../../src/sandbox/faults';
import { adfText, SiteCallError, siteRequest } from '../live/site-client';
import { SandboxProcess } from './sandbox-process';

export interface SoakOptions {
  seed: number;
  requests: number;
  users: number;
  agents: number;
  /** 30 % 429 + 10 % 5xx on Jira, 50 % event redelivery, events up to 180 s late and reordered. */
  faults: boolean;
  /** One kill -9 and restart of the sandbox after half of the requests. */
  crash: boolean;
  dataDir: string;
  port: number;
  concurrency?: number;
  log?: (line: string) => void;
}

export interface TicketResult {
  index: number;
  key: string;
  id: string;
  plannedAction: string;
  status: string | undefined;
  requester: string | undefined;
  toolId: string | undefined;
  jiraStatus: string;
  appComments: string[];
  actions: string[];
}

export interface SoakReport {
  seed: number;
  faults: boolean;
  crash: boolean;
  eventFaults: boolean;
  durationMs: number;
  tickets: TicketResult[];
  byStatus: Record<string, number>;
  withoutOutcome: string[];
  statusMismatches: Array<{ key: string; status: string; jira: string; expected: string }>;
  openDuplicates: Array<{ requester: string; toolId: string; keys: string[] }>;
  doubledComments: Array<{ key: string; text: string }>;
  governanceDoubles: Array<{ key: string; action: string; count: number }>;
  chainOk: boolean;
  chainDetail: unknown;
  /** From the invocation log after the restart: invocations, retries asked for, duplicate deliveries, queue jobs run. */
  seen: { invocations: number; retries: number; redeliveries: number; queueJobs: number };
  /** Requesters' cancels the app refused (a race with an agent's decision is a fair refusal; anything else is a bug). */
  cancelRefusals: string[];
}

const TOKEN = 'sandbox-token';
const ADMIN = 'admin@example.com';
const OPEN = new Set([
  'pending_approval',
  'pending_fulfilment',
  'active',
  'in_review',
  'fulfilment_failed',
  'manual_action_required',
]);
/** The sandbox workflow's status for each app state (templates/workflow.yml maps meanings to these names). */
export const EXPECTED_JIRA_STATUS: Readonly<Record<string, string | readonly string[]>> = {
  // A refused decision puts a pending request back where approve and decline start (decide-request.ts).
  pending_approval: ['Waiting for approval', 'Waiting for support'],
  rejected_invalid: 'Declined',
  blocked_duplicate: 'Declined',
  declined: 'Declined',
  lapsed: 'Declined',
  cancelled: 'Cancelled',
  pending_fulfilment: 'In fulfilment',
  fulfilment_failed: 'In fulfilment',
  manual_action_required: 'In fulfilment',
  active: 'Active',
  in_review: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
};
/** Actions that may rightly happen more than once on one subject. */
const REPEATABLE = new Set([
  'request.transition_refused',
  'request.transition_corrected',
  'grant.review_reminder',
  'grant.extended',
  'grant.flagged',
]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Reply {
  status: number;
  body: any;
}

class Client {
  constructor(private readonly base: () => string) {}

  /** One call (the live suite's siteRequest), retried as a careful client retries: on 429/5xx from Jira and while the sandbox restarts. */
  async call(method: string, path: string, body?: unknown, email?: string): Promise<Reply> {
    const who = email ? { email, token: TOKEN } : undefined;
    for (let attempt = 0; ; attempt++) {
      let reply: Reply;
      try {
        reply = await siteRequest(this.base(), who, method, path, body);
      } catch (err) {
        if (attempt < 600) {
          await sleep(100);
          continue;
        }
        throw err;
      }
      if (path.startsWith('/rest/') && (reply.status === 429 || reply.status >= 500) && attempt < 60) {
        await sleep(10);
        continue;
      }
      return reply;
    }
  }

  async ok(method: string, path: string, body?: unknown, email?: string): Promise<any> {
    const r = await this.call(method, path, body, email);
    if (r.status >= 400) throw new SiteCallError(r.status, r.body, `${method} ${path}${email ? ` as ${email}` : ''}`);
    return r.body;
  }
}

async function pool<T>(items: T[], size: number, run: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await run(items[i], i);
      }
    }),
  );
}

interface Planned {
  index: number;
  user: number;
  tool: number;
  days: number;
  channel: 'form' | 'email';
  action: 'approve' | 'decline' | 'race' | 'cancel' | 'leave';
  fulfil: boolean;
  agent: number;
  rival: number;
}

export function plan(seed: number, requests: number, users: number, tools: number, agents: number): Planned[] {
  const r = prng(seed);
  const pick = (n: number) => Math.floor(r() * n);
  const bad = [0, 400, 1e300, 2 ** 53, -5];
  return Array.from({ length: requests }, (_, index) => {
    const channel = r() < 0.05 ? ('email' as const) : ('form' as const);
    const days = r() < 0.08 ? bad[pick(bad.length)] : 7 + pick(54);
    const a = r();
    const action = a < 0.45 ? 'approve' : a < 0.65 ? 'decline' : a < 0.77 ? 'race' : a < 0.87 ? 'cancel' : 'leave';
    return {
      index,
      user: pick(users),
      tool: pick(tools),
      days,
      channel,
      action,
      fulfil: r() < 0.5,
      agent: pick(agents),
      rival: pick(agents),
    };
  });
}

export async function runSoak(o: SoakOptions): Promise<SoakReport> {
  const started = Date.now();
  const log = o.log ?? (() => undefined);
  const sandbox = new SandboxProcess(o.dataDir, o.port);
  const http = new Client(() => sandbox.url);
  const settle = async () => {
    for (let i = 0; i < 40; i++) {
      const r = await http.call('POST', '/__sandbox/settle', { timeoutMs: 30_000, advanceClock: true });
      if (r.status === 200) return;
    }
    throw new Error('the sandbox did not settle in 40 tries of 30 s');
  };
  let eventFaults = false;
  const faultsOn = async () => {
    if (!o.faults) return;
    const base = { jira: { rate429: 0.3, rate5xx: 0.1, retryAfterSeconds: 1 }, redeliver: 0.5, seed: o.seed };
    const withEvents = await http.call('POST', '/__sandbox/faults', {
      ...base,
      events: { maxDelaySeconds: 180, reorder: true },
    });
    eventFaults = withEvents.status === 200;
    if (!eventFaults) await http.ok('POST', '/__sandbox/faults', base);
  };

  await sandbox.start();
  try {
    // --- people and the form, with no faults ------------------------------------------------
    const users: string[] = [];
    const accountOf = new Map<string, string>();
    for (let u = 0; u < o.users; u++) {
      const email = `soak-user-${u}@example.com`;
      const made = await http.ok('POST', '/__sandbox/users', {
        email,
        displayName: `Soak User ${u}`,
        roles: ['customer'],
      });
      users.push(email);
      accountOf.set(email, made.accountId);
    }
    const agents: string[] = [];
    for (let a = 0; a < o.agents; a++) {
      const email = `soak-agent-${a}@example.com`;
      await http.ok('POST', '/__sandbox/users', {
        email,
        displayName: `Soak Agent ${a}`,
        roles: ['agent'],
        groups: ['ai-clearance-approvers', 'ai-clearance-security-approvers'],
      });
      agents.push(email);
    }
    const desk = ((await http.ok('GET', '/rest/servicedeskapi/servicedesk', undefined, ADMIN)).values as any[]).find(
      (d) => d.projectKey === 'AIC',
    );
    const rt = (
      (await http.ok('GET', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`, undefined, ADMIN))
        .values as any[]
    ).find((t) => t.name === 'Request access to an AI tool');
    const fieldsByName = new Map(
      ((await http.ok('GET', '/rest/api/3/field', undefined, ADMIN)) as any[])
        .filter((f) => f.custom)
        .map((f) => [f.name as string, f.id as string]),
    );
    const toolField = fieldsByName.get('AI tool') as string;
    const form = await http.ok(
      'GET',
      `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype/${rt.id}/field`,
      undefined,
      ADMIN,
    );
    const tools = ((form.requestTypeFields as any[]).find((f) => f.fieldId === toolField).validValues as any[]).map(
      (v) => ({ id: String(v.value), label: String(v.label) }),
    );
    const planned = plan(o.seed, o.requests, o.users, tools.length, o.agents);
    log(
      `soak: ${o.requests} requests, ${o.users} users, ${o.agents} agents, ${tools.length} tools, seed ${o.seed}, faults ${o.faults ? 'on' : 'off'}, crash ${o.crash ? 'on' : 'off'}`,
    );

    // --- filing ---------------------------------------------------------------------------
    await faultsOn();
    const keys: Array<{ key: string; id: string } | undefined> = new Array(planned.length);
    const file = async (p: Planned) => {
      const email = users[p.user];
      const tool = tools[p.tool];
      if (p.channel === 'email') {
        const r = await http.ok('POST', '/__sandbox/email', {
          from: email,
          subject: `soak #${p.index}: access to ${tool.label}`,
          body: `I need ${tool.label} for ${p.days} days.`,
          requestTypeId: String(rt.id),
        });
        keys[p.index] = { key: r.issueKey, id: r.issueId ?? '' };
        return;
      }
      const created = await http.ok(
        'POST',
        '/rest/servicedeskapi/request',
        {
          serviceDeskId: String(desk.id),
          requestTypeId: String(rt.id),
          requestFieldValues: {
            summary: `soak #${p.index}`,
            [toolField]: { id: tool.id },
            [fieldsByName.get('Business purpose') as string]: `Soak purpose ${p.index}: drafting and summarising.`,
            [fieldsByName.get('Access duration (days)') as string]: p.days,
          },
        },
        email,
      );
      keys[p.index] = { key: created.issueKey, id: created.issueId };
    };
    const half = Math.floor(planned.length / 2);
    await pool(planned.slice(0, half), o.concurrency ?? 8, file);
    if (o.crash) {
      log('soak: kill -9 of the sandbox mid-run, then a restart on the same data');
      await sandbox.kill9();
      await sandbox.start();
      await faultsOn();
    }
    await pool(planned.slice(half), o.concurrency ?? 8, file);
    await settle();

    // --- decisions -------------------------------------------------------------------------
    const property = async (key: string) => {
      const r = await http.call('GET', `/rest/api/3/issue/${key}/properties/aiClearance`, undefined, ADMIN);
      return r.status === 200 ? r.body.value : undefined;
    };
    const transition = async (agent: string, key: string, name: string, extra: Record<string, unknown> = {}) => {
      const list = await http.call('GET', `/rest/api/3/issue/${key}/transitions`, undefined, agent);
      const t = ((list.body?.transitions ?? []) as any[]).find((x) => x.name === name);
      if (!t) return; // the ticket moved on (a rival's decision, the app's correction): nothing to do
      await http.call('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: t.id }, ...extra }, agent);
    };
    const rationale = (text: string) => ({
      update: {
        comment: [
          {
            add: {
              body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
            },
          },
        ],
      },
    });
    const cancelRefusals: string[] = [];
    await pool(planned, o.concurrency ?? 8, async (p) => {
      const k = keys[p.index];
      if (!k || (await property(k.key))?.status !== 'pending_approval') return;
      const agent = agents[p.agent];
      const rival = agents[(p.agent + 1 + (p.rival % Math.max(1, agents.length - 1))) % agents.length];
      if (p.action === 'approve') await transition(agent, k.key, 'Approve');
      else if (p.action === 'decline') await transition(agent, k.key, 'Decline', rationale(`Soak decline ${p.index}`));
      else if (p.action === 'race')
        await Promise.all([
          transition(agent, k.key, 'Approve'),
          transition(rival, k.key, 'Decline', rationale(`Soak race ${p.index}`)),
        ]);
      else if (p.action === 'cancel') {
        // The requester's own action, from the portal panel's page (its extension context, as Forge gives it).
        // A person retries when the page says Jira is busy (TRY_AGAIN: nothing was changed).
        for (let attempt = 1; ; attempt++) {
          const r = await http.call(
            'POST',
            '/__sandbox/invoke',
            {
              moduleKey: 'ai-clearance-request-panel',
              functionName: 'portal.act',
              payload: { request: k.key, action: 'cancel' },
              extension: { portal: { id: Number(desk.id) }, request: { typeId: Number(rt.id) } },
            },
            users[p.user],
          );
          if (r.status === 200 && r.body?.result?.error?.code === 'TRY_AGAIN' && attempt < 10) continue;
          if (r.status !== 200 || r.body?.result?.error)
            cancelRefusals.push(`${k.key}: ${JSON.stringify(r.body).slice(0, 200)}`);
          break;
        }
      }
    });
    await settle();
    await pool(planned, o.concurrency ?? 8, async (p) => {
      const k = keys[p.index];
      if (k && p.fulfil && (await property(k.key))?.status === 'pending_fulfilment')
        await transition(agents[p.agent], k.key, 'Mark fulfilled');
    });
    await settle();

    // --- quiet down: faults off, the hourly sweeps catch up --------------------------------
    await http.ok('POST', '/__sandbox/faults', {});
    for (let i = 0; i < 2; i++) {
      await http.ok('POST', '/__sandbox/clock', { advance: 'PT1H' });
      await http.ok('POST', '/__sandbox/scheduled/run', {});
      await settle();
    }

    // --- read everything back --------------------------------------------------------------
    const tickets: TicketResult[] = [];
    await pool(planned, 8, async (p) => {
      const k = keys[p.index];
      if (!k) throw new Error(`request #${p.index} was never filed`);
      const issue = await http.ok('GET', `/rest/api/3/issue/${k.key}?fields=status`, undefined, ADMIN);
      const prop = await property(k.key);
      const comments = await http.ok('GET', `/rest/api/3/issue/${k.key}/comment?maxResults=100`, undefined, ADMIN);
      const actions: string[] = [];
      for (const subjectType of ['request', 'grant']) {
        let cursor: string | undefined;
        do {
          const r = await http.ok(
            'POST',
            '/__sandbox/invoke',
            {
              functionKey: 'admin-resolver',
              functionName: 'governance.list',
              payload: { subjectType, subjectId: issue.id, ...(cursor ? { cursor } : {}) },
            },
            ADMIN,
          );
          actions.push(...(r.result.events as Array<{ action: string }>).map((e) => e.action));
          cursor = r.result.cursor;
        } while (cursor);
      }
      tickets.push({
        index: p.index,
        key: k.key,
        id: issue.id,
        plannedAction: p.action,
        status: prop?.status,
        requester: prop?.requester,
        toolId: prop?.toolId,
        jiraStatus: issue.fields.status.name,
        appComments: (comments.comments as any[])
          .filter((c) => c.author?.accountType === 'app')
          .map((c) => adfText(c.body)),
        actions,
      });
    });
    tickets.sort((a, b) => a.index - b.index);
    const verify = await http.ok(
      'POST',
      '/__sandbox/invoke',
      { functionKey: 'admin-resolver', functionName: 'governance.verifyAll', payload: {} },
      ADMIN,
    );
    // What the faults did, from the platform's invocation log (since the restart: the log before a kill -9 is gone).
    const seen = { invocations: 0, retries: 0, redeliveries: 0, queueJobs: 0 };
    for (let since = 0; ;) {
      const page = (await http.ok('GET', `/__sandbox/events?since=${since}&limit=500`)).invocations as Array<{
        seq: number;
        kind: string;
        result: string;
        duplicate: boolean;
      }>;
      if (page.length === 0) break;
      for (const i of page) {
        seen.invocations++;
        if (i.result === 'retry') seen.retries++;
        if (i.duplicate) seen.redeliveries++;
        if (i.kind === 'queue') seen.queueJobs++;
      }
      since = page[page.length - 1].seq;
    }
    return {
      ...check(tickets),
      cancelRefusals,
      seen,
      seed: o.seed,
      faults: o.faults,
      crash: o.crash,
      eventFaults,
      durationMs: Date.now() - started,
      chainOk: verify.result?.ok === true,
      chainDetail: verify.result,
    };
  } finally {
    await sandbox.stop();
  }
}

type Checked = Pick<
  SoakReport,
  | 'tickets'
  | 'byStatus'
  | 'withoutOutcome'
  | 'statusMismatches'
  | 'openDuplicates'
  | 'doubledComments'
  | 'governanceDoubles'
>;

export function check(tickets: TicketResult[]): Checked {
  const byStatus: Record<string, number> = {};
  const withoutOutcome: string[] = [];
  const statusMismatches: SoakReport['statusMismatches'] = [];
  const open = new Map<string, string[]>();
  const doubledComments: SoakReport['doubledComments'] = [];
  const governanceDoubles: SoakReport['governanceDoubles'] = [];
  for (const t of tickets) {
    const status = t.status ?? 'none';
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    if (!t.status) {
      withoutOutcome.push(t.key);
      continue;
    }
    const expected = EXPECTED_JIRA_STATUS[t.status];
    const allowed = expected === undefined ? [] : typeof expected === 'string' ? [expected] : expected;
    if (!allowed.includes(t.jiraStatus))
      statusMismatches.push({
        key: t.key,
        status: t.status,
        jira: t.jiraStatus,
        expected: allowed.join(' or ') || '(unknown state)',
      });
    if (OPEN.has(t.status) && t.requester && t.toolId) {
      const k = `${t.requester} ${t.toolId}`;
      open.set(k, [...(open.get(k) ?? []), t.key]);
    }
    const seen = new Set<string>();
    for (const text of t.appComments) {
      if (seen.has(text)) doubledComments.push({ key: t.key, text: text.slice(0, 120) });
      seen.add(text);
    }
    const counts = new Map<string, number>();
    for (const a of t.actions) counts.set(a, (counts.get(a) ?? 0) + 1);
    for (const [action, count] of counts)
      if (count > 1 && !REPEATABLE.has(action)) governanceDoubles.push({ key: t.key, action, count });
  }
  const openDuplicates = [...open]
    .filter(([, keys]) => keys.length > 1)
    .map(([k, keys]) => ({ requester: k.split(' ')[0], toolId: k.split(' ')[1], keys }));
  return { tickets, byStatus, withoutOutcome, statusMismatches, openDuplicates, doubledComments, governanceDoubles };
}

/** The history of a ticket as the app recorded it: the key for comparing comment counts between runs. */
export const signature = (t: TicketResult): string => t.actions.join(' > ');

/** App comments beyond what the fault-free run wrote for a ticket with the same history. */
export function extraComments(
  faulty: TicketResult[],
  clean: TicketResult[],
): {
  extra: number;
  compared: number;
  unmatched: number;
  examples: Array<{ key: string; signature: string; got: number; cleanRun: number }>;
} {
  const cleanCounts = new Map<string, number>();
  for (const t of clean)
    cleanCounts.set(signature(t), Math.max(cleanCounts.get(signature(t)) ?? 0, t.appComments.length));
  let extra = 0;
  let compared = 0;
  let unmatched = 0;
  const examples: Array<{ key: string; signature: string; got: number; cleanRun: number }> = [];
  for (const t of faulty) {
    const c = cleanCounts.get(signature(t));
    if (c === undefined) {
      unmatched++;
      continue;
    }
    compared++;
    if (t.appComments.length > c) {
      extra += t.appComments.length - c;
      if (examples.length < 10)
        examples.push({ key: t.key, signature: signature(t), got: t.appComments.length, cleanRun: c });
    }
  }
  return { extra, compared, unmatched, examples };
}
