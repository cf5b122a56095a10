// Per-subject hash chain. Each subject (a request, a grant, a catalog entry…)
// has its own chain, so concurrent tickets never contend on one global head;
// anchors (anchor.ts) tie the subject heads together.
import { canonicalJson, digestOf } from './canonical-json';
import { GovernanceError } from './errors';
import { PARSE, issueText } from '../zod-messages';
import {
  EVENT_FORMAT_VERSION,
  GENESIS_DIGEST,
  MAX_SEQ,
  eventDraftSchema,
  sameSubject,
  subjectHeadSchema,
  subjectKeyOf,
  type ChainedBody,
  type EventDraft,
  type GovernanceEvent,
  type PersonalPart,
  type SubjectHead,
} from './event';

/** Randomness is injected so the domain stays pure and tests deterministic. */
export type RandomBytes = (size: number) => Uint8Array;

/** An event must fit comfortably in one KVS value (240 KiB) next to its index attributes. */
export const MAX_EVENT_BYTES = 64 * 1024;

const EVENT_LABEL = 'ai-clearance/governance-event/v1';
const PERSONAL_LABEL = 'ai-clearance/governance-personal/v1';

export function eventDigest(body: ChainedBody): string {
  return digestOf(EVENT_LABEL, chainedBodyOf(body));
}

export function personalDigest(personal: PersonalPart): string {
  return digestOf(PERSONAL_LABEL, personal);
}

/** Picks exactly the digest-covered fields, so extra fields can never sneak in or out. */
export function chainedBodyOf(e: ChainedBody): ChainedBody {
  const body: ChainedBody = {
    v: e.v,
    id: e.id,
    subject: e.subject,
    seq: e.seq,
    action: e.action,
    actor: e.actor,
    at: e.at,
    prevDigest: e.prevDigest,
  };
  if (e.ticket !== undefined) body.ticket = e.ticket;
  if (e.policyVersion !== undefined) body.policyVersion = e.policyVersion;
  if (e.before !== undefined) body.before = e.before;
  if (e.after !== undefined) body.after = e.after;
  if (e.personalDigest !== undefined) body.personalDigest = e.personalDigest;
  return body;
}

/**
 * Builds the next event of a subject. `prevHead` is the subject's current head
 * (undefined for its first event); the caller stores the event and the new head
 * (headOf) in the same KVS transaction as the state change, conditioned on the
 * head's previous seq.
 */
export function appendEvent(
  prevHead: SubjectHead | undefined,
  draft: EventDraft,
  now: Date,
  random: RandomBytes,
): GovernanceEvent {
  const parsed = eventDraftSchema.safeParse(draft, PARSE);
  if (!parsed.success) {
    throw new GovernanceError(
      'GOV_DRAFT_INVALID',
      `governance event draft is invalid: ${issueText(parsed.error)}; fix the use case that builds it`,
    );
  }
  // Lone UTF-16 surrogates (legal in JSON text, illegal in canonical JSON) are
  // replaced by U+FFFD so hostile input cannot make an event unhashable.
  const d = wellFormed(parsed.data);
  if (prevHead !== undefined) {
    const parsedHead = subjectHeadSchema.safeParse(prevHead, PARSE);
    if (!parsedHead.success)
      throw new GovernanceError(
        'GOV_HEAD_MISMATCH',
        `the stored head is malformed (${issueText(parsedHead.error)}); run verify on this subject`,
      );
    const head = parsedHead.data;
    if (!sameSubject(head.subject, d.subject)) {
      throw new GovernanceError(
        'GOV_HEAD_MISMATCH',
        `head belongs to ${subjectKeyOf(head.subject)} but the event is for ${subjectKeyOf(d.subject)}; load the head of the event's own subject`,
      );
    }
    if (head.seq >= MAX_SEQ)
      throw new GovernanceError(
        'GOV_HEAD_MISMATCH',
        `subject ${subjectKeyOf(d.subject)} has reached the maximum sequence number`,
      );
  }
  if (Number.isNaN(now.getTime()))
    throw new GovernanceError('GOV_DRAFT_INVALID', 'the clock returned an invalid date; pass a real Date as `now`');

  const body: ChainedBody = {
    v: EVENT_FORMAT_VERSION,
    id: d.id ?? eventIdFrom(now, random),
    subject: d.subject,
    seq: prevHead ? prevHead.seq + 1 : 1,
    action: d.action,
    actor: d.actor,
    at: now.toISOString(),
    prevDigest: prevHead ? prevHead.digest : GENESIS_DIGEST,
  };
  if (d.ticket !== undefined) body.ticket = d.ticket;
  if (d.policyVersion !== undefined) body.policyVersion = d.policyVersion;
  if (d.before !== undefined) body.before = d.before;
  if (d.after !== undefined) body.after = d.after;

  let personal: PersonalPart | undefined;
  if (d.personal !== undefined) {
    const salt = random(16);
    if (salt.length !== 16)
      throw new GovernanceError(
        'GOV_DRAFT_INVALID',
        `random(16) returned ${salt.length} bytes; pass a source like crypto.randomBytes`,
      );
    personal = { salt: hex(salt), data: d.personal };
    body.personalDigest = personalDigest(personal);
  }
  const event: GovernanceEvent = { ...body, digest: eventDigest(body) };
  if (personal) event.personal = personal;

  const size = Buffer.byteLength(canonicalJson(event), 'utf8');
  if (size > MAX_EVENT_BYTES) {
    throw new GovernanceError(
      'GOV_EVENT_TOO_LARGE',
      `governance event for ${subjectKeyOf(d.subject)} is ${size} bytes, over the ${MAX_EVENT_BYTES}-byte limit; store large text elsewhere and keep only ids in the event`,
    );
  }
  return event;
}

/** The head record to store after `event` was appended. */
export function headOf(event: GovernanceEvent): SubjectHead {
  return { v: EVENT_FORMAT_VERSION, subject: event.subject, seq: event.seq, digest: event.digest, at: event.at };
}

/**
 * Removes the personal part (and its salt) for retention. The digest still
 * verifies because it covers only personalDigest; verify reports the event
 * as redacted. Append a `retention.minimised` event to the same subject so
 * the redaction itself is on the record.
 */
export function redactEvent(event: GovernanceEvent, now: Date): GovernanceEvent {
  const { personal: _dropped, ...rest } = event;
  void _dropped;
  if (event.personalDigest === undefined) return { ...rest };
  return { ...rest, redactedAt: event.redactedAt ?? now.toISOString() };
}

export function isRedacted(event: GovernanceEvent): boolean {
  return event.personalDigest !== undefined && event.personal === undefined;
}

function wellFormed<T>(value: T): T {
  if (typeof value === 'string')
    return value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd') as T;
  if (Array.isArray(value)) return value.map(wellFormed) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [wellFormed(k), wellFormed(v)])) as T;
  return value;
}

/** Time-ordered, collision-resistant id: 12 hex of epoch ms + 20 hex random. */
function eventIdFrom(now: Date, random: RandomBytes): string {
  return `${now.getTime().toString(16).padStart(12, '0')}${hex(random(10))}`;
}

function hex(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array))
    throw new GovernanceError('GOV_DRAFT_INVALID', 'random() must return a Uint8Array (e.g. crypto.randomBytes)');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
