// ORDER BY -> comparator. Jira puts empty values after all others when ascending
// (and so first when descending), and uses a field's own default direction when
// none is written (descending for created/updated/resolved). Ties compare 0: the
// caller adds its own stable tie-break for paging.
import type { OrderBy } from '@atlaskit/jql-ast';
import type { JqlCompileContext } from './catalog';
import type { SortKey, SortScalar } from './field-model';
import { fail, msg } from './messages';
import { resolveField } from './resolve-field';
import { fieldLabel } from './syntax';
import type { JqlIssueView } from './types';

function compareScalar(a: SortScalar, b: SortScalar): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareKeys(a: SortKey, b: SortKey): number {
  const xs: readonly SortScalar[] = typeof a === 'object' ? a : [a];
  const ys: readonly SortScalar[] = typeof b === 'object' ? b : [b];
  for (let k = 0; k < Math.min(xs.length, ys.length); k++) {
    const c = compareScalar(xs[k], ys[k]);
    if (c !== 0) return c;
  }
  return xs.length - ys.length;
}

type Comparator = (a: JqlIssueView, b: JqlIssueView) => number;

export function compileOrderBy(orderBy: OrderBy | void, ctx: JqlCompileContext): Comparator {
  const sorters = (orderBy ? orderBy.fields : []).map((f): Comparator => {
    const model = resolveField(f.field, ctx);
    if (model.sortError) fail(model.sortError);
    const key = model.sortKey;
    if (!key) fail(msg.notSortable(fieldLabel(f.field)));
    const desc = f.direction ? f.direction.value === 'DESC' : !!model.defaultDesc;
    return (a, b) => {
      const ka = key(a);
      const kb = key(b);
      let c: number;
      if (ka === undefined || kb === undefined) c = ka === kb ? 0 : ka === undefined ? 1 : -1;
      else c = compareKeys(ka, kb);
      return desc ? -c : c;
    };
  });
  return (a, b) => {
    for (const s of sorters) {
      const c = s(a, b);
      if (c !== 0) return c;
    }
    return 0;
  };
}
