// Offline verification of the governance log: each subject chain, the head
// records, and the anchor chain over the heads. Reports every problem found
// (capped) and names the first broken link in a stable order: subjects sorted
// by key, then head records, then anchors by anchorSeq.
import { anchorDigest, anchorSchema, anchorTipSchema, type Anchor } from './anchor';
import { eventDigest, personalDigest } from './chain';
import { PARSE, issueText } from '../zod-messages';
import {
  GENESIS_DIGEST,
  governanceEventSchema,
  sameSubject,
  subjectHeadSchema,
  subjectKeyOf,
  subjectSchema,
  type GovernanceEvent,
  type SubjectRef,
} from './event';

export type BreakReason =
  | 'invalid_event'
  | 'subject_mismatch'
  | 'digest_mismatch'
  | 'prev_link_mismatch'
  | 'seq_gap'
  | 'out_of_order'
  | 'personal_mismatch'
  | 'personal_unchained'
  | 'head_mismatch'
  | 'missing_tail'
  | 'missing_subject'
  | 'anchor_invalid'
  | 'anchor_digest_mismatch'
  | 'anchor_link_mismatch'
  | 'anchor_seq_gap'
  | 'anchor_mismatch'
  | 'missing_anchor_tail';

export interface BrokenLink {
  reason: BreakReason;
  subject?: SubjectRef;
  seq?: number;
  eventId?: string;
  anchorSeq?: number;
  detail: string;
}

export interface VerifyCounts {
  subjects: number;
  events: number;
  redacted: number;
  anchors: number;
  anchoredHeads: number;
}

export type VerifyResult =
  | { ok: true; counts: VerifyCounts; redactedEventIds: string[] }
  | {
      ok: false;
      counts: VerifyCounts;
      redactedEventIds: string[];
      firstBroken: BrokenLink;
      problems: BrokenLink[];
      message: string;
    };

export interface SubjectEvents {
  subject: SubjectRef;
  /** As stored, in key (seq) order. */
  events: ReadonlyArray<unknown>;
}

export interface LogInput {
  subjects: ReadonlyArray<SubjectEvents>;
  /** As stored, in anchorSeq order. */
  anchors?: ReadonlyArray<unknown>;
  /** Head records as stored; each must point at its subject's last event. */
  heads?: ReadonlyArray<unknown>;
  /** The stored pointer to the latest anchor; catches a deleted anchor tail. */
  anchorTip?: unknown;
  /**
   * 'complete' (default): every subject an anchor names must be present.
   * 'partial' (an export of some subjects): anchored subjects that are absent are skipped.
   */
  scope?: 'complete' | 'partial';
}

const MAX_PROBLEMS = 100;

interface ChainSummary {
  digests: string[];
  broken: boolean;
}

interface SubjectCheck {
  problem?: BrokenLink;
  summary: ChainSummary;
  events: number;
  redactedIds: string[];
}

function checkSubject(subject: SubjectRef, raw: ReadonlyArray<unknown>): SubjectCheck {
  const digests: string[] = [];
  const redactedIds: string[] = [];
  let prev = GENESIS_DIGEST;
  const fail = (problem: BrokenLink): SubjectCheck => ({
    problem,
    summary: { digests, broken: true },
    events: raw.length,
    redactedIds,
  });
  for (let i = 0; i < raw.length; i++) {
    const expectedSeq = i + 1;
    const parsed = governanceEventSchema.safeParse(raw[i], PARSE);
    if (!parsed.success) {
      const rawSeq = (raw[i] as { seq?: unknown } | null)?.seq;
      return fail({
        reason: 'invalid_event',
        subject,
        seq: typeof rawSeq === 'number' ? rawSeq : expectedSeq,
        detail: `stored event #${expectedSeq} is not a valid governance event (${issueText(parsed.error)})`,
      });
    }
    const e: GovernanceEvent = parsed.data;
    const at = { subject, seq: e.seq, eventId: e.id };
    if (!sameSubject(e.subject, subject)) {
      return fail({
        reason: 'subject_mismatch',
        ...at,
        detail: `event ${e.id} claims subject ${subjectKeyOf(e.subject)} but is stored under ${subjectKeyOf(subject)}`,
      });
    }
    if (e.seq !== expectedSeq) {
      const reason = e.seq < expectedSeq ? 'out_of_order' : 'seq_gap';
      return fail({
        reason,
        ...at,
        seq: expectedSeq,
        detail: `expected seq ${expectedSeq} but found seq ${e.seq}; events were ${reason === 'seq_gap' ? 'deleted' : 'reordered or duplicated'}`,
      });
    }
    if (eventDigest(e) !== e.digest) {
      return fail({
        reason: 'digest_mismatch',
        ...at,
        detail: `stored digest does not match the event's content; the event was altered after it was written`,
      });
    }
    if (e.prevDigest !== prev) {
      return fail({
        reason: 'prev_link_mismatch',
        ...at,
        detail: `prevDigest does not match the digest of seq ${expectedSeq - 1}; an event before it was replaced or removed`,
      });
    }
    if (e.personal !== undefined) {
      if (e.personalDigest === undefined)
        return fail({
          reason: 'personal_unchained',
          ...at,
          detail:
            'event carries personal data that its digest does not cover; it was added after the event was written',
        });
      if (personalDigest(e.personal) !== e.personalDigest)
        return fail({
          reason: 'personal_mismatch',
          ...at,
          detail: 'personal data does not match personalDigest; names, emails or purpose text were altered',
        });
    } else if (e.personalDigest !== undefined) {
      redactedIds.push(e.id);
    }
    digests.push(e.digest);
    prev = e.digest;
  }
  return { summary: { digests, broken: false }, events: raw.length, redactedIds };
}

