// Governance log throughput: append and verify 10k events across 1k subjects,
// build anchors over the heads, and build + verify an evidence bundle.
// Prints figures; not a pass/fail test. Run: npx tsx bench/governance-chain.ts
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
  type GovernanceEvent,
  type SubjectHead,
} from '../src/domain/governance';

const SUBJECTS = Number(process.env.SUBJECTS ?? 1000);
const EVENTS = Number(process.env.EVENTS ?? 10_000);

function time<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}
const rate = (n: number, ms: number): string => `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;

const heads = new Map<string, SubjectHead>();
const bySubject = new Map<string, GovernanceEvent[]>();
const start = Date.parse('2025-01-01T00:00:00.000Z');

const append = time(() => {
  for (let i = 0; i < EVENTS; i++) {
    const id = String(10_000 + (i % SUBJECTS));
    const prev = heads.get(id);
    const e = appendEvent(
      prev,
      {
        subject: { type: 'request', id },
        action: prev ? 'request.approved' : 'request.submitted',
        actor: { type: 'user', accountId: `acc-${i % 97}` },
        ticket: { id, key: `AIC-${id}` },
        policyVersion: 3,
        before: { status: 'pending_approval' },
        after: { status: 'approved', durationDays: 30 },
        personal: { requesterName: 'Alice Example', purpose: 'Summarise support tickets for the weekly report' },
      },
      new Date(start + i * 1000),
      randomBytes,
    );
    heads.set(id, headOf(e));
    let list = bySubject.get(id);
    if (!list) bySubject.set(id, (list = []));
    list.push(e);
  }
});

const subjects = [...bySubject.values()].map((events) => ({ subject: events[0]!.subject, events }));
const all = subjects.flatMap((s) => s.events);
const anchors = time(() => buildAnchors(undefined, [...heads.values()], new Date(start + EVENTS * 1000)));
const verify = time(() => verifyLog({ subjects, anchors: anchors.value, heads: [...heads.values()] }));
const redacted = subjects.map((s) => ({ subject: s.subject, events: s.events.map((e) => redactEvent(e, new Date())) }));
const verifyRedacted = time(() => verifyLog({ subjects: redacted, anchors: anchors.value }));
const bundle = time(() => buildEvidenceBundle(all, anchors.value, { generatedAt: new Date(), scope: 'complete' }));
const bundleJson = JSON.stringify(bundle.value);
const verifyBundle = time(() => verifyEvidenceBundle(JSON.parse(bundleJson)));

// Optimistic-concurrency model of the design choice: writers that read the
// same head in one round conflict; only one per head commits, the rest retry.
function attempts(concurrent: number, headOf: (w: number) => string): number {
  let pending = Array.from({ length: concurrent }, (_, w) => w);
  let total = 0;
  while (pending.length) {
    total += pending.length;
    const won = new Set<string>();
    pending = pending.filter((w) => (won.has(headOf(w)) ? true : (won.add(headOf(w)), false)));
  }
  return total;
}
const CONCURRENT = 20;
const globalAttempts = attempts(CONCURRENT, () => 'global');
const perSubjectAttempts = attempts(CONCURRENT, (w) => `request:${w}`);

const eventBytes = all.map((e) => Buffer.byteLength(canonicalJson(e)));
const anchorBytes = anchors.value.map((a) => Buffer.byteLength(canonicalJson(a)));
if (!verify.value.ok || !verifyRedacted.value.ok || !verifyBundle.value.ok) throw new Error('benchmark log did not verify');

console.log(`governance chain: ${EVENTS.toLocaleString('en-US')} events across ${SUBJECTS.toLocaleString('en-US')} subjects (node ${process.version})`);
console.log(`  append            ${append.ms.toFixed(0).padStart(6)} ms  ${rate(EVENTS, append.ms)}`);
console.log(`  verify log        ${verify.ms.toFixed(0).padStart(6)} ms  ${rate(EVENTS, verify.ms)}  (chains + heads + anchors)`);
console.log(`  verify redacted   ${verifyRedacted.ms.toFixed(0).padStart(6)} ms  ${rate(EVENTS, verifyRedacted.ms)}  (${verifyRedacted.value.counts.redacted} redacted)`);
console.log(`  build anchors     ${anchors.ms.toFixed(0).padStart(6)} ms  ${anchors.value.length} anchors, max ${(Math.max(...anchorBytes) / 1024).toFixed(1)} KiB each`);
console.log(`  evidence bundle   ${bundle.ms.toFixed(0).padStart(6)} ms build, ${verifyBundle.ms.toFixed(0)} ms verify, ${(bundleJson.length / 1024 / 1024).toFixed(1)} MiB`);
console.log(`  ${CONCURRENT} tickets at once: ${globalAttempts} transaction attempts with one global head, ${perSubjectAttempts} with per-subject heads`);
console.log(`  event size        avg ${Math.round(eventBytes.reduce((a, b) => a + b, 0) / eventBytes.length)} B, max ${Math.max(...eventBytes)} B (KVS limit 240 KiB)`);
