import {
  anchorTipOf,
  appendEvent,
  buildAnchors,
  canonicalJson,
  headOf,
  MAX_ANCHOR_BYTES,
  verifyLog,
  type Anchor,
  type GovernanceEvent,
  type SubjectHead,
  type SubjectRef,
} from '../../../src/domain/governance';
import { at, buildChain, clone, requestDrafts, seededRandom } from './fixtures';

const subjects: SubjectRef[] = [1, 2, 3].map((n) => ({ type: 'request', id: `1000${n}` }));

function world() {
  const chains = subjects.map((s) => buildChain(requestDrafts(s), seededRandom(s.id)));
  const heads = chains.map((c) => c.head as SubjectHead);
  const anchors = buildAnchors(undefined, heads, at(10));
  return {
    chains,
    heads,
    anchors,
    input: () => ({
      subjects: subjects.map((s, i) => ({ subject: s, events: clone(chains[i].events) })),
      anchors: clone(anchors) as unknown[],
    }),
  };
}

describe('buildAnchors', () => {
  it('chains anchors over the latest head per subject, sorted', () => {
    const { heads, anchors } = world();
    expect(anchors).toHaveLength(1);
    expect(anchors[0].heads.map((h) => h.subject.id)).toEqual(['10001', '10002', '10003']);
    const older = { ...heads[0], seq: 1, digest: 'a'.repeat(64) };
    expect(buildAnchors(undefined, [older, ...heads], at(10))).toEqual(anchors);
    const next = buildAnchors(anchorTipOf(anchors[0]), heads.slice(0, 1), at(20));
    expect(next[0]).toMatchObject({ anchorSeq: 2, prevAnchorDigest: anchors[0].digest });
    expect(buildAnchors(anchorTipOf(anchors[0]), [], at(30))).toEqual([]);
  });

  it('refuses two digests for the same subject and seq', () => {
    const { heads } = world();
    expect(() => buildAnchors(undefined, [heads[0], { ...heads[0], digest: 'b'.repeat(64) }], at(1))).toThrow(
      expect.objectContaining({ code: 'GOV_ANCHOR_INVALID' }),
    );
  });

  it('pages many heads so each anchor stays under the KVS value limit', () => {
    const longId = (n: number) => `${'x'.repeat(120)}-${String(n).padStart(6, '0')}`;
    const heads = Array.from({ length: 1203 }, (_, n): SubjectHead => ({
      v: 1,
      subject: { type: 'provisioning', id: longId(n) },
      seq: 2_000_000_000,
      digest: 'c'.repeat(64),
      at: at(0).toISOString(),
    }));
    const anchors = buildAnchors(undefined, heads, at(1));
    expect(anchors.map((a) => a.heads.length)).toEqual([500, 500, 203]);
    expect(anchors.map((a) => a.anchorSeq)).toEqual([1, 2, 3]);
    for (const a of anchors) expect(Buffer.byteLength(canonicalJson(a))).toBeLessThan(MAX_ANCHOR_BYTES);
    expect(anchors[1].prevAnchorDigest).toBe(anchors[0].digest);
  });
});

describe('verifyLog with anchors', () => {
  it('passes an intact log', () => {
    const w = world();
    const r = verifyLog({ ...w.input(), heads: w.heads, anchorTip: anchorTipOf(w.anchors[0]) });
    expect(r).toMatchObject({ ok: true, counts: { subjects: 3, events: 9, anchors: 1, anchoredHeads: 3 } });
  });

  it('detects a deleted subject tail that the subject chain alone cannot see', () => {
    const w = world();
    const input = w.input();
    input.subjects[1].events.pop();
    const r = verifyLog(input);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.firstBroken).toMatchObject({ reason: 'missing_tail', subject: subjects[1], seq: 3, anchorSeq: 1 });
  });

  it('detects a deleted subject', () => {
    const w = world();
    const input = w.input();
    input.subjects.splice(2, 1);
    const r = verifyLog(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.firstBroken).toMatchObject({ reason: 'missing_subject', subject: subjects[2] });
    expect(verifyLog({ ...input, scope: 'partial' }).ok).toBe(true);
  });

  it('detects a subject chain rewritten with fresh digests after anchoring', () => {
    const w = world();
    const events = w.chains[0].events;
    let head = headOf(events[1]);
    const rewritten: GovernanceEvent[] = [events[0], events[1]];
    const forged = appendEvent(
      head,
      { subject: subjects[0], action: 'request.declined', actor: { type: 'app' } },
      at(2),
      seededRandom('forger'),
    );
    rewritten.push(forged);
    head = headOf(forged);
    const input = w.input();
    input.subjects[0].events = rewritten;
    const r = verifyLog(input);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.firstBroken).toMatchObject({ reason: 'anchor_mismatch', subject: subjects[0], seq: 3, anchorSeq: 1 });
  });

  it('detects altered, deleted and reordered anchors', () => {
    const w = world();
    const second = buildAnchors(anchorTipOf(w.anchors[0]), [w.heads[0]], at(20));
    const all: Anchor[] = [...w.anchors, ...second];
    const base = w.input();

    const altered = clone(all);
    altered[0].heads[0].seq = 2;
    expect(verifyLog({ ...base, anchors: altered })).toMatchObject({
      ok: false,
      firstBroken: { reason: 'anchor_digest_mismatch', anchorSeq: 1 },
    });

    expect(verifyLog({ ...base, anchors: [all[1]] })).toMatchObject({
      ok: false,
      firstBroken: { reason: 'anchor_seq_gap', anchorSeq: 1 },
    });
    expect(verifyLog({ ...base, anchors: [all[1], all[0]] })).toMatchObject({
      ok: false,
      firstBroken: { reason: 'anchor_seq_gap' },
    });

    const relinked = buildAnchors(
      { anchorSeq: 1, digest: 'f'.repeat(64), at: at(0).toISOString() },
      [w.heads[0]],
      at(20),
    );
    expect(verifyLog({ ...base, anchors: [all[0], relinked[0]] })).toMatchObject({
      ok: false,
      firstBroken: { reason: 'anchor_link_mismatch', anchorSeq: 2 },
    });

    expect(verifyLog({ ...base, anchors: [all[0]], anchorTip: anchorTipOf(all[1]) })).toMatchObject({
      ok: false,
      firstBroken: { reason: 'missing_anchor_tail', anchorSeq: 2 },
    });
  });

  it('checks head records against the chains', () => {
    const w = world();
    const input = w.input();
    input.subjects[0].events.pop();
    expect(verifyLog({ subjects: input.subjects, heads: w.heads })).toMatchObject({
      ok: false,
      firstBroken: { reason: 'missing_tail', subject: subjects[0], seq: 3 },
    });
    const behind = { ...w.heads[1], seq: 2, digest: w.chains[1].events[1].digest };
    expect(verifyLog({ subjects: w.input().subjects, heads: [behind] })).toMatchObject({
      ok: false,
      firstBroken: { reason: 'head_mismatch', subject: subjects[1] },
    });
  });

  it('orders the first broken link by subject then anchors, and lists the others', () => {
    const w = world();
    const input = w.input();
    (input.subjects[2].events[0] as Record<string, unknown>).at = '2031-01-01T00:00:00.000Z';
    (input.subjects[1].events[1] as Record<string, unknown>).action = 'request.declined';
    const r = verifyLog(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.firstBroken).toMatchObject({ subject: subjects[1], seq: 2, reason: 'digest_mismatch' });
      expect(r.problems.map((p) => [p.subject?.id, p.seq])).toEqual([
        ['10002', 2],
        ['10003', 1],
      ]);
    }
  });
});
