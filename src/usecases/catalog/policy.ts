// Editing the risk policy: every accepted change is a new version, stored
// with its policy.updated event in one commit.
import { updatePolicy, type PolicyChange } from '../../domain/policy/policy-versioning';
import type { PolicySet } from '../../domain/policy/risk-policy';
import { chainEvents } from '../shared/governance';
import { CatalogUseCaseError, type Actor, type CatalogDeps } from './deps';
import { loadPolicy, policyPut, withConflictRetry } from './records';

/**
 * A new version of the risk policy, stored with its policy.updated event.
 * @throws CatalogUseCaseError with the policy rules' refusal code (and the issues as details).
 * @throws StoreConflictError when another writer kept winning.
 */
export async function updatePolicySet(deps: CatalogDeps, change: PolicyChange, actor: Actor): Promise<PolicySet> {
  return withConflictRetry(async () => {
    const { set, expected } = await loadPolicy(deps.store);
    const r = updatePolicy(set, change, actor, deps.now());
    if (!r.ok)
      throw new CatalogUseCaseError(
        r.error.code,
        r.error.message,
        r.error.issues ? { issues: r.error.issues } : undefined,
      );
    const chained = await chainEvents(deps.store, [r.value.event], deps.now(), deps.random);
    await deps.store.commit({
      puts: [policyPut(r.value.policySet, expected), ...chained.puts],
      events: chained.events,
    });
    return r.value.policySet;
  });
}
