// Scheduled triggers on the sandbox clock, UI resolvers called like the Forge
// UI bridge, and egress through permissions.external.fetch.backend.
import kvs from '@forge/kvs';
import { ForgePlatformError } from '../../../src/sandbox/forge';
import { seenBy } from '../../fixtures/forge-app/recorder';
import { makeHarness, type Harness } from './helpers';

let h: Harness;
afterEach(async () => {
  await h.platform.close();
});

describe('scheduled triggers', () => {
  beforeEach(() => {
    h = makeHarness();
  });

  it('runScheduled runs one trigger now and returns its invocation', async () => {
    const [inv] = await h.platform.runScheduled('hourly-sweep');
    expect(inv).toMatchObject({
      kind: 'scheduled',
      key: 'hourly-sweep',
      functionKey: 'sweep',
      result: 'ok',
      kvsOps: { set: 1 },
    });
    expect(await kvs.get('sweep:last')).toBe('hourly-sweep');
    expect(seenBy('sweep')[0]?.payload).toEqual({
      context: { cloudId: 'sandbox-cloud', moduleKey: 'hourly-sweep' },
      contextToken: 'sandbox-context-token',
    });
    expect(seenBy('report')).toHaveLength(0);
    await expect(h.platform.runScheduled('nope')).rejects.toMatchObject({ code: 'UNKNOWN_SCHEDULED_TRIGGER' });
  });

  it('tick runs a trigger only once its interval has passed on the sandbox clock', async () => {
    expect(h.platform.tick()).toEqual([]);
    h.clock.advance('PT59M');
    expect(h.platform.tick()).toEqual([]);
    h.clock.advance('PT1M');
    expect(h.platform.tick()).toHaveLength(1);
    await h.platform.settle();
    expect(seenBy('sweep')).toHaveLength(1);
    expect(h.platform.tick()).toEqual([]);
    h.clock.advance('PT23H');
    h.platform.tick();
    await h.platform.settle();
    expect(seenBy('sweep')).toHaveLength(2);
    expect(seenBy('report')).toHaveLength(1);
  });
});

describe('resolvers', () => {
  beforeEach(() => {
    h = makeHarness({ external: async (url) => new Response(`hello from ${new URL(url).hostname}`, { status: 200 }) });
  });

  it('calls the resolver definition with payload and the user context, and returns its value', async () => {
    const out = await h.platform.invokeResolver({
      moduleKey: 'clearance-panel',
      functionName: 'getContext',
      payload: { a: 1 },
      accountId: 'user-bob',
    });
    expect(out).toMatchObject({
      payload: { a: 1 },
      accountId: 'user-bob',
      moduleKey: 'clearance-panel',
      appAri: 'ari:cloud:ecosystem::app/00000000-0000-4000-8000-00000000f1a7',
    });
    expect((out as { remainingMs: number }).remainingMs).toBeLessThanOrEqual(25_000);
    const [inv] = h.platform.listInvocations({ kind: 'resolver' });
    expect(inv).toMatchObject({
      key: 'clearance-panel',
      functionKey: 'ui-resolver',
      resolverName: 'getContext',
      result: 'ok',
    });
  });

  it('makes asUser() calls as the invoking user', async () => {
    expect(
      await h.platform.invokeResolver({ moduleKey: 'clearance-panel', functionName: 'whoami', accountId: 'user-bob' }),
    ).toEqual({ accountId: 'user-bob', kind: 'user' });
    await expect(h.platform.invokeResolver({ moduleKey: 'clearance-panel', functionName: 'whoami' })).rejects.toThrow(
      /has no user/,
    );
  });

  it('reports a throwing resolver and unknown modules or definitions as errors', async () => {
    const e = await h.platform
      .invokeResolver({ moduleKey: 'clearance-panel', functionName: 'boom' })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ForgePlatformError);
    expect(e).toMatchObject({ code: 'RESOLVER_FAILED', message: expect.stringContaining('kaput') });
    await expect(h.platform.invokeResolver({ moduleKey: 'clearance-panel', functionName: 'nope' })).rejects.toThrow(
      /no definition for 'nope'/,
    );
    await expect(
      h.platform.invokeResolver({ moduleKey: 'other-panel', functionName: 'getContext' }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_MODULE' });
    expect(h.platform.listInvocations({ kind: 'resolver' }).map((i) => i.result)).toEqual(['error', 'error']);
  });

  it('routes fetch to the external fake only for hosts the manifest allows', async () => {
    expect(
      await h.platform.invokeResolver({
        moduleKey: 'clearance-panel',
        functionName: 'egress',
        payload: { url: 'https://acme.okta.com/api/v1/groups' },
      }),
    ).toEqual({
      status: 200,
      body: 'hello from acme.okta.com',
    });
    await expect(
      h.platform.invokeResolver({
        moduleKey: 'clearance-panel',
        functionName: 'egress',
        payload: { url: 'https://graph.microsoft.com/v1.0/me' },
      }),
    ).rejects.toThrow(
      // Forge's own refusal: @forge/api's ExternalEndpointNotAllowedError (docs/platform-contract.md RT-24).
      'URL not included in the external fetch backend permissions: https://graph.microsoft.com/v1.0/me. Visit go.atlassian.com/forge-egress for more information.',
    );
    expect(h.platform.listInvocations({ kind: 'resolver' })[0]?.egressCalls).toBe(1);
  });
});

describe('egress without a fake', () => {
  it('is an error, not a real network call', async () => {
    h = makeHarness();
    await expect(
      h.platform.invokeResolver({
        moduleKey: 'clearance-panel',
        functionName: 'egress',
        payload: { url: 'https://acme.okta.com/x' },
      }),
    ).rejects.toThrow(/no external fake is registered/);
  });
});
