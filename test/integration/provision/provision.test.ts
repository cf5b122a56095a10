// Provisioning against the in-process Jira emulator: plan, apply, converge,
// drift after changes in Jira, manual steps and their checks, permissions.
import { jiraProvisioning } from '../../../src/adapters/jira/jira-api';
import { loadTemplates } from '../../../src/config/templates/load-templates';
import { applySite, driftSite, planSite, queueFilters, type ProvisionOptions } from '../../../src/usecases/provision';
import { REPO_ROOT } from '../../unit/provision/template-dir';
import { createTestSite, memoryStore, type TestSite } from './emulator-site';
import { performManualSteps } from '../../../src/sandbox/manual-steps';

const templates = loadTemplates(REPO_ROOT);
const desired = templates.desired;
let site: TestSite;
let store: ReturnType<typeof memoryStore>;
const opts = (over: Partial<ProvisionOptions> = {}): ProvisionOptions => ({
  transport: site.transport(),
  provisioning: jiraProvisioning,
  templatesDir: REPO_ROOT,
  templates,
  store,
  sleep: async () => {},
  ...over,
});
const writes = () => site.calls.filter((c) => c.method !== 'GET');
const admin = () => site.transport('admin');

beforeEach(() => {
  site = createTestSite();
  store = memoryStore();
});
afterEach(() => site.close());

describe('provisioning a fresh sandbox site', () => {
  it('plans every create plus the manual steps, writing nothing', async () => {
    const { plan } = await planSite(opts());
    // 27 fields, contexts, options, filters and request types, plus 8 fields × the 2 screens of Service Request.
    expect(plan.counts).toMatchObject({ create: 43, update: 0, conflict: 0 });
    expect(plan.items.filter((i) => i.manual).map((i) => i.kind)).toEqual(
      expect.arrayContaining(['queue', 'portalFields', 'portalGroup', 'workflowStatuses']),
    );
    expect(plan.items.find((i) => i.key === 'workflowStatuses:all')!.manual!.check.status).toBe('pass');
    // Read over GET /rest/api/3/workflow/search?expand=transitions,statuses: the sandbox workflow offers every exit.
    expect(plan.items.find((i) => i.key === 'workflowExits:all')!.manual!.check).toMatchObject({
      status: 'pass',
      detail: expect.stringContaining('"AI Clearance access workflow" offers every transition'),
    });
    expect(writes()).toEqual([]);
  });

  it('applies, records the ids, and a second plan reports zero changes', async () => {
    const result = await applySite(opts());
    expect(result.ok).toBe(true);
    expect(result.run.steps.every((s) => s.outcome === 'created')).toBe(true);
    expect(result.after!.counts).toMatchObject({ create: 0, update: 0, conflict: 0, unchanged: 43 });
    expect(Object.keys(store.record.fields).sort()).toEqual(desired.fields.map((f) => f.ref).sort());
    expect(store.record.fields.aiTool).toEqual({
      id: expect.stringMatching(/^customfield_\d+$/),
      name: 'AI tool',
      contextId: expect.any(String),
    });

    const writesAfterFirst = writes().length;
    const again = await applySite(opts());
    expect(again.run.steps).toEqual([]);
    expect(writes().length).toBe(writesAfterFirst);
    const { plan } = await planSite(opts());
    expect(plan.counts.create + plan.counts.update).toBe(0);
  });

  it('makes the shared filters usable: the project sees them and the queue page lists them', async () => {
    await applySite(opts());
    const filters = await queueFilters(store, desired);
    expect(filters).toHaveLength(desired.queues.length);
    for (const f of filters) {
      const res = await site.transport('agent').request<{ jql: string }>({
        method: 'GET',
        path: `/rest/api/3/filter/${f.filterId}`,
        query: { expand: 'jql' },
      });
      expect(res.body.jql).toBe(f.jql);
    }
  });

  it('creates the Risk level options in the app context, never the AI tool options', async () => {
    await applySite(opts());
    const risk = store.record.fields.riskLevel;
    const options = await admin().request<{ values: Array<{ value: string }> }>({
      method: 'GET',
      path: `/rest/api/3/field/${risk.id}/context/${risk.contextId}/option`,
    });
    expect(options.body.values.map((o) => o.value)).toEqual(['Low', 'Medium', 'High', 'Prohibited']);
    const tool = store.record.fields.aiTool;
    const toolOptions = await admin().request<{ values: unknown[] }>({
      method: 'GET',
      path: `/rest/api/3/field/${tool.id}/context/${tool.contextId}/option`,
    });
    expect(toolOptions.body.values).toEqual([]);
  });

  it('never duplicates when the record is lost: items are found by name', async () => {
    await applySite(opts());
    const fresh = memoryStore();
    const result = await applySite(opts({ store: fresh }));
    expect(result.run.steps).toEqual([]);
    expect(fresh.record.fields).toEqual(store.record.fields);
    expect(fresh.record.filters).toEqual(store.record.filters);
  });
});

