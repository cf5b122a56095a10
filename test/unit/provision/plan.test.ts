import { plan } from '../../../src/domain/provisioning/plan';
import { emptyRecord, type ProvisioningRecord } from '../../../src/domain/provisioning/record';
import type { PlanItem } from '../../../src/domain/provisioning/plan-types';
import { convergedSite, desired, emptySite } from './site-factory';

const byKey = (items: PlanItem[], key: string) => {
  const found = items.find((i) => i.key === key);
  if (!found) throw new Error(`no plan item ${key}; have ${items.map((i) => i.key).join(', ')}`);
  return found;
};

describe('plan: an empty service desk', () => {
  const p = plan(desired, emptySite());

  it('creates every field with its context, the template options, every filter and request type', () => {
    // 27 fields, contexts, options, filters and request types, plus 8 fields × 2 screens (create/view and edit).
    // 15 manual items: queues, portal forms and groups, the workflow's statuses and its transitions.
    expect(p.counts).toEqual({ create: 43, update: 0, unchanged: 0, manual: 15, conflict: 0 });
    expect(byKey(p.items, 'field:aiTool')).toMatchObject({
      action: 'create',
      op: { type: 'createField', fieldRef: 'aiTool' },
      sentence: 'Create custom field "AI tool" (select, searchable with multiselectsearcher).',
    });
    expect(byKey(p.items, 'fieldContext:aiTool')).toMatchObject({ action: 'create', dependsOn: ['field:aiTool'] });
    expect(byKey(p.items, 'fieldOptions:riskLevel')).toMatchObject({
      action: 'create',
      op: { type: 'createOptions', values: ['Low', 'Medium', 'High', 'Prohibited'] },
      dependsOn: ['fieldContext:riskLevel'],
    });
    expect(byKey(p.items, 'filter:pendingRequests').sentence).toBe(
      'Create shared filter "AI Clearance: Pending AI access requests" (shared with project AIC) with JQL: project = AIC AND (status in ("Waiting for approval")) ORDER BY created ASC',
    );
    expect(byKey(p.items, 'requestType:requestAiAccess')).toMatchObject({
      action: 'create',
      op: { type: 'createRequestType', issueTypeId: '10010' },
    });
  });

  it('never manages the AI tool options (the catalog sync owns them)', () => {
    expect(p.items.find((i) => i.key.startsWith('fieldOptions:aiTool'))).toBeUndefined();
    expect(byKey(p.items, 'fieldContext:aiTool').sentence).toMatch(/kept in sync with the catalog, not here/);
  });

  it('orders every item after what it depends on', () => {
    const index = new Map(p.items.map((i, n) => [i.key, n]));
    for (const item of p.items)
      for (const dep of item.dependsOn ?? []) expect(index.get(dep)).toBeLessThan(index.get(item.key)!);
  });

  it('lists the manual steps: queues with the JQL to paste, portal forms and groups waiting for apply', () => {
    // The queue JQL keeps to what jira:entityProperty documents (platform-contract.md JQL-3): OR, not IN, on string aliases.
    const queue = byKey(p.items, 'queue:manualFulfilment');
    expect(queue.manual!.check).toEqual({
      status: 'fail',
      detail: 'no queue named "AI access needing manual fulfilment" in project AIC',
    });
    expect(queue.manual!.instructions).toContain(
      '  (aicStatus = "pending_fulfilment" OR aicStatus = "fulfilment_failed") AND (aicFulfilment = "manual" OR aicFulfilment = "manual_action_required") ORDER BY updated ASC',
    );
    // A queue on a custom field waits for apply to create it.
    expect(byKey(p.items, 'queue:expiringSoon').manual!.check).toEqual({
      status: 'pending',
      detail: 'runs after apply has created the fields this queue uses',
    });
    expect(byKey(p.items, 'portalFields:requestAiAccess').manual!.check.status).toBe('pending');
    expect(byKey(p.items, 'portalGroup:requestAiAccess').manual!.instructions).toContain(
      'Under Portal groups, click + Add portal group and name it "AI tools".',
    );
    expect(p.manualOpen).toBe(13);
  });
});

