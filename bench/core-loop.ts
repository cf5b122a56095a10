// Benchmark: what each lifecycle event costs in the sandbox (the real handlers
// on the emulated Forge platform, real @forge/kvs over SQLite, the Jira
// emulator): Jira REST calls (writes/reads) and KVS operations per event, and
// handler latency p50/p95 and min–max from the platform's invocation log. Each
// row checks that its event did what it names (request/grant status, comments
// added) and the bench fails naming the row if not. Then the cold
// start (bench/cold-start.ts): the Forge handlers bundled as Forge would
// (esbuild, minified, platform node) — size and load time per handler kind
// and call path, next to a bare `node -e ''`.
//   npx tsx bench/core-loop.ts [--cycles 20] [--cold-start-only]
import type { EmulatorRequest } from '../src/sandbox/contracts';
import { makeCoreHarness, PURPOSE, type CoreHarness } from '../test/integration/core-loop/harness';
import { coldStart } from './cold-start';
import { median, pct } from './stats';

const CYCLES = Number(process.argv[process.argv.indexOf('--cycles') + 1]) || 20;

interface Sample {
  jiraWrites: number;
  jiraReads: number;
  kvs: Record<string, number>;
  ms: number[];
}

const samples = new Map<string, Sample[]>();
const appCalls: Array<{ method: string; path: string }> = [];

