// Custom fields, by name ("Grant status") or cf[10010]. Values are read as Jira
// returns them (types.ts: select {id,value}, multiselect [{id,value}], number,
// datetime ISO string, user {accountId}, text string) and compared per schema type.
import type { JqlCompileContext } from './catalog';
import { dateField, dateTimeField, textField, userField } from './common-fields';
import { parseStoredDate } from './dates';
import { ci, discreteField, numericField, type FieldModel } from './field-model';
import { fail, msg } from './messages';
import { numberValue, plainValue } from './operands';
import type { JqlFieldDef, JqlIssueView } from './types';

interface OptionValue {
  id: string;
  value: string;
}

function asOption(v: unknown): OptionValue | undefined {
  if (typeof v === 'string') return { id: '', value: v };
  if (v && typeof v === 'object' && 'value' in v && typeof v.value === 'string') {
    const o = v as { id?: unknown; value: string };
    return { id: typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : '', value: o.value };
  }
  return undefined;
}

function raw(issue: JqlIssueView, def: JqlFieldDef): unknown {
  return issue.customFields[def.id];
}

function list(v: unknown): unknown[] {
  if (v === null || v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** select and multiselect: option value (case-insensitive) or option id. */
function optionField(name: string, def: JqlFieldDef, ctx: JqlCompileContext): FieldModel {
  const known = ctx.catalog?.fieldOptions?.[def.id];
  const values = (i: JqlIssueView) =>
    list(raw(i, def))
      .map(asOption)
      .filter((o): o is OptionValue => !!o);
  const rank = (o: OptionValue): number | string => {
    // Jira sorts options by their configured position, not alphabetically.
    const idx = known ? known.findIndex((k) => (o.id !== '' && k.id === o.id) || ci(k.value, o.value)) : -1;
    return idx >= 0 ? idx : o.value.toLowerCase();
  };
  return discreteField<OptionValue>({
    name,
    values,
    operand(atom) {
      const v = plainValue(atom, name);
      if (known && !known.some((k) => ci(k.value, v) || k.id === v)) fail(msg.optionDoesNotExist(v, name));
      return (o) => ci(o.value, v) || (o.id !== '' && o.id === v);
    },
    sortKey(i) {
      const vs = values(i);
      if (vs.length === 0) return undefined;
      return def.schemaType === 'array' ? vs.map(rank) : rank(vs[0]);
    },
  });
}

function numbers(v: unknown): number[] {
  return list(v).filter((n): n is number => typeof n === 'number' && Number.isFinite(n));
}

function dates(v: unknown): number[] {
  return list(v)
    .map(parseStoredDate)
    .filter((n): n is number => n !== undefined);
}

function accountIds(v: unknown): string[] {
  return list(v)
    .map((u) =>
      typeof u === 'string' ? u : u && typeof u === 'object' ? (u as { accountId?: unknown }).accountId : undefined,
    )
    .filter((id): id is string => typeof id === 'string');
}

export function customFieldModel(name: string, def: JqlFieldDef, ctx: JqlCompileContext): FieldModel {
  switch (def.schemaType) {
    case 'option':
    case 'array':
      return optionField(name, def, ctx);
    case 'number':
      return numericField({ name, values: (i) => numbers(raw(i, def)), operand: (a) => numberValue(a, name) });
    case 'datetime':
      return dateTimeField(name, (i) => dates(raw(i, def)), ctx);
    case 'date':
      return dateField(name, (i) => dates(raw(i, def)), ctx);
    case 'user':
      return userField(name, (i) => accountIds(raw(i, def)), ctx);
    case 'string':
      return textField(name, (i) => list(raw(i, def)).filter((s): s is string => typeof s === 'string'), {
        sortable: true,
      });
  }
}

const CF = /^cf\[(\d+)\]$/i;

/** cf[10010] or a custom field name; undefined when the name is not a custom field. */
export function customField(name: string, ctx: JqlCompileContext): FieldModel | undefined {
  const cf = CF.exec(name.trim());
  if (cf) {
    const n = Number(cf[1]);
    const def = ctx.fields.find((f) => f.custom && (f.customId === n || f.id === `customfield_${n}`));
    if (!def) fail(msg.unknownField(name));
    return customFieldModel(name, def, ctx);
  }
  const defs = ctx.fields.filter((f) => f.custom && ci(f.name, name));
  if (defs.length > 1) {
    const ids = defs.map((d) => `cf[${d.customId ?? d.id.replace('customfield_', '')}]`).join(', ');
    fail(msg.sandbox(`The field name '${name}' matches several custom fields (${ids}); searching them together`));
  }
  return defs[0] ? customFieldModel(name, defs[0], ctx) : undefined;
}