/**
 * Verifies one subject's events, as stored in seq order. Without `subject` the
 * first event's claimed subject is used (pass it when you read by key, so a
 * moved event is caught).
 */
export function verifySubjectChain(events: ReadonlyArray<unknown>, subject?: SubjectRef): VerifyResult {
  const claimed =
    subject ?? subjectSchema.safeParse((events[0] as { subject?: unknown } | undefined)?.subject, PARSE).data;
  if (!claimed) {
    const counts: VerifyCounts = { subjects: 0, events: events.length, redacted: 0, anchors: 0, anchoredHeads: 0 };
    if (events.length === 0) return { ok: true, counts, redactedEventIds: [] };
    const firstBroken: BrokenLink = {
      reason: 'invalid_event',
      seq: 1,
      detail: 'the first event has no valid subject; pass the subject you read the events under',
    };
    return {
      ok: false,
      counts,
      redactedEventIds: [],
      firstBroken,
      problems: [firstBroken],
      message: describe(firstBroken),
    };
  }
  return verifyLog({ subjects: [{ subject: claimed, events }], scope: 'partial' });
}

export function verifyLog(input: LogInput): VerifyResult {
  const problems: BrokenLink[] = [];
  const push = (p: BrokenLink): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const counts: VerifyCounts = { subjects: 0, events: 0, redacted: 0, anchors: 0, anchoredHeads: 0 };
  const redactedEventIds: string[] = [];
  const chains = new Map<string, ChainSummary>();

  const subjects = [...input.subjects].sort((a, b) => cmp(subjectKeyOf(a.subject), subjectKeyOf(b.subject)));
  for (const group of subjects) {
    const parsedSubject = subjectSchema.safeParse(group.subject, PARSE);
    if (!parsedSubject.success) {
      push({
        reason: 'invalid_event',
        detail: `a subject passed to verify is malformed (${issueText(parsedSubject.error)})`,
      });
      continue;
    }
    const subject = parsedSubject.data;
    const key = subjectKeyOf(subject);
    if (chains.has(key)) {
      push({ reason: 'invalid_event', subject, detail: `subject ${key} was passed twice; read each subject once` });
      continue;
    }
    const res = checkSubject(subject, group.events);
    chains.set(key, res.summary);
    counts.subjects++;
    counts.events += res.events;
    counts.redacted += res.redactedIds.length;
    redactedEventIds.push(...res.redactedIds);
    if (res.problem) push(res.problem);
  }

  for (const raw of input.heads ?? []) {
    const parsed = subjectHeadSchema.safeParse(raw, PARSE);
    if (!parsed.success) {
      push({ reason: 'head_mismatch', detail: `a head record is malformed (${issueText(parsed.error)})` });
      continue;
    }
    const head = parsed.data;
    const chain = chains.get(subjectKeyOf(head.subject));
    if (!chain) {
      if (input.scope !== 'partial')
        push({
          reason: 'missing_subject',
          subject: head.subject,
          seq: head.seq,
          detail: `head record says ${subjectKeyOf(head.subject)} has ${head.seq} events, but none were found`,
        });
      continue;
    }
    checkHeadAgainstChain(head.subject, head.seq, head.digest, chain, 'head record', push, undefined);
  }

  checkAnchors(input, chains, counts, push);

  if (problems.length === 0) return { ok: true, counts, redactedEventIds };
  const first = problems[0];
  return { ok: false, counts, redactedEventIds, firstBroken: first, problems, message: describe(first) };
}

