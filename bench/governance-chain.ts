// Governance log throughput, over --runs runs (median (min–max)); prints
// figures, not a pass/fail test, but throws if a log does not verify or a
// run's counts are not what it wrote.
//   1. Through KVS in the sandbox (the app's store adapter, src/adapters/kvs/kvs-store.ts,
//      over the emulated Forge platform's real @forge/kvs, a fresh in-memory
//      sandbox per run): the app's own append path (read the subject's head,
//      chain, commit head + event in one transaction, re-read and retry on a
//      conflict: withConflictRetry), sequentially and with N tickets appending
//      at once; transaction attempts and conflicts are counted as observed.
//      Per-subject heads (the app's design) next to every writer on one shared
//      head (the alternative). Then the whole-log verification the admin page
//      runs (anchor the heads, then verifyWholeLog) over everything stored.
//   2. The pure domain functions in memory (no storage): append and verify
//      10k events across 1k subjects, anchors, an evidence bundle.
//   npx tsx bench/governance-chain.ts [--runs 5] [--tickets 20] [--each 10]
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  appendEvent,
  buildAnchors,
  buildEvidenceBundle,
  canonicalJson,
  headOf,
  redactEvent,
  verifyEvidenceBundle,
  verifyLog,
  type EventDraft,
  type GovernanceEvent,
  type SubjectHead,
} from '../src/domain/governance';
import { isStoreConflict } from '../src/ports/store';
import { MAX_ATTEMPTS, withConflictRetry } from '../src/usecases/shared/commit';
import { chainEvents } from '../src/usecases/shared/governance';
import { anchorGovernanceHeads } from '../src/usecases/governance/anchor-heads';
import { verifyWholeLog } from '../src/usecases/governance/evidence';
import { makeSweepHarness, type SweepHarness } from '../test/integration/sweeps/harness';
import { numberArg, perSecond, spread } from './stats';

const RUNS = Math.max(5, numberArg('--runs', 5));
const TICKETS = numberArg('--tickets', 20);
const EACH = numberArg('--each', 10);
const SEQUENTIAL = { subjects: 50, each: 10 };
const SUBJECTS = Number(process.env.SUBJECTS ?? 1000);
const EVENTS = Number(process.env.EVENTS ?? 10_000);

function draft(id: string, n: number): EventDraft {
  return {
    subject: { type: 'request', id },
    action: n === 0 ? 'request.submitted' : 'request.approved',
    actor: { type: 'user', accountId: `acc-${n % 97}` },
    ticket: { id, key: `AIC-${id}` },
    policyVersion: 3,
    before: { status: 'pending_approval' },
    after: { status: 'approved', durationDays: 30 },
    personal: { requesterName: 'Alice Example', purpose: 'Summarise support tickets for the weekly report' },
  };
}

// ---- 1. through KVS in the sandbox ----

interface Tally {
  appends: number;
  attempts: number;
  conflicts: number;
  /** The most attempts one append needed. */
  worst: number;
}

/**
 * One append as the app does it, in its own invocation: read the head, chain, commit head + event
 * in one KVS transaction; on a conflict read again (withConflictRetry, at most MAX_ATTEMPTS).
 * `bounded: false` retries without the app's bound, to measure what a shared head would cost.
 */
async function append(h: SweepHarness, d: EventDraft, t: Tally, bounded = true): Promise<void> {
  let tries = 0;
  const once =
    (d2: { store: Parameters<typeof chainEvents>[0]; clock: { now(): Date }; random: (n: number) => Uint8Array }) =>
    async () => {
      tries++;
      t.attempts++;
      const w = await chainEvents(d2.store, [d], d2.clock.now(), d2.random);
      try {
        await d2.store.commit(w);
      } catch (e) {
        if (isStoreConflict(e)) t.conflicts++;
        throw e;
      }
    };
  await h.inApp(async (deps) => {
    if (bounded) return withConflictRetry('bench append', once(deps));
    for (;;) {
      try {
        return await once(deps)();
      } catch (e) {
        if (!isStoreConflict(e)) throw e;
      }
    }
  });
  t.appends++;
  t.worst = Math.max(t.worst, tries);
}

const tally = (): Tally => ({ appends: 0, attempts: 0, conflicts: 0, worst: 0 });

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

interface KvsRun {
  sequential: { ms: number; t: Tally };
  perSubject: { ms: number; t: Tally };
  shared: { ms: number; t: Tally };
  anchor: { ms: number; heads: number; anchors: number };
  verify: { ms: number; events: number };
}

