import { lockId } from '../../../src/domain/request/lock';
import { verifySubjectChain } from '../../../src/domain/governance';
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

test('pending request: escalated (internal note) after 48 h, lapsed after 14 d with lock released; once each', async () => {
  const { ticket } = await seedPendingRequest(h);
  h.clock.advance('PT47H');
  expect((await h.sweep()).counts.escalated).toBe(0);
  h.clock.advance('PT1H');
  expect((await h.sweep()).counts.escalated).toBe(1);
  expect((await h.sweep()).counts.escalated).toBe(0);
  const notes = await commentsOf(h, ticket.key);
  expect(notes).toHaveLength(1);
  expect(notes[0]).toContain('ai-approvers');

  h.clock.advance('P13D');
  const r = await h.sweep();
  expect(r.counts.lapsed).toBe(1);
  expect(await lockOf()).toBeUndefined();
  expect((await h.inApp((d) => d.store.get<any>('request', ticket.id)))?.status).toBe('lapsed');
  expect(await statusOf(h, ticket.key)).toBe('Declined'); // the default workflow has no Lapsed status: lapsed shows as Declined;
  expect((await h.sweep()).counts.lapsed).toBe(0);
  expect(await commentsOf(h, ticket.key)).toHaveLength(2);
});

test('retention: 400 days after lapse the personal data is gone from the record and the events, and the chain verifies', async () => {
  const { ticket } = await seedPendingRequest(h);
  h.clock.advance('P14D');
  await h.sweep();
  const eventsNow = async () =>
    (await h.inApp((d) => d.store.eventsOf(`request:${ticket.id}`))).items.map((e) => e.doc);
  expect(JSON.stringify(await eventsNow())).toContain(ALICE);

  h.clock.advance('P399D');
  expect((await h.sweep()).counts.minimised).toBe(0);
  h.clock.advance('P1D');
  expect((await h.sweep()).counts.minimised).toBe(1);
  expect((await h.sweep()).counts.minimised).toBe(0);
  const rec = await h.inApp((d) => d.store.get<any>('request', ticket.id));
  expect(JSON.stringify(rec)).not.toContain(ALICE);
  expect(rec?.doc.purpose).toBeNull();
  const events = await eventsNow();
  expect(JSON.stringify(events)).not.toContain(ALICE);
  expect(events.at(-1)).toMatchObject({ action: 'retention.minimised' });
  const v = verifySubjectChain(events);
  expect(v.ok).toBe(true);
});

test('Jira 503 on the expiry write: state is committed once, the rerun delivers the comment and transition once', async () => {
  const { ticket } = await seedActiveGrant(h, 30);
  h.clock.advance('P30D');
  h.faults.configure({ jira: { rate5xx: 1 } });
  const failed = await h.sweep();
  expect(failed.counts.expired).toBe(1);
  expect(failed.counts.failed).toBeGreaterThan(0);
  expect(await lockOf()).toBeUndefined();
  h.faults.reset();
  expect(await statusOf(h, ticket.key)).toBe('Active');

  // Same clock: the marker is not due yet (the ticket-sync lease); nothing doubles.
  await h.sweep();
  h.clock.advance('PT5M');
  const rerun = await h.sweep();
  expect(rerun.counts).toMatchObject({ expired: 0, resumed: 1 });
  expect(await statusOf(h, ticket.key)).toBe('Expired');
  expect(await commentsOf(h, ticket.key)).toHaveLength(1);
  h.clock.advance('PT5M');
  await h.sweep();
  expect(await commentsOf(h, ticket.key)).toHaveLength(1);
});

test('a run over budget stops at a checkpoint and the continuation finishes without doing an item twice', async () => {
  const seeded = [];
  for (let i = 0; i < 3; i++) seeded.push(await seedActiveGrant(h, 30, false, i === 0).then((s) => s.ticket));
  // One (user, tool) lock exists at a time; only the first seeded grant holds it.
  h.clock.advance('P30D');
  const first = await h.sweep({ budget: { maxItems: 2 } });
  expect(first.counts.expired).toBe(2);
  expect(h.continuations).toHaveLength(1);
  const job = h.continuations[0];
  expect(job.checkpoint.phase).toBe('grants');
  const rest = await h.sweep({ checkpoint: job.checkpoint });
  expect(rest.counts.expired).toBe(1);
  for (const t of seeded) expect(await commentsOf(h, t.key)).toHaveLength(1);
});