function checkHeadAgainstChain(
  subject: SubjectRef,
  seq: number,
  digest: string,
  chain: ChainSummary,
  what: string,
  push: (p: BrokenLink) => void,
  anchorSeq: number | undefined,
): void {
  const key = subjectKeyOf(subject);
  if (chain.digests.length < seq) {
    // A chain that broke earlier already reported its own problem; a short intact chain lost its tail.
    if (!chain.broken) {
      push({
        reason: 'missing_tail',
        subject,
        seq: chain.digests.length + 1,
        anchorSeq,
        detail: `${what} says ${key} reached seq ${seq}, but only ${chain.digests.length} events exist; later events were deleted`,
      });
    }
    return;
  }
  if (chain.digests[seq - 1] !== digest) {
    push({
      reason: anchorSeq === undefined ? 'head_mismatch' : 'anchor_mismatch',
      subject,
      seq,
      anchorSeq,
      detail: `${what} recorded a different digest for ${key} seq ${seq}; the chain was rewritten after it was anchored`,
    });
  } else if (anchorSeq === undefined && chain.digests.length !== seq) {
    push({
      reason: 'head_mismatch',
      subject,
      seq: chain.digests.length,
      detail: `head record of ${key} is at seq ${seq} but the chain has ${chain.digests.length} events; an event was written without moving the head`,
    });
  }
}

function checkAnchors(
  input: LogInput,
  chains: Map<string, ChainSummary>,
  counts: VerifyCounts,
  push: (p: BrokenLink) => void,
): void {
  const raw = input.anchors ?? [];
  let prev = GENESIS_DIGEST;
  let expected = 1;
  let last: Anchor | undefined;
  for (const item of raw) {
    const parsed = anchorSchema.safeParse(item, PARSE);
    if (!parsed.success) {
      push({
        reason: 'anchor_invalid',
        anchorSeq: expected,
        detail: `anchor #${expected} is malformed (${issueText(parsed.error)})`,
      });
      return;
    }
    const a = parsed.data;
    if (a.anchorSeq !== expected) {
      push({
        reason: 'anchor_seq_gap',
        anchorSeq: expected,
        detail: `expected anchor ${expected} but found ${a.anchorSeq}; anchors were deleted or reordered`,
      });
      return;
    }
    if (anchorDigest(a) !== a.digest) {
      push({
        reason: 'anchor_digest_mismatch',
        anchorSeq: a.anchorSeq,
        detail: `anchor ${a.anchorSeq} does not match its digest; it was altered`,
      });
      return;
    }
    if (a.prevAnchorDigest !== prev) {
      push({
        reason: 'anchor_link_mismatch',
        anchorSeq: a.anchorSeq,
        detail: `anchor ${a.anchorSeq} does not link to anchor ${a.anchorSeq - 1}; an anchor was replaced`,
      });
      return;
    }
    counts.anchors++;
    for (const head of a.heads) {
      counts.anchoredHeads++;
      const chain = chains.get(subjectKeyOf(head.subject));
      if (!chain) {
        if (input.scope !== 'partial') {
          push({
            reason: 'missing_subject',
            subject: head.subject,
            seq: head.seq,
            anchorSeq: a.anchorSeq,
            detail: `anchor ${a.anchorSeq} recorded ${subjectKeyOf(head.subject)} at seq ${head.seq}, but the subject has no events; it was deleted`,
          });
        }
        continue;
      }
      checkHeadAgainstChain(head.subject, head.seq, head.digest, chain, `anchor ${a.anchorSeq}`, push, a.anchorSeq);
    }
    prev = a.digest;
    last = a;
    expected++;
  }
  if (input.anchorTip !== undefined) {
    const tip = anchorTipSchema.safeParse(input.anchorTip, PARSE);
    if (!tip.success) {
      push({ reason: 'anchor_invalid', detail: `the anchor tip record is malformed (${issueText(tip.error)})` });
    } else if (!last || tip.data.anchorSeq > last.anchorSeq) {
      push({
        reason: 'missing_anchor_tail',
        anchorSeq: (last?.anchorSeq ?? 0) + 1,
        detail: `the anchor tip points at anchor ${tip.data.anchorSeq} but only ${last?.anchorSeq ?? 0} anchors exist; later anchors were deleted`,
      });
    } else if (tip.data.anchorSeq === last.anchorSeq && tip.data.digest !== last.digest) {
      push({
        reason: 'anchor_mismatch',
        anchorSeq: last.anchorSeq,
        detail: `the anchor tip's digest differs from anchor ${last.anchorSeq}; the anchor chain was rewritten`,
      });
    }
  }
}

export function describe(p: BrokenLink): string {
  const where = [
    p.subject ? subjectKeyOf(p.subject) : undefined,
    p.seq !== undefined ? `seq ${p.seq}` : undefined,
    p.eventId ? `event ${p.eventId}` : undefined,
    p.anchorSeq !== undefined ? `anchor ${p.anchorSeq}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return `governance log broken at ${where || 'the log'}: ${p.reason} — ${p.detail}`;
}

/** Groups a flat list of events by the subject they claim, keeping their order. */
export function groupBySubject(events: ReadonlyArray<GovernanceEvent>): SubjectEvents[] {
  const groups = new Map<string, SubjectEvents & { events: GovernanceEvent[] }>();
  for (const e of events) {
    const key = subjectKeyOf(e.subject);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { subject: e.subject, events: [] }));
    g.events.push(e);
  }
  return [...groups.values()];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