describe('plan: a site that matches the templates', () => {
  it('changes nothing and every manual check passes', () => {
    const p = plan(desired, convergedSite());
    expect(p.counts).toMatchObject({ create: 0, update: 0, conflict: 0 });
    expect(p.manualOpen).toBe(0);
    expect(p.known.fields.aiTool).toBe('customfield_20000');
    expect(p.known.contexts.aiTool).toBe('100');
  });

  it('accepts a JSM queue whose JQL differs only in case, spacing, quotes and the project clause', () => {
    const site = convergedSite();
    site.queues[0].jql = 'STATUS IN ( "waiting for approval" )  order by CREATED asc';
    site.queues[1].jql = `project = "AIC" AND ${site.queues[1].jql.replace(/^project = AIC AND /, '')}`;
    expect(plan(desired, site).manualOpen).toBe(0);
  });
});

describe('plan: changes made in Jira', () => {
  it('recreates a deleted field and its context, and says the filter JQL is unaffected', () => {
    const site = convergedSite();
    site.fields = site.fields.filter((f) => f.name !== 'Risk level');
    const p = plan(desired, site);
    // The new field goes on the screens again: Jira sets only fields on the edit screen.
    expect(p.items.filter((i) => i.action === 'create').map((i) => i.key)).toEqual([
      'field:riskLevel',
      'fieldContext:riskLevel',
      'fieldOptions:riskLevel',
      'screenField:10002:riskLevel',
      'screenField:10003:riskLevel',
    ]);
  });

  it('updates a filter whose JQL was edited', () => {
    const site = convergedSite();
    site.filters[0].jql = 'project = AIC ORDER BY created';
    const item = byKey(plan(desired, site).items, 'filter:pendingRequests');
    expect(item).toMatchObject({ action: 'update', op: { type: 'updateFilter', filterId: '500' } });
    expect(item.changes).toEqual([
      'JQL "project = AIC ORDER BY created" → "project = AIC AND (status in ("Waiting for approval")) ORDER BY created ASC"',
    ]);
  });

  it('finds a renamed field by its recorded id and renames it back', () => {
    const site = convergedSite();
    site.fields[1].name = 'Purpose (old)';
    const record: ProvisioningRecord = {
      ...emptyRecord(),
      projectKey: 'AIC',
      fields: { businessPurpose: { id: 'customfield_20001', name: 'Business purpose' } },
    };
    const item = byKey(plan(desired, site, record).items, 'field:businessPurpose');
    expect(item).toMatchObject({
      action: 'update',
      siteId: 'customfield_20001',
      changes: ['name "Purpose (old)" → "Business purpose"'],
    });
  });

  it('creates the context again when it was deleted, without touching the field', () => {
    const site = convergedSite();
    site.contexts['customfield_20005'] = site.contexts['customfield_20005'].filter((c) => c.name !== 'AI Clearance');
    const p = plan(desired, site);
    expect(byKey(p.items, 'field:riskLevel').action).toBe('unchanged');
    expect(byKey(p.items, 'fieldContext:riskLevel')).toMatchObject({
      action: 'create',
      op: { type: 'createContext', fieldRef: 'riskLevel' },
    });
    expect(byKey(p.items, 'fieldOptions:riskLevel')).toMatchObject({
      action: 'create',
      op: { values: ['Low', 'Medium', 'High', 'Prohibited'] },
    });
  });

  it('adds a missing option and re-enables a disabled one, leaving extra options alone', () => {
    const site = convergedSite();
    const opts = site.options['105'];
    site.options['105'] = [...opts.filter((o) => o.value !== 'High'), { id: 'x', value: 'Extreme', disabled: false }];
    site.options['105'].find((o) => o.value === 'Low')!.disabled = true;
    const p = plan(desired, site);
    expect(byKey(p.items, 'fieldOptions:riskLevel')).toMatchObject({ action: 'create', op: { values: ['High'] } });
    expect(byKey(p.items, 'fieldOptions:riskLevel:enable')).toMatchObject({
      action: 'update',
      op: { type: 'enableOptions', options: [{ id: '50', value: 'Low' }] },
    });
  });

  it('turns request type edits into a manual step (no API) and checks portal form and group', () => {
    const site = convergedSite();
    const rt = site.requestTypes.find((r) => r.name === 'Request access to an AI tool')!;
    rt.helpText = 'old help';
    rt.groupIds = ['1'];
    site.portalFields[rt.id] = site.portalFields[rt.id]
      .filter((f) => f.fieldId !== 'customfield_20001')
      .map((f) => ({
        ...f,
        // The template leaves the days field optional (the portal panel asks for it); the site requires it.
        required: f.fieldId === 'customfield_20002' ? true : f.required,
      }));
    const items = plan(desired, site).items;
    expect(byKey(items, 'requestTypeDetails:requestAiAccess')).toMatchObject({
      action: 'manual',
      changes: [`the help text to "${desired.requestTypes.find((r) => r.ref === 'requestAiAccess')!.helpText}"`],
    });
    expect(byKey(items, 'portalFields:requestAiAccess').manual!.check).toEqual({
      status: 'fail',
      detail: '"Business purpose" is not on the form; "Access duration (days)" should be optional',
    });
    expect(byKey(items, 'portalGroup:requestAiAccess').manual!.check).toEqual({
      status: 'fail',
      detail: '"Request access to an AI tool" is not in portal group "AI tools"',
    });
  });

  it('fails the queue check when the queue JQL differs, and passes one found under another name', () => {
    const site = convergedSite();
    site.queues[0].jql = 'project = AIC AND status = Declined';
    site.queues[1].name = 'Fulfil by hand';
    const items = plan(desired, site).items;
    expect(byKey(items, 'queue:pendingRequests').manual!.check).toEqual({
      status: 'fail',
      detail:
        'queue "Pending AI access requests" (50) has JQL "project = AIC AND status = Declined", the template says "status in ("Waiting for approval") ORDER BY created ASC"',
    });
    expect(byKey(items, 'queue:pendingRequests').manual!.instructions[1]).toBe(
      'Open the queue "Pending AI access requests" → ⋯ → Edit queue.',
    );
    expect(byKey(items, 'queue:manualFulfilment').manual!.check.status).toBe('pass');
  });

  it('reports workflow statuses the site does not have', () => {
    const site = convergedSite();
    site.statuses![0].statuses = site.statuses![0].statuses.filter((s) => s !== 'Expired');
    const item = byKey(plan(desired, site).items, 'workflowStatuses:all');
    expect(item.manual!.check).toEqual({ status: 'fail', detail: 'expired → "Expired" not found' });
    expect(item.manual!.instructions[0]).toMatch(
      /^Status for "expired": none of "Expired" is in the workflow of Service Request in project AIC/,
    );
  });
});

