// Deterministic builders for governance tests: seeded randomness and a clock.
import { createHash } from 'node:crypto';
import {
  appendEvent,
  headOf,
  type EventDraft,
  type GovernanceEvent,
  type SubjectHead,
  type SubjectRef,
} from '../../../src/domain/governance';

export function seededRandom(seed = 'seed'): (n: number) => Uint8Array {
  let counter = 0;
  return (n: number) => {
    const out = Buffer.alloc(n);
    let filled = 0;
    while (filled < n) {
      const block = createHash('sha256').update(`${seed}:${counter++}`).digest();
      filled += block.copy(out, filled);
    }
    return new Uint8Array(out);
  };
}

export const T0 = new Date('2025-03-01T09:00:00.000Z');
export const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

export const REQUEST: SubjectRef = { type: 'request', id: '10001' };
export const GRANT: SubjectRef = { type: 'grant', id: 'g-10001' };

/** A realistic request lifecycle: submitted → pending → approved. */
export function requestDrafts(subject: SubjectRef = REQUEST): EventDraft[] {
  return [
    {
      subject,
      action: 'request.submitted',
      actor: { type: 'user', accountId: '5b10a2844c20165700ede21g' },
      ticket: { id: subject.id, key: 'AIC-1' },
      after: { status: 'submitted', toolId: 'chatgpt-enterprise', durationDays: 30 },
      personal: {
        requesterName: 'Alice Example',
        requesterEmail: 'alice@example.com',
        purpose: 'Draft customer replies faster',
      },
    },
    {
      subject,
      action: 'request.pending_approval',
      actor: { type: 'app' },
      ticket: { id: subject.id },
      policyVersion: 3,
      before: { status: 'submitted' },
      after: { status: 'pending_approval', risk: 'medium' },
    },
    {
      subject,
      action: 'request.approved',
      actor: { type: 'user', accountId: '5b10ac8d82e05b22cc7d4ef5' },
      ticket: { id: subject.id, key: 'AIC-1' },
      policyVersion: 3,
      before: { status: 'pending_approval' },
      after: { status: 'approved', durationDays: 30, expiresAt: '2025-03-31T09:00:00.000Z' },
      personal: { approverName: 'Bob Approver', rationale: 'Fits the support team pilot' },
    },
  ];
}

export function buildChain(
  drafts: EventDraft[],
  random = seededRandom(),
  start = 0,
): { events: GovernanceEvent[]; head: SubjectHead | undefined } {
  let head: SubjectHead | undefined;
  const events: GovernanceEvent[] = [];
  drafts.forEach((d, i) => {
    const e = appendEvent(head, d, at(start + i), random);
    events.push(e);
    head = headOf(e);
  });
  return { events, head };
}

export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
