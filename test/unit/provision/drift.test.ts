import { drift } from '../../../src/domain/provisioning/drift';
import { plan } from '../../../src/domain/provisioning/plan';
import { emptyRecord, type ProvisioningRecord } from '../../../src/domain/provisioning/record';
import { convergedSite, desired, emptySite } from './site-factory';

const record: ProvisioningRecord = {
  ...emptyRecord(),
  projectKey: 'AIC',
  fields: { riskLevel: { id: 'customfield_20005', name: 'Risk level', contextId: '105' } },
  filters: { escalated: { id: '503', name: 'AI Clearance: Escalated AI access requests', jql: 'x' } },
};

describe('drift', () => {
  it('is empty when the site matches and every manual step checks out', () => {
    expect(drift(plan(desired, convergedSite(), record))).toEqual({ projectKey: 'AIC', drifted: false, items: [] });
  });

  it('says "deleted" for what the record says was provisioned, and reports the field alone (not its context and options)', () => {
    const site = convergedSite();
    site.fields = site.fields.filter((f) => f.id !== 'customfield_20005');
    site.filters = site.filters.filter((f) => f.id !== '503');
    const report = drift(plan(desired, site, record));
    expect(report.items).toEqual([
      {
        key: 'field:riskLevel',
        kind: 'deleted',
        name: 'Risk level',
        sentence:
          'Custom field "Risk level" (customfield_20005) was provisioned but is gone from Jira; apply recreates it.',
      },
      {
        key: 'filter:escalated',
        kind: 'deleted',
        name: 'AI Clearance: Escalated AI access requests',
        sentence:
          'Shared filter "AI Clearance: Escalated AI access requests" (503) was provisioned but is gone from Jira; apply recreates it.',
      },
    ]);
  });

  it('says "missing" for what was never provisioned', () => {
    const report = drift(plan(desired, emptySite()));
    expect(report.drifted).toBe(true);
    expect(report.items.find((i) => i.key === 'field:aiTool')).toMatchObject({
      kind: 'missing',
      sentence: 'Custom field "AI tool" is not on the site; apply creates it.',
    });
    expect(report.items.some((i) => i.key === 'fieldContext:aiTool')).toBe(false);
  });

  it('reports a changed filter, a missing option context and a queue whose JQL differs', () => {
    const site = convergedSite();
    site.filters[0].jql = 'project = AIC';
    site.contexts['customfield_20005'] = [];
    site.queues[4].jql = 'aicStatus = "active"';
    const kinds = drift(plan(desired, site, record)).items.map((i) => [i.key, i.kind]);
    expect(kinds).toEqual([
      ['fieldContext:riskLevel', 'deleted'], // its options go with it: not reported twice
      ['filter:pendingRequests', 'changed'],
      ['queue:activeByTool', 'manual'],
    ]);
  });
});

describe('drift: screens', () => {
  it('reports a field taken off the edit screen', () => {
    const site = convergedSite();
    const edit = site.screens!.find((s) => s.id === '10003')!;
    edit.tabs[0].fieldIds = edit.tabs[0].fieldIds.filter((f) => f !== 'customfield_20000');
    const report = drift(plan(desired, site));
    expect(report.items).toEqual([
      {
        key: 'screenField:10003:aiTool',
        kind: 'missing',
        name: 'AI tool on AIC: Service Request Edit Screen',
        sentence:
          'Custom field "AI tool" is not on screen "AIC: Service Request Edit Screen" (edit Service Request): Jira refuses to set a field that is not on the screen; apply adds it.',
      },
    ]);
  });
});