describe('plan: conflicts it will not guess about', () => {
  it('refuses a same-named field of another type', () => {
    const site = emptySite();
    site.fields.push({
      id: 'customfield_1',
      name: 'risk level',
      type: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield',
    });
    const item = byKey(plan(desired, site).items, 'field:riskLevel');
    expect(item.action).toBe('conflict');
    expect(item.sentence).toMatch(
      /exists with type textfield \(customfield_1\), not select; Jira cannot change a field's type/,
    );
    expect(plan(desired, site).items.find((i) => i.key === 'fieldContext:riskLevel')).toBeUndefined();
  });

  it('refuses two same-named fields of the right type', () => {
    const site = emptySite();
    const type = 'com.atlassian.jira.plugin.system.customfieldtypes:float';
    site.fields.push(
      { id: 'customfield_1', name: 'Policy version', type },
      { id: 'customfield_2', name: 'Policy version', type },
    );
    expect(byKey(plan(desired, site).items, 'field:policyVersion').sentence).toMatch(
      /^2 custom fields are named "Policy version" \(customfield_1, customfield_2\)/,
    );
  });

  it('refuses a request type whose issue type the project lacks', () => {
    const site = emptySite();
    site.project.issueTypes = [{ id: '1', name: 'Task' }];
    expect(byKey(plan(desired, site).items, 'requestType:proposeAiTool')).toMatchObject({
      action: 'conflict',
      sentence: expect.stringMatching(
        /needs issue type "Service Request", which project AIC does not have \(it has "Task"\)/,
      ),
    });
  });

  it('ignores a record kept for another project', () => {
    const site = convergedSite();
    site.fields[0].name = 'Renamed';
    const record: ProvisioningRecord = {
      ...emptyRecord(),
      projectKey: 'OTHER',
      fields: { aiTool: { id: 'customfield_20000', name: 'AI tool' } },
    };
    expect(byKey(plan(desired, site, record).items, 'field:aiTool').action).toBe('create');
  });
});

