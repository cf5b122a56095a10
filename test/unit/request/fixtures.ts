// Builders for request/grant unit tests: a requestable tool, its effective
// policy, and requests in each state.
import { effectivePolicy, initialPolicySet, type EffectivePolicy, type RiskLevel } from '../../../src/domain/policy';
import { evaluateIntake, validateRequest, type RawRequest, type ToolView } from '../../../src/domain/request';
import type { RequestDoc } from '../../../src/domain/request';

export const NOW = new Date('2026-12-01T09:00:00.000Z');
export const ALICE = '712020:00000000-0000-4000-8000-000000000003';
export const AGENT = '712020:00000000-0000-4000-8000-000000000002';
export const TICKET = { id: '10001', key: 'AIC-1' };
/** AGENT's Jira groups: a member of both approver groups, as an admin sets up approvers. */
export const APPROVER_GROUPS = {
  names: ['jira-servicemanagement-users', 'ai-clearance-approvers', 'ai-clearance-security-approvers'],
  complete: true,
} as const;

export function policySet() {
  const r = initialPolicySet({ actor: { type: 'app' }, now: NOW });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export function tool(overrides: Partial<ToolView> & { risk?: RiskLevel } = {}): ToolView {
  return {
    id: 'claude-for-work',
    name: 'Claude for Work',
    status: 'requestable',
    risk: 'medium',
    connector: null,
    ...overrides,
  };
}

export function policyFor(t: ToolView, days = { defaultDays: 30, maxDays: 90, reviewWindowDays: 14 }): EffectivePolicy {
  return effectivePolicy(policySet(), {
    id: t.id,
    risk: t.risk,
    ...(t.risk === 'prohibited' ? { defaultDays: 0, maxDays: 0, reviewWindowDays: 0 } : days),
  });
}

export function raw(overrides: Partial<RawRequest> = {}): RawRequest {
  return {
    kind: 'access',
    source: 'portal_panel',
    toolRef: 'claude-for-work',
    purpose: 'Summarising customer interview notes for the research team',
    days: 30,
    ...overrides,
  };
}

export const REQUESTER = { accountId: ALICE, accountType: 'atlassian', active: true };

/** A pending access request for alice (medium risk, 30 days). */
export function pendingRequest(t: ToolView = tool()): RequestDoc {
  const p = policyFor(t);
  const r = evaluateIntake({
    ticket: TICKET,
    raw: raw(),
    requester: ALICE,
    validation: validateRequest(raw(), REQUESTER, t, p),
    lock: undefined,
    now: NOW,
  });
  if (r.outcome !== 'pending_approval') throw new Error(`expected pending, got ${r.outcome}`);
  return r.request;
}

export function later(ms: number): Date {
  return new Date(NOW.getTime() + ms);
}
export const DAY_MS = 86_400_000;
