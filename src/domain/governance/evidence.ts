// Evidence export: one JSON document an auditor can verify offline with no
// access to the site. The manifest digest catches corruption and naive edits;
// against someone who rewrites and re-hashes everything, compare
// manifest.anchorTipDigest with a copy kept outside the app (an earlier
// bundle, a ticket comment, the auditor's own notes).
import * as z from 'zod/mini';
import { PARSE, issueText } from '../zod-messages';
import { anchorSchema, anchorTipSchema, type Anchor, type AnchorTip } from './anchor';
import { isRedacted, redactEvent } from './chain';
import { digestOf } from './canonical-json';
import { CONTROL_MAPPINGS, controlsByAction } from './controls';
import { GovernanceError } from './errors';
import { isoSchema, subjectKeyOf, subjectSchema, type GovernanceEvent } from './event';
import { groupBySubject, verifyLog, type BrokenLink, type VerifyResult } from './verify';

export const EVIDENCE_FORMAT = 'ai-clearance/evidence-bundle/v1';
const MANIFEST_LABEL = 'ai-clearance/evidence-manifest/v1';

export interface EvidenceMeta {
  generatedAt: Date;
  /** Who asked for the export (account id), if a person did. */
  generatedBy?: string;
  /** Site identity, e.g. cloud id or host name. */
  site?: string;
  appVersion?: string;
  /** 'complete' = the whole log; 'partial' = selected subjects (their full chains). */
  scope: 'complete' | 'partial';
  description?: string;
  /** 'omit' strips names, emails and purpose text from the export (events then show as redacted). */
  personalData?: 'include' | 'omit';
  anchorTip?: AnchorTip;
}

const bundleShape = {
  format: z.literal(EVIDENCE_FORMAT),
  meta: z.strictObject({
    generatedAt: isoSchema,
    generatedBy: z.optional(z.string()),
    site: z.optional(z.string()),
    appVersion: z.optional(z.string()),
    scope: z.enum(['complete', 'partial']),
    description: z.optional(z.string()),
    personalData: z.enum(['include', 'omit']),
  }),
  subjects: z.array(
    z.strictObject({
      subject: subjectSchema,
      events: z.array(z.strictObject({ redacted: z.boolean(), event: z.unknown() })),
    }),
  ),
  anchors: z.array(z.unknown()),
  anchorTip: z.optional(z.unknown()),
  exportCheck: z.strictObject({ ok: z.boolean(), firstBroken: z.optional(z.string()) }),
  controls: z.strictObject({
    disclaimer: z.string(),
    mappings: z.array(z.unknown()),
    byAction: z.record(z.string(), z.array(z.string())),
  }),
  howToVerify: z.string(),
};
const manifestSchema = z.strictObject({
  subjectCount: z.int(),
  eventCount: z.int(),
  redactedCount: z.int(),
  anchorCount: z.int(),
  actionCounts: z.record(z.string(), z.int()),
  firstEventAt: z.optional(z.string()),
  lastEventAt: z.optional(z.string()),
  anchorTipDigest: z.optional(z.string()),
  contentDigest: z.string(),
});
const bundleSchema = z.strictObject({ ...bundleShape, manifest: manifestSchema });

export type EvidenceBundle = z.infer<typeof bundleSchema>;
type BundleContent = Omit<z.infer<typeof bundleSchema>, 'manifest'>;

const DISCLAIMER =
  'This export supports evidence for the listed controls; it does not by itself establish compliance with any standard or law. Control references are indicative and should be checked against the official texts.';
const HOW_TO_VERIFY =
  'Run `ai-clearance evidence verify <file>` (or verifyEvidenceBundle) offline: it recomputes every event digest and chain link, checks each anchor against the subject chains, and recomputes manifest.contentDigest. Compare manifest.anchorTipDigest with a copy recorded outside the app to detect a wholesale rewrite.';

export function buildEvidenceBundle(
  events: ReadonlyArray<GovernanceEvent>,
  anchors: ReadonlyArray<Anchor>,
  meta: EvidenceMeta,
): EvidenceBundle {
  const omit = meta.personalData === 'omit';
  const groups = groupBySubject(events)
    .map((g) => ({ subject: g.subject, events: [...(g.events as GovernanceEvent[])].sort((a, b) => a.seq - b.seq) }))
    .sort((a, b) => cmp(subjectKeyOf(a.subject), subjectKeyOf(b.subject)));
  const orderedAnchors = [...anchors].sort((a, b) => a.anchorSeq - b.anchorSeq);
  const check = verifyLog({ subjects: groups, anchors: orderedAnchors, anchorTip: meta.anchorTip, scope: meta.scope });

  const subjects = groups.map((g) => ({
    subject: g.subject,
    events: g.events.map((e) => {
      const out = omit ? redactEvent(e, meta.generatedAt) : e;
      return { redacted: isRedacted(out), event: out };
    }),
  }));
  const metaOut: BundleContent['meta'] = {
    generatedAt: meta.generatedAt.toISOString(),
    scope: meta.scope,
    personalData: omit ? 'omit' : 'include',
  };
  if (meta.generatedBy !== undefined) metaOut.generatedBy = meta.generatedBy;
  if (meta.site !== undefined) metaOut.site = meta.site;
  if (meta.appVersion !== undefined) metaOut.appVersion = meta.appVersion;
  if (meta.description !== undefined) metaOut.description = meta.description;

  const content: BundleContent = {
    format: EVIDENCE_FORMAT,
    meta: metaOut,
    subjects,
    anchors: orderedAnchors,
    exportCheck: check.ok ? { ok: true } : { ok: false, firstBroken: check.message },
    controls: {
      disclaimer: DISCLAIMER,
      mappings: [...CONTROL_MAPPINGS],
      byAction: controlsByAction(),
    },
    howToVerify: HOW_TO_VERIFY,
  };
  if (meta.anchorTip !== undefined) content.anchorTip = meta.anchorTip;
  return { ...content, manifest: manifestOf(content) };
}

