// Rebuilding the text of an earlier policy version from the current set and the policy's chain.
import { appendEvent, headOf } from '../../../src/domain/governance';
import type { GovernanceEvent } from '../../../src/domain/governance/event';
import { DEFAULT_RISK_POLICIES, initialPolicySet, updatePolicy, type PolicySet } from '../../../src/domain/policy';
import { policyVersionText } from '../../../src/domain/policy/policy-history';
import { ADMIN_ACTOR, APP_ACTOR } from './policy-fixtures';

const bytes = (n: number) => new Uint8Array(n).fill(7);

/** Version 1 and two changes: the sets as they were, and the chain of policy.updated events. */
function history(): { sets: PolicySet[]; chain: GovernanceEvent[] } {
  const v1 = initialPolicySet({ actor: APP_ACTOR, now: new Date('2026-01-01T00:00:00.000Z') });
  if (!v1.ok) throw new Error(v1.error.message);
  const sets = [v1.value];
  const chain: GovernanceEvent[] = [];
  const changes = [
    { levels: { medium: { maxDays: 60, maxTotalDays: 120 } } },
    { levels: { medium: { maxDays: 45 }, low: { approverGroup: 'ai-low-approvers' } } },
  ];
  changes.forEach((change, i) => {
    const r = updatePolicy(sets[sets.length - 1], change, ADMIN_ACTOR, new Date(`2026-0${i + 2}-01T00:00:00.000Z`));
    if (!r.ok) throw new Error(r.error.message);
    const prev = chain[chain.length - 1];
    chain.push(
      appendEvent(prev ? headOf(prev) : undefined, r.value.event, new Date(r.value.policySet.updatedAt), bytes),
    );
    sets.push(r.value.policySet);
  });
  return { sets, chain };
}

describe('policyVersionText', () => {
  it('rebuilds every earlier version exactly, with the event that made it', () => {
    const { sets, chain } = history();
    const current = sets[2];
    for (const v of [1, 2, 3]) {
      const r = policyVersionText(current, [...chain].reverse(), v);
      if (!('text' in r)) throw new Error(r.problem);
      expect(r.text.levels).toEqual(sets[v - 1].levels);
      expect(r.text.version).toBe(v);
    }
    const v2 = policyVersionText(current, chain, 2);
    expect('text' in v2 && v2.text.since).toEqual({
      at: '2026-02-01T00:00:00.000Z',
      by: ADMIN_ACTOR,
      event: { seq: 1, digest: chain[0].digest },
    });
    const v1 = policyVersionText(current, chain, 1);
    expect('text' in v1 && v1.text.since).toBeNull();
    expect('text' in v1 && v1.text.levels.medium.maxDays).toBe(DEFAULT_RISK_POLICIES.medium.maxDays);
  });

  it('says why when an event is missing, the version is newer, or the log disagrees with the set', () => {
    const { sets, chain } = history();
    expect(policyVersionText(sets[2], [chain[1]], 1)).toEqual({
      problem: expect.stringContaining('no policy.updated event making version 2'),
    });
    expect(policyVersionText(sets[1], chain, 3)).toEqual({
      problem: 'policy version 3 is newer than the current version 2',
    });
    const edited = { ...sets[2], levels: { ...sets[2].levels, medium: { ...sets[2].levels.medium, maxDays: 50 } } };
    expect(policyVersionText(edited, chain, 1)).toEqual({
      problem: expect.stringMatching(
        /version 3's event says medium\.maxDays became 45 but the version rebuilt holds 50/,
      ),
    });
  });
});
