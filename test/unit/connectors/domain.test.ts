// The pure parts of connected mode: which groups may be bound, how failures are counted and retried,
// the vendors' rate-limit headers, reconciliation, and the identity-mapping rows of a CSV.
import {
  afterFailure,
  MAX_CONNECTOR_ATTEMPTS,
  MAX_RATE_LIMITED_ATTEMPTS,
  NO_ATTEMPTS,
  oktaResetWait,
  retryAfterWait,
  type AttemptCounts,
} from '../../../src/domain/connectors/attempts';
import { bindability } from '../../../src/domain/connectors/bindable';
import { connectionSchema, publicView, secretStrings } from '../../../src/domain/connectors/connection';
import { validateMappingRows } from '../../../src/domain/connectors/identity';
import { reconcileGroup } from '../../../src/domain/connectors/reconcile';

const entra = (
  over: Partial<{
    groupTypes: string[];
    securityEnabled: boolean;
    mailEnabled: boolean;
    onPremisesSyncEnabled: boolean | null;
  }>,
) => ({
  provider: 'entra' as const,
  id: 'g',
  name: 'G',
  groupTypes: [],
  securityEnabled: true,
  mailEnabled: false,
  onPremisesSyncEnabled: null,
  ...over,
});

describe('bindability', () => {
  it('Okta: only OKTA_GROUP', () => {
    expect(bindability({ provider: 'okta', id: 'g', name: 'G', type: 'OKTA_GROUP' })).toEqual({
      ok: true,
      kind: 'Okta group',
    });
    for (const type of ['APP_GROUP', 'BUILT_IN'])
      expect(bindability({ provider: 'okta', id: 'g', name: 'G', type })).toMatchObject({
        ok: false,
        code: 'GROUP_NOT_MANAGEABLE',
      });
  });
  it('Entra: security and Microsoft 365 groups; not dynamic, not synced, not mail-enabled security', () => {
    expect(bindability(entra({}))).toEqual({ ok: true, kind: 'security group' });
    expect(bindability(entra({ groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false }))).toEqual({
      ok: true,
      kind: 'Microsoft 365 group',
    });
    expect(bindability(entra({ groupTypes: ['Unified', 'DynamicMembership'] }))).toMatchObject({
      ok: false,
      code: 'GROUP_DYNAMIC',
    });
    expect(bindability(entra({ onPremisesSyncEnabled: true }))).toMatchObject({
      ok: false,
      code: 'GROUP_SYNCED_FROM_ON_PREMISES',
    });
    expect(bindability(entra({ mailEnabled: true }))).toMatchObject({ ok: false, code: 'GROUP_NOT_MANAGEABLE' });
    expect(bindability(entra({ securityEnabled: false }))).toMatchObject({ ok: false, code: 'GROUP_NOT_MANAGEABLE' });
  });
});

describe('attempts', () => {
  const run = (kinds: Array<'rate_limited' | 'unavailable'>): { steps: string[]; counts: AttemptCounts } => {
    let counts = NO_ATTEMPTS;
    const steps: string[] = [];
    for (const kind of kinds) {
      const s = afterFailure({ kind, retryAfterSeconds: kind === 'rate_limited' ? 30 : undefined }, counts);
      steps.push(s.action);
      counts = s.counts;
    }
    return { steps, counts };
  };
  it('5xx: backoff, then a person after MAX_CONNECTOR_ATTEMPTS', () => {
    const { steps } = run(Array(MAX_CONNECTOR_ATTEMPTS).fill('unavailable'));
    expect(steps).toEqual([...Array(MAX_CONNECTOR_ATTEMPTS - 1).fill('retry'), 'hand_over']);
    const first = afterFailure({ kind: 'unavailable' }, NO_ATTEMPTS);
    const second = afterFailure({ kind: 'unavailable' }, first.counts);
    expect(first.action === 'retry' && second.action === 'retry' && second.afterSeconds > first.afterSeconds).toBe(
      true,
    );
  });
  it('429: waits what the IdP said and does not use up the failure budget', () => {
    const { steps, counts } = run([...Array(10).fill('rate_limited'), 'unavailable']);
    expect(steps.every((s) => s === 'retry')).toBe(true);
    expect(counts).toEqual({ attempts: 11, rateLimited: 10, failures: 1 });
    expect(afterFailure({ kind: 'rate_limited', retryAfterSeconds: 30 }, NO_ATTEMPTS)).toMatchObject({
      afterSeconds: 30,
    });
    expect(afterFailure({ kind: 'rate_limited', retryAfterSeconds: 5000 }, NO_ATTEMPTS)).toMatchObject({
      afterSeconds: 900,
    });
  });
  it('a storm that never ends still hands over, inside the queue retention window', () => {
    const { steps } = run(Array(MAX_RATE_LIMITED_ATTEMPTS).fill('rate_limited'));
    expect(steps.at(-1)).toBe('hand_over');
    expect(MAX_RATE_LIMITED_ATTEMPTS * 900).toBeLessThan(24 * 3600);
  });
  it('denied, not found, invalid: a person at once', () => {
    for (const kind of ['denied', 'not_found', 'invalid'] as const)
      expect(afterFailure({ kind }, NO_ATTEMPTS)).toMatchObject({ action: 'hand_over', why: 'permanent' });
  });
  it('reads Okta X-Rate-Limit-Reset (epoch seconds) and Retry-After (seconds or HTTP date)', () => {
    const now = Date.parse('2026-12-07T10:00:00Z');
    expect(oktaResetWait(String(now / 1000 + 42), now)).toBe(42);
    expect(oktaResetWait(String(now / 1000 - 5), now)).toBe(1);
    expect(oktaResetWait('soon', now)).toBeUndefined();
    expect(retryAfterWait('7', now)).toBe(7);
    expect(retryAfterWait('Mon, 07 Dec 2026 10:01:00 GMT', now)).toBe(60);
    expect(retryAfterWait(null, now)).toBeUndefined();
  });
});

