import {
  approveAccess,
  expireGrant,
  extendGrant,
  failFulfilment,
  flagGrant,
  fulfilGrant,
  grantDueAt,
  retryFulfilment,
  markDoNotRenew,
  nextGrantDue,
  revokeGrant,
  sendReviewReminder,
  type GrantDoc,
} from '../../../src/domain/grant';
import {
  AGENT,
  ALICE,
  APPROVER_GROUPS,
  DAY_MS,
  NOW,
  later,
  pendingRequest,
  policyFor,
  tool,
} from '../request/fixtures';

const agent = { type: 'user', accountId: AGENT } as const;
const alice = { type: 'user', accountId: ALICE } as const;
/** The medium-risk tool's approver group (the default policy). */
const REQUIRED = { group: 'ai-clearance-approvers', riskLevel: 'medium' } as const;

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

function pendingGrant(): GrantDoc {
  const t = tool();
  return must(
    approveAccess(pendingRequest(), {
      approver: AGENT,
      now: NOW,
      tool: t,
      policy: policyFor(t),
      approverGroups: APPROVER_GROUPS,
    }),
  ).grant;
}

function activeGrant(): GrantDoc {
  return must(fulfilGrant(pendingGrant(), { actor: agent, now: NOW })).next;
}

const sec = (d: Date) => Math.floor(d.getTime() / 1000);