function manifestOf(content: BundleContent): EvidenceBundle['manifest'] {
  let eventCount = 0;
  let redactedCount = 0;
  const actionCounts: Record<string, number> = {};
  let first: string | undefined;
  let last: string | undefined;
  for (const s of content.subjects) {
    for (const { redacted, event } of s.events) {
      eventCount++;
      if (redacted) redactedCount++;
      const e = event as { action?: unknown; at?: unknown };
      if (typeof e.action === 'string') actionCounts[e.action] = (actionCounts[e.action] ?? 0) + 1;
      if (typeof e.at === 'string') {
        if (first === undefined || e.at < first) first = e.at;
        if (last === undefined || e.at > last) last = e.at;
      }
    }
  }
  const m: EvidenceBundle['manifest'] = {
    subjectCount: content.subjects.length,
    eventCount,
    redactedCount,
    anchorCount: content.anchors.length,
    actionCounts,
    contentDigest: digestOf(MANIFEST_LABEL, content),
  };
  if (first !== undefined) m.firstEventAt = first;
  if (last !== undefined) m.lastEventAt = last;
  const tip = anchorTipSchema.safeParse(content.anchorTip, PARSE);
  if (tip.success) m.anchorTipDigest = tip.data.digest;
  else if (content.anchors.length > 0) {
    const lastAnchor = anchorSchema.safeParse(content.anchors[content.anchors.length - 1], PARSE);
    if (lastAnchor.success) m.anchorTipDigest = lastAnchor.data.digest;
  }
  return m;
}

export interface EvidenceCheck {
  ok: boolean;
  /** The log check (chains, anchors); undefined when the bundle could not be read. */
  log?: VerifyResult;
  problems: string[];
  message: string;
}

/** Verifies a bundle offline: structure, manifest digest and counts, redaction markers, chains and anchors. */
export function verifyEvidenceBundle(input: unknown): EvidenceCheck {
  const parsed = bundleSchema.safeParse(input, PARSE);
  if (!parsed.success) {
    const message = `not an AI Clearance evidence bundle (${issueText(parsed.error)})`;
    return { ok: false, problems: [message], message };
  }
  const { manifest, ...content } = parsed.data;
  const problems: string[] = [];
  const expected = manifestOf(content);
  if (expected.contentDigest !== manifest.contentDigest)
    problems.push('manifest.contentDigest does not match the bundle content; the file was edited after export');
  for (const k of [
    'subjectCount',
    'eventCount',
    'redactedCount',
    'anchorCount',
    'firstEventAt',
    'lastEventAt',
    'anchorTipDigest',
  ] as const) {
    if (expected[k] !== manifest[k])
      problems.push(`manifest.${k} is ${String(manifest[k])} but the content gives ${String(expected[k])}`);
  }
  for (const s of content.subjects) {
    s.events.forEach(({ redacted, event }, i) => {
      const e = event as { personal?: unknown; personalDigest?: unknown };
      const actual = e.personalDigest !== undefined && e.personal === undefined;
      if (actual !== redacted)
        problems.push(
          `${subjectKeyOf(s.subject)} event #${i + 1} is marked ${redacted ? 'redacted' : 'intact'} but is ${actual ? 'redacted' : 'intact'}`,
        );
    });
  }
  const log = verifyLog({
    subjects: content.subjects.map((s) => ({ subject: s.subject, events: s.events.map((x) => x.event) })),
    anchors: content.anchors,
    anchorTip: content.anchorTip,
    scope: content.meta.scope,
  });
  if (!log.ok) problems.unshift(log.message, ...log.problems.slice(1).map(describeShort));
  const ok = problems.length === 0;
  const message = ok
    ? `evidence bundle verified: ${log.counts.events} events in ${log.counts.subjects} subjects (${log.counts.redacted} redacted), ${log.counts.anchors} anchors`
    : `evidence bundle failed verification: ${problems[0]}`;
  return { ok, log, problems, message };
}

function describeShort(p: BrokenLink): string {
  return `${p.reason}${p.subject ? ` at ${subjectKeyOf(p.subject)}` : ''}${p.seq !== undefined ? ` seq ${p.seq}` : ''}: ${p.detail}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Throws when a bundle does not verify; for CLI paths that want an exception. */
export function assertEvidenceBundle(input: unknown): void {
  const r = verifyEvidenceBundle(input);
  if (!r.ok) throw new GovernanceError('GOV_BUNDLE_INVALID', r.message);
}
