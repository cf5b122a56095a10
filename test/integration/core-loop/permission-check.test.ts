// One permission check for the admin page and the queue page: Jira saying no is FORBIDDEN; Jira unable to
// answer (429, 5xx — the sandbox's fault controls) is TRY_AGAIN, "nothing was changed", on both pages.
import { IDS, makeCoreHarness, type CoreHarness } from './harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await makeCoreHarness();
});
afterAll(async () => {
  await h.close();
});
afterEach(() => h.sb.faults.reset());

const call = (moduleKey: string, functionName: string, who: keyof typeof IDS, payload: unknown = {}) =>
  h.sb.forge.invokeResolver({ moduleKey, functionName, payload, accountId: IDS[who] }) as Promise<any>;
const adminPage = (functionName: string, who: keyof typeof IDS, payload?: unknown) =>
  call('ai-clearance-admin', functionName, who, payload);
const queuePage = (functionName: string, who: keyof typeof IDS, payload?: unknown) =>
  call('ai-clearance-queues', functionName, who, payload);

async function statusOf(toolId: string): Promise<string> {
  const { entries } = await adminPage('catalog.list', 'admin', { q: toolId });
  return (entries as Array<{ id: string; status: string }>).find((e) => e.id === toolId)!.status;
}

describe.each([
  ['429', { rate429: 1 }],
  ['5xx', { rate5xx: 1 }],
])('Jira answering %s to the permission check', (_name, jira) => {
  it('the admin page answers TRY_AGAIN and changes nothing', async () => {
    const { entries } = await adminPage('catalog.list', 'admin', { status: 'requestable' });
    const toolId = (entries as Array<{ id: string }>)[0].id;
    h.sb.faults.configure({ jira });
    const res = await adminPage('catalog.suspend', 'admin', { toolId, reason: 'vendor breach' });
    h.sb.faults.reset();
    expect(res.error).toMatchObject({ code: 'TRY_AGAIN' });
    expect(res.error.message).toMatch(/nothing was changed/);
    expect(await statusOf(toolId)).toBe('requestable');
  });

  it('the queue page answers TRY_AGAIN', async () => {
    h.sb.faults.configure({ jira });
    const res = await queuePage('approvals.list', 'agent');
    h.sb.faults.reset();
    expect(res.error).toMatchObject({ code: 'TRY_AGAIN' });
    expect(res.error.message).toMatch(/nothing was changed/);
  });
});

it('Jira saying no is FORBIDDEN on both pages', async () => {
  expect((await adminPage('catalog.list', 'alice')).error.code).toBe('FORBIDDEN');
  expect((await queuePage('approvals.list', 'alice')).error.code).toBe('FORBIDDEN');
});

it('Jira saying yes lets the call through on both pages', async () => {
  expect((await adminPage('catalog.list', 'admin')).entries.length).toBeGreaterThan(0);
  expect((await queuePage('approvals.list', 'agent')).items).toEqual(expect.any(Array));
});
