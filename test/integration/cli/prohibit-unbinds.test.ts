// Reclassifying a bound tool as prohibited through the admin page's catalog.edit clears the catalog's
// binding and, in the same commit, removes the connector binding record with a connector.configured
// "unbound" event, so connectors.bindings and the console no longer show a binding for a prohibited tool.
import { SANDBOX_IDP } from '../../../src/sandbox/idp';
import { adminResolver, serveSandbox, type ServedSandbox } from './served-sandbox';

const G = SANDBOX_IDP.graph;
let served: ServedSandbox;
const admin = adminResolver(() => served);
const boundTools = async () =>
  ((await admin('connectors.bindings', {})).bindings as Array<{ toolId: string }>).map((b) => b.toolId).sort();

beforeAll(async () => {
  served = await serveSandbox({ connected: true });
}, 120_000);
afterAll(() => served.close());

it('reclassifying a bound tool as prohibited removes its binding record with a governance event', async () => {
  expect(await boundTools()).toContain('claude-for-work');
  // A requestable tool is suspended first (CATALOG_PROHIBITED_NOT_REQUESTABLE); the binding stays through that.
  expect(
    (await admin('catalog.suspend', { toolId: 'claude-for-work', reason: 'Security review' })).error,
  ).toBeUndefined();
  expect(await boundTools()).toContain('claude-for-work');
  const edited = await admin('catalog.edit', {
    toolId: 'claude-for-work',
    changes: { risk: 'prohibited', riskRationale: 'Security review: data leaves the tenant' },
  });
  expect(edited.error).toBeUndefined();
  expect(edited.entries).toEqual([
    expect.objectContaining({ id: 'claude-for-work', risk: 'prohibited', connector: null }),
  ]);

  expect(await boundTools()).not.toContain('claude-for-work');
  const log = (await admin('governance.list', { subjectType: 'connector', subjectId: 'binding.claude-for-work' }))
    .events as Array<{ action: string; after: Record<string, unknown> }>;
  expect(log.at(-1)).toMatchObject({
    action: 'connector.configured',
    after: { change: 'unbound', toolId: 'claude-for-work', reason: 'reclassified as prohibited' },
  });
  expect(
    await admin('governance.verify', { subjectType: 'connector', subjectId: 'binding.claude-for-work' }),
  ).toMatchObject({
    ok: true,
  });
  // The group itself is untouched: the binding is gone, the Entra group stays.
  expect(served.sb.idp.store.read().graph.groups.some((g) => g.id === G.groups.claude)).toBe(true);
});