async function kvsRun(): Promise<KvsRun> {
  const h = makeSweepHarness();
  try {
    // Sequential: one writer, SEQUENTIAL.subjects subjects in turn.
    const seq = tally();
    const sequential = await timed(async () => {
      for (let n = 0; n < SEQUENTIAL.each; n++)
        for (let s = 0; s < SEQUENTIAL.subjects; s++) await append(h, draft(String(10_000 + s), n), seq);
    });
    // TICKETS tickets at once, each appending EACH events to its own chain (the app's design).
    const per = tally();
    const perSubject = await timed(() =>
      Promise.all(
        Array.from({ length: TICKETS }, async (_, w) => {
          for (let n = 0; n < EACH; n++) await append(h, draft(String(20_000 + w), n), per);
        }),
      ),
    );
    // The same writers on one shared head (one global chain), retrying without the app's bound.
    const sh = tally();
    const shared = await timed(() =>
      Promise.all(
        Array.from({ length: TICKETS }, async (_, w) => {
          for (let n = 0; n < EACH; n++) await append(h, draft('30000', w * EACH + n), sh, false);
        }),
      ),
    );
    const stored = seq.appends + per.appends + sh.appends;
    const anchor = await timed(() => h.inApp((d) => anchorGovernanceHeads(d.store, d.clock.now())));
    const verify = await timed(() => h.inApp((d) => verifyWholeLog(d.store, d.clock.now())));
    if (!verify.value.ok) throw new Error(`the stored log did not verify: ${verify.value.message}`);
    if (verify.value.counts.events !== stored)
      throw new Error(`verified ${verify.value.counts.events} events, ${stored} were appended`);
    const subjects = SEQUENTIAL.subjects + TICKETS + 1;
    if (anchor.value.sealedHeads !== subjects || verify.value.counts.anchoredHeads !== subjects)
      throw new Error(
        `anchored ${anchor.value.sealedHeads} heads (verified ${verify.value.counts.anchoredHeads}), expected ${subjects}`,
      );
    return {
      sequential: { ms: sequential.ms, t: seq },
      perSubject: { ms: perSubject.ms, t: per },
      shared: { ms: shared.ms, t: sh },
      anchor: { ms: anchor.ms, heads: anchor.value.sealedHeads, anchors: anchor.value.anchors },
      verify: { ms: verify.ms, events: verify.value.counts.events },
    };
  } finally {
    await h.close();
  }
}

// ---- 2. the domain functions in memory ----

function time<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

interface MemoryRun {
  append: number;
  verify: number;
  verifyRedacted: number;
  redacted: number;
  anchors: number;
  anchorCount: number;
  anchorMaxBytes: number;
  bundle: number;
  verifyBundle: number;
  bundleBytes: number;
  eventBytes: number[];
}

function memoryRun(): MemoryRun {
  const heads = new Map<string, SubjectHead>();
  const bySubject = new Map<string, GovernanceEvent[]>();
  const start = Date.parse('2025-01-01T00:00:00.000Z');
  const append = time(() => {
    for (let i = 0; i < EVENTS; i++) {
      const id = String(10_000 + (i % SUBJECTS));
      const prev = heads.get(id);
      const e = appendEvent(prev, draft(id, prev ? i : 0), new Date(start + i * 1000), randomBytes);
      heads.set(id, headOf(e));
      let list = bySubject.get(id);
      if (!list) bySubject.set(id, (list = []));
      list.push(e);
    }
  });
  const subjects = [...bySubject.values()].map((events) => ({ subject: events[0].subject, events }));
  const all = subjects.flatMap((s) => s.events);
  const anchors = time(() => buildAnchors(undefined, [...heads.values()], new Date(start + EVENTS * 1000)));
  const verify = time(() => verifyLog({ subjects, anchors: anchors.value, heads: [...heads.values()] }));
  const redacted = subjects.map((s) => ({
    subject: s.subject,
    events: s.events.map((e) => redactEvent(e, new Date())),
  }));
  const verifyRedacted = time(() => verifyLog({ subjects: redacted, anchors: anchors.value }));
  const bundle = time(() => buildEvidenceBundle(all, anchors.value, { generatedAt: new Date(), scope: 'complete' }));
  const bundleJson = JSON.stringify(bundle.value);
  const verifyBundle = time(() => verifyEvidenceBundle(JSON.parse(bundleJson)));
  if (!verify.value.ok || !verifyRedacted.value.ok || !verifyBundle.value.ok)
    throw new Error('benchmark log did not verify');
  return {
    append: append.ms,
    verify: verify.ms,
    verifyRedacted: verifyRedacted.ms,
    redacted: verifyRedacted.value.counts.redacted,
    anchors: anchors.ms,
    anchorCount: anchors.value.length,
    anchorMaxBytes: Math.max(...anchors.value.map((a) => Buffer.byteLength(canonicalJson(a)))),
    bundle: bundle.ms,
    verifyBundle: verifyBundle.ms,
    bundleBytes: bundleJson.length,
    eventBytes: all.map((e) => Buffer.byteLength(canonicalJson(e))),
  };
}

