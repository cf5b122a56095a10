// The text of an earlier version of the risk policy set, rebuilt from the set as stored now and the
// policy's governance chain. Only the current set is stored; each `policy.updated` event holds the
// fields it changed, before and after (policy-versioning.ts), inside its hash-chained digest. Undoing
// the events newest-first gives every earlier version exactly, so an evidence pack can show the text
// of the version a decision was made under even after the policy changed.
import * as z from 'zod/mini';
import type { Actor, GovernanceEvent } from '../governance/event';
import {
  REQUESTABLE_RISK_LEVELS,
  RISK_POLICY_FIELDS,
  type PolicySet,
  type RequestableRiskLevel,
  type RiskPolicy,
} from './risk-policy';

export interface PolicyVersionText {
  version: number;
  levels: PolicySet['levels'];
  /**
   * When the version came into force and who made it: its `policy.updated` event (seq and digest in the policy's
   * chain), else the stored set's own stamp for the current version. Null for version 1 as installed.
   */
  since: { at: string; by: Actor; event?: { seq: number; digest: string } } | null;
}

/** What a `policy.updated` event's before/after hold: the version and, per level, the fields that changed. */
const versionDiff = z.looseObject({
  version: z.int(),
  levels: z.record(z.string(), z.record(z.string(), z.unknown())),
});

/**
 * The text of policy `version`, from `current` and the events of the policy's chain (any order; other actions
 * are ignored), or why it cannot be rebuilt: a version newer than the current one, an event missing from the
 * chain, or a chain whose `after` values disagree with the set they should have produced.
 */
export function policyVersionText(
  current: PolicySet,
  chain: readonly GovernanceEvent[],
  version: number,
): { text: PolicyVersionText } | { problem: string } {
  if (version > current.version)
    return { problem: `policy version ${version} is newer than the current version ${current.version}` };
  const made = new Map<
    number,
    { event: GovernanceEvent; before: z.infer<typeof versionDiff>; after: z.infer<typeof versionDiff> }
  >();
  for (const e of chain) {
    if (e.action !== 'policy.updated') continue;
    const before = versionDiff.safeParse(e.before);
    const after = versionDiff.safeParse(e.after);
    if (before.success && after.success)
      made.set(after.data.version, { event: e, before: before.data, after: after.data });
  }
  // Rebuilt field by field from plain JSON values, hence the loose type until it is returned.
  const levels: Record<RequestableRiskLevel, Record<string, unknown>> = {
    low: { ...current.levels.low },
    medium: { ...current.levels.medium },
    high: { ...current.levels.high },
  };
  for (let v = current.version; v > version; v--) {
    const step = made.get(v);
    if (!step || step.before.version !== v - 1)
      return {
        problem: `the policy's log has no policy.updated event making version ${v}, so version ${version} cannot be rebuilt`,
      };
    for (const level of REQUESTABLE_RISK_LEVELS) {
      for (const field of RISK_POLICY_FIELDS) {
        const after = step.after.levels[level];
        if (after && field in after && after[field] !== levels[level][field])
          return {
            problem: `policy version ${v}'s event says ${level}.${field} became ${JSON.stringify(after[field])} but the version rebuilt holds ${JSON.stringify(levels[level][field])}`,
          };
        const before = step.before.levels[level];
        if (before && field in before) levels[level][field] = before[field];
      }
    }
  }
  const maker = made.get(version);
  const since = maker
    ? { at: maker.event.at, by: maker.event.actor, event: { seq: maker.event.seq, digest: maker.event.digest } }
    : version === current.version && version > 1
      ? { at: current.updatedAt, by: current.updatedBy }
      : null;
  return {
    text: { version, levels: levels as unknown as Record<RequestableRiskLevel, RiskPolicy>, since },
  };
}
