// Plans request types. The API can only create one (name, issue type,
// description, help text); its portal form fields, its portal group and any
// later edit are manual steps, each with a check against what the site says.
import { SYSTEM_FIELDS, type DesiredRequestType, type DesiredState } from './desired';
import {
  portalFieldInstructions,
  portalGroupInstructions,
  manualItem,
  requestTypeDetailInstructions,
  type PortalFieldLine,
} from './manual-steps';
import type { CheckResult, KnownIds, PlanItem } from './plan-types';
import type { ProvisioningRecord } from './record';
import type { SiteRequestType, SiteSnapshot } from './site';

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function planRequestTypes(
  desired: DesiredState,
  site: SiteSnapshot,
  record: ProvisioningRecord,
  known: KnownIds,
): PlanItem[] {
  const items: PlanItem[] = [];
  for (const rt of desired.requestTypes) {
    const recordedId = record.requestTypes[rt.ref]?.id;
    const key = `requestType:${rt.ref}`;
    const base = {
      key,
      kind: 'requestType' as const,
      ref: rt.ref,
      name: rt.name,
      ...(recordedId ? { recordedId } : {}),
    };
    const existing =
      site.requestTypes.find((r) => r.id === recordedId) ?? site.requestTypes.find((r) => same(r.name, rt.name));
    const issueType = site.project.issueTypes.find((t) => same(t.name, rt.issueType));
    if (!existing) {
      if (!issueType) {
        items.push({
          ...base,
          action: 'conflict',
          sentence: `Request type "${rt.name}" needs issue type "${rt.issueType}", which project ${desired.projectKey} does not have (it has ${site.project.issueTypes.map((t) => `"${t.name}"`).join(', ')}). Add it to the project's issue types or change issueType in its request-types/ file.`,
        });
      } else {
        items.push({
          ...base,
          action: 'create',
          sentence: `Create request type "${rt.name}" (issue type ${issueType.name}) in service desk ${site.serviceDeskId}.`,
          op: { type: 'createRequestType', requestTypeRef: rt.ref, issueTypeId: issueType.id },
        });
      }
    } else {
      known.requestTypes[rt.ref] = existing.id;
      items.push({
        ...base,
        siteId: existing.id,
        action: 'unchanged',
        sentence: `Request type "${rt.name}" (${existing.id}) exists.`,
      });
      const changes = detailChanges(rt, existing, issueType?.id);
      if (changes.length > 0) {
        const todo = `Edit request type "${rt.name}" by hand (no API): ${changes.join('; ')}.`;
        items.push(
          manualItem(
            {
              key: `requestTypeDetails:${rt.ref}`,
              kind: 'requestTypeDetails',
              ref: rt.ref,
              name: rt.name,
              siteId: existing.id,
              changes,
            },
            { status: 'fail', detail: `differs: ${changes.join('; ')}` },
            { done: todo, todo },
            requestTypeDetailInstructions(rt, desired.projectKey, changes),
          ),
        );
      }
    }
    items.push(portalFieldsItem(rt, desired, site, existing, known));
    items.push(portalGroupItem(rt, desired, site, existing));
  }
  return items;
}

function detailChanges(rt: DesiredRequestType, existing: SiteRequestType, issueTypeId: string | undefined): string[] {
  const out: string[] = [];
  if (existing.name !== rt.name) out.push(`the name to "${rt.name}"`);
  if ((existing.description ?? '') !== rt.description) out.push(`the description to "${rt.description}"`);
  if ((existing.helpText ?? '') !== rt.helpText) out.push(`the help text to "${rt.helpText}"`);
  if (issueTypeId && existing.issueTypeId !== issueTypeId)
    out.push(`the issue type to "${rt.issueType}" (recreate the request type: Jira cannot change it)`);
  return out;
}

function portalFieldsItem(
  rt: DesiredRequestType,
  desired: DesiredState,
  site: SiteSnapshot,
  existing: SiteRequestType | undefined,
  known: KnownIds,
): PlanItem {
  const lines: PortalFieldLine[] = rt.fields.map((f) => {
    const custom = desired.fields.find((d) => d.ref === f.field);
    const fieldId = custom ? known.fields[f.field] : f.field;
    return {
      name: custom?.name ?? SYSTEM_FIELDS[f.field] ?? f.field,
      fieldId,
      required: f.required,
      ...(f.label ? { label: f.label } : {}),
      ...(f.default !== undefined ? { default: f.default } : {}),
    };
  });
  let check: CheckResult;
  if (!existing) check = { status: 'pending', detail: 'runs once the request type exists' };
  else if (lines.some((l) => !l.fieldId)) check = { status: 'pending', detail: 'runs once the custom fields exist' };
  else {
    const onSite = site.portalFields[existing.id] ?? [];
    const problems: string[] = [];
    for (const l of lines) {
      const f = onSite.find((p) => p.fieldId === l.fieldId);
      if (!f) problems.push(`"${l.name}" is not on the form`);
      else if (f.required !== l.required)
        problems.push(`"${l.name}" should be ${l.required ? 'required' : 'optional'}`);
    }
    check =
      problems.length === 0
        ? { status: 'pass', detail: `all ${lines.length} fields are on the form` }
        : { status: 'fail', detail: problems.join('; ') };
  }
  return manualItem(
    {
      key: `portalFields:${rt.ref}`,
      kind: 'portalFields',
      ref: rt.ref,
      name: rt.name,
      ...(existing ? { siteId: existing.id } : {}),
      dependsOn: [`requestType:${rt.ref}`],
    },
    check,
    {
      done: `The portal form of "${rt.name}" has its fields (${check.detail}).`,
      todo: `Add the portal form fields of "${rt.name}" by hand (Jira Cloud has no API for them)${check.status === 'fail' ? `: ${check.detail}` : ''}.`,
    },
    portalFieldInstructions(rt, desired.projectKey, lines),
  );
}

function portalGroupItem(
  rt: DesiredRequestType,
  desired: DesiredState,
  site: SiteSnapshot,
  existing: SiteRequestType | undefined,
): PlanItem {
  const group = site.groups.find((g) => same(g.name, rt.portalGroup));
  let check: CheckResult;
  if (!existing) check = { status: 'pending', detail: 'runs once the request type exists' };
  else if (!group) check = { status: 'fail', detail: `there is no portal group "${rt.portalGroup}"` };
  else if (!existing.groupIds.includes(group.id))
    check = { status: 'fail', detail: `"${rt.name}" is not in portal group "${group.name}"` };
  else check = { status: 'pass', detail: `"${rt.name}" is in portal group "${group.name}"` };
  return manualItem(
    {
      key: `portalGroup:${rt.ref}`,
      kind: 'portalGroup',
      ref: rt.ref,
      name: rt.name,
      ...(existing ? { siteId: existing.id } : {}),
      dependsOn: [`requestType:${rt.ref}`],
    },
    check,
    {
      done: `${check.detail}.`,
      todo: `Put "${rt.name}" in portal group "${rt.portalGroup}" by hand (Jira Cloud has no API for it)${check.status === 'fail' ? `: ${check.detail}` : ''}.`,
    },
    portalGroupInstructions(rt, desired.projectKey, Boolean(group)),
  );
}
