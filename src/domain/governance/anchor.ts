// Anchors: a second, slower chain over subject heads. Per-subject chains alone
// cannot notice a subject whose tail (or whole history) was deleted; an anchor
// that recorded "request:X was at seq 7 with digest D" can. Anchors are built
// by one periodic job (single writer), so their chain never contends with
// ticket traffic.
import * as z from 'zod/mini';
import { PARSE, issueText } from '../zod-messages';
import { canonicalJson, digestOf } from './canonical-json';
import { GovernanceError } from './errors';
import {
  EVENT_FORMAT_VERSION,
  GENESIS_DIGEST,
  digestSchema,
  isoSchema,
  seqSchema,
  subjectKeyOf,
  subjectSchema,
  type SubjectHead,
} from './event';

const ANCHOR_LABEL = 'ai-clearance/governance-anchor/v1';

/** A KVS value may be 240 KiB; stay well below it. */
export const MAX_ANCHOR_BYTES = 200 * 1024;
/** With 128-character subject ids one head serialises to ~250 bytes: 500 heads ≈ 125 KiB. */
export const DEFAULT_HEADS_PER_ANCHOR = 500;

export const anchoredHeadSchema = z.strictObject({
  subject: subjectSchema,
  seq: seqSchema,
  digest: digestSchema,
});
export type AnchoredHead = z.infer<typeof anchoredHeadSchema>;

export const anchorSchema = z.strictObject({
  v: z.literal(EVENT_FORMAT_VERSION),
  anchorSeq: seqSchema,
  at: isoSchema,
  heads: z.array(anchoredHeadSchema),
  prevAnchorDigest: digestSchema,
  digest: digestSchema,
});
export type Anchor = z.infer<typeof anchorSchema>;

/** The latest anchor, stored under its own key so the next build links to it. */
export const anchorTipSchema = z.strictObject({
  anchorSeq: seqSchema,
  digest: digestSchema,
  at: isoSchema,
});
export type AnchorTip = z.infer<typeof anchorTipSchema>;

export function anchorDigest(a: Omit<Anchor, 'digest'>): string {
  return digestOf(ANCHOR_LABEL, {
    v: a.v,
    anchorSeq: a.anchorSeq,
    at: a.at,
    heads: a.heads,
    prevAnchorDigest: a.prevAnchorDigest,
  });
}

export function anchorTipOf(a: Anchor): AnchorTip {
  return { anchorSeq: a.anchorSeq, digest: a.digest, at: a.at };
}

/**
 * Builds the anchors for the heads that changed since `prev` (the caller finds
 * them through the head entity's time index; including an unchanged head is
 * harmless). Returns [] when there is nothing to anchor, otherwise one anchor
 * per page, each chained to the one before.
 */
export function buildAnchors(
  prev: AnchorTip | undefined,
  heads: ReadonlyArray<SubjectHead | AnchoredHead>,
  now: Date,
  opts: { maxHeadsPerAnchor?: number } = {},
): Anchor[] {
  const perPage = opts.maxHeadsPerAnchor ?? DEFAULT_HEADS_PER_ANCHOR;
  if (!Number.isInteger(perPage) || perPage < 1)
    throw new GovernanceError('GOV_ANCHOR_INVALID', 'maxHeadsPerAnchor must be a positive integer');
  const latest = new Map<string, AnchoredHead>();
  for (const h of heads) {
    const parsed = anchoredHeadSchema.safeParse({ subject: h.subject, seq: h.seq, digest: h.digest }, PARSE);
    if (!parsed.success)
      throw new GovernanceError(
        'GOV_ANCHOR_INVALID',
        `a head passed to buildAnchors is malformed (${issueText(parsed.error)})`,
      );
    const head = parsed.data;
    const key = subjectKeyOf(head.subject);
    const seen = latest.get(key);
    if (seen && seen.seq === head.seq && seen.digest !== head.digest) {
      throw new GovernanceError(
        'GOV_ANCHOR_INVALID',
        `two different digests for ${key} seq ${head.seq}; the head records disagree — run verify before anchoring`,
      );
    }
    if (!seen || head.seq > seen.seq) latest.set(key, head);
  }
  const sorted = [...latest.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, h]) => h);
  const at = now.toISOString();
  const anchors: Anchor[] = [];
  let prevDigest = prev?.digest ?? GENESIS_DIGEST;
  let seq = prev?.anchorSeq ?? 0;
  for (let i = 0; i < sorted.length; i += perPage) {
    const body = {
      v: EVENT_FORMAT_VERSION,
      anchorSeq: ++seq,
      at,
      heads: sorted.slice(i, i + perPage),
      prevAnchorDigest: prevDigest,
    } as const;
    const anchor: Anchor = { ...body, digest: anchorDigest(body) };
    const size = Buffer.byteLength(canonicalJson(anchor), 'utf8');
    if (size > MAX_ANCHOR_BYTES) {
      throw new GovernanceError(
        'GOV_ANCHOR_INVALID',
        `anchor ${anchor.anchorSeq} is ${size} bytes, over ${MAX_ANCHOR_BYTES}; lower maxHeadsPerAnchor`,
      );
    }
    anchors.push(anchor);
    prevDigest = anchor.digest;
  }
  return anchors;
}
