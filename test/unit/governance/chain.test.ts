import {
  appendEvent,
  eventDigest,
  GENESIS_DIGEST,
  headOf,
  isRedacted,
  redactEvent,
  verifySubjectChain,
  type GovernanceEvent,
} from '../../../src/domain/governance';
import { at, buildChain, clone, GRANT, REQUEST, requestDrafts, seededRandom } from './fixtures';

function expectBroken(events: unknown[], reason: string, seq: number): void {
  const r = verifySubjectChain(events, REQUEST);
  if (r.ok) throw new Error('expected the chain to be broken');
  expect(r.firstBroken).toMatchObject({ reason, seq, subject: REQUEST });
  expect(r.message).toContain(`request:10001, seq ${seq}`);
}

describe('appendEvent', () => {
  it('links events per subject with increasing seq', () => {
    const { events, head } = buildChain(requestDrafts());
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[0]?.prevDigest).toBe(GENESIS_DIGEST);
    expect(events[1]?.prevDigest).toBe(events[0]?.digest);
    expect(events[2]?.prevDigest).toBe(events[1]?.digest);
    expect(head).toEqual({ v: 1, subject: REQUEST, seq: 3, digest: events[2]?.digest, at: '2025-03-01T09:02:00.000Z' });
    expect(verifySubjectChain(events)).toMatchObject({ ok: true, counts: { events: 3, redacted: 0 } });
  });

  it('is deterministic given the same clock and randomness', () => {
    expect(buildChain(requestDrafts(), seededRandom('x')).events).toEqual(
      buildChain(requestDrafts(), seededRandom('x')).events,
    );
  });

  it('salts the personal digest so equal personal data hashes differently', () => {
    const d = requestDrafts()[0];
    const a = appendEvent(undefined, d, at(0), seededRandom('a'));
    const b = appendEvent(undefined, d, at(0), seededRandom('b'));
    expect(a.personal?.data).toEqual(b.personal?.data);
    expect(a.personalDigest).not.toBe(b.personalDigest);
    expect(a.personal?.salt).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keeps personal data out of the digested body', () => {
    const e = appendEvent(undefined, requestDrafts()[0], at(0), seededRandom());
    const { personal: _p, digest: _d, ...body } = e;
    expect(JSON.stringify(body)).not.toContain('alice@example.com');
    expect(eventDigest(body)).toBe(e.digest);
  });

  it('refuses a head of another subject', () => {
    const { head } = buildChain(requestDrafts());
    expect(() =>
      appendEvent(head, { subject: GRANT, action: 'grant.created', actor: { type: 'app' } }, at(9), seededRandom()),
    ).toThrow(
      expect.objectContaining({ code: 'GOV_HEAD_MISMATCH', message: expect.stringContaining('request:10001') }),
    );
  });

  it.each([
    [
      'an action of another subject type',
      { subject: REQUEST, action: 'grant.expired', actor: { type: 'app' } },
      /action/,
    ],
    [
      'a user actor without accountId',
      { subject: REQUEST, action: 'request.submitted', actor: { type: 'user' } },
      /accountId/,
    ],
    [
      'a subject id with a colon',
      { subject: { type: 'request', id: 'a:b' }, action: 'request.submitted', actor: { type: 'app' } },
      /subject/,
    ],
    [
      'an unknown field',
      { subject: REQUEST, action: 'request.submitted', actor: { type: 'app' }, extra: 1 },
      /draft is invalid/,
    ],
    [
      'a non-finite number',
      { subject: REQUEST, action: 'request.submitted', actor: { type: 'app' }, after: { n: Infinity } },
      /after/,
    ],
  ])('rejects a draft with %s', (_name, draft, message) => {
    expect(() => appendEvent(undefined, draft as never, at(0), seededRandom())).toThrow(
      expect.objectContaining({ code: 'GOV_DRAFT_INVALID', message: expect.stringMatching(message) }),
    );
  });

  it('replaces lone surrogates in user text instead of failing to hash', () => {
    const e = appendEvent(
      undefined,
      { ...requestDrafts()[0], personal: { purpose: 'bad \ud800 text' } },
      at(0),
      seededRandom(),
    );
    expect(e.personal?.data.purpose).toBe('bad \ufffd text');
    expect(verifySubjectChain([e]).ok).toBe(true);
  });

  it('refuses an event over the size limit', () => {
    const draft = { ...requestDrafts()[0], personal: { purpose: 'x'.repeat(70_000) } };
    expect(() => appendEvent(undefined, draft, at(0), seededRandom())).toThrow(
      expect.objectContaining({ code: 'GOV_EVENT_TOO_LARGE' }),
    );
  });
});

