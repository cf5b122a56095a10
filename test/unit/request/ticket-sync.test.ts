import { intentOf } from '../../../src/usecases/decide-request';
import { emptySync, type TicketSync } from '../../../src/usecases/shared/records';
import { addOp, LEASE_SECONDS, noteSeen, payloadStampSeq, pruneAcked } from '../../../src/usecases/shared/ticket-sync';
import { DEFAULT_WORKFLOW, pickTransition } from '../../../src/usecases/shared/workflow-map';

const NOW = new Date('2026-06-01T09:00:00.000Z');
const op = {
  comments: [
    { template: 'lapsed' as const, data: { toolName: 'X', pendingSince: NOW.toISOString(), waitingDays: 14 } },
  ],
};

describe('ticket outbox', () => {
  it('numbers ops, takes a lease and keeps them until acknowledged', () => {
    let s: TicketSync = addOp(emptySync(), op, NOW);
    s = addOp(s, op, NOW);
    expect(s.seq).toBe(2);
    expect(s.pending.map((o) => o.seq)).toEqual([1, 2]);
    expect(s.leaseUntil).toBe(Math.floor(NOW.getTime() / 1000) + LEASE_SECONDS);
    expect(pruneAcked(s, 1).pending.map((o) => o.seq)).toEqual([2]);
    expect(pruneAcked(s, 2).pending).toEqual([]);
    expect(pruneAcked(s, undefined)).toBe(s);
  });

  it('moves the known status to where the acknowledged ops left the ticket', () => {
    const s = addOp(emptySync(), op, NOW);
    s.pending[0].plan = { transitionId: '11', fromId: '1', toId: '2', toName: 'Waiting for approval' };
    expect(pruneAcked(s, 1).status).toEqual({ id: '2', name: 'Waiting for approval' });
  });

  it('remembers changelog ids and trusts an event status only when nothing is on its way', () => {
    const quiet = noteSeen(emptySync(), { changelogId: '7', status: { id: '3', name: 'In fulfilment' } });
    expect(quiet.processed).toEqual(['7']);
    expect(quiet.status?.name).toBe('In fulfilment');
    const busy = noteSeen(addOp(emptySync(), op, NOW), { status: { id: '3', name: 'In fulfilment' } });
    expect(busy.status).toBeUndefined();
    expect(noteSeen(quiet, { changelogId: '7' }).processed).toEqual(['7']);
  });

  // Changed: Forge delivers included property values in payloadIncludeProperties keyed by the declared
  // path (an object-valued path is null), not as issue.properties.aiClearance.
  it('reads stampSeq from the event payloadIncludeProperties, ignoring junk, null and the whole-object form', () => {
    const path = "issue.properties['aiClearance'].stampSeq";
    expect(payloadStampSeq({ [path]: 3 })).toBe(3);
    expect(payloadStampSeq({ [path]: 'x' })).toBeUndefined();
    expect(payloadStampSeq({ [path]: null })).toBeUndefined();
    expect(payloadStampSeq({ [path]: -1 })).toBeUndefined();
    expect(payloadStampSeq({ aiClearance: { stampSeq: 3 } })).toBeUndefined();
    expect(payloadStampSeq(undefined)).toBeUndefined();
  });
});

describe('workflow reading', () => {
  it.each([
    ['submitted', 'pending', 'request_approval'],
    ['pending', 'inFulfilment', 'approve'],
    ['submitted', 'inFulfilment', 'approve'],
    ['pending', 'active', 'approve_and_fulfil'],
    ['inFulfilment', 'active', 'fulfil'],
    ['pending', 'declined', 'decline'],
    ['pending', 'cancelled', 'cancel'],
    ['active', 'revoked', 'revoke'],
    ['active', 'expired', 'expire'],
    ['declined', 'submitted', 'reopen'],
    ['revoked', 'pending', 'reopen'],
  ] as const)('%s → %s is %s', (from, to, intent) => {
    expect(intentOf(from, to)).toBe(intent);
  });

  it('picks the transition to a meaning, and falls back to reopening when pending is out of reach', () => {
    const fromPending = [
      { id: '21', name: 'Approve', toId: '10003', toName: 'In fulfilment' },
      { id: '31', name: 'Decline', toId: '10005', toName: 'Declined' },
    ];
    expect(pickTransition(DEFAULT_WORKFLOW, fromPending, 'inFulfilment', 'approve')?.id).toBe('21');
    expect(pickTransition(DEFAULT_WORKFLOW, fromPending, 'lapsed')?.id).toBe('31');
    expect(
      pickTransition(
        DEFAULT_WORKFLOW,
        [{ id: '81', name: 'Reopen', toId: '10001', toName: 'Waiting for support' }],
        'pending',
      )?.id,
    ).toBe('81');
    expect(pickTransition(DEFAULT_WORKFLOW, fromPending, 'active')).toBeUndefined();
  });
});
