// Pure helpers for the storage layout the lead implements with @forge/kvs.
//
// Layout (all values far below the 240 KiB KVS limit):
//   entity governance-event   key gov:{type}:{id}:{seq:10}   one event (≤ 64 KiB, typically < 2 KiB)
//   entity governance-head    key gov-head:{type}:{id}       {subject, seq, digest, at} (~250 B)
//   entity governance-anchor  key gov-anchor:{n:10}          ≤ 500 heads per anchor (≤ 200 KiB)
//   key gov-anchor-tip                                       {anchorSeq, digest, at} of the latest anchor
//
// Append = one KVS transaction with: the state change, set(event) conditioned on
// the event not existing, set(head) conditioned on head.seq = previous seq (or on
// the head not existing for seq 1). Two writers on one subject: one wins, the
// other retries from the new head. Writers on different subjects never meet.
import { GovernanceError } from './errors';
import { PARSE, issueText } from '../zod-messages';
import {
  SUBJECT_ID_PATTERN,
  SUBJECT_TYPES,
  governanceEventSchema,
  type GovernanceEvent,
  type SubjectHead,
  type SubjectRef,
} from './event';

const SEQ_WIDTH = 10;
/** KVS keys: at most 500 characters of [a-zA-Z0-9:._\s-#] (https://developer.atlassian.com/platform/forge/limits-kvs-ce/). */
const KVS_KEY = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const MAX_KEY_LENGTH = 500;

export const EVENT_KEY_PREFIX = 'gov';
export const HEAD_KEY_PREFIX = 'gov-head';
export const ANCHOR_KEY_PREFIX = 'gov-anchor';
export const ANCHOR_TIP_KEY = 'gov-anchor-tip';

function checked(key: string): string {
  if (key.length > MAX_KEY_LENGTH || !KVS_KEY.test(key))
    throw new GovernanceError(
      'GOV_KEY_INVALID',
      `"${key.slice(0, 80)}" is not a valid KVS key; subject ids must match ${SUBJECT_ID_PATTERN}`,
    );
  return key;
}

function subjectPart(s: SubjectRef): string {
  if (!(SUBJECT_TYPES as readonly string[]).includes(s.type) || !SUBJECT_ID_PATTERN.test(s.id)) {
    throw new GovernanceError(
      'GOV_KEY_INVALID',
      `subject ${s.type}:${s.id} cannot be used in a storage key; ids must match ${SUBJECT_ID_PATTERN}`,
    );
  }
  return `${s.type}:${s.id}`;
}

function pad(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9_999_999_999)
    throw new GovernanceError('GOV_KEY_INVALID', `sequence ${n} must be a positive integer`);
  return String(n).padStart(SEQ_WIDTH, '0');
}

/** Zero-padded so lexical key order is seq order (key-prefix queries return the chain in order). */
export function eventKey(subject: SubjectRef, seq: number): string {
  return checked(`${EVENT_KEY_PREFIX}:${subjectPart(subject)}:${pad(seq)}`);
}

/** Prefix for a begins-with query over one subject's events. */
export function subjectEventKeyPrefix(subject: SubjectRef): string {
  return checked(`${EVENT_KEY_PREFIX}:${subjectPart(subject)}:`);
}

export function headKey(subject: SubjectRef): string {
  return checked(`${HEAD_KEY_PREFIX}:${subjectPart(subject)}`);
}

export function anchorKey(anchorSeq: number): string {
  return checked(`${ANCHOR_KEY_PREFIX}:${pad(anchorSeq)}`);
}

/** Parses an event key back into subject and seq (for verify tooling that lists keys). */
export function parseEventKey(key: string): { subject: SubjectRef; seq: number } | undefined {
  const m = /^gov:([a-z]+):([A-Za-z0-9._-]{1,128}):(\d{10})$/.exec(key);
  if (!m || !(SUBJECT_TYPES as readonly string[]).includes(m[1])) return undefined;
  return { subject: { type: m[1] as SubjectRef['type'], id: m[2] }, seq: Number(m[3]) };
}

/** Epoch seconds: entity integers are 32-bit, milliseconds would overflow. */
export function epochSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

type AttributeType = 'string' | 'boolean' | 'float' | 'integer' | 'any';
export interface EntityDescription {
  name: string;
  attributes: Record<string, { type: AttributeType }>;
  indexes: Array<{ name: string; partition?: string[]; range: string[] }>;
}

/**
 * manifest.yml `app.storage.entities` entry for events. Indexes answer: a
 * subject's chain in order; everything in a time window (evidence export,
 * retention sweep); a ticket's history; one action over time; what one actor did.
 */