describe('drift', () => {
  beforeEach(async () => {
    const result = await applySite(opts());
    performManualSteps(site.emulator, desired, result.after!);
  });

  it('is clean once the manual steps are done', async () => {
    const { report } = await driftSite(opts());
    expect(report).toEqual({ projectKey: 'AIC', drifted: false, items: [] });
  });

  it('reports a deleted field and filter, and apply recreates them', async () => {
    const field = store.record.fields.decisionRationale;
    const filter = store.record.filters.escalated;
    // Cloud answers 303 (see the finished task) to a field delete.
    await admin()
      .request({ method: 'DELETE', path: `/rest/api/3/field/${field.id}` })
      .catch((e: { status?: number }) => expect(e.status).toBe(303));
    await admin().request({ method: 'DELETE', path: `/rest/api/3/filter/${filter.id}` });

    const { report } = await driftSite(opts());
    expect(report.items.map((i) => [i.key, i.kind])).toEqual([
      ['field:decisionRationale', 'deleted'],
      ['filter:escalated', 'deleted'],
    ]);
    expect(report.items[0].sentence).toBe(
      `Custom field "Decision rationale" (${field.id}) was provisioned but is gone from Jira; apply recreates it.`,
    );

    const result = await applySite(opts());
    expect(result.run.steps.map((s) => [s.key, s.outcome])).toEqual([
      ['field:decisionRationale', 'created'],
      ['fieldContext:decisionRationale', 'created'],
      // The new field goes back on the screens, or Jira would refuse to set it.
      ['screenField:10002:decisionRationale', 'created'],
      ['screenField:10003:decisionRationale', 'created'],
      ['filter:escalated', 'created'],
    ]);
    expect(store.record.fields.decisionRationale.id).not.toBe(field.id);
    expect((await driftSite(opts())).report.drifted).toBe(false);
  });

  it('reports a filter whose JQL was edited, a lost option context and a disabled option; apply puts them back', async () => {
    const filter = store.record.filters.pendingRequests;
    await admin().request({
      method: 'PUT',
      path: `/rest/api/3/filter/${filter.id}`,
      body: { name: filter.name, jql: 'project = AIC ORDER BY created DESC' },
    });
    const status = store.record.fields.grantStatus;
    await admin().request({ method: 'DELETE', path: `/rest/api/3/field/${status.id}/context/${status.contextId}` });
    const risk = store.record.fields.riskLevel;
    const options = await admin().request<{ values: Array<{ id: string; value: string }> }>({
      method: 'GET',
      path: `/rest/api/3/field/${risk.id}/context/${risk.contextId}/option`,
    });
    const high = options.body.values.find((o) => o.value === 'High')!;
    await admin().request({
      method: 'PUT',
      path: `/rest/api/3/field/${risk.id}/context/${risk.contextId}/option`,
      body: { options: [{ id: high.id, disabled: true }] },
    });

    const { report } = await driftSite(opts());
    expect(report.items.map((i) => [i.key, i.kind])).toEqual([
      ['fieldContext:grantStatus', 'deleted'],
      ['fieldOptions:riskLevel:enable', 'changed'],
      ['filter:pendingRequests', 'changed'],
    ]);

    expect((await applySite(opts())).ok).toBe(true);
    expect((await driftSite(opts())).report.drifted).toBe(false);
  });

  it('reports a JSM queue whose JQL an admin changed (a manual item apply cannot fix)', async () => {
    const { body: queues } = await admin().request<{ values: Array<{ id: string; name: string }> }>({
      method: 'GET',
      path: '/rest/servicedeskapi/servicedesk/1/queue',
    });
    const queue = queues.values.find((q) => q.name === 'AI access expiring within 14 days')!;
    site.emulator.updateQueue(queue.id, { jql: 'aicStatus = "active" AND aicExpiresAt <= "2026-12-31"' });

    const { report } = await driftSite(opts());
    expect(report.items).toEqual([
      {
        key: 'queue:expiringSoon',
        kind: 'manual',
        name: 'AI access expiring within 14 days',
        sentence: expect.stringMatching(
          /has JQL "aicStatus = "active" AND aicExpiresAt <= "2026-12-31"", the template says "\(aicStatus = "active" OR aicStatus = "in_review"\) AND cf\[\d+\] <= 14d ORDER BY aicExpiresAt ASC"/,
        ),
      },
    ]);
    const { plan } = await planSite(opts());
    expect(plan.items.find((i) => i.key === 'queue:expiringSoon')!.manual!.instructions).toContain(
      'Open the queue "AI access expiring within 14 days" → ⋯ → Edit queue.',
    );
  });

  it('reports a request type taken out of its portal group', async () => {
    site.emulator.setRequestTypePortal(store.record.requestTypes.handBackAiAccess.id, { groups: ['General'] });
    const { report } = await driftSite(opts());
    expect(report.items).toEqual([expect.objectContaining({ key: 'portalGroup:handBackAiAccess', kind: 'manual' })]);
  });
});

describe('permissions', () => {
  it('refuses a non-admin with a clear error and changes nothing', async () => {
    const attempt = applySite(opts({ transport: site.transport('agent') }));
    await expect(attempt).rejects.toMatchObject({
      code: 'NEEDS_JIRA_ADMIN',
      message: expect.stringMatching(
        /needs a Jira administrator.*Nothing was changed\. \(this account lacks ADMINISTER and ADMINISTER_PROJECTS\)/,
      ),
    });
    expect(writes()).toEqual([]);
    const { body: fields } = await admin().request<Array<{ name: string }>>({
      method: 'GET',
      path: '/rest/api/3/field',
    });
    expect(fields.map((f) => f.name)).not.toContain('AI tool');
    expect(store.saves).toBe(0);
  });

  it('also refuses a customer, for plan and drift', async () => {
    await expect(planSite(opts({ transport: site.transport('alice') }))).rejects.toMatchObject({
      code: 'NEEDS_JIRA_ADMIN',
    });
    await expect(driftSite(opts({ transport: site.transport('bob') }))).rejects.toMatchObject({
      code: 'NEEDS_JIRA_ADMIN',
    });
  });

  it('names a project the site does not have', async () => {
    await expect(planSite(opts({ templates: loadTemplates(REPO_ROOT, { projectKey: 'NOPE' }) }))).rejects.toMatchObject(
      { code: 'PROJECT_NOT_FOUND', message: expect.stringMatching(/^Project NOPE was not found/) },
    );
  });
});
