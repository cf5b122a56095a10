// Field shapes shared by system, custom and entity-property fields: users, date-times,
// dates, free text. Each returns a FieldModel (see field-model.ts).
import type { JqlCompileContext } from './catalog';
import { DAY, startOfDayUtc } from './dates';
import { discreteField, numericField, OPS, type FieldModel, type Op } from './field-model';
import { fail, msg } from './messages';
import { dateValue, plainValue, userValue } from './operands';
import { compileTextQuery } from './text-match';
import type { JqlIssueView } from './types';

type Values<T> = (issue: JqlIssueView) => readonly T[];

/** accountId-valued field; operands are accountId, email, display name or currentUser(). */
export function userField(name: string, values: Values<string>, ctx: JqlCompileContext): FieldModel {
  const display = ctx.catalog?.userDisplayName;
  return discreteField<string>({
    name,
    values,
    operand(atom) {
      const id = userValue(atom, name, ctx);
      return id === null ? null : (v) => v === id;
    },
    // Jira orders users by display name; sorting by accountId would look plausible and be wrong.
    sortKey: display
      ? (i) => {
          const v = values(i)[0];
          return v === undefined ? undefined : (display(v) ?? v).toLowerCase();
        }
      : undefined,
    sortError: display
      ? undefined
      : msg.sandbox(`Sorting by the user field '${name}' without user display names (catalog.userDisplayName)`),
  });
}

/** Date-time field: Jira indexes to the second, so = compares whole seconds. */
export function dateTimeField(
  name: string,
  values: Values<number>,
  ctx: JqlCompileContext,
  opts: { defaultDesc?: boolean; ops?: ReadonlySet<Op> } = {},
): FieldModel {
  return numericField({
    name,
    values,
    ops: opts.ops,
    operand: (atom) => dateValue(atom, name, ctx),
    normalize: (ms) => Math.floor(ms / 1000) * 1000,
    defaultDesc: opts.defaultDesc,
  });
}

/** Date-picker field (no time): both sides compare as UTC calendar days. */
export function dateField(name: string, values: Values<number>, ctx: JqlCompileContext): FieldModel {
  return numericField({
    name,
    values,
    operand: (atom) => dateValue(atom, name, ctx),
    normalize: (ms) => startOfDayUtc(ms) / DAY,
  });
}

/**
 * Free-text field (`~`, `!~`, IS EMPTY). `texts` returns every text the field covers
 * (the `text` master field covers several); a query matches if one of them matches.
 */
export function textField(
  name: string,
  texts: (issue: JqlIssueView) => readonly string[],
  opts: { ops?: ReadonlySet<Op>; sortable?: boolean } = {},
): FieldModel {
  const nonEmpty = (i: JqlIssueView) => texts(i).filter((t) => t.trim() !== '');
  return {
    name,
    ops: opts.ops ?? OPS.text,
    isEmpty: (i) => nonEmpty(i).length === 0,
    like(atom) {
      const match = compileTextQuery(plainValue(atom, name), name);
      return (i) => nonEmpty(i).some(match);
    },
    sortKey: opts.sortable ? (i) => nonEmpty(i)[0]?.toLowerCase() : undefined,
  };
}

/** Resolves a name-or-id against a catalog list; unknown values are a Jira 400. */
export function catalogIds(
  list: readonly { id: string; name: string }[] | undefined,
  value: string,
  field: string,
): Set<string> | undefined {
  if (!list) return undefined;
  const ids = list.filter((e) => e.name.toLowerCase() === value.toLowerCase() || e.id === value).map((e) => e.id);
  if (ids.length === 0) fail(msg.valueDoesNotExist(value, field));
  return new Set(ids);
}

/** Sort key following the catalog's configured order, else the name. */
export function catalogSortKey(
  list: readonly { id: string; name: string }[] | undefined,
  id: string,
  name: string,
): number | string {
  const idx = list ? list.findIndex((e) => e.id === id) : -1;
  return idx >= 0 ? idx : name.toLowerCase();
}