function adf(text: string) {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

/** What a row's event must have left behind; the bench throws naming the row if it did not happen. */
interface Outcome {
  ticket: () => { issueId: string; issueKey: string };
  request?: string;
  grant?: string;
  /** Comments the event adds to the ticket. */
  comments: number;
}

async function measure(h: CoreHarness, label: string, act: () => unknown, outcome: Outcome): Promise<void> {
  const since = h.sb.forge.lastInvocationSeq();
  appCalls.length = 0;
  const before = new Map<string, number>();
  const key = () => outcome.ticket().issueKey;
  // A ticket filed by `act` has no comments before it.
  const known = outcome.ticket().issueKey !== '';
  if (known) before.set(key(), (await h.comments(key())).length);
  await act();
  await h.settle(true);
  const inv = h.sb.forge.listInvocations({ since }).filter((i) => i.kind === 'event');
  const kvs: Record<string, number> = {};
  for (const i of inv) for (const [op, n] of Object.entries(i.kvsOps)) kvs[op] = (kvs[op] ?? 0) + n;
  const writes = appCalls.filter((c) => c.method !== 'GET').length;
  const sample: Sample = {
    jiraWrites: writes,
    jiraReads: appCalls.length - writes,
    kvs,
    ms: inv.filter((i) => i.result === 'ok').map((i) => i.durationMs),
  };
  samples.set(label, [...(samples.get(label) ?? []), sample]);
  await checkOutcome(h, label, outcome, before.get(key()) ?? 0);
}

async function checkOutcome(h: CoreHarness, label: string, outcome: Outcome, commentsBefore: number): Promise<void> {
  const { issueId, issueKey } = outcome.ticket();
  const failed = (what: string) => new Error(`core-loop bench row "${label}" (${issueKey}): ${what}`);
  const request = await h.record<{ status: string; grantId?: string }>('request', issueId);
  if (outcome.request !== undefined && request?.doc.status !== outcome.request)
    throw failed(`request status ${request?.doc.status ?? '(no record)'}, expected ${outcome.request}`);
  if (outcome.grant !== undefined) {
    const grant = request?.doc.grantId ? await h.record<{ status: string }>('grant', request.doc.grantId) : undefined;
    if (grant?.doc.status !== outcome.grant)
      throw failed(`grant status ${grant?.doc.status ?? '(no grant)'}, expected ${outcome.grant}`);
  }
  const added = (await h.comments(issueKey)).length - commentsBefore;
  if (added !== outcome.comments) throw failed(`${added} comment(s) added, expected ${outcome.comments}`);
}

async function transition(
  h: CoreHarness,
  key: string,
  id: string,
  extra: Record<string, unknown> = {},
  who: 'agent' | 'admin' = 'agent',
) {
  const r = await h.call(who, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id }, ...extra });
  if (r.status !== 204) throw new Error(`transition ${id} on ${key}: ${r.status} ${JSON.stringify(r.body)}`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--cold-start-only')) return coldStart((s) => process.stdout.write(`${s}\n`));
  const h = await makeCoreHarness({ concurrency: 1 });
  // Count the app's own Jira calls (principal app), by method.
  const original = h.sb.jira.handle.bind(h.sb.jira);
  h.sb.jira.handle = async (req: EmulatorRequest) => {
    if (req.principal.kind === 'app') appCalls.push({ method: req.method, path: req.path });
    return original(req);
  };
  // Warm-up (not measured): the first intake from a status learns its transitions (one read, cached in KVS).
  const warm = h.fileViaPanel('admin', { toolId: 'claude-for-work', purpose: PURPOSE, days: 5 });
  await h.settle();
  await transition(h, warm.issueKey, '31', { update: { comment: [{ add: { body: adf('warm-up') } }] } });
  await h.settle();

  for (let i = 0; i < CYCLES; i++) {
    const none = { issueId: '', issueKey: '' };
    let first = none;
    const filed = (t: typeof none) => () => t;
    await measure(
      h,
      'intake → pending_approval',
      () => (first = h.fileViaPanel('alice', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 })),
      { ticket: () => first, request: 'pending_approval', comments: 1 },
    );
    let dup = none;
    await measure(
      h,
      'intake → blocked_duplicate',
      () => (dup = h.fileViaPanel('alice', { toolId: 'chatgpt-enterprise', purpose: PURPOSE, days: 30 })),
      { ticket: () => dup, request: 'blocked_duplicate', comments: 1 },
    );
    let invalid = none;
    await measure(
      h,
      'intake → rejected_invalid',
      () => (invalid = h.fileViaPanel('bob', { toolId: 'midjourney', purpose: PURPOSE, days: 30 })),
      { ticket: () => invalid, request: 'rejected_invalid', comments: 1 },
    );
    let auto = none;
    await measure(
      h,
      'intake → auto_approved',
      () => (auto = h.fileViaPanel('bob', { toolId: 'deepl-pro', purpose: PURPOSE, days: 30 })),
      { ticket: () => auto, request: 'auto_approved', grant: 'pending_fulfilment', comments: 2 },
    );
    await measure(h, 'approve (transition)', () => transition(h, first.issueKey, '21'), {
      ticket: filed(first),
      request: 'approved',
      grant: 'pending_fulfilment',
      comments: 2,
    });
    await measure(h, 'fulfil (transition)', () => transition(h, first.issueKey, '51'), {
      ticket: filed(first),
      grant: 'active',
      comments: 1,
    });
    await measure(h, 'revoke (transition)', () => transition(h, first.issueKey, '61'), {
      ticket: filed(first),
      grant: 'revoked',
      comments: 1,
    });
    await measure(h, 'revoke auto-approved grant', () => transition(h, auto.issueKey, '61'), {
      ticket: filed(auto),
      grant: 'revoked',
      comments: 1,
    });
    let d = none;
    await measure(
      h,
      'intake → pending_approval',
      () => (d = h.fileViaPanel('bob', { toolId: 'claude-for-work', purpose: PURPOSE, days: 30 })),
      { ticket: () => d, request: 'pending_approval', comments: 1 },
    );
    // The agent's transition comment is one of the two: the app's declined comment is the other.
    await measure(
      h,
      'decline with transition comment',
      () =>
        transition(h, d.issueKey, '31', {
          update: { comment: [{ add: { body: adf('Use the team workspace instead') } }] },
        }),
      { ticket: filed(d), request: 'declined', comments: 2 },
    );
    let s = none;
    await measure(
      h,
      'intake → pending_approval',
      () => (s = h.fileViaPanel('admin', { toolId: 'openai-api', purpose: PURPOSE, days: 10 })),
      { ticket: () => s, request: 'pending_approval', comments: 1 },
    );
    // admin filed it, so admin's Approve is refused (separation of duties) before any Jira read.
    await measure(h, 'self-approval refused', () => transition(h, s.issueKey, '21', {}, 'admin'), {
      ticket: filed(s),
      request: 'pending_approval',
      comments: 1,
    });
    await measure(h, 'approve (another approver)', () => transition(h, s.issueKey, '21'), {
      ticket: filed(s),
      request: 'approved',
      grant: 'pending_fulfilment',
      comments: 2,
    });
    // Not measured: close it so the next cycle can file again.
    await transition(h, s.issueKey, '61').catch(() => undefined);
    await h.settle(true);
    const rec = await h.record('request', s.issueId);
    if (rec?.status === 'pending_approval') {
      const open = await h.call('agent', 'GET', `/rest/api/3/issue/${s.issueKey}/transitions`);
      const { transitions } = open.body as { transitions: Array<{ id: string; name: string }> };
      const cancel = transitions.find((t) => t.name === 'Cancel request');
      if (cancel) await transition(h, s.issueKey, cancel.id);
      await h.settle(true);
    }
  }

  const rows = [...samples.entries()].map(([label, xs]) => {
    const avg = (f: (s: Sample) => number) => xs.reduce((a, s) => a + f(s), 0) / xs.length;
    const ops = new Set(xs.flatMap((s) => Object.keys(s.kvs)));
    const kvs = [...ops]
      .sort()
      .map((op) => `${op}=${avg((s) => s.kvs[op] ?? 0).toFixed(1)}`)
      .join(' ');
    const ms = xs.flatMap((s) => s.ms);
    return {
      label,
      n: xs.length,
      writes: avg((s) => s.jiraWrites),
      reads: avg((s) => s.jiraReads),
      kvs,
      samples: ms.length,
      p50: median(ms),
      p95: pct(ms, 95),
      min: Math.min(...ms),
      max: Math.max(...ms),
    };
  });
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`\nCore loop per lifecycle event (${CYCLES} cycles, sandbox, steady state: transition cache warm)`);
  out(
    '(every row checked: the request and grant status and the comments each event left; handler ms over the n events\' handler invocations, "samples")',
  );
  out(
    'event                               n  Jira writes  Jira reads  samples  handler p50 / p95 (min–max) ms   KVS ops (avg per event)',
  );
  for (const r of rows)
    out(
      `${r.label.padEnd(34)} ${String(r.n).padStart(3)}  ${r.writes.toFixed(1).padStart(11)}  ${r.reads.toFixed(1).padStart(10)}  ${String(r.samples).padStart(7)}  ${`${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} (${r.min.toFixed(1)}–${r.max.toFixed(1)})`.padStart(30)}   ${r.kvs}`,
    );
  await h.close();
  await coldStart(out);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
