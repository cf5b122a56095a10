import { approveAccess } from '../../../src/domain/grant';
import {
  cancelRequest,
  declineRequest,
  escalateRequest,
  lapseRequest,
  nextRequestDue,
  requestDueAt,
} from '../../../src/domain/request';
import { AGENT, ALICE, APPROVER_GROUPS, DAY_MS, NOW, later, pendingRequest, policyFor, tool } from './fixtures';

describe('request decisions', () => {
  const t = tool();
  const p = policyFor(t);

  it('approves: request approved, grant created with start, expiry = approval + days and the policy version', () => {
    const at = later(3_600_000);
    const r = approveAccess(pendingRequest(), {
      approver: AGENT,
      now: at,
      tool: t,
      policy: p,
      approverGroups: APPROVER_GROUPS,
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.request).toMatchObject({
      status: 'approved',
      grantId: '10001',
      decision: { by: AGENT, days: 30, auto: false },
    });
    expect(r.value.grant).toMatchObject({
      id: '10001',
      status: 'pending_fulfilment',
      start: at.toISOString(),
      expiresAt: new Date(at.getTime() + 30 * DAY_MS).toISOString(),
      policyVersion: 1,
      totalDays: 30,
      approver: AGENT,
    });
    expect(r.value.events.map((e) => e.action)).toEqual(['request.approved', 'grant.created']);
  });

  it('queues connector fulfilment when the tool has a binding', () => {
    const bound = tool({ connector: { provider: 'okta', groupId: '00g1emaKYZTWRYYRRTSK' } });
    const r = approveAccess(pendingRequest(bound), {
      approver: AGENT,
      now: NOW,
      tool: bound,
      policy: policyFor(bound),
      approverGroups: APPROVER_GROUPS,
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.grant.fulfilment).toMatchObject({ mode: 'connector', provider: 'okta', state: 'pending' });
    expect(r.value.events.map((e) => e.action)).toContain('grant.fulfilment_queued');
  });

  it('lets the approver shorten but never lengthen', () => {
    const shorter = approveAccess(pendingRequest(), {
      approver: AGENT,
      now: NOW,
      days: 10,
      tool: t,
      policy: p,
      approverGroups: APPROVER_GROUPS,
    });
    expect(shorter.ok && shorter.value.grant.days).toBe(10);
    const longer = approveAccess(pendingRequest(), {
      approver: AGENT,
      now: NOW,
      days: 60,
      tool: t,
      policy: p,
      approverGroups: APPROVER_GROUPS,
    });
    expect(!longer.ok && longer.error.code).toBe('DURATION_LONGER_THAN_REQUESTED');
  });

  it('refuses self-approval', () => {
    const r = approveAccess(pendingRequest(), {
      approver: ALICE,
      now: NOW,
      tool: t,
      policy: p,
      approverGroups: APPROVER_GROUPS,
    });
    expect(!r.ok && r.error.code).toBe('SELF_APPROVAL');
  });

  it('refuses approving a tool that became prohibited or left the catalog', () => {
    const prohibited = tool({ risk: 'prohibited' });
    const r1 = approveAccess(pendingRequest(), {
      approver: AGENT,
      now: NOW,
      tool: prohibited,
      policy: policyFor(prohibited),
      approverGroups: APPROVER_GROUPS,
    });
    expect(!r1.ok && r1.error.code).toBe('TOOL_NOT_REQUESTABLE');
    const r2 = approveAccess(pendingRequest(), {
      approver: AGENT,
      now: NOW,
      tool: tool({ status: 'retired' }),
      policy: p,
      approverGroups: APPROVER_GROUPS,
    });
    expect(!r2.ok && r2.error.code).toBe('TOOL_NOT_REQUESTABLE');
  });

  it('refuses a second approval', () => {
    const first = approveAccess(pendingRequest(), {
      approver: AGENT,
      now: NOW,
      tool: t,
      policy: p,
      approverGroups: APPROVER_GROUPS,
    });
    if (!first.ok) throw new Error('first approval failed');
    const second = approveAccess(first.value.request, {
      approver: AGENT,
      now: NOW,
      tool: t,
      policy: p,
      approverGroups: APPROVER_GROUPS,
    });
    expect(!second.ok && second.error.code).toBe('REQUEST_NOT_PENDING');
    expect(!second.ok && second.error.message).toMatch(/already approved/);
  });

  it('declines only with a rationale, releasing the lock', () => {
    const none = declineRequest(pendingRequest(), {
      actor: { type: 'user', accountId: AGENT },
      now: NOW,
      rationale: ' ',
    });
    expect(!none.ok && none.error.code).toBe('DECLINE_NEEDS_RATIONALE');
    const d = declineRequest(pendingRequest(), {
      actor: { type: 'user', accountId: AGENT },
      now: NOW,
      rationale: 'Use the approved alternative',
    });
    if (!d.ok) throw new Error(d.error.message);
    expect(d.value.next).toMatchObject({
      status: 'declined',
      holdsLock: false,
      decision: { rationale: 'Use the approved alternative' },
    });
    expect(d.value.events[0]?.personal).toMatchObject({ rationale: 'Use the approved alternative' });
  });

  it('cancels a pending request and refuses to cancel a decided one', () => {
    const c = cancelRequest(pendingRequest(), { actor: { type: 'user', accountId: ALICE }, now: NOW });
    if (!c.ok) throw new Error(c.error.message);
    expect(c.value.next.status).toBe('cancelled');
    const again = cancelRequest(c.value.next, { actor: { type: 'user', accountId: ALICE }, now: NOW });
    expect(!again.ok && again.error.code).toBe('REQUEST_NOT_PENDING');
  });

  it('escalates once after the escalation delay, then lapses after the lapse delay', () => {
    const r = pendingRequest();
    const submitted = Math.floor(NOW.getTime() / 1000);
    expect(nextRequestDue(r)).toEqual({ at: submitted + 48 * 3600, action: 'escalate' });
    expect(escalateRequest(r, later(47 * 3_600_000)).ok).toBe(false);
    const e = escalateRequest(r, later(48 * 3_600_000));
    if (!e.ok) throw new Error(e.error.message);
    expect(escalateRequest(e.value.next, later(49 * 3_600_000)).ok).toBe(false);
    expect(nextRequestDue(e.value.next)).toEqual({ at: submitted + 14 * 86400, action: 'lapse' });
    expect(lapseRequest(e.value.next, later(14 * DAY_MS - 1000)).ok).toBe(false);
    const l = lapseRequest(e.value.next, later(14 * DAY_MS));
    if (!l.ok) throw new Error(l.error.message);
    expect(l.value.next).toMatchObject({ status: 'lapsed', holdsLock: false });
    expect(requestDueAt(l.value.next)).toBeUndefined();
  });
});
