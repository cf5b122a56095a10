// What the app writes on a ticket: the indexed `aiClearance` issue property
// (manifest.yml jira:entityProperty; JQL `issue.property[aiClearance].status`
// or the aicStatus alias) and the custom fields from templates/fields.yml.
// Always built from the CURRENT records, so a re-sent stamp is never stale.
// (The workflow status the records call for: expected-status.ts.)
import * as z from 'zod/mini';
import type { GrantDoc } from '../../domain/grant/types';
import { decisionPropertyValue, type RequestStatus } from '../../domain/request/types';
import { issuePropertyPath } from './included-properties';
import type { RequestRecord } from './records';

export const AIC_PROPERTY_KEY = 'aiClearance';

/** The included property path the issue-updated trigger asks for (manifest.yml payload.include.propertyPaths). */
export const STAMP_SEQ_PATH = issuePropertyPath(AIC_PROPERTY_KEY, 'stampSeq');

/** Option values of the *Grant status* field (templates/fields.yml; a test keeps them equal). */
export const GRANT_STATUS_OPTION: Readonly<Record<string, string>> = {
  submitted: 'Submitted',
  rejected_invalid: 'Rejected (invalid)',
  blocked_duplicate: 'Blocked (duplicate)',
  pending_approval: 'Pending approval',
  declined: 'Declined',
  cancelled: 'Cancelled',
  lapsed: 'Lapsed',
  pending_fulfilment: 'Pending fulfilment',
  fulfilment_failed: 'Fulfilment failed',
  active: 'Active',
  in_review: 'In review',
  expired: 'Expired',
  revoked: 'Revoked',
};

export const RISK_OPTION: Readonly<Record<string, string>> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  prohibited: 'Prohibited',
};

/** The property as stored on the ticket (read back with GET .../properties/aiClearance). */
export const aiClearancePropertySchema = z.looseObject({
  stampSeq: z.optional(z.int().check(z.minimum(0))),
  status: z.optional(z.string()),
});

export interface AiClearanceProperty {
  v: 1;
  /** The stamp number this write carries; compared with the record's sync.seq. */
  stampSeq: number;
  kind: string;
  /** Grant status once a grant exists, else the request status. */
  status: string;
  requestStatus: RequestStatus;
  toolId: string | null;
  toolName: string | null;
  risk: string | null;
  requester: string;
  requestedDays: number | null;
  days?: number;
  expiresAt?: string;
  decision: string;
  policyVersion?: number;
  approver?: string;
  escalated: 'true' | 'false';
  fulfilment?: string;
  grantId?: string;
  blockedBy?: string;
}

/** The status shown for a request/grant pair: the grant's once there is one. */
export function shownStatus(r: RequestRecord, g: GrantDoc | undefined): string {
  if (g && r.kind === 'access') return g.status;
  if (r.kind === 'extension' && (r.status === 'approved' || r.status === 'auto_approved')) return 'active';
  if (r.kind === 'hand_back' && r.status === 'auto_approved') return 'revoked';
  return r.status;
}

function fulfilmentOf(g: GrantDoc): string {
  if (g.fulfilment.state === 'manual_action_required') return 'manual_action_required';
  return g.fulfilment.mode;
}

export function propertyValue(r: RequestRecord, g: GrantDoc | undefined): AiClearanceProperty {
  const p: AiClearanceProperty = {
    v: 1,
    stampSeq: r.sync.seq,
    kind: r.kind,
    status: shownStatus(r, g),
    requestStatus: r.status,
    toolId: r.toolId,
    toolName: r.toolName,
    risk: r.risk,
    requester: r.requester,
    requestedDays: r.requestedDays,
    decision: decisionPropertyValue(r.status),
    escalated: r.escalation?.escalatedAt ? 'true' : 'false',
  };
  if (r.policyVersion !== null) p.policyVersion = r.policyVersion;
  if (r.blockedBy) p.blockedBy = r.blockedBy.issueKey;
  if (r.grantId) p.grantId = r.grantId;
  if (g && r.kind === 'access') {
    p.days = g.totalDays;
    p.expiresAt = indexedDateTime(g.expiresAt);
    p.policyVersion = g.policyVersion;
    p.approver = g.approver;
    p.fulfilment = fulfilmentOf(g);
  } else if (r.decision?.days !== undefined) {
    p.days = r.decision.days;
  }
  return p;
}

/**
 * A `date` value of the indexed property, in the format the jira:entityProperty
 * module documents: "[YYYY]-[MM]-[DD]T[hh]:[mm]:[ss][TZ]", TZ "Z" or "+/-[hh]:[mm]",
 * no fractions (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-entity-property/
 * › Property values; docs/platform-contract.md JQL-1). 2026-07-01T09:00:00.000Z → 2026-07-01T09:00:00Z.
 */
export function indexedDateTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Jira's datetime input format (offset without a colon). */
export function jiraDateTime(iso: string): string {
  return iso.replace(/Z$/, '+0000');
}

/** Field values by field id, for the fields the provisioning record knows. */
export function fieldValues(
  r: RequestRecord,
  g: GrantDoc | undefined,
  fieldIds: Readonly<Record<string, string | undefined>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const status = shownStatus(r, g);
  const option =
    GRANT_STATUS_OPTION[
      status === 'manual_action_required'
        ? 'fulfilment_failed'
        : status === 'auto_approved' || status === 'approved'
          ? 'active'
          : status
    ];
  if (fieldIds.grantStatus && option) out[fieldIds.grantStatus] = { value: option };
  if (fieldIds.riskLevel && r.risk) out[fieldIds.riskLevel] = { value: RISK_OPTION[r.risk] };
  const policyVersion = g && r.kind === 'access' ? g.policyVersion : r.policyVersion;
  if (fieldIds.policyVersion && policyVersion !== null) out[fieldIds.policyVersion] = policyVersion;
  if (fieldIds.grantExpiresAt && g && r.kind === 'access') out[fieldIds.grantExpiresAt] = jiraDateTime(g.expiresAt);
  return out;
}
