// Approval creates the grant: start = approval time, expiry = start + days,
// policy version and review settings snapshotted from the effective policy so
// later sweeps need no policy read and an auditor sees the rules that applied.
import type { EventDraft } from '../governance/event';
import type { EffectivePolicy } from '../policy/effective-policy';
import type { ToolView } from '../request/requested-tool';
import type { ActorRef, RequestDoc } from '../request/types';
import { grantEvent } from './events';
import type { GrantDoc } from './types';

const DAY_MS = 86_400_000;

export interface NewGrantInput {
  readonly request: RequestDoc;
  readonly approver: ActorRef;
  readonly now: Date;
  readonly days: number;
  readonly tool: ToolView;
  readonly policy: EffectivePolicy;
}

export function newGrant(input: NewGrantInput): { grant: GrantDoc; events: EventDraft[] } {
  const { request: r, tool, policy, now, days } = input;
  const at = now.toISOString();
  const connector = tool.connector;
  const grant: GrantDoc = {
    v: 1,
    id: r.id,
    ticket: r.ticket,
    requester: r.requester,
    toolId: tool.id,
    toolName: tool.name,
    risk: tool.risk,
    policyVersion: policy.policyVersion,
    status: 'pending_fulfilment',
    approver: input.approver.type === 'user' ? input.approver.accountId : input.approver.type,
    approvedAt: at,
    start: at,
    expiresAt: new Date(now.getTime() + days * DAY_MS).toISOString(),
    days,
    totalDays: days,
    maxTotalDays: policy.maxTotalDays,
    review: { windowDays: policy.reviewWindowDays, secondReminderDays: policy.secondReminderDays },
    fulfilment: connector
      ? { mode: 'connector', provider: connector.provider, groupId: connector.groupId, state: 'pending', attempts: 0 }
      : { mode: 'manual', state: 'pending', attempts: 0 },
    extensions: [],
    updatedAt: at,
  };
  const events = [grantEvent('grant.created', input.approver, null, grant)];
  if (connector) events.push(grantEvent('grant.fulfilment_queued', { type: 'app' }, grant, grant));
  return { grant, events };
}