async function main(): Promise<void> {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  await kvsRun(); // warm-up: module loading and JIT, not reported
  const kvs: KvsRun[] = [];
  for (let i = 0; i < RUNS; i++) kvs.push(await kvsRun());
  const rates = (pick: (r: KvsRun) => { ms: number; t: Tally }) =>
    spread(kvs.map((r) => perSecond(pick(r).t.appends, pick(r).ms)));
  const counts = (pick: (r: KvsRun) => { ms: number; t: Tally }) => {
    const ts = kvs.map((r) => pick(r).t);
    return `${ts[0].appends} appends: attempts ${spread(ts.map((t) => t.attempts))}, conflicts ${spread(ts.map((t) => t.conflicts))}, worst append ${spread(ts.map((t) => t.worst))} attempts`;
  };
  out(
    `governance chain through KVS in the sandbox (the app's store adapter over @forge/kvs; one invocation per append; after one warm-up run, ${RUNS} runs, median (min–max); node ${process.version})`,
  );
  out(
    `  sequential, one writer            ${rates((r) => r.sequential).padStart(22)} appends/s   ${counts((r) => r.sequential)}`,
  );
  out(
    `  ${`${TICKETS} tickets at once, own heads`.padEnd(33)} ${rates((r) => r.perSubject).padStart(22)} appends/s   ${counts((r) => r.perSubject)}`,
  );
  out(
    `  ${`${TICKETS} writers on one shared head`.padEnd(33)} ${rates((r) => r.shared).padStart(22)} appends/s   ${counts((r) => r.shared)} (the app gives up after ${MAX_ATTEMPTS})`,
  );
  out(
    `  anchor the heads                  ${spread(kvs.map((r) => r.anchor.ms)).padStart(22)} ms          (${kvs[0].anchor.heads} heads in ${kvs[0].anchor.anchors} anchor)`,
  );
  out(
    `  verify the whole log              ${spread(kvs.map((r) => perSecond(r.verify.events, r.verify.ms))).padStart(22)} events/s   (${kvs[0].verify.events} events: read back from KVS, chains + heads + anchors)`,
  );

  memoryRun(); // warm-up
  const mem: MemoryRun[] = [];
  for (let i = 0; i < RUNS; i++) mem.push(memoryRun());
  const ms = (pick: (r: MemoryRun) => number) => spread(mem.map(pick)).padStart(16);
  const rate = (pick: (r: MemoryRun) => number) => `${spread(mem.map((r) => perSecond(EVENTS, pick(r))))}/s`;
  const m0 = mem[0];
  out(
    `\ngovernance chain in memory (domain functions only, no storage): ${EVENTS.toLocaleString('en-US')} events across ${SUBJECTS.toLocaleString('en-US')} subjects, ${RUNS} runs, median (min–max)`,
  );
  out(`  append            ${ms((r) => r.append)} ms  ${rate((r) => r.append)}`);
  out(`  verify log        ${ms((r) => r.verify)} ms  ${rate((r) => r.verify)}  (chains + heads + anchors)`);
  out(
    `  verify redacted   ${ms((r) => r.verifyRedacted)} ms  ${rate((r) => r.verifyRedacted)}  (${m0.redacted} redacted)`,
  );
  out(
    `  build anchors     ${ms((r) => r.anchors)} ms  ${m0.anchorCount} anchors, max ${(m0.anchorMaxBytes / 1024).toFixed(1)} KiB each`,
  );
  out(
    `  evidence bundle   ${ms((r) => r.bundle)} ms build, ${spread(mem.map((r) => r.verifyBundle))} ms verify, ${(m0.bundleBytes / 1024 / 1024).toFixed(1)} MiB`,
  );
  out(
    `  event size        avg ${Math.round(m0.eventBytes.reduce((a, b) => a + b, 0) / m0.eventBytes.length)} B, max ${Math.max(...m0.eventBytes)} B (KVS limit 240 KiB)`,
  );
}

void main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