export const EVENT_ENTITY: EntityDescription = {
  name: 'governance-event',
  attributes: {
    v: { type: 'integer' },
    id: { type: 'string' },
    subjectType: { type: 'string' },
    subjectId: { type: 'string' },
    subjectKey: { type: 'string' },
    seq: { type: 'integer' },
    action: { type: 'string' },
    actorType: { type: 'string' },
    actorAccountId: { type: 'string' },
    at: { type: 'string' },
    atEpoch: { type: 'integer' },
    ticketId: { type: 'string' },
    ticketKey: { type: 'string' },
    policyVersion: { type: 'string' },
    /** true once retention removed `personal`; lets the sweep skip done work via a filter. */
    redacted: { type: 'boolean' },
    event: { type: 'any' },
  },
  indexes: [
    { name: 'by-subject', partition: ['subjectKey'], range: ['seq'] },
    { name: 'by-time', range: ['atEpoch'] },
    { name: 'by-ticket', partition: ['ticketId'], range: ['atEpoch'] },
    { name: 'by-action', partition: ['action'], range: ['atEpoch'] },
    { name: 'by-actor', partition: ['actorAccountId'], range: ['atEpoch'] },
  ],
};

export const HEAD_ENTITY: EntityDescription = {
  name: 'governance-head',
  attributes: {
    subjectType: { type: 'string' },
    subjectId: { type: 'string' },
    subjectKey: { type: 'string' },
    seq: { type: 'integer' },
    digest: { type: 'string' },
    at: { type: 'string' },
    atEpoch: { type: 'integer' },
  },
  // The anchor job asks "which heads moved since the last anchor".
  indexes: [{ name: 'by-updated', range: ['atEpoch'] }],
};

export const ANCHOR_ENTITY: EntityDescription = {
  name: 'governance-anchor',
  attributes: {
    anchorSeq: { type: 'integer' },
    at: { type: 'string' },
    atEpoch: { type: 'integer' },
    anchor: { type: 'any' },
  },
  indexes: [{ name: 'by-seq', range: ['anchorSeq'] }],
};

/** Flat entity value for EVENT_ENTITY; the full event rides in `event` for verification. */
export interface EventRecord {
  v: number;
  id: string;
  subjectType: string;
  subjectId: string;
  subjectKey: string;
  seq: number;
  action: string;
  actorType: string;
  actorAccountId?: string;
  at: string;
  atEpoch: number;
  ticketId?: string;
  ticketKey?: string;
  policyVersion?: string;
  redacted: boolean;
  event: GovernanceEvent;
}

export function toEventRecord(e: GovernanceEvent): EventRecord {
  const r: EventRecord = {
    v: e.v,
    id: e.id,
    subjectType: e.subject.type,
    subjectId: e.subject.id,
    subjectKey: `${e.subject.type}:${e.subject.id}`,
    seq: e.seq,
    action: e.action,
    actorType: e.actor.type,
    at: e.at,
    atEpoch: epochSeconds(e.at),
    redacted: e.personalDigest !== undefined && e.personal === undefined,
    event: e,
  };
  if (e.actor.accountId !== undefined) r.actorAccountId = e.actor.accountId;
  if (e.ticket?.id !== undefined) r.ticketId = e.ticket.id;
  if (e.ticket?.key !== undefined) r.ticketKey = e.ticket.key;
  if (e.policyVersion !== undefined) r.policyVersion = String(e.policyVersion);
  return r;
}

/**
 * The stored event, untrusted: returns it as `unknown` for verify to judge
 * (the flat attributes are index copies and are never trusted for verification).
 */
export function eventFromRecord(record: unknown): unknown {
  return (record as { event?: unknown } | null)?.event;
}

/** Parses a stored record for use (not verification); throws on malformed data. */
export function parseEventRecord(record: unknown): GovernanceEvent {
  const parsed = governanceEventSchema.safeParse(eventFromRecord(record), PARSE);
  if (!parsed.success)
    throw new GovernanceError(
      'GOV_KEY_INVALID',
      `stored governance event is malformed (${issueText(parsed.error)}); run verify`,
    );
  return parsed.data;
}

export interface HeadRecord {
  subjectType: string;
  subjectId: string;
  subjectKey: string;
  seq: number;
  digest: string;
  at: string;
  atEpoch: number;
}

export function toHeadRecord(h: SubjectHead): HeadRecord {
  return {
    subjectType: h.subject.type,
    subjectId: h.subject.id,
    subjectKey: `${h.subject.type}:${h.subject.id}`,
    seq: h.seq,
    digest: h.digest,
    at: h.at,
    atEpoch: epochSeconds(h.at),
  };
}

export function headFromRecord(r: HeadRecord): SubjectHead {
  return {
    v: 1,
    subject: { type: r.subjectType as SubjectRef['type'], id: r.subjectId },
    seq: r.seq,
    digest: r.digest,
    at: r.at,
  };
}

/**
 * The optimistic-concurrency condition for the head write, as data: the lead
 * maps it to FilterConditions in the transaction. (Whether `notExists` on an
 * absent entity passes is UNVERIFIED on real Forge; the sandbox must agree.)
 */
export type HeadCondition = { attribute: 'seq'; op: 'notExists' } | { attribute: 'seq'; op: 'equalTo'; value: number };

export function headCondition(prevHead: SubjectHead | undefined): HeadCondition {
  return prevHead ? { attribute: 'seq', op: 'equalTo', value: prevHead.seq } : { attribute: 'seq', op: 'notExists' };
}

/** Personal-data-free attributes that retention leaves untouched; exported for the sweep. */
export function redactedRecord(record: EventRecord, redacted: GovernanceEvent): EventRecord {
  return { ...record, redacted: true, event: redacted };
}
