// Issue 12 (c): whatever a requester types, what intake decides to store parses back through
// the stored-record schemas unchanged (request record, and on auto-approval the grant), so no
// input can make a record the app cannot read (STORED_DATA_INVALID).
import fc from 'fast-check';
import { effectivePolicy, type RiskLevel } from '../../../src/domain/policy';
import { grantDocSchema, newGrant } from '../../../src/domain/grant';
import {
  evaluateIntake,
  newLock,
  requestDocSchema,
  validateRequest,
  type RawRequest,
} from '../../../src/domain/request';
import { emptySync, requestRecordSchema, withSync } from '../../../src/usecases/shared/records';
import { ALICE, NOW, REQUESTER, TICKET, policySet, tool } from './fixtures';

const PURPOSE = 'Summarising customer interview notes for the research team';

const anyDays: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -10, max: 400 }),
  fc.double(),
  fc.constantFrom(
    1e300,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 53),
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    -0,
    NaN,
    Infinity,
    -Infinity,
    0.5,
    30.0000001,
  ),
  fc.nat().map(String),
  fc.string({ maxLength: 20 }),
  fc.stringMatching(/^\s*\d{1,20}(\.\d{1,3})?\s*$/),
  fc.constantFrom(null, undefined, '', '1e300', '9'.repeat(20)),
  fc.integer().map((n) => n * 1e10),
);

const rawRequest: fc.Arbitrary<RawRequest> = fc.record({
  kind: fc.constantFrom('access', 'extension', 'hand_back'),
  source: fc.constantFrom('portal_panel', 'fields', 'email'),
  toolRef: fc.constantFrom('claude-for-work', 'deepl-pro', null, '', 'no-such-tool'),
  purpose: fc.oneof(
    fc.constant(PURPOSE),
    fc.string({ maxLength: 50 }),
    fc.constant(null),
    fc.constant('x'.repeat(2500)),
  ),
  days: anyDays,
});

it('stores only records the stored-record schemas read back unchanged, whatever the request says', () => {
  fc.assert(
    fc.property(
      rawRequest,
      fc.constantFrom<RiskLevel>('low', 'medium', 'high', 'prohibited'),
      fc.boolean(),
      fc.boolean(),
      (raw, risk, locked, liveGrant) => {
        const t = tool({
          id: typeof raw.toolRef === 'string' && raw.toolRef !== '' ? raw.toolRef : 'claude-for-work',
          risk,
        });
        const p = effectivePolicy(policySet(), {
          id: t.id,
          risk,
          ...(risk === 'prohibited'
            ? { defaultDays: 0, maxDays: 0, reviewWindowDays: 0 }
            : { defaultDays: 30, maxDays: 90, reviewWindowDays: 14 }),
        });
        const known = raw.toolRef === 'no-such-tool' ? undefined : t;
        const lock = locked ? newLock({ id: '10000', key: 'AIC-0' }, ALICE, t.id, 'request', NOW) : undefined;
        const result = evaluateIntake({
          ticket: TICKET,
          raw,
          requester: ALICE,
          validation: validateRequest(raw, REQUESTER, known, known ? p : undefined),
          lock,
          ...(liveGrant ? { liveGrant: { id: '9999', key: 'AIC-9' } } : {}),
          now: NOW,
        });
        // What the store keeps went through JSON (KVS) and back through the schema.
        const stored = JSON.parse(JSON.stringify(withSync(result.request, emptySync())));
        expect(requestRecordSchema.parse(stored)).toEqual(stored);
        expect(requestDocSchema.parse(JSON.parse(JSON.stringify(result.request)))).toEqual(
          JSON.parse(JSON.stringify(result.request)),
        );
        // Only an access request makes a grant (an extension or hand-back acts on the live one).
        if (result.outcome === 'auto_approved' && result.valid?.kind === 'access') {
          const { grant } = newGrant({
            request: result.request,
            approver: { type: 'app' },
            now: NOW,
            days: result.valid.days,
            tool: result.valid.tool,
            policy: result.valid.policy,
          });
          const g = JSON.parse(JSON.stringify(grant));
          expect(grantDocSchema.parse(g)).toEqual(g);
        }
        // A number of days is kept only when it is a whole, safe, bounded count.
        const days = result.request.requestedDays;
        expect(days === null || (Number.isSafeInteger(days) && days >= 0 && days <= 36_500)).toBe(true);
      },
    ),
    { numRuns: 2000, seed: 12 },
  );
});
