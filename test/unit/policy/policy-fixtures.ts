import { DEFAULT_RISK_POLICIES, type PolicySet } from '../../../src/domain/policy';

export const APP_ACTOR = { type: 'app' } as const;
export const ADMIN_ACTOR = { type: 'user', accountId: '5b10a2844c20165700ede21g' } as const;

export function policySet(overrides: Partial<PolicySet> = {}): PolicySet {
  return {
    version: 1,
    levels: DEFAULT_RISK_POLICIES,
    updatedAt: '2026-11-01T00:00:00.000Z',
    updatedBy: APP_ACTOR,
    ...overrides,
  };
}
