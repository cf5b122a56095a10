// Drift: where the site no longer matches the templates, derived from a plan.
// An item the record says was provisioned but is gone is "deleted"; a changed
// one is "changed"; one never provisioned is "missing"; a manual step whose
// check fails is "manual" (e.g. a queue's JQL differs from the template).
import type { Plan, PlanItem } from './plan-types';

export type DriftKind = 'deleted' | 'changed' | 'missing' | 'manual' | 'conflict';

export interface DriftItem {
  key: string;
  kind: DriftKind;
  name: string;
  sentence: string;
}

export interface DriftReport {
  projectKey: string;
  drifted: boolean;
  items: DriftItem[];
}

export function drift(plan: Plan): DriftReport {
  // A context or option of a field that is itself missing adds nothing: report the field.
  const creating = new Set(plan.items.filter((i) => i.action === 'create').map((i) => i.key));
  const items = plan.items.flatMap((i): DriftItem[] => {
    if (i.action === 'create' && (i.dependsOn ?? []).some((k) => creating.has(k))) return [];
    const d = driftOf(i);
    return d ? [{ key: i.key, kind: d.kind, name: i.name, sentence: d.sentence }] : [];
  });
  return { projectKey: plan.projectKey, drifted: items.length > 0, items };
}

function driftOf(i: PlanItem): { kind: DriftKind; sentence: string } | undefined {
  const what = describe(i);
  switch (i.action) {
    case 'unchanged':
      return undefined;
    case 'create':
      if (i.kind === 'screenField')
        return {
          kind: 'missing',
          sentence: `${i.sentence.replace(/^Add custom field (".*?") to (screen .*), tab .*$/, 'Custom field $1 is not on $2')}: Jira refuses to set a field that is not on the screen; apply adds it.`,
        };
      if (i.recordedId)
        return {
          kind: 'deleted',
          sentence: `${what} (${i.recordedId}) was provisioned but is gone from Jira; apply recreates it.`,
        };
      return { kind: 'missing', sentence: `${what} is not on the site; apply creates it.` };
    case 'update':
      return {
        kind: 'changed',
        sentence: `${what} was changed in Jira (${(i.changes ?? []).join('; ')}); apply puts it back.`,
      };
    case 'conflict':
      return { kind: 'conflict', sentence: i.sentence };
    case 'manual':
      if (!i.manual || i.manual.check.status !== 'fail') return undefined;
      return {
        kind: 'manual',
        sentence: `${what}: ${i.manual.check.detail} (a manual step; see the plan for what to do).`,
      };
  }
}

function describe(i: PlanItem): string {
  switch (i.kind) {
    case 'field':
      return `Custom field "${i.name}"`;
    case 'fieldContext':
      return `Field context "${i.name}"`;
    case 'fieldOptions':
      return `Options of "${i.name.replace(/ options$/, '')}"`;
    case 'filter':
      return `Shared filter "${i.name}"`;
    case 'requestType':
      return `Request type "${i.name}"`;
    case 'requestTypeDetails':
      return `Details of request type "${i.name}"`;
    case 'portalFields':
      return `Portal form of "${i.name}"`;
    case 'portalGroup':
      return `Portal group of "${i.name}"`;
    case 'queue':
      return `JSM queue "${i.name}"`;
    case 'screenField':
      return `Field placement "${i.name}"`;
    case 'screens':
      return 'Screens of the request issue types';
    case 'workflowStatuses':
      return 'Workflow mapping';
  }
}
