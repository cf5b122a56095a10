// Issue 12 (d): property-based run of the request and grant state machines, driving the real
// (pure) domain functions. Any sequence of events — submit, approve, decline, cancel, lapse,
// fulfil, review, extend, expire, revoke, hand back — with duplicates and in any order keeps the
// invariants: at most one open request or live grant per (user, tool); the duplicate lock
// (kept as the use cases keep it: taken by intake, moved to the grant on approval, released by
// its own holder when that ends) is held exactly while one is open; a change emits exactly one
// governance event per subject whose status changed (a refused one emits none and changes
// nothing); every subject's hash chain verifies.
import fc from 'fast-check';
import { appendEvent, headOf, verifySubjectChain, type GovernanceEvent } from '../../../src/domain/governance';
import {
  approveAccess,
  expireGrant,
  extendGrant,
  fulfilGrant,
  isLive,
  revokeGrant,
  sendReviewReminder,
  type GrantDoc,
} from '../../../src/domain/grant';
import {
  cancelRequest,
  declineRequest,
  evaluateIntake,
  lapseRequest,
  validateRequest,
  type RequestDoc,
} from '../../../src/domain/request';
import type { EventDraft } from '../../../src/domain/governance/event';
import { AGENT, ALICE, APPROVER_GROUPS, DAY_MS, NOW, policyFor, raw, tool } from './fixtures';

const BOB = '712020:00000000-0000-4000-8000-000000000004';
const USERS = [ALICE, BOB] as const;
const TOOL = tool();
const POLICY = policyFor(TOOL);
const agent = { type: 'user', accountId: AGENT } as const;

type Action =
  | { type: 'submit'; user: number }
  /** An approved extension request (its id names the intended change: delivered twice, applied once). */
  | { type: 'extend'; ticket: number; ext: number; days: number }
  | {
      type: 'approve' | 'decline' | 'cancel' | 'lapse' | 'fulfil' | 'review' | 'expire' | 'revoke' | 'hand_back';
      ticket: number;
    };

// Tickets 0..2 and decisions weighted over submissions: runs reach grants, then their whole life.
const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('submit' as const), user: fc.integer({ min: 0, max: 1 }) }), weight: 1 },
  {
    arbitrary: fc.record({
      type: fc.constantFrom(
        'approve',
        'decline',
        'cancel',
        'lapse',
        'fulfil',
        'review',
        'expire',
        'revoke',
        'hand_back',
      ),
      ticket: fc.integer({ min: 0, max: 2 }),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      type: fc.constant('extend' as const),
      ticket: fc.integer({ min: 0, max: 2 }),
      ext: fc.integer({ min: 0, max: 3 }),
      days: fc.integer({ min: 1, max: 400 }),
    }),
    weight: 1,
  },
);

interface World {
  requests: RequestDoc[];
  grants: Map<string, GrantDoc>;
  locks: Map<string, string>; // user:tool -> holder issue id
  chains: Map<string, GovernanceEvent[]>;
  now: number;
}

const random = (n: number) => new Uint8Array(n).fill(3);
/** Changes applied, by action: the generated runs must exercise every kind, or the property says little. */
const applied = new Map<string, number>();

function record(w: World, drafts: readonly EventDraft[]): void {
  for (const d of drafts) {
    const key = `${d.subject.type}:${d.subject.id}`;
    const chain = w.chains.get(key) ?? [];
    const prev = chain[chain.length - 1];
    chain.push(appendEvent(prev ? headOf(prev) : undefined, d, new Date(w.now), random));
    w.chains.set(key, chain);
  }
}

const OPEN_REQUEST = (r: RequestDoc) => r.status === 'pending_approval';