describe('plan: screens', () => {
  it('places every field on every screen the request issue type uses, on its first tab', () => {
    const p = plan(desired, emptySite());
    const placements = p.items.filter((i) => i.kind === 'screenField');
    expect(placements).toHaveLength(desired.fields.length * 2);
    expect(byKey(p.items, 'screenField:10003:aiTool')).toMatchObject({
      action: 'create',
      op: { type: 'addScreenField', fieldRef: 'aiTool', screenId: '10003', tabId: '20003' },
      dependsOn: ['field:aiTool'],
      sentence:
        'Add custom field "AI tool" to screen "AIC: Service Request Edit Screen" (edit Service Request), tab "Field Tab".',
    });
  });

  it('adds a field someone took off a screen, and leaves the others', () => {
    const site = convergedSite();
    const edit = site.screens!.find((s) => s.id === '10003')!;
    edit.tabs[0].fieldIds = edit.tabs[0].fieldIds.filter((f) => f !== 'customfield_20000');
    const p = plan(desired, site);
    expect(p.items.filter((i) => i.action === 'create').map((i) => i.key)).toEqual(['screenField:10003:aiTool']);
    expect(byKey(p.items, 'screenField:10002:aiTool').action).toBe('unchanged');
  });

  it('counts a field on any tab of the screen as placed', () => {
    const site = convergedSite();
    const edit = site.screens!.find((s) => s.id === '10003')!;
    edit.tabs[0].fieldIds = edit.tabs[0].fieldIds.filter((f) => f !== 'customfield_20000');
    edit.tabs.push({ id: '20099', name: 'More', fieldIds: ['customfield_20000'] });
    expect(plan(desired, site).counts.create).toBe(0);
  });

  it('gives the manual step when the site does not list the screens', () => {
    const site = convergedSite();
    delete site.screens;
    const p = plan(desired, site);
    expect(p.items.some((i) => i.kind === 'screenField')).toBe(false);
    expect(byKey(p.items, 'screens:all')).toMatchObject({ action: 'manual', manual: { check: { status: 'pending' } } });
    expect(byKey(p.items, 'screens:all').manual!.instructions.join('\n')).toContain('"AI tool"');
  });
});

describe('plan: the workflow offers the transitions the app needs (issue 12: Jira always matches the app)', () => {
  it('passes on the sandbox workflow', () => {
    expect(byKey(plan(desired, convergedSite()).items, 'workflowExits:all').manual!.check.status).toBe('pass');
  });

  it('fails on a workflow without a way from In fulfilment to Declined or Expired, naming each missing transition and what to click', () => {
    const site = convergedSite();
    const wf = site.workflows![0];
    site.workflows = [
      {
        ...wf,
        edges: wf.edges.filter((e) => !(e.from === 'In fulfilment' && (e.to === 'Declined' || e.to === 'Expired'))),
      },
    ];
    const item = byKey(plan(desired, site).items, 'workflowExits:all');
    expect(item.manual!.check.status).toBe('fail');
    expect(item.manual!.check.detail).toContain(
      '"In fulfilment" → "Declined" missing in "AI Clearance access workflow"',
    );
    expect(item.manual!.check.detail).toContain('"In fulfilment" → "Expired"');
    expect(item.manual!.instructions[0]).toMatch(/Settings → Issues → Workflows, edit "AI Clearance access workflow"/);
    expect(item.manual!.instructions).toContain('  • from "In fulfilment" to "Declined"');
    expect(plan(desired, site).manualOpen).toBe(1);
  });

  it('is pending, with every transition to check by hand, when the site will not list its workflows', () => {
    const site = convergedSite();
    delete site.workflows;
    const item = byKey(plan(desired, site).items, 'workflowExits:all');
    expect(item.manual!.check.status).toBe('pending');
    expect(item.manual!.instructions).toContain('  • from "Waiting for approval" to "In fulfilment"');
    expect(item.manual!.instructions).toContain('  • from "In fulfilment" to "Expired"');
  });
});
