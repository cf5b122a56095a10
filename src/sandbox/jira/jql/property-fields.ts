// Issue entity properties: issue.property[key].a.b and the searchAlias names from
// jira:entityProperty modules. Jira indexes only the declared paths, with the
// declared type, so only those are searchable:
//   number  numeric compare          date  compared as date-times (to the second)
//   string  exact, CASE-SENSITIVE    text  `~` word search
//   user    accountId / email / name / currentUser()
// "string" is documented as "indexed as is, exact phrase only"; the sandbox takes
// that literally (no case folding), so a query relying on folding fails in tests
// rather than in production. An undeclared path is valid JQL with no index behind
// it: every issue has no value there, so it matches nothing (IS EMPTY matches all).
import type { Field } from '@atlaskit/jql-ast';
import type { JqlCompileContext } from './catalog';
import { dateTimeField, textField, userField } from './common-fields';
import { parseStoredDate } from './dates';
import { discreteField, numericField, OPS, type FieldModel } from './field-model';
import { fail, msg } from './messages';
import { numberValue, plainValue } from './operands';
import { fieldLabel } from './syntax';
import type { JqlEntityPropertyDef, JqlIssueView } from './types';

/** Leaf values at a dotted path; arrays anywhere along the way are flattened, as Jira indexes them. */
function valuesAt(root: unknown, path: readonly string[]): unknown[] {
  let current: unknown[] = [root];
  for (const step of path) {
    current = current
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .filter((v): v is Record<string, unknown> => !!v && typeof v === 'object')
      .map((o) => o[step]);
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== null && v !== undefined);
}

function propertyModel(name: string, def: JqlEntityPropertyDef, ctx: JqlCompileContext): FieldModel {
  const path = def.path.split('.');
  const leaves = (i: JqlIssueView) => valuesAt(i.properties[def.propertyKey], path);
  const strings = (i: JqlIssueView) =>
    leaves(i)
      .filter((v) => ['string', 'number', 'boolean'].includes(typeof v))
      .map(String);
  switch (def.type) {
    case 'number':
      return numericField({
        name,
        values: (i) =>
          leaves(i)
            .map((v) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN))
            .filter((n) => Number.isFinite(n)),
        operand: (a) => numberValue(a, name),
      });
    case 'date':
      return dateTimeField(name, (i) => leaves(i).map(parseStoredDate).filter((n): n is number => n !== undefined), ctx);
    case 'user':
      return userField(name, (i) => leaves(i).filter((v): v is string => typeof v === 'string'), ctx);
    case 'text':
      return textField(name, strings, { sortable: true });
    case 'string':
      return discreteField<string>({
        name,
        values: strings,
        operand(atom) {
          const v = plainValue(atom, name);
          return (s) => s === v;
        },
        sortKey: (i) => strings(i)[0],
      });
  }
}

/** Valid JQL, nothing indexed: always empty. Operands are still checked (functions, lists). */
function undeclared(name: string): FieldModel {
  const none = () => () => false;
  return { name, ops: OPS.all, isEmpty: () => true, equals: none, relate: none, like: none, sortKey: () => undefined };
}

/** issue.property[key].path, or undefined when the field has no property part. */
export function propertyField(field: Field, ctx: JqlCompileContext): FieldModel | undefined {
  const props = field.properties ?? [];
  if (props.length === 0) return undefined;
  const label = fieldLabel(field);
  if (field.value.toLowerCase() !== 'issue.property') {
    fail(msg.sandbox(`Searching '${field.value}' entity properties ('${label}')`));
  }
  const prop = props[0]!;
  if (props.length > 1 || !prop.key) fail(msg.unknownField(label));
  const path = (prop.path ?? []).map((a) => a.value).join('').replace(/^\./, '');
  const def = ctx.entityProperties.find((d) => d.propertyKey === prop.key!.value && d.path === path);
  return def ? propertyModel(label, def, ctx) : undeclared(label);
}

/** A searchAlias used as a field name (aicStatus = active). */
export function aliasField(name: string, ctx: JqlCompileContext): FieldModel | undefined {
  const def = ctx.entityProperties.find((d) => d.searchAlias !== undefined && d.searchAlias.toLowerCase() === name.toLowerCase());
  return def ? propertyModel(name, def, ctx) : undefined;
}