describe('reconcileGroup', () => {
  it('finds approved-but-missing and present-without-grant; pending grants are neither', () => {
    const r = reconcileGroup(
      [
        { grantId: '1', accountId: 'a', idpUserId: 'ua', fulfilled: true },
        { grantId: '2', accountId: 'b', idpUserId: 'ub', fulfilled: true },
        { grantId: '3', accountId: 'c', idpUserId: 'uc', fulfilled: false },
        { grantId: '4', accountId: 'd', idpUserId: undefined, fulfilled: true },
      ],
      [{ id: 'ua' }, { id: 'uc' }, { id: 'ux', login: 'x@example.com' }, { id: 'uy' }],
      (id) => (id === 'ux' ? 'acc-x' : undefined),
    );
    expect(r.missing).toEqual([{ grantId: '2', accountId: 'b', idpUserId: 'ub' }]);
    expect(r.strays).toEqual([{ idpUserId: 'ux', login: 'x@example.com', accountId: 'acc-x' }, { idpUserId: 'uy' }]);
    expect(r.unmapped).toEqual([{ grantId: '4', accountId: 'd' }]);
    expect(r.members).toBe(4);
  });
});

describe('identity mapping rows', () => {
  it('names each bad row with its line and column; duplicates are errors', () => {
    const { valid, errors } = validateMappingRows([
      { line: 2, record: { atlassian_account_id: '557058:abc', provider: 'okta', idp_user_id: '00u1abcdEFGHijkl5d7' } },
      { line: 3, record: { atlassian_account_id: '557058:def', provider: 'entra', idp_user_id: 'not-a-guid' } },
      { line: 4, record: { atlassian_account_id: '557058:ghi', provider: 'google', idp_user_id: 'x' } },
      { line: 5, record: { atlassian_account_id: 'bad id!', provider: 'okta', idp_user_id: '00u1abcdEFGHijkl5d7' } },
      { line: 6, record: { atlassian_account_id: '557058:abc', provider: 'OKTA', idp_user_id: '00u9zzzzzzzzzzzzzzz' } },
    ]);
    expect(valid.map((v) => v.line)).toEqual([2]);
    expect(errors).toEqual([
      { line: 3, message: expect.stringMatching(/^line 3, column idp_user_id: expected an Entra user object id/) },
      { line: 4, message: 'line 4, column provider: expected okta or entra' },
      { line: 5, message: expect.stringMatching(/^line 5, column atlassian_account_id/) },
      { line: 6, message: 'line 6: okta account 557058:abc is already mapped on line 2' },
    ]);
  });
});

describe('connection', () => {
  it('keeps the credentials out of the public view', () => {
    const c = connectionSchema.parse({
      provider: 'okta',
      orgUrl: 'https://acme.okta.com',
      auth: { type: 'api_token', token: '00aBcD-secret-token' },
    });
    expect(JSON.stringify(publicView(c))).not.toContain('secret-token');
    expect(secretStrings(c)).toEqual(['00aBcD-secret-token']);
  });
  it('refuses an org URL the manifest does not allow, saying what to enter', () => {
    const r = connectionSchema.safeParse({
      provider: 'okta',
      orgUrl: 'https://login.acme.com',
      auth: { type: 'api_token', token: '00aBcD-secret-token' },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/https:\/\/acme\.okta\.com/);
  });
});
