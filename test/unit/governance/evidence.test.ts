import {
  anchorTipOf,
  buildAnchors,
  buildEvidenceBundle,
  CONTROL_MAPPINGS,
  redactEvent,
  verifyEvidenceBundle,
  type EvidenceBundle,
  type GovernanceEvent,
  type SubjectHead,
  type SubjectRef,
} from '../../../src/domain/governance';
import { at, buildChain, requestDrafts, seededRandom } from './fixtures';

const subjects: SubjectRef[] = [
  { type: 'request', id: '10001' },
  { type: 'request', id: '10002' },
];

function setup() {
  const chains = subjects.map((s) => buildChain(requestDrafts(s), seededRandom(s.id)));
  const events: GovernanceEvent[] = chains.flatMap((c) => c.events);
  const anchors = buildAnchors(
    undefined,
    chains.map((c) => c.head as SubjectHead),
    at(30),
  );
  const meta = {
    generatedAt: at(60),
    generatedBy: 'auditor-1',
    site: 'example.atlassian.net',
    scope: 'complete' as const,
    anchorTip: anchorTipOf(anchors[0]),
  };
  return { events, anchors, meta };
}

// The bundle goes to disk and comes back: verify only what survives JSON.
const offline = (b: EvidenceBundle): EvidenceBundle => JSON.parse(JSON.stringify(b)) as EvidenceBundle;

describe('evidence bundle', () => {
  it('verifies offline after a JSON round trip', () => {
    const { events, anchors, meta } = setup();
    const bundle = buildEvidenceBundle([...events].reverse(), anchors, meta);
    expect(bundle.manifest).toMatchObject({
      subjectCount: 2,
      eventCount: 6,
      anchorCount: 1,
      redactedCount: 0,
      actionCounts: { 'request.approved': 2 },
      anchorTipDigest: anchors[0].digest,
    });
    expect(bundle.exportCheck).toEqual({ ok: true });
    const r = verifyEvidenceBundle(offline(bundle));
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ ok: true, message: expect.stringContaining('6 events in 2 subjects') });
  });

  it('marks redacted events and still verifies; can omit personal data from the export', () => {
    const { events, anchors, meta } = setup();
    const retained = events.map((e) => (e.subject.id === '10001' ? redactEvent(e, at(50)) : e));
    const b1 = offline(buildEvidenceBundle(retained, anchors, meta));
    expect(b1.subjects[0].events.map((x) => x.redacted)).toEqual([true, false, true]);
    expect(verifyEvidenceBundle(b1).ok).toBe(true);

    const b2 = offline(buildEvidenceBundle(events, anchors, { ...meta, personalData: 'omit' }));
    expect(JSON.stringify(b2)).not.toMatch(/alice@example.com|Alice Example/);
    expect(b2.manifest.redactedCount).toBe(4);
    expect(verifyEvidenceBundle(b2).ok).toBe(true);
  });

  it('fails after an event is edited, naming the broken link', () => {
    const { events, anchors, meta } = setup();
    const b = offline(buildEvidenceBundle(events, anchors, meta));
    (b.subjects[1].events[2].event as { after: unknown }).after = { status: 'approved', durationDays: 3650 };
    const r = verifyEvidenceBundle(b);
    expect(r.ok).toBe(false);
    expect(r.message).toContain('request:10002, seq 3');
    expect(r.message).toContain('digest_mismatch');
    expect(r.problems.join('\n')).toContain('contentDigest');
  });

  it('fails when a whole subject is dropped from a complete export, even with a recomputed manifest', () => {
    const { events, anchors, meta } = setup();
    const forged = offline(
      buildEvidenceBundle(
        events.filter((e) => e.subject.id !== '10002'),
        anchors,
        meta,
      ),
    );
    expect(forged.exportCheck.ok).toBe(false);
    const r = verifyEvidenceBundle(forged);
    expect(r.ok).toBe(false);
    expect(r.log && !r.log.ok && r.log.firstBroken.reason).toBe('missing_subject');
  });

  it.each([
    ['the manifest digest', (b: EvidenceBundle) => (b.manifest.contentDigest = '0'.repeat(64)), /contentDigest/],
    ['the manifest counts', (b: EvidenceBundle) => (b.manifest.eventCount = 5), /eventCount/],
    ['a redaction marker', (b: EvidenceBundle) => (b.subjects[0].events[0].redacted = true), /marked redacted/],
    ['the metadata', (b: EvidenceBundle) => (b.meta.site = 'other.atlassian.net'), /contentDigest/],
    [
      'an anchor',
      (b: EvidenceBundle) => ((b.anchors[0] as { at: string }).at = '2020-01-01T00:00:00.000Z'),
      /anchor_digest_mismatch/,
    ],
    [
      'the control mapping text',
      (b: EvidenceBundle) => ((b.controls.mappings[0] as { relation: string }).relation = 'complies with'),
      /contentDigest/,
    ],
  ])('fails when %s is altered', (_what, mutate, expected) => {
    const { events, anchors, meta } = setup();
    const b = offline(buildEvidenceBundle(events, anchors, meta));
    mutate(b);
    const r = verifyEvidenceBundle(b);
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(expected);
  });

  it('rejects something that is not a bundle with a readable message', () => {
    expect(verifyEvidenceBundle({ hello: 'world' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('not an AI Clearance evidence bundle'),
    });
    expect(verifyEvidenceBundle(null).ok).toBe(false);
  });

  it('maps controls honestly: evidence support, never a compliance claim', () => {
    const { events, anchors, meta } = setup();
    const b = buildEvidenceBundle(events, anchors, meta);
    expect(CONTROL_MAPPINGS.every((c) => c.relation === 'supports evidence for' && c.limits.length > 20)).toBe(true);
    const text = JSON.stringify(b.controls.mappings);
    expect(text).not.toMatch(/\bcompl(y|ies|iant)\b|\bcertif/i);
    expect(b.controls.disclaimer).toMatch(/does not by itself establish compliance/);
    const frameworks = new Set(CONTROL_MAPPINGS.map((c) => c.framework));
    // ISO/IEC 42001, the EU AI Act, NIST AI RMF and (for logical access) SOC 2 CC6.
    expect(frameworks.size).toBe(4);
    expect(b.controls.byAction['grant.revoked']).toEqual(expect.arrayContaining([expect.stringContaining('CC6.3')]));
    expect(b.controls.byAction['request.approved']).toEqual(
      expect.arrayContaining([expect.stringContaining('Art. 26'), expect.stringContaining('A.10.2')]),
    );
    expect(b.controls.byAction['catalog.approved']).toEqual(
      expect.arrayContaining([expect.stringContaining('GOVERN 1.6')]),
    );
  });
});
