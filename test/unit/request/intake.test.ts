import { appendEvent } from '../../../src/domain/governance';
import { checkPurpose, evaluateIntake, newLock, validateRequest } from '../../../src/domain/request';
import { ALICE, NOW, REQUESTER, TICKET, policyFor, raw, tool } from './fixtures';

const random = (n: number) => new Uint8Array(n).fill(7);

function intake(
  overrides: Parameters<typeof raw>[0] = {},
  t = tool(),
  lock?: ReturnType<typeof newLock>,
  requester = REQUESTER,
) {
  const r = raw(overrides);
  const p = policyFor(t);
  return evaluateIntake({
    ticket: TICKET,
    raw: r,
    requester: requester.accountId,
    validation: validateRequest(r, requester, t, p),
    lock,
    now: NOW,
  });
}

describe('intake', () => {
  it('puts a valid medium-risk request into pending approval, taking the lock, with escalation clocks', () => {
    const r = intake();
    expect(r.outcome).toBe('pending_approval');
    expect(r.takesLock).toBe(true);
    expect(r.request).toMatchObject({
      status: 'pending_approval',
      toolId: 'claude-for-work',
      requestedDays: 30,
      risk: 'medium',
      policyVersion: 1,
      holdsLock: true,
    });
    expect(r.request.escalation).toEqual({
      afterHours: 48,
      lapseAfterDays: 14,
      approverGroup: 'ai-clearance-approvers',
    });
    expect(r.events.map((e) => e.action)).toEqual(['request.submitted', 'request.pending_approval']);
  });

  it('produces event drafts the governance chain accepts, with the purpose only in the personal part', () => {
    const r = intake();
    const first = appendEvent(undefined, r.events[0], NOW, random);
    const second = appendEvent(
      { v: 1, subject: first.subject, seq: first.seq, digest: first.digest, at: first.at },
      r.events[1],
      NOW,
      random,
    );
    expect(second.prevDigest).toBe(first.digest);
    expect(JSON.stringify(first.after)).not.toContain('interview');
    expect(first.personal?.data.purpose).toContain('interview');
  });

  it('auto-approves a low-risk request within the auto-approval limit', () => {
    const t = tool({ id: 'deepl-pro', name: 'DeepL Pro', risk: 'low' });
    const r = intake({ toolRef: 'deepl-pro', days: 30 }, t);
    expect(r.outcome).toBe('auto_approved');
    expect(r.request.decision).toMatchObject({ by: 'app', auto: true, days: 30 });
    expect(r.request.grantId).toBe(TICKET.id);
    expect(r.takesLock).toBe(true);
  });

  it('sends a low-risk request longer than the auto-approval limit to a person', () => {
    const t = tool({ id: 'deepl-pro', name: 'DeepL Pro', risk: 'low' });
    const r = evaluateIntake({
      ticket: TICKET,
      raw: raw({ toolRef: 'deepl-pro', days: 120 }),
      requester: ALICE,
      validation: validateRequest(
        raw({ toolRef: 'deepl-pro', days: 120 }),
        REQUESTER,
        t,
        policyFor(t, { defaultDays: 90, maxDays: 180, reviewWindowDays: 14 }),
      ),
      lock: undefined,
      now: NOW,
    });
    expect(r.outcome).toBe('pending_approval');
  });

  it('blocks a duplicate when another ticket holds the lock, naming the holder', () => {
    const lock = newLock({ id: '10000', key: 'AIC-0' }, ALICE, 'claude-for-work', 'grant', NOW);
    const r = intake({}, tool(), lock);
    expect(r.outcome).toBe('blocked_duplicate');
    expect(r.takesLock).toBe(false);
    expect(r.request.blockedBy).toEqual({ issueId: '10000', issueKey: 'AIC-0', holds: 'grant' });
  });

  it.each([
    [
      'prohibited tool',
      { toolRef: 'chatgpt-free' },
      tool({ id: 'chatgpt-free', risk: 'prohibited', status: 'proposed' }),
      'TOOL_NOT_REQUESTABLE',
    ],
    ['proposed tool', {}, tool({ status: 'proposed' }), 'TOOL_NOT_REQUESTABLE'],
    ['suspended tool', {}, tool({ status: 'suspended' }), 'TOOL_NOT_REQUESTABLE'],
    ['unknown tool', { toolRef: 'nope' }, undefined, 'TOOL_UNKNOWN'],
    ['no tool', { toolRef: null }, tool(), 'TOOL_MISSING'],
    ['no purpose', { purpose: '  ' }, tool(), 'PURPOSE_MISSING'],
    ['short purpose', { purpose: 'for work' }, tool(), 'PURPOSE_TOO_SHORT'],
    ['long purpose', { purpose: 'word '.repeat(500) }, tool(), 'PURPOSE_TOO_LONG'],
    ['meaningless purpose', { purpose: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaa' }, tool(), 'PURPOSE_NOT_MEANINGFUL'],
    ['fractional days', { days: 10.5 }, tool(), 'DURATION_NOT_WHOLE'],
    ['zero days', { days: 0 }, tool(), 'DURATION_TOO_SHORT'],
    ['too many days', { days: 91 }, tool(), 'DURATION_TOO_LONG'],
    ['missing days', { days: null }, tool(), 'DURATION_MISSING'],
    [
      'email ticket',
      { source: 'email' as const, toolRef: null, purpose: null, days: null },
      tool(),
      'REQUEST_DETAILS_MISSING',
    ],
  ])('rejects a %s', (_name, overrides, t, code) => {
    const r = raw(overrides);
    const p = t ? policyFor(t) : undefined;
    const result = evaluateIntake({
      ticket: TICKET,
      raw: r,
      requester: ALICE,
      validation: validateRequest(r, REQUESTER, t, p),
      lock: undefined,
      now: NOW,
    });
    expect(result.outcome).toBe('rejected_invalid');
    expect(result.request.rejection?.code).toBe(code);
    expect(result.takesLock).toBe(false);
    expect(result.events.map((e) => e.action)).toEqual(['request.submitted', 'request.rejected_invalid']);
  });

  it('accepts whole-number days typed as text', () => {
    expect(intake({ days: '30' }).outcome).toBe('pending_approval');
  });

  const requesters: Array<[string, { accountId: string; accountType: string; active: boolean } | null]> = [
    ['no reporter', null],
    ['an app', { accountId: 'app-1', accountType: 'app', active: true }],
    ['a deactivated user', { accountId: ALICE, accountType: 'atlassian', active: false }],
  ];
  it.each(requesters)('rejects a requester that is %s', (_name, requester) => {
    const r = raw();
    const t = tool();
    const result = evaluateIntake({
      ticket: TICKET,
      raw: r,
      requester: requester?.accountId ?? null,
      validation: validateRequest(r, requester, t, policyFor(t)),
      lock: undefined,
      now: NOW,
    });
    expect(result.request.rejection?.code).toBe('REQUESTER_NOT_REAL');
  });

  it('rejects an extension or hand-back when there is no live grant', () => {
    const r = raw({ kind: 'extension' });
    const t = tool();
    const result = evaluateIntake({
      ticket: TICKET,
      raw: r,
      requester: ALICE,
      validation: validateRequest(r, REQUESTER, t, policyFor(t)),
      lock: undefined,
      now: NOW,
    });
    expect(result.request.rejection?.code).toBe('NO_LIVE_GRANT');
  });

  it('lets a requester hand back a tool that has since been suspended', () => {
    const r = raw({ kind: 'hand_back', purpose: null, days: null });
    const t = tool({ status: 'suspended' });
    const result = evaluateIntake({
      ticket: TICKET,
      raw: r,
      requester: ALICE,
      validation: validateRequest(r, REQUESTER, t, policyFor(t)),
      lock: undefined,
      liveGrant: { id: '9', key: 'AIC-9' },
      now: NOW,
    });
    expect(result.outcome).toBe('auto_approved');
    expect(result.request.grantId).toBe('9');
  });

  it('normalises purpose whitespace', () => {
    const r = checkPurpose('  Drafting   release notes\nfor the mobile app  ');
    expect(r.ok && r.value).toBe('Drafting release notes for the mobile app');
  });
});