function step(w: World, a: Action): void {
  w.now += 3 * DAY_MS;
  const now = new Date(w.now);
  if (a.type === 'submit') {
    const requester = USERS[a.user];
    const id = String(10_001 + w.requests.length);
    const lockKey = `${requester}:${TOOL.id}`;
    const holder = w.locks.get(lockKey);
    const r = raw();
    const result = evaluateIntake({
      ticket: { id, key: `AIC-${w.requests.length + 1}` },
      raw: r,
      requester,
      validation: validateRequest(r, { accountId: requester, accountType: 'atlassian', active: true }, TOOL, POLICY),
      lock: holder
        ? ({
            v: 1,
            holderIssueId: holder,
            holderIssueKey: 'AIC-x',
            requester,
            toolId: TOOL.id,
            holds: w.grants.has(holder) ? 'grant' : 'request',
            since: now.toISOString(),
          } as never)
        : undefined,
      now,
    });
    if (result.takesLock) {
      expect(holder).toBeUndefined();
      w.locks.set(lockKey, id);
    }
    w.requests.push(result.request);
    record(w, result.events);
    return;
  }
  const r = w.requests[a.ticket];
  if (!r) return;
  const g = w.grants.get(r.id);
  const lockKey = `${r.requester}:${TOOL.id}`;
  const release = () => {
    if (w.locks.get(lockKey) === r.id) w.locks.delete(lockKey);
  };
  const before = { r: JSON.stringify(r), g: JSON.stringify(g ?? null) };
  let drafts: EventDraft[] = [];
  let ok = false;
  let nextR: RequestDoc | undefined;
  let nextG: GrantDoc | undefined;
  switch (a.type) {
    case 'approve': {
      const res = approveAccess(r, {
        approver: AGENT,
        now,
        tool: TOOL,
        policy: POLICY,
        approverGroups: APPROVER_GROUPS,
      });
      if (res.ok) [ok, nextR, nextG, drafts] = [true, res.value.request, res.value.grant, res.value.events];
      break;
    }
    case 'decline': {
      const res = declineRequest(r, { actor: agent, now, rationale: 'Not needed for this work' });
      if (res.ok) [ok, nextR, drafts] = [true, res.value.next, res.value.events];
      break;
    }
    case 'cancel': {
      const res = cancelRequest(r, { actor: { type: 'user', accountId: r.requester }, now });
      if (res.ok) [ok, nextR, drafts] = [true, res.value.next, res.value.events];
      break;
    }
    case 'lapse': {
      const res = lapseRequest(r, now);
      if (res.ok) [ok, nextR, drafts] = [true, res.value.next, res.value.events];
      break;
    }
    default: {
      if (!g) return;
      const res =
        a.type === 'extend'
          ? extendGrant(g, {
              actor: agent,
              now,
              days: a.days,
              extension: { requestId: `ext-${r.id}-${a.ext}`, issueKey: `AIC-E${a.ext}` },
              policyVersion: POLICY.policyVersion,
              maxTotalDays: POLICY.maxTotalDays,
              required: { group: POLICY.approverGroup, riskLevel: TOOL.risk },
              approverGroups: APPROVER_GROUPS,
            })
          : a.type === 'fulfil'
            ? fulfilGrant(g, { actor: agent, now })
            : a.type === 'review'
              ? sendReviewReminder(g, { now, which: 'first' })
              : a.type === 'expire'
                ? expireGrant(g, { actor: { type: 'system' }, now, manual: true })
                : revokeGrant(g, {
                    actor: a.type === 'hand_back' ? { type: 'user', accountId: g.requester } : agent,
                    now,
                    reason: a.type === 'hand_back' ? 'handed_back' : 'revoked',
                  });
      if (res.ok) [ok, nextG, drafts] = [true, res.value.next, res.value.events];
    }
  }
  if (!ok) {
    // A refusal changes nothing and records nothing.
    expect(JSON.stringify(w.requests[a.ticket])).toBe(before.r);
    expect(JSON.stringify(w.grants.get(r.id) ?? null)).toBe(before.g);
    return;
  }
  applied.set(a.type, (applied.get(a.type) ?? 0) + 1);
  // Exactly one event per subject whose status changed.
  const changed: string[] = [];
  if (nextR && nextR.status !== r.status) changed.push(`request:${r.id}`);
  if (nextG && nextG.status !== (g?.status ?? null)) changed.push(`grant:${nextG.id}`);
  const statusEvents = drafts.filter((d) => changed.includes(`${d.subject.type}:${d.subject.id}`));
  for (const s of changed)
    expect(statusEvents.filter((d) => `${d.subject.type}:${d.subject.id}` === s)).toHaveLength(1);
  if (nextR) w.requests[a.ticket] = nextR;
  if (nextG) w.grants.set(nextG.id, nextG);
  record(w, drafts);
  // The lock follows the use cases: it moves to the grant on approval, and goes when the holder ends.
  const open = (nextR ?? r).status === 'pending_approval' || ((nextG ?? g) ? isLive((nextG ?? g)!.status) : false);
  if (!open) release();
}

function checkInvariants(w: World, chains: boolean): void {
  for (const user of USERS) {
    const open = w.requests.filter(
      (r) => r.requester === user && (OPEN_REQUEST(r) || (w.grants.has(r.id) && isLive(w.grants.get(r.id)!.status))),
    );
    expect(open.length).toBeLessThanOrEqual(1);
    const holder = w.locks.get(`${user}:${TOOL.id}`);
    expect(holder).toBe(open[0]?.id);
  }
  if (!chains) return;
  for (const [key, chain] of w.chains) {
    const [type, id] = key.split(':') as [string, string];
    const v = verifySubjectChain(chain, { type, id } as never);
    if (!v.ok) throw new Error(`${key}: ${v.message}`);
  }
}

it('keeps one open request or live grant per (user, tool), the lock, one event per change and verifiable chains', () => {
  fc.assert(
    fc.property(fc.array(action, { minLength: 10, maxLength: 60, size: 'max' }), (actions) => {
      const w: World = { requests: [], grants: new Map(), locks: new Map(), chains: new Map(), now: NOW.getTime() };
      // Every action is delivered, then delivered again later (at-least-once, reordered).
      const deliveries = [...actions, ...[...actions].reverse()];
      for (const a of deliveries) {
        step(w, a);
        checkInvariants(w, false);
      }
      checkInvariants(w, true);
    }),
    { numRuns: 150, seed: 12 },
  );
  // Every kind of change was applied somewhere in the runs (else the property would say nothing about it).
  const kinds = [
    'approve',
    'decline',
    'cancel',
    'lapse',
    'fulfil',
    'review',
    'extend',
    'expire',
    'revoke',
    'hand_back',
  ];
  expect(kinds.filter((k) => !applied.get(k))).toEqual([]);
});
