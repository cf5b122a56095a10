// Issue entity properties: issue.property[key].a.b and the searchAlias names from
// jira:entityProperty modules. Jira indexes only the declared paths, with the
// declared type, so only those are searchable — and only with what the module's
// documentation promises per type
// (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-entity-property/
// › "JQL examples by type"; docs/platform-contract.md JQL-2..JQL-6):
//   number  = != > >= < <=, ORDER BY
//   text    ~ !~ ("does not support exact match (=) or ordering")
//   string  = != "only" (no IN, no ORDER BY), exact and CASE-SENSITIVE ("indexed as is")
//   user    = != with an account ID or currentUser()
//   date    = != > >= < <=, ORDER BY; operands "YYYY-MM-DD or an ISO 8601 date-time
//           with timezone offset"; stored values index only in the documented
//           format YYYY-MM-DD or YYYY-MM-DDThh:mm:ss(Z|±hh:mm) (JQL-1)
// Anything else (IS EMPTY, IN, relative dates, functions other than currentUser(),
// sorting a string/user/text alias) is refused with a 400: the docs do not promise
// it, so the app must not rely on it. An undeclared path is valid JQL with no index
// behind it: every issue has no value there, so it matches nothing (IS EMPTY matches all).
import type { Field } from '@atlaskit/jql-ast';
import type { JqlCompileContext } from './catalog';
import { textField } from './common-fields';
import { parseIsoDateOperand, parseIndexedPropertyDate } from './dates';
import { discreteField, numericField, OPS, type FieldModel, type Op } from './field-model';
import { fail, msg } from './messages';
import { numberValue, plainValue, type Atom } from './operands';
import { fieldLabel } from './syntax';
import type { JqlEntityPropertyDef, JqlIssueView } from './types';

/** Leaf values at a dotted path; arrays anywhere along the way are flattened, as Jira indexes them. */
function valuesAt(root: unknown, path: readonly string[]): unknown[] {
  let current: unknown[] = [root];
  for (const step of path) {
    current = current
      .flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v]))
      .filter((v): v is Record<string, unknown> => !!v && typeof v === 'object')
      .map((o) => o[step]);
  }
  return current
    .flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v]))
    .filter((v) => v !== null && v !== undefined);
}

/** The operators the entity-property docs promise per type. */
const EXACT = new Set<Op>(['=', '!=']);
const COMPARE = new Set<Op>(['=', '!=', '>', '>=', '<', '<=']);
const WORDS = new Set<Op>(['~', '!~']);

function propertyDate(atom: Atom, name: string): number {
  if (atom.kind === 'function') fail(msg.undocumentedForProperty(`the function '${atom.name}()'`, name));
  const ms = parseIsoDateOperand(atom.value);
  if (ms === undefined) fail(msg.invalidPropertyDate(atom.value, name));
  return ms;
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
        ops: COMPARE,
        values: (i) =>
          leaves(i)
            .map((v) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN))
            .filter((n) => Number.isFinite(n)),
        operand: (a) => numberValue(a, name),
      });
    case 'date':
      // Indexed to the second (the documented format has no fractions).
      return numericField({
        name,
        ops: COMPARE,
        values: (i) =>
          leaves(i)
            .map(parseIndexedPropertyDate)
            .filter((n): n is number => n !== undefined),
        operand: (a) => propertyDate(a, name),
        normalize: (ms) => Math.floor(ms / 1000) * 1000,
      });
    case 'user':
      return discreteField<string>({
        name,
        ops: EXACT,
        values: (i) => leaves(i).filter((v): v is string => typeof v === 'string'),
        operand(atom) {
          if (atom.kind === 'function') {
            if (atom.name !== 'currentUser') fail(msg.functionInvalidForField(atom.name, name));
            const me = ctx.currentAccountId;
            return me ? (v) => v === me : null;
          }
          // "The expected value is an Atlassian account ID": no lookup by email or name.
          return (v) => v === atom.value;
        },
      });
    case 'text':
      return textField(name, strings, { ops: WORDS });
    case 'string':
      return discreteField<string>({
        name,
        ops: EXACT,
        values: strings,
        operand(atom) {
          const v = plainValue(atom, name);
          return (s) => s === v;
        },
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
  const prop = props[0];
  if (props.length > 1 || !prop.key) fail(msg.unknownField(label));
  const path = (prop.path ?? [])
    .map((a) => a.value)
    .join('')
    .replace(/^\./, '');
  const def = ctx.entityProperties.find((d) => d.propertyKey === prop.key!.value && d.path === path);
  return def ? propertyModel(label, def, ctx) : undeclared(label);
}

/** A searchAlias used as a field name (aicStatus = active). */
export function aliasField(name: string, ctx: JqlCompileContext): FieldModel | undefined {
  const def = ctx.entityProperties.find(
    (d) => d.searchAlias !== undefined && d.searchAlias.toLowerCase() === name.toLowerCase(),
  );
  return def ? propertyModel(name, def, ctx) : undefined;
}
