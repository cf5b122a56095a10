import { lockId } from '../../../src/domain/request/lock';
import { verifySubjectChain } from '../../../src/domain/governance';
import { ALICE, commentsOf, makeSweepHarness, seedActiveGrant, seedPendingRequest, statusOf, type SweepHarness } from './harness';

let h: SweepHarness;
beforeEach(() => {
  h = makeSweepHarness();
});
afterEach(async () => {
  await h.close();
});

const grantOf = (id: string) => h.inApp((d) => d.store.get<any>('grant', id));
const lockOf = () => h.inApp((d) => d.store.get<any>('lock', lockId(ALICE, 'claude')));

test('30-day grant: reminder at +16 d, final at +29 d, expiry at +30 d with transition and lock release; reruns change nothing', async () => {
  const { ticket } = await seedActiveGrant(h, 30, true);
  h.clock.advance('P16D');
  expect((await h.sweep()).counts.reminded).toBe(1);
  expect((await h.sweep()).counts.reminded).toBe(0); // same clock = once
  expect((await commentsOf(h, ticket.key)).filter((c) => c.includes('Claude'))).toHaveLength(1);

  h.clock.advance('P13D');
  expect((await h.sweep()).counts.reminded).toBe(1);
  expect((await grantOf(ticket.id))?.doc.review.secondSentAt).toBeDefined();

  // One second before expiry: nothing.
  const expiry = Date.parse((await grantOf(ticket.id))!.doc.expiresAt);
  h.clock.set(new Date(expiry - 1000).toISOString());
  expect((await h.sweep()).counts.expired).toBe(0);
  expect(await statusOf(h, ticket.key)).toBe('Active');

  h.clock.advance('PT1S'); // exactly at expiry
  const r = await h.sweep();
  expect(r.counts.expired).toBe(1);
  expect(await statusOf(h, ticket.key)).toBe('Expired');
  expect((await grantOf(ticket.id))?.status).toBe('expired');
  expect(await lockOf()).toBeUndefined();
  expect(h.jobs.map((j) => j.type)).toEqual(['connector.remove']);
  expect(await commentsOf(h, ticket.key)).toHaveLength(3);

  const again = await h.sweep();
  expect(again.counts).toMatchObject({ expired: 0, reminded: 0 });
  expect(await commentsOf(h, ticket.key)).toHaveLength(3);
});
