// Evidence pack of one grant: everything an auditor asks about one person's
// access to one AI tool, as files an auditor keeps (pack.json, events.json,
// pack.html) and a manifest with the SHA-256 of every file, the digest of
// every record, and the tip of every governance chain. `ai-clearance evidence
// verify <DIR>` checks it offline and names the file and the record that
// changed. Against someone who rewrites everything and re-hashes it, compare
// manifest.chainTips / anchorTip with a copy kept outside the app.
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { PARSE, issueText } from '../zod-messages';
import { canonicalJson } from '../governance/canonical-json';
import { CONTROL_MAPPINGS, DECISIONS, SECTION_CONTROLS, type PackSection } from '../governance/controls';
import { subjectKeyOf, subjectSchema, type GovernanceEvent, type SubjectRef } from '../governance/event';
import type { AnchorTip } from '../governance/anchor';
import { describe as describeBreak, verifyLog } from '../governance/verify';
import type { GrantDoc } from '../grant/types';
import { policyVersionText } from '../policy/policy-history';
import type { PolicySet } from '../policy/risk-policy';
import type { RequestDoc } from '../request/types';
import { renderPackHtml } from './pack-html';

/**
 * What a pack covers: one grant (its request's issue key) or the grants approved in a period. A period with
 * more grants than one resolver answer holds is packed in parts (`part` n of `of`, each a whole, verifiable
 * pack); `part` is absent when one pack holds the period. `toolId`: only that tool's grants.
 */
export type PackScope =
  { issueKey: string } | { from: string; to: string; toolId?: string; part?: { n: number; of: number } };

export const PACK_FORMAT = 'ai-clearance/evidence-pack/v1';
export const PACK_FILES = ['pack.json', 'events.json', 'pack.html'] as const;
export const MANIFEST_FILE = 'manifest.json';

export const DISCLAIMER =
  'Each section supports evidence for the controls listed with it; this pack does not by itself establish compliance with any standard or law. Control references are indicative: check them against the official texts.';

/** One grant (or a request that never became one) in a pack. */
export interface PackGrant {
  issueKey: string;
  request: RequestDoc;
  grant?: GrantDoc;
}

export interface PackInput {
  /** One grant's pack (its request's issue key), or every grant approved in a period. */
  scope: PackScope;
  grants: readonly PackGrant[];
  /**
   * The risk policy as stored now, and its version; each grant names the version it was decided under, whose
   * text is rebuilt from this and the policy's chain in `chains` (policy-history.ts).
   */
  policy?: { version: number; set: PolicySet };
  /** Governance chains, each once: requests', grants', extension requests', the tools' catalog entries, the policy. */
  chains: ReadonlyArray<{ subject: SubjectRef; events: readonly GovernanceEvent[] }>;
  anchorTip?: AnchorTip;
  generatedAt: Date;
  generatedBy?: string;
}

/** The chains that tell one grant's story. */
export function subjectsOf(g: PackGrant): SubjectRef[] {
  const out: SubjectRef[] = [{ type: 'request', id: g.request.id }];
  if (g.grant) {
    out.push({ type: 'grant', id: g.grant.id });
    for (const x of g.grant.extensions)
      if (x.requestId !== g.request.id) out.push({ type: 'request', id: x.requestId });
  }
  const toolId = g.grant?.toolId ?? g.request.toolId;
  if (toolId) out.push({ type: 'catalog', id: toolId });
  out.push({ type: 'policy', id: 'risk-policy' });
  return out;
}

const REMINDERS = new Set(['grant.review_reminder', 'grant.do_not_renew', 'grant.extended']);
const ENDINGS = new Set(['grant.expired', 'grant.revoked', 'grant.handed_back', 'request.cancelled', 'request.lapsed']);
const CONNECTOR = new Set([
  'grant.fulfilment_queued',
  'grant.fulfilled',
  'grant.activated',
  'grant.fulfilment_failed',
  'grant.manual_action_required',
]);
const DECISION_ACTIONS = new Set<string>([...DECISIONS, 'request.escalated']);