describe('grant lifecycle', () => {
  it('fulfils once; a second fulfilment is refused as already active', () => {
    const g = must(fulfilGrant(pendingGrant(), { actor: agent, now: later(1000) }));
    expect(g.next).toMatchObject({ status: 'active', fulfilment: { state: 'done', fulfilledBy: AGENT } });
    expect(g.events.map((e) => e.action)).toEqual(['grant.fulfilled']);
    const again = fulfilGrant(g.next, { actor: agent, now: later(2000) });
    expect(!again.ok && again.error.code).toBe('GRANT_ALREADY_ACTIVE');
  });

  it('moves failed connector fulfilment to manual_action_required, which an agent can still fulfil', () => {
    const failed = must(failFulfilment(pendingGrant(), { now: NOW, error: 'okta 503', final: false })).next;
    expect(failed).toMatchObject({ status: 'fulfilment_failed', fulfilment: { attempts: 1 } });
    const manual = must(failFulfilment(failed, { now: NOW, error: 'no connector configured', final: true }));
    expect(manual.next.status).toBe('manual_action_required');
    expect(manual.events[0]?.action).toBe('grant.manual_action_required');
    expect(must(fulfilGrant(manual.next, { actor: agent, now: NOW })).next.status).toBe('active');
  });

  it('an admin retry puts a connector grant handed to a person back to waiting for its add; nothing else is retried', () => {
    const base = pendingGrant();
    const connector: GrantDoc = {
      ...base,
      fulfilment: { ...base.fulfilment, mode: 'connector', provider: 'okta', groupId: '00g1' },
    };
    const manual = must(failFulfilment(connector, { now: NOW, error: 'no Okta user mapped', final: true })).next;
    const retried = must(retryFulfilment(manual, { now: later(1000), actor: agent }));
    expect(retried.next).toMatchObject({ status: 'pending_fulfilment', fulfilment: { state: 'pending', attempts: 1 } });
    expect(retried.next.fulfilment.lastError).toBeUndefined();
    expect(retried.events.map((e) => [e.action, e.actor, e.before?.status, e.after?.status])).toEqual([
      ['grant.fulfilment_queued', { type: 'user', accountId: AGENT }, 'manual_action_required', 'pending_fulfilment'],
    ]);
    // Only a connector grant waiting for a person: not twice, not a manual grant, not an active one.
    for (const g of [
      retried.next,
      must(failFulfilment(base, { now: NOW, error: 'x', final: true })).next,
      activeGrant(),
    ])
      expect(retryFulfilment(g, { now: NOW, actor: agent })).toMatchObject({
        ok: false,
        error: { code: 'GRANT_NOT_WAITING_FOR_CONNECTOR' },
      });
  });

  it('computes review, second reminder and expiry due times in epoch seconds', () => {
    const g = activeGrant();
    const expiry = sec(NOW) + 30 * 86400;
    expect(nextGrantDue(g)).toEqual({ at: expiry - 14 * 86400, action: 'review_first' });
    const first = must(sendReviewReminder(g, { now: later(16 * DAY_MS), which: 'first' })).next;
    expect(first.status).toBe('in_review');
    expect(nextGrantDue(first)).toEqual({ at: expiry - 86400, action: 'review_second' });
    const second = must(sendReviewReminder(first, { now: later(29 * DAY_MS), which: 'second' })).next;
    expect(nextGrantDue(second)).toEqual({ at: expiry, action: 'expire' });
    expect(grantDueAt(second)).toBe(expiry);
  });

  it('refuses reminders before they are due and after they were sent', () => {
    const g = activeGrant();
    expect(sendReviewReminder(g, { now: later(15 * DAY_MS), which: 'first' }).ok).toBe(false);
    const first = must(sendReviewReminder(g, { now: later(16 * DAY_MS), which: 'first' })).next;
    expect(sendReviewReminder(first, { now: later(17 * DAY_MS), which: 'first' }).ok).toBe(false);
  });

  it('stops reminders after do-not-renew but still expires', () => {
    const g = must(markDoNotRenew(activeGrant(), { actor: alice, now: NOW })).next;
    expect(nextGrantDue(g)?.action).toBe('expire');
    expect(sendReviewReminder(g, { now: later(16 * DAY_MS), which: 'first' }).ok).toBe(false);
  });

  it('expires exactly at expiresAt, not one second before', () => {
    const g = activeGrant();
    const at = Date.parse(g.expiresAt);
    const early = expireGrant(g, { actor: { type: 'system' }, now: new Date(at - 1000) });
    expect(!early.ok && early.error.code).toBe('NOT_DUE');
    const e = must(expireGrant(g, { actor: { type: 'system' }, now: new Date(at) }));
    expect(e.next).toMatchObject({ status: 'expired', ended: { reason: 'expired' } });
    expect(grantDueAt(e.next)).toBeUndefined();
    expect(!expireGrant(e.next, { actor: { type: 'system' }, now: new Date(at) }).ok).toBe(true);
  });

  it('extends from the current expiry within maxTotalDays, resetting reminders', () => {
    const g = must(sendReviewReminder(activeGrant(), { now: later(16 * DAY_MS), which: 'first' })).next;
    const ext = must(
      extendGrant(g, {
        actor: agent,
        now: later(17 * DAY_MS),
        days: 30,
        extension: { requestId: '10009', issueKey: 'AIC-9' },
        policyVersion: 2,
        maxTotalDays: 180,
        required: REQUIRED,
        approverGroups: APPROVER_GROUPS,
      }),
    );
    expect(ext.next).toMatchObject({ status: 'active', totalDays: 60, days: 30, policyVersion: 2 });
    expect(ext.next.expiresAt).toBe(new Date(NOW.getTime() + 60 * DAY_MS).toISOString());
    expect(ext.next.review.firstSentAt).toBeUndefined();
    expect(ext.events[0]?.action).toBe('grant.extended');
    const dup = extendGrant(ext.next, {
      actor: agent,
      now: later(17 * DAY_MS),
      days: 30,
      extension: { requestId: '10009', issueKey: 'AIC-9' },
      policyVersion: 2,
      maxTotalDays: 180,
      required: REQUIRED,
      approverGroups: APPROVER_GROUPS,
    });
    expect(dup.ok).toBe(false);
  });

  it('refuses lengthening past maxTotalDays and self-approved extensions', () => {
    const g = activeGrant();
    const over = extendGrant(g, {
      actor: agent,
      now: NOW,
      days: 151,
      extension: { requestId: '1', issueKey: 'AIC-2' },
      policyVersion: 1,
      maxTotalDays: 180,
      required: REQUIRED,
      approverGroups: APPROVER_GROUPS,
    });
    expect(!over.ok && over.error.code).toBe('GRANT_TOTAL_EXCEEDED');
    const self = extendGrant(g, {
      actor: alice,
      now: NOW,
      days: 10,
      extension: { requestId: '1', issueKey: 'AIC-2' },
      policyVersion: 1,
      maxTotalDays: 180,
      required: REQUIRED,
      approverGroups: APPROVER_GROUPS,
    });
    expect(!self.ok && self.error.code).toBe('SELF_APPROVAL');
  });

  describe('extensions past maxTotalDays (the higher tier)', () => {
    const SECURITY = 'ai-clearance-security-approvers';
    const normalOnly = { names: ['jira-servicemanagement-users', 'ai-clearance-approvers'], complete: true } as const;
    // The active grant has 30 of 180 days; 151 more would make 181.
    const over = (
      actor: Parameters<typeof extendGrant>[1]['actor'],
      approverGroups: Parameters<typeof extendGrant>[1]['approverGroups'],
      overrideGroup: string | undefined = SECURITY,
    ) =>
      extendGrant(activeGrant(), {
        actor,
        now: NOW,
        days: 151,
        extension: { requestId: '10009', issueKey: 'AIC-9' },
        policyVersion: 2,
        maxTotalDays: 180,
        required: REQUIRED,
        approverGroups,
        overrideGroup,
      });

    it('refuses an approver outside the override group, naming total, limit, group and the most days allowed', () => {
      const r = over(agent, normalOnly);
      expect(!r.ok && r.error.code).toBe('EXTENSION_NEEDS_HIGHER_APPROVAL');
      const msg = r.ok ? '' : r.error.message;
      expect(msg).toContain('181 days');
      expect(msg).toContain('limit of 180 days');
      expect(msg).toContain(`a member of ${SECURITY} must approve it`);
      expect(msg).toContain('at most 150 more days');
      expect(!r.ok && r.error.detail).toMatchObject({ limit: 180, group: SECURITY });
    });

    it('fails closed when Jira lists only some of the approver groups', () => {
      const r = over(agent, { names: ['ai-clearance-approvers'], complete: false });
      expect(!r.ok && r.error.code).toBe('EXTENSION_NEEDS_HIGHER_APPROVAL');
      expect(!r.ok && r.error.message).toContain('could not confirm your membership');
    });

    it('lets a member of the override group approve, and records the override on the grant and the event', () => {
      const r = must(over(agent, APPROVER_GROUPS));
      expect(r.next.totalDays).toBe(181);
      expect(r.next.maxTotalDays).toBe(180);
      expect(r.next.extensions.at(-1)?.overLimit).toEqual({ limit: 180, approvedAs: SECURITY });
      expect(r.events[0]?.action).toBe('grant.extended');
      expect(r.events[0]?.after).toMatchObject({ totalDays: 181, overLimit: { limit: 180, approvedAs: SECURITY } });
      expect(r.events[0]?.before).not.toHaveProperty('overLimit');
    });

    it('follows a renamed override group, not the default name', () => {
      expect(over(agent, APPROVER_GROUPS, 'sec-renamed').ok).toBe(false);
      expect(
        must(
          over(agent, { names: ['ai-clearance-approvers', 'sec-renamed'], complete: true }, 'sec-renamed'),
        ).next.extensions.at(-1)?.overLimit?.approvedAs,
      ).toBe('sec-renamed');
    });

    it('never lets the app (or a run without an override group) go past the limit', () => {
      for (const actor of [{ type: 'app' } as const, { type: 'system' } as const]) {
        const r = over(actor, undefined);
        expect(!r.ok && r.error.code).toBe('GRANT_TOTAL_EXCEEDED');
      }
      const noTier = extendGrant(activeGrant(), {
        actor: agent,
        now: NOW,
        days: 151,
        extension: { requestId: '10009', issueKey: 'AIC-9' },
        policyVersion: 2,
        maxTotalDays: 180,
        required: REQUIRED,
        approverGroups: APPROVER_GROUPS,
      });
      expect(!noTier.ok && noTier.error.code).toBe('GRANT_TOTAL_EXCEEDED');
    });

    it('changes nothing within the limit: a normal-group approver extends to exactly the limit, with no override recorded', () => {
      const r = must(
        extendGrant(activeGrant(), {
          actor: agent,
          now: NOW,
          days: 150,
          extension: { requestId: '10009', issueKey: 'AIC-9' },
          policyVersion: 2,
          maxTotalDays: 180,
          required: REQUIRED,
          approverGroups: normalOnly,
          overrideGroup: SECURITY,
        }),
      );
      expect(r.next.totalDays).toBe(180);
      expect(r.next.extensions.at(-1)).not.toHaveProperty('overLimit');
      expect(r.events[0]?.after).not.toHaveProperty('overLimit');
    });
  });

  it('revokes (agent) and hands back (requester only); ended grants cannot be revoked again', () => {
    const r = must(
      revokeGrant(activeGrant(), { actor: agent, now: NOW, reason: 'revoked', rationale: 'left the team' }),
    );
    expect(r.next).toMatchObject({ status: 'revoked', ended: { reason: 'revoked', by: AGENT } });
    expect(r.events[0]?.action).toBe('grant.revoked');
    expect(revokeGrant(r.next, { actor: agent, now: NOW, reason: 'revoked' }).ok).toBe(false);
    const notMine = revokeGrant(activeGrant(), { actor: agent, now: NOW, reason: 'handed_back' });
    expect(!notMine.ok && notMine.error.code).toBe('HAND_BACK_NOT_REQUESTER');
    const mine = must(revokeGrant(activeGrant(), { actor: alice, now: NOW, reason: 'handed_back' }));
    expect(mine.events[0]?.action).toBe('grant.handed_back');
  });

  it('flags a live grant once', () => {
    const f = must(flagGrant(activeGrant(), { now: NOW, reason: 'tool suspended' }));
    expect(f.next.flagged?.reason).toBe('tool suspended');
    expect(flagGrant(f.next, { now: NOW, reason: 'again' }).ok).toBe(false);
  });
});
