// Every resolver answers through one envelope with one set of codes: BAD_REQUEST, UNAUTHENTICATED,
// FORBIDDEN, TRY_AGAIN (permission-check.test.ts), and the use cases' own codes (a not-found, a refusal).
import { IDS, PURPOSE, makeCoreHarness, type CoreHarness } from './harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await makeCoreHarness();
});
afterAll(async () => {
  await h.close();
});

const PAGES = { admin: 'ai-clearance-admin', queues: 'ai-clearance-queues', portal: 'ai-clearance-request-panel' };
const call = (page: keyof typeof PAGES, functionName: string, payload: unknown, who?: keyof typeof IDS) =>
  h.sb.forge.invokeResolver({
    moduleKey: PAGES[page],
    functionName,
    payload,
    ...(who ? { accountId: IDS[who] } : {}),
    ...(page === 'portal'
      ? {
          accountType: 'customer',
          extension: { portal: { id: 1 }, request: { typeId: h.requestTypes.requestAiAccess } },
        }
      : {}),
  }) as Promise<any>;
const codeOf = async (answer: Promise<any>): Promise<unknown> => (await answer).error?.code;

it('BAD_REQUEST for a payload that does not parse, naming the field, on every page', async () => {
  const answers = await Promise.all([
    call('admin', 'catalog.suspend', { toolId: 'deepl-pro' }, 'admin'),
    call('queues', 'approvals.decide', { request: 'AIC-1', action: 'approve-all' }, 'agent'),
    call('portal', 'portal.act', { request: 'AIC-1', action: 'delete' }, 'alice'),
  ]);
  expect(answers.map((a) => a.error.code)).toEqual(['BAD_REQUEST', 'BAD_REQUEST', 'BAD_REQUEST']);
  expect(answers.map((a) => a.error.message)).toEqual([
    expect.stringMatching(/reason/),
    expect.stringMatching(/action/),
    expect.stringMatching(/action/),
  ]);
});

it('UNAUTHENTICATED on the queue page and the portal without a signed-in person; FORBIDDEN on the admin page', async () => {
  expect(await codeOf(call('queues', 'approvals.list', {}))).toBe('UNAUTHENTICATED');
  expect(await codeOf(call('portal', 'portal.tools', {}))).toBe('UNAUTHENTICATED');
  expect(await codeOf(call('admin', 'catalog.list', {}))).toBe('FORBIDDEN');
});

it("the use cases' own codes: a request that is not there, a tool that is not in the catalog, access not held", async () => {
  expect(await codeOf(call('queues', 'approvals.get', { request: 'AIC-99999' }, 'agent'))).toBe('REQUEST_NOT_FOUND');
  expect(await codeOf(call('admin', 'catalog.approve', { toolId: 'no-such-tool' }, 'admin'))).toBe(
    'CATALOG_UNKNOWN_TOOL',
  );
  const r = h.fileViaPanel('alice', { toolId: 'claude-for-work', purpose: PURPOSE, days: 30 });
  await h.settle();
  expect(await codeOf(call('portal', 'portal.act', { request: r.issueKey, action: 'do_not_renew' }, 'alice'))).toBe(
    'GRANT_NOT_LIVE',
  );
  expect(await codeOf(call('portal', 'portal.act', { request: r.issueKey, action: 'cancel' }, 'bob'))).toBe(
    'REQUEST_NOT_FOUND',
  );
});
