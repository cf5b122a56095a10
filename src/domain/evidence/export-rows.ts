// Export rows: what one request, grant or governance event looks like as a
// flat row of an auditor's export (CSV or JSON Lines), and the filters an
// export takes. Pure: the use case reads the records, this decides the row.
import * as z from 'zod/mini';
import { RISK_LEVELS } from '../policy/risk-policy';
import type { GrantDoc } from '../grant/types';
import type { RequestDoc } from '../request/types';
import { subjectKeyOf, type GovernanceEvent } from '../governance/event';

export const EXPORT_KINDS = ['requests', 'grants', 'events', 'catalog'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const isoTime = z.iso.datetime({ offset: true });
/** Filters an export takes; each is optional. `user` is an Atlassian account id (requester, or an event's actor). */
export const exportFilterSchema = z.strictObject({
  from: z.optional(isoTime),
  to: z.optional(isoTime),
  toolId: z.optional(
    z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'tool must be a catalog id such as chatgpt-enterprise')),
  ),
  risk: z.optional(z.enum(RISK_LEVELS)),
  status: z.optional(z.string().check(z.regex(/^[a-z_.]{1,64}$/, 'status must be a status or action such as active'))),
  user: z.optional(z.string().check(z.regex(/^[A-Za-z0-9:_-]{1,128}$/, 'user must be an Atlassian account id'))),
});
export type ExportFilter = z.infer<typeof exportFilterSchema>;

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export const REQUEST_COLUMNS = [
  'requestId',
  'issueKey',
  'kind',
  'source',
  'status',
  'requester',
  'toolId',
  'toolName',
  'risk',
  'requestedDays',
  'policyVersion',
  'purpose',
  'submittedAt',
  'updatedAt',
  'decidedBy',
  'decidedAt',
  'decisionAuto',
  'decisionDays',
  'rationale',
  'grantId',
] as const;

export const GRANT_COLUMNS = [
  'grantId',
  'issueKey',
  'requester',
  'toolId',
  'toolName',
  'risk',
  'status',
  'approver',
  'approvedAt',
  'start',
  'expiresAt',
  'days',
  'totalDays',
  'policyVersion',
  'extensions',
  'fulfilmentMode',
  'fulfilmentState',
  'endedAt',
  'endReason',
  'endedBy',
  'updatedAt',
] as const;

export const EVENT_COLUMNS = [
  'eventId',
  'subject',
  'seq',
  'action',
  'actorType',
  'actorAccountId',
  'at',
  'issueKey',
  'policyVersion',
  'before',
  'after',
  'redacted',
  'prevDigest',
  'digest',
] as const;

export function columnsOf(kind: ExportKind): readonly string[] {
  if (kind === 'requests') return REQUEST_COLUMNS;
  if (kind === 'grants') return GRANT_COLUMNS;
  return EVENT_COLUMNS;
}

export function requestRow(r: RequestDoc): Row {
  return {
    requestId: r.id,
    issueKey: r.ticket.key,
    kind: r.kind,
    source: r.source,
    status: r.status,
    requester: r.requester,
    toolId: r.toolId,
    toolName: r.toolName,
    risk: r.risk,
    requestedDays: r.requestedDays,
    policyVersion: r.policyVersion,
    purpose: r.purpose,
    submittedAt: r.submittedAt,
    updatedAt: r.updatedAt,
    decidedBy: r.decision?.by ?? null,
    decidedAt: r.decision?.at ?? null,
    decisionAuto: r.decision ? r.decision.auto : null,
    decisionDays: r.decision?.days ?? null,
    rationale: r.decision?.rationale ?? null,
    grantId: r.grantId ?? null,
  };
}

export function grantRow(g: GrantDoc): Row {
  return {
    grantId: g.id,
    issueKey: g.ticket.key,
    requester: g.requester,
    toolId: g.toolId,
    toolName: g.toolName,
    risk: g.risk,
    status: g.status,
    approver: g.approver,
    approvedAt: g.approvedAt,
    start: g.start,
    expiresAt: g.expiresAt,
    days: g.days,
    totalDays: g.totalDays,
    policyVersion: g.policyVersion,
    extensions: g.extensions.length,
    fulfilmentMode: g.fulfilment.mode,
    fulfilmentState: g.fulfilment.state,
    endedAt: g.ended?.at ?? null,
    endReason: g.ended?.reason ?? null,
    endedBy: g.ended?.by ?? null,
    updatedAt: g.updatedAt,
  };
}

/** An event as a row. Its personal part (names, emails, purpose text) is never exported here; `redacted` says whether retention removed it. */
export function eventRow(e: GovernanceEvent): Row {
  return {
    eventId: e.id,
    subject: subjectKeyOf(e.subject),
    seq: e.seq,
    action: e.action,
    actorType: e.actor.type,
    actorAccountId: e.actor.accountId ?? null,
    at: e.at,
    issueKey: e.ticket?.key ?? null,
    policyVersion: e.policyVersion === undefined ? null : JSON.stringify(e.policyVersion),
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
    redacted: e.personalDigest !== undefined && e.personal === undefined,
    prevDigest: e.prevDigest,
    digest: e.digest,
  };
}

const inWindow = (iso: string | null | undefined, f: ExportFilter): boolean => {
  if (iso === null || iso === undefined) return f.from === undefined && f.to === undefined;
  const t = Date.parse(iso);
  return (f.from === undefined || t >= Date.parse(f.from)) && (f.to === undefined || t <= Date.parse(f.to));
};

export function requestMatches(r: RequestDoc, f: ExportFilter): boolean {
  return (
    inWindow(r.submittedAt, f) &&
    (f.toolId === undefined || r.toolId === f.toolId) &&
    (f.risk === undefined || r.risk === f.risk) &&
    (f.status === undefined || r.status === f.status) &&
    (f.user === undefined || r.requester === f.user)
  );
}

export function grantMatches(g: GrantDoc, f: ExportFilter): boolean {
  return (
    inWindow(g.approvedAt, f) &&
    (f.toolId === undefined || g.toolId === f.toolId) &&
    (f.risk === undefined || g.risk === f.risk) &&
    (f.status === undefined || g.status === f.status) &&
    (f.user === undefined || g.requester === f.user)
  );
}

function field(v: unknown, name: string): unknown {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[name] : undefined;
}

/** The tool an event is about: a catalog subject's id, or the toolId its before/after state names. */
export function eventToolId(e: GovernanceEvent): string | undefined {
  if (e.subject.type === 'catalog') return e.subject.id;
  const t = field(e.after, 'toolId') ?? field(e.before, 'toolId');
  return typeof t === 'string' ? t : undefined;
}

function eventRisk(e: GovernanceEvent): string | undefined {
  const r = field(e.after, 'risk') ?? field(e.before, 'risk');
  return typeof r === 'string' ? r : undefined;
}

/** Catalog history: the catalog entries' chains and the risk policy's. */
export function isCatalogHistory(e: GovernanceEvent): boolean {
  return e.subject.type === 'catalog' || e.subject.type === 'policy';
}

/** `status` filters events by action (e.g. grant.revoked); `user` by the acting account. */
export function eventMatches(e: GovernanceEvent, kind: 'events' | 'catalog', f: ExportFilter): boolean {
  return (
    (kind === 'events' || isCatalogHistory(e)) &&
    inWindow(e.at, f) &&
    (f.toolId === undefined || eventToolId(e) === f.toolId) &&
    (f.risk === undefined || eventRisk(e) === f.risk) &&
    (f.status === undefined || e.action === f.status) &&
    (f.user === undefined || e.actor.accountId === f.user)
  );
}
