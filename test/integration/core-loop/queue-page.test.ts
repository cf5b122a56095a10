// The queue page's resolvers: the shared filters provisioning made, for agents only.
import { IDS, makeCoreHarness, type CoreHarness } from './harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await makeCoreHarness();
});
afterAll(async () => {
  await h.close();
});

const queuePage = (functionName: string, who: keyof typeof IDS) =>
  h.sb.forge.invokeResolver({
    moduleKey: 'ai-clearance-queues',
    functionName,
    payload: {},
    accountId: IDS[who],
  }) as Promise<any>;

it('lists one shared filter per queue template, with the filter Jira has', async () => {
  const { queues } = await queuePage('queues.list', 'agent');
  expect(queues.map((q: { name: string }) => q.name)).toEqual(
    expect.arrayContaining(['Pending AI access requests', 'AI access expiring within 14 days']),
  );
  for (const q of queues as Array<{ filterId: string; jql: string }>) {
    const filter = await h.call('admin', 'GET', `/rest/api/3/filter/${q.filterId}`);
    expect(filter.status).toBe(200);
    expect(filter.body.jql).toBe(q.jql);
  }
});

it('refuses customers', async () => {
  expect((await queuePage('queues.list', 'alice')).error.code).toBe('FORBIDDEN');
});
