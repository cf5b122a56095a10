// Conformance: Forge's front-end invocation payload limits (docs/platform-contract.md EXP-1):
// https://developer.atlassian.com/platform/forge/limits-invocation/ › "Additional invocation limits" —
// a front-end invocation request carries at most 500KB, its response at most 5MB. The fixture app's
// `sized` resolver answers as many bytes as asked and counts its calls.
import {
  FRONTEND_REQUEST_MAX_BYTES,
  FRONTEND_RESPONSE_MAX_BYTES,
  jsonBytes,
} from '../../../src/sandbox/forge/resolvers';
import { makeHarness, type Harness } from '../../integration/sandbox-forge/helpers';

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(() => h.platform.close());

const call = (payload: Record<string, unknown>) =>
  h.platform.invokeResolver({ moduleKey: 'clearance-panel', functionName: 'sized', payload, accountId: 'user-a' });

/** The payload whose request (as the bridge sends it) is exactly `bytes` long. */
function requestOf(bytes: number): Record<string, unknown> {
  const base = jsonBytes({ functionKey: 'sized', payload: { bytes: 0, pad: '' } });
  return { bytes: 0, pad: 'x'.repeat(bytes - base) };
}

describe('EXP-1 a front-end invocation request carries at most 500KB', () => {
  it('the limit is the documented figure, read in decimal bytes (the stricter reading)', () => {
    expect(FRONTEND_REQUEST_MAX_BYTES).toBe(500 * 1000);
    expect(FRONTEND_RESPONSE_MAX_BYTES).toBe(5 * 1000 * 1000);
  });

  it('runs a call of exactly 500,000 bytes and refuses one byte more before the function runs', async () => {
    const first = (await call(requestOf(FRONTEND_REQUEST_MAX_BYTES))) as { calls: number };
    await expect(call(requestOf(FRONTEND_REQUEST_MAX_BYTES + 1))).rejects.toMatchObject({
      code: 'INVOCATION_PAYLOAD_TOO_LARGE',
      message: expect.stringContaining('500001 bytes'),
    });
    // The refused call never reached the function: the next call is the function's second.
    const next = (await call({ bytes: 0 })) as { calls: number };
    expect(next.calls).toBe(first.calls + 1);
  });

  it('counts UTF-8 bytes of the JSON, not characters', async () => {
    const chars = Math.ceil(FRONTEND_REQUEST_MAX_BYTES / 3); // "€" is 3 bytes in UTF-8
    await expect(call({ pad: '€'.repeat(chars) })).rejects.toMatchObject({ code: 'INVOCATION_PAYLOAD_TOO_LARGE' });
    await expect(call({ pad: '€'.repeat(chars - 100) })).resolves.toMatchObject({ text: '' });
  });
});

describe('EXP-1 a front-end invocation response carries at most 5MB', () => {
  const overhead = jsonBytes({ calls: 1, text: '' });

  it('answers exactly 5,000,000 bytes and fails one byte more, logged as an error', async () => {
    const atLimit = (await call({ bytes: FRONTEND_RESPONSE_MAX_BYTES - overhead })) as { text: string };
    expect(jsonBytes(atLimit)).toBe(FRONTEND_RESPONSE_MAX_BYTES);
    await expect(call({ bytes: FRONTEND_RESPONSE_MAX_BYTES - overhead + 1 })).rejects.toMatchObject({
      code: 'INVOCATION_RESPONSE_TOO_LARGE',
      message: expect.stringContaining('5000001 bytes'),
    });
    const [last] = h.platform.listInvocations({ kind: 'resolver' }).slice(-1);
    expect(last).toMatchObject({ resolverName: 'sized', result: 'error' });
    expect(last.error).toContain('at most 5000000');
  });
});