describe('verifySubjectChain detects tampering', () => {
  const { events } = buildChain([...requestDrafts(), ...requestDrafts().slice(1)]);

  // Every digest-covered leaf, at every position, must be caught at exactly that seq.
  const mutations: Array<[string, (e: Record<string, unknown>) => void]> = [
    ['id', (e) => (e.id = 'AAAAAAAAAAAAAAAA')],
    ['subject.id', (e) => ((e.subject as Record<string, unknown>).id = '10002')],
    ['subject.type', (e) => ((e.subject as Record<string, unknown>).type = 'grant')],
    ['action', (e) => (e.action = e.action === 'request.declined' ? 'request.approved' : 'request.declined')],
    ['actor.type', (e) => ((e.actor as Record<string, unknown>).type = 'system')],
    ['actor.accountId', (e) => ((e.actor as Record<string, unknown>).accountId = 'attacker')],
    ['at', (e) => (e.at = '2030-01-01T00:00:00.000Z')],
    ['ticket', (e) => (e.ticket = { key: 'EVIL-1' })],
    ['policyVersion', (e) => (e.policyVersion = 99)],
    ['before', (e) => (e.before = { status: 'forged' })],
    ['after', (e) => (e.after = { status: 'approved', durationDays: 3650 })],
    ['prevDigest', (e) => (e.prevDigest = 'f'.repeat(64))],
    ['digest', (e) => (e.digest = 'e'.repeat(64))],
    ['personalDigest', (e) => (e.personalDigest = 'd'.repeat(64))],
    ['seq', (e) => (e.seq = (e.seq as number) + 1)],
    ['v', (e) => (e.v = 2)],
    ['an added field', (e) => (e.note = 'hi')],
  ];

  it.each(mutations.flatMap(([field, mutate]) => [1, 3, 5].map((seq) => [field, seq, mutate] as const)))(
    '%s at seq %i',
    (_field, seq, mutate) => {
      const copy = clone(events) as unknown as Array<Record<string, unknown>>;
      mutate(copy[seq - 1]);
      const r = verifySubjectChain(copy, REQUEST);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.firstBroken.seq).toBe(seq);
    },
  );

  it('names digest_mismatch for a content change and prev_link_mismatch for a replaced predecessor', () => {
    const edited = clone(events);
    edited[2].after = { status: 'approved', durationDays: 365 };
    expectBroken(edited, 'digest_mismatch', 3);

    // Replace event 2 by a validly hashed forgery: event 3's link exposes it.
    const forged = clone(events);
    const fake = appendEvent(
      headOf(events[0]),
      { subject: REQUEST, action: 'request.auto_approved', actor: { type: 'app' } },
      at(1),
      seededRandom('forger'),
    );
    forged[1] = fake;
    expectBroken(forged, 'prev_link_mismatch', 3);
  });

  it('detects deletion, reordering, duplication and a lost first event', () => {
    expectBroken([events[0], events[2], events[3]], 'seq_gap', 2);
    expectBroken([events[0], events[2], events[1]], 'seq_gap', 2);
    expectBroken([events[0], events[1], events[1]], 'out_of_order', 3);
    expectBroken(events.slice(1), 'seq_gap', 1);
  });

  it('detects altered, swapped or smuggled personal data', () => {
    const altered = clone(events);
    altered[0].personal!.data.purpose = 'Something else entirely';
    expectBroken(altered, 'personal_mismatch', 1);

    const resalted = clone(events);
    resalted[0].personal!.salt = '0'.repeat(32);
    expectBroken(resalted, 'personal_mismatch', 1);

    const smuggled = clone(events);
    smuggled[1].personal = { salt: '1'.repeat(32), data: { note: 'added later' } };
    expectBroken(smuggled, 'personal_unchained', 2);
  });

  it('detects an event stored under another subject', () => {
    const r = verifySubjectChain(events, { type: 'request', id: '10002' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.firstBroken.reason).toBe('subject_mismatch');
  });

  it('reports malformed stored data as invalid_event', () => {
    expectBroken([events[0], { garbage: true }], 'invalid_event', 2);
  });
});

describe('redactEvent', () => {
  const { events } = buildChain(requestDrafts());
  const now = at(60 * 24 * 400);

  it('drops personal data and its salt, and the chain still verifies as redacted', () => {
    const redacted = events.map((e) => redactEvent(e, now));
    expect(JSON.stringify(redacted)).not.toMatch(/alice@example.com|Alice Example|Bob Approver|salt/);
    expect(redacted.filter(isRedacted)).toHaveLength(2);
    expect(redacted[0]?.redactedAt).toBe(now.toISOString());
    expect(redacted[1]).toEqual(events[1]); // nothing personal: unchanged
    const r = verifySubjectChain(redacted);
    expect(r).toMatchObject({
      ok: true,
      counts: { events: 3, redacted: 2 },
      redactedEventIds: [events[0].id, events[2].id],
    });
  });

  it('is idempotent and keeps the first redaction time', () => {
    const once = redactEvent(events[0], now);
    expect(redactEvent(once, at(999_999))).toEqual(once);
  });

  it('does not let redaction hide other tampering', () => {
    const redacted: GovernanceEvent[] = events.map((e) => redactEvent(e, now));
    redacted[2].after = { status: 'declined' };
    expectBroken(redacted, 'digest_mismatch', 3);
  });
});
