// Forge: "There is a small chance of duplicated invocations, such scenarios should be handled in the apps
// code by the app developer." (https://developer.atlassian.com/platform/forge/manifest-reference/modules/scheduled-trigger/)
// Two hourly runs at once over the same due items must do each step once: one expiry, one comment, one
// governance event per grant; one reminder; one escalation.
import { lockId } from '../../../src/domain/request/lock';
import {
  ALICE,
  commentsOf,
  makeSweepHarness,
  seedActiveGrant,
  seedPendingRequest,
  statusOf,
  type SweepHarness,
} from './harness';

let h: SweepHarness;
beforeEach(() => {
  h = makeSweepHarness();
});
afterEach(async () => {
  await h.close();
});

const actions = (subject: string) =>
  h.inApp(async (d) =>
    (await d.store.eventsOf(subject, { limit: 100 })).items.map((e) => (e.doc as { action: string }).action),
  );

test('two concurrent sweeps expire a due grant once: one transition, one comment, one governance event, lock released', async () => {
  const { ticket } = await seedActiveGrant(h, 30, false);
  h.clock.advance('P30D');
  const [a, b] = await Promise.all([h.sweep(), h.sweep()]);
  expect(a.counts.expired + b.counts.expired).toBe(1);
  expect(await statusOf(h, ticket.key)).toBe('Expired');
  const expired = (await commentsOf(h, ticket.key)).filter((c) => /expired|ended/i.test(c));
  expect(expired).toHaveLength(1);
  expect((await actions(`grant:${ticket.id}`)).filter((x) => x === 'grant.expired')).toHaveLength(1);
  expect(await h.inApp((d) => d.store.get('lock', lockId(ALICE, 'claude')))).toBeUndefined();
});

test('two concurrent sweeps send a due review reminder once', async () => {
  const { ticket } = await seedActiveGrant(h, 30, false);
  h.clock.advance('P16D');
  const [a, b] = await Promise.all([h.sweep(), h.sweep()]);
  expect(a.counts.reminded + b.counts.reminded).toBe(1);
  expect((await actions(`grant:${ticket.id}`)).filter((x) => x === 'grant.review_reminder')).toHaveLength(1);
  expect(await commentsOf(h, ticket.key)).toHaveLength(1);
});

test('two concurrent sweeps escalate a pending request once, then lapse it once', async () => {
  const { ticket } = await seedPendingRequest(h);
  h.clock.advance('PT48H');
  const [a, b] = await Promise.all([h.sweep(), h.sweep()]);
  expect(a.counts.escalated + b.counts.escalated).toBe(1);
  h.clock.advance('P14D');
  const [c, d] = await Promise.all([h.sweep(), h.sweep()]);
  expect(c.counts.lapsed + d.counts.lapsed).toBe(1);
  const acts = await actions(`request:${ticket.id}`);
  expect(acts.filter((x) => x === 'request.escalated')).toHaveLength(1);
  expect(acts.filter((x) => x === 'request.lapsed')).toHaveLength(1);
  expect(await commentsOf(h, ticket.key)).toHaveLength(2);
});