export interface PackFiles {
  'pack.json': string;
  'events.json': string;
  'pack.html': string;
  'manifest.json': string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const recordDigest = (value: unknown) => sha256(canonicalJson(value));

/**
 * The text of the policy version a grant was decided under (null before a decision), or why it cannot be given
 * (`appliedTextMissing`): a pack keeps it even after the policy changed.
 */
function appliedPolicy(version: number | null, input: PackInput): Record<string, unknown> {
  if (version === null) return { applied: null };
  if (!input.policy) return { applied: null, appliedTextMissing: 'the current policy set was not given' };
  const chain = input.chains.filter((c) => c.subject.type === 'policy').flatMap((c) => c.events);
  const rebuilt = policyVersionText(input.policy.set, chain, version);
  return 'text' in rebuilt ? { applied: rebuilt.text } : { applied: null, appliedTextMissing: rebuilt.problem };
}

function sectionsOf(g: PackGrant, input: PackInput): Record<PackSection, unknown> {
  const wanted = new Set(subjectsOf(g).map(subjectKeyOf));
  const all = input.chains.filter((c) => wanted.has(subjectKeyOf(c.subject))).flatMap((c) => c.events);
  const pick = (set: Set<string>) => all.filter((e) => set.has(e.action)).map(summary);
  const appliedVersion = g.grant?.policyVersion ?? g.request.policyVersion;
  return {
    request: g.request,
    decisions: pick(DECISION_ACTIONS),
    policy: {
      appliedVersion,
      ...appliedPolicy(appliedVersion, input),
      current: input.policy ?? null,
      history: all.filter((e) => e.subject.type === 'policy').map(summary),
    },
    grant: g.grant ?? null,
    reminders: pick(REMINDERS),
    end: { ended: g.grant?.ended ?? null, events: pick(ENDINGS) },
    connectorResults: { fulfilment: g.grant?.fulfilment ?? null, events: pick(CONNECTOR) },
    events: all.map((e) => ({
      subject: subjectKeyOf(e.subject),
      seq: e.seq,
      id: e.id,
      action: e.action,
      digest: e.digest,
    })),
  };
}

export function buildEvidencePack(input: PackInput): PackFiles {
  const grants = input.grants.map((g) => ({ issueKey: g.issueKey, sections: sectionsOf(g, input) }));
  const pack = {
    format: PACK_FORMAT,
    scope: input.scope,
    generatedAt: input.generatedAt.toISOString(),
    ...(input.generatedBy ? { generatedBy: input.generatedBy } : {}),
    disclaimer: DISCLAIMER,
    grants,
    controls: {
      bySection: SECTION_CONTROLS,
      mappings: CONTROL_MAPPINGS.map((c) => ({
        framework: c.framework,
        ref: c.ref,
        topic: c.topic,
        relation: c.relation,
        evidence: c.evidence,
        limits: c.limits,
      })),
    },
  };
  const events = {
    format: PACK_FORMAT,
    chains: input.chains.map((c) => ({ subject: c.subject, events: c.events })),
    ...(input.anchorTip ? { anchorTip: input.anchorTip } : {}),
  };
  const files = {
    'pack.json': `${JSON.stringify(pack, null, 2)}\n`,
    'events.json': `${JSON.stringify(events, null, 2)}\n`,
    'pack.html': renderPackHtml(pack),
  };
  const records = [
    ...grants.flatMap((g, i) =>
      (Object.keys(g.sections) as PackSection[]).map((k) => ({
        file: 'pack.json',
        record: `grants.${i}.sections.${k}`,
        sha256: recordDigest(g.sections[k]),
      })),
    ),
    ...input.chains.flatMap((c) =>
      c.events.map((e) => ({
        file: 'events.json',
        record: `${subjectKeyOf(c.subject)} seq ${e.seq}`,
        sha256: recordDigest(e),
      })),
    ),
  ];
  const manifest = {
    format: PACK_FORMAT,
    scope: input.scope,
    generatedAt: input.generatedAt.toISOString(),
    files: PACK_FILES.map((name) => ({
      name,
      sha256: sha256(files[name]),
      bytes: Buffer.byteLength(files[name], 'utf8'),
    })),
    records,
    chainTips: input.chains.map((c) => {
      const tip = c.events[c.events.length - 1];
      return { subject: subjectKeyOf(c.subject), seq: tip?.seq ?? 0, digest: tip?.digest ?? null };
    }),
    ...(input.anchorTip ? { anchorTip: input.anchorTip } : {}),
    howToVerify:
      'Run `ai-clearance evidence verify <this folder>` offline. Compare chainTips and anchorTip with a copy kept outside the app to detect a wholesale rewrite.',
  };
  return { ...files, 'manifest.json': `${JSON.stringify(manifest, null, 2)}\n` };
}

function summary(e: GovernanceEvent) {
  return {
    subject: subjectKeyOf(e.subject),
    seq: e.seq,
    action: e.action,
    actor: e.actor,
    at: e.at,
    ...(e.policyVersion !== undefined ? { policyVersion: e.policyVersion } : {}),
    ...(e.before !== undefined ? { before: e.before } : {}),
    ...(e.after !== undefined ? { after: e.after } : {}),
    digest: e.digest,
  };
}

const manifestSchema = z.object({
  format: z.literal(PACK_FORMAT),
  files: z.array(z.object({ name: z.string(), sha256: z.string(), bytes: z.int() })),
  records: z.array(z.object({ file: z.string(), record: z.string(), sha256: z.string() })),
  chainTips: z.array(z.object({ subject: z.string(), seq: z.int(), digest: z.nullable(z.string()) })),
});
const eventsFileSchema = z.object({
  format: z.literal(PACK_FORMAT),
  chains: z.array(z.object({ subject: subjectSchema, events: z.array(z.unknown()) })),
});

export interface PackCheck {
  ok: boolean;
  /** One sentence per problem, each naming the file (and the record) that changed. */
  problems: string[];
  message: string;
}

/** Verifies a pack offline from its files' text (name → text; a missing file is undefined). */
export function verifyEvidencePack(read: (name: string) => string | undefined): PackCheck {
  const problems: string[] = [];
  const done = (): PackCheck => {
    const ok = problems.length === 0;
    return {
      ok,
      problems,
      message: ok
        ? 'evidence pack verified: every file, record and chain matches the manifest'
        : `evidence pack failed verification: ${problems[0]}`,
    };
  };
  const manifestText = read(MANIFEST_FILE);
  if (manifestText === undefined) {
    problems.push(`${MANIFEST_FILE} is missing; without it nothing can be checked`);
    return done();
  }
  const parsedManifest = manifestSchema.safeParse(safeJson(manifestText), PARSE);
  if (!parsedManifest.success) {
    problems.push(`${MANIFEST_FILE} is not an evidence pack manifest (${issueText(parsedManifest.error)})`);
    return done();
  }
  const manifest = parsedManifest.data;
  for (const f of manifest.files) {
    const text = read(f.name);
    if (text === undefined) problems.push(`${f.name} is missing`);
    else if (sha256(text) !== f.sha256) {
      problems.push(`${f.name} changed: its SHA-256 differs from the manifest`);
    }
  }
  // Name the record inside a changed JSON file.
  const packJson = safeJson(read('pack.json'));
  const eventsParsed = eventsFileSchema.safeParse(safeJson(read('events.json')), PARSE);
  const eventDigests = new Map<string, string>();
  if (eventsParsed.success)
    for (const c of eventsParsed.data.chains)
      c.events.forEach((e, i) => {
        const seq = (e as { seq?: unknown }).seq;
        eventDigests.set(
          `${subjectKeyOf(c.subject)} seq ${typeof seq === 'number' ? seq : `#${i + 1}`}`,
          recordDigest(e),
        );
      });
  for (const r of manifest.records) {
    if (r.file === 'pack.json' && packJson !== undefined) {
      const value = r.record.split('.').reduce<unknown>((v, k) => field(v, k), packJson);
      if (value === undefined) problems.push(`pack.json: record ${r.record} was removed`);
      else if (recordDigest(value) !== r.sha256) problems.push(`pack.json: record ${r.record} changed`);
    } else if (r.file === 'events.json' && eventsParsed.success) {
      const d = eventDigests.get(r.record);
      if (d === undefined) problems.push(`events.json: record ${r.record} was removed or moved`);
      else if (d !== r.sha256) problems.push(`events.json: record ${r.record} changed`);
    }
  }
  if (!eventsParsed.success) {
    if (read('events.json') !== undefined)
      problems.push(`events.json is not readable (${issueText(eventsParsed.error)})`);
    return done();
  }
  const log = verifyLog({
    subjects: eventsParsed.data.chains.map((c) => ({ subject: c.subject, events: c.events })),
    scope: 'partial',
  });
  if (!log.ok)
    problems.push(
      `events.json: ${log.message}`,
      ...log.problems.slice(1).map((p) => `events.json: ${describeBreak(p)}`),
    );
  const chains = new Map(eventsParsed.data.chains.map((c) => [subjectKeyOf(c.subject), c.events]));
  for (const tip of manifest.chainTips) {
    const events = chains.get(tip.subject);
    const last = events?.[events.length - 1] as { seq?: number; digest?: string } | undefined;
    if (!events) problems.push(`events.json: the chain of ${tip.subject} was removed`);
    else if (last?.seq !== tip.seq || (last.digest ?? null) !== tip.digest)
      problems.push(
        `events.json: the chain of ${tip.subject} ends at seq ${String(last?.seq ?? 0)} but the manifest's tip is seq ${tip.seq}; events were removed, added or reordered`,
      );
  }
  return done();
}

function field(v: unknown, k: string): unknown {
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
}

function safeJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
