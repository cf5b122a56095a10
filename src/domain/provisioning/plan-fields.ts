// Plans custom fields, their AI Clearance context and the options the
// templates own. Fields are found by recorded id first, then by name, so a
// lost record or a half-finished apply never creates a second field.
import type { DesiredField, DesiredState } from './desired';
import type { KnownIds, PlanItem } from './plan-types';
import type { ProvisioningRecord } from './record';
import type { SiteField, SiteSnapshot } from './site';

const short = (type: string) => type.replace(/^com\.atlassian\.jira\.plugin\.system\.customfieldtypes:/, '');
const same = (a: string | undefined, b: string | undefined) =>
  (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

export function planFields(
  desired: DesiredState,
  site: SiteSnapshot,
  record: ProvisioningRecord,
  known: KnownIds,
): PlanItem[] {
  const items: PlanItem[] = [];
  for (const field of desired.fields) {
    const recordedId = record.fields[field.ref]?.id;
    const match = matchField(field, site.fields, recordedId);
    const key = `field:${field.ref}`;
    const base = {
      key,
      kind: 'field' as const,
      ref: field.ref,
      name: field.name,
      ...(recordedId ? { recordedId } : {}),
    };
    if (match.kind === 'conflict') {
      items.push({ ...base, action: 'conflict', sentence: match.sentence });
      continue;
    }
    if (match.kind === 'none') {
      items.push({
        ...base,
        action: 'create',
        sentence: `Create custom field "${field.name}" (${short(field.type)}, searchable with ${short(field.searcherKey)}).`,
        op: { type: 'createField', fieldRef: field.ref },
      });
      items.push(...planContextAndOptions(field, desired, site, record, known, undefined, key));
      continue;
    }
    const existing = match.field;
    known.fields[field.ref] = existing.id;
    const changes: string[] = [];
    if (existing.name !== field.name) changes.push(`name "${existing.name}" → "${field.name}"`);
    if (existing.description !== undefined && (existing.description ?? '') !== field.description)
      changes.push('description');
    if (existing.searcherKey !== undefined && existing.searcherKey !== field.searcherKey)
      changes.push(`searcher ${short(existing.searcherKey ?? 'none')} → ${short(field.searcherKey)}`);
    items.push(
      changes.length > 0
        ? {
            ...base,
            siteId: existing.id,
            action: 'update',
            changes,
            sentence: `Update custom field "${field.name}" (${existing.id}): ${changes.join(', ')}.`,
            op: { type: 'updateField', fieldRef: field.ref, fieldId: existing.id },
          }
        : {
            ...base,
            siteId: existing.id,
            action: 'unchanged',
            sentence: `Custom field "${field.name}" (${existing.id}) is as the template says.`,
          },
    );
    items.push(...planContextAndOptions(field, desired, site, record, known, existing.id, key));
  }
  return items;
}

type FieldMatch = { kind: 'found'; field: SiteField } | { kind: 'none' } | { kind: 'conflict'; sentence: string };

function matchField(field: DesiredField, fields: SiteField[], recordedId: string | undefined): FieldMatch {
  const byId = recordedId ? fields.find((f) => f.id === recordedId && f.type === field.type) : undefined;
  if (byId) return { kind: 'found', field: byId };
  const named = fields.filter((f) => same(f.name, field.name));
  const sameType = named.filter((f) => f.type === field.type);
  if (sameType.length === 1) return { kind: 'found', field: sameType[0] };
  if (sameType.length > 1) {
    return {
      kind: 'conflict',
      sentence: `${sameType.length} custom fields are named "${field.name}" (${sameType.map((f) => f.id).join(', ')}); JQL cannot tell them apart. Delete or rename all but one in Jira (Settings → Issues → Custom fields), then plan again.`,
    };
  }
  if (named.length > 0) {
    return {
      kind: 'conflict',
      sentence: `A custom field named "${field.name}" exists with type ${short(named[0].type ?? 'unknown')} (${named[0].id}), not ${short(field.type)}; Jira cannot change a field's type. Rename that field in Jira or change the name in templates/fields.yml.`,
    };
  }
  return { kind: 'none' };
}

function planContextAndOptions(
  field: DesiredField,
  desired: DesiredState,
  site: SiteSnapshot,
  record: ProvisioningRecord,
  known: KnownIds,
  fieldId: string | undefined,
  fieldKey: string,
): PlanItem[] {
  const ctxName = desired.fieldContext.name;
  const scope = desired.fieldContext.scope === 'project' ? `project ${desired.projectKey}` : 'all projects';
  const ctxKey = `fieldContext:${field.ref}`;
  const recordedCtx = record.fields[field.ref]?.contextId;
  const contexts = fieldId ? (site.contexts[fieldId] ?? []) : [];
  const ctx = contexts.find((c) => c.id === recordedCtx) ?? contexts.find((c) => same(c.name, ctxName));
  const items: PlanItem[] = [];
  const ctxBase = {
    key: ctxKey,
    kind: 'fieldContext' as const,
    ref: field.ref,
    name: `${field.name} / ${ctxName}`,
    ...(recordedCtx ? { recordedId: recordedCtx } : {}),
  };
  if (ctx) {
    known.contexts[field.ref] = ctx.id;
    items.push({
      ...ctxBase,
      siteId: ctx.id,
      action: 'unchanged',
      sentence: `Field "${field.name}" has its context "${ctx.name}" (${ctx.id}).`,
    });
  } else {
    items.push({
      ...ctxBase,
      action: 'create',
      sentence: `Create context "${ctxName}" on field "${field.name}" for ${scope}${field.options.source === 'catalog' ? ' (its options are kept in sync with the catalog, not here)' : ''}.`,
      op: { type: 'createContext', fieldRef: field.ref },
      dependsOn: [fieldKey],
    });
  }
  if (field.options.source !== 'template') return items;

  const optKey = `fieldOptions:${field.ref}`;
  const optBase = { key: optKey, kind: 'fieldOptions' as const, ref: field.ref, name: `${field.name} options` };
  const siteOptions = ctx ? (site.options[ctx.id] ?? []) : [];
  const missing: string[] = [];
  const disabled: Array<{ id: string; value: string }> = [];
  for (const { value } of field.options.values) {
    const found = siteOptions.find((o) => same(o.value, value));
    if (!found) missing.push(value);
    else if (found.disabled) disabled.push({ id: found.id, value: found.value });
  }
  if (missing.length > 0) {
    items.push({
      ...optBase,
      action: 'create',
      sentence: `Add option${missing.length > 1 ? 's' : ''} ${missing.map((v) => `"${v}"`).join(', ')} to field "${field.name}".`,
      op: { type: 'createOptions', fieldRef: field.ref, values: missing },
      dependsOn: [ctxKey],
    });
  }
  if (disabled.length > 0) {
    items.push({
      ...optBase,
      key: `${optKey}:enable`,
      ...(ctx ? { siteId: ctx.id } : {}),
      action: 'update',
      changes: disabled.map((o) => `enable "${o.value}"`),
      sentence: `Re-enable option${disabled.length > 1 ? 's' : ''} ${disabled.map((o) => `"${o.value}"`).join(', ')} of field "${field.name}" (disabled in Jira).`,
      op: { type: 'enableOptions', fieldRef: field.ref, options: disabled },
      dependsOn: [ctxKey],
    });
  }
  if (missing.length === 0 && disabled.length === 0) {
    items.push({
      ...optBase,
      ...(ctx ? { siteId: ctx.id } : {}),
      action: 'unchanged',
      sentence: `Field "${field.name}" has all ${field.options.values.length} options.`,
    });
  }
  return items;
}
