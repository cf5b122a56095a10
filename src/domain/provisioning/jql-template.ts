// JQL in queue templates is portable: fields are named by template ref and
// statuses by meaning, so the same template works on any site. Placeholders:
//   {field:aiTool}        → cf[10042] (the id this site gave the field)
//   {statuses:pending}    → ("Waiting for approval", "Pending")
//   {project}             → AIC
import type { StatusMeaning } from './desired';

const PLACEHOLDER = /\{(?:(field|statuses):([A-Za-z][A-Za-z0-9_-]*)|(project))\}/g;

export type JqlPlaceholder =
  { kind: 'field'; ref: string } | { kind: 'statuses'; meaning: string } | { kind: 'project' };

export function placeholdersIn(jql: string): Array<JqlPlaceholder & { offset: number }> {
  const out: Array<JqlPlaceholder & { offset: number }> = [];
  for (const m of jql.matchAll(PLACEHOLDER)) {
    const offset = m.index ?? 0;
    if (m[3]) out.push({ kind: 'project', offset });
    else if (m[1] === 'field') out.push({ kind: 'field', ref: m[2], offset });
    else out.push({ kind: 'statuses', meaning: m[2], offset });
  }
  return out;
}

export interface JqlRenderContext {
  projectKey: string;
  /** The JQL clause name for a field ref: cf[10042] when the id is known, the quoted name otherwise. */
  fieldClause(ref: string): string;
  statuses(meaning: StatusMeaning): string[];
}

export function quoteJqlString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Turns customfield_10042 into cf[10042], the JQL name that survives renames and duplicate names. */
export function cfClause(fieldId: string): string {
  const m = /^customfield_(\d+)$/.exec(fieldId);
  return m ? `cf[${m[1]}]` : fieldId;
}

export function renderJqlTemplate(jql: string, ctx: JqlRenderContext): string {
  return jql.replace(
    PLACEHOLDER,
    (_all, kind: string | undefined, name: string | undefined, project: string | undefined) => {
      if (project) return quoteIfNeeded(ctx.projectKey);
      if (kind === 'field') return ctx.fieldClause(name!);
      return `(${ctx
        .statuses(name as StatusMeaning)
        .map(quoteJqlString)
        .join(', ')})`;
    },
  );
}

function quoteIfNeeded(key: string): string {
  return /^[A-Za-z][A-Za-z0-9_]*$/.test(key) ? key : quoteJqlString(key);
}

/** The JQL of the shared filter: the queue condition scoped to the project, plus its order. */
export function filterJql(condition: string, projectKey: string, orderBy?: string): string {
  return `project = ${quoteIfNeeded(projectKey)} AND (${condition.trim()})${orderBy ? ` ORDER BY ${orderBy.trim()}` : ''}`;
}

/** The JQL an admin pastes into a JSM queue (the queue is already scoped to its project). */
export function queueJql(condition: string, orderBy?: string): string {
  return `${condition.trim()}${orderBy ? ` ORDER BY ${orderBy.trim()}` : ''}`;
}

/**
 * Compares JQL the way a person would: whitespace, keyword case and a leading
 * `project = KEY AND` (which JSM adds to queues) do not matter.
 */
export function sameJql(a: string, b: string, projectKey: string): boolean {
  return normaliseJql(a, projectKey) === normaliseJql(b, projectKey);
}

export function normaliseJql(jql: string, projectKey: string): string {
  let s = collapse(jql);
  const key = projectKey.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const prefix = new RegExp(`^project\\s*=\\s*"?${key}"?\\s+and\\b\\s*`, 'i');
  if (prefix.test(s)) {
    s = s.replace(prefix, '');
    s = stripOuterParens(s);
  }
  return stripOuterParens(s);
}

function collapse(jql: string): string {
  // JQL names, keywords and the values of select/status/property clauses are
  // case-insensitive, so case is dropped everywhere; "simple" and simple are the
  // same value, so quotes around a plain word are dropped too.
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < jql.length; i++) {
    const c = jql[i];
    if (quote) {
      if (c === '\\' && i + 1 < jql.length) out += c + jql[++i];
      else if (c === quote) {
        out += '"';
        quote = undefined;
      } else out += c.toLowerCase();
    } else if (c === '"' || c === "'") {
      quote = c;
      out += '"';
    } else if (/\s/.test(c)) {
      if (!out.endsWith(' ')) out += ' ';
    } else out += c.toLowerCase();
  }
  return out
    .trim()
    .replace(/"([a-z0-9_.-]+)"/g, '$1')
    .replace(/\s*([(),=])\s*/g, '$1')
    .replace(/\s*(!=|<=|>=|<|>|~|!~)\s*/g, '$1');
}

/** Removes parentheses around the condition part (before ORDER BY) when they enclose all of it. */
function stripOuterParens(s: string): string {
  const m = /^(.*?)(\s*order by .*)?$/.exec(s);
  let cond = (m?.[1] ?? s).trim();
  const order = (m?.[2] ?? '').trim();
  while (cond.startsWith('(') && cond.endsWith(')') && balancedInside(cond.slice(1, -1)))
    cond = cond.slice(1, -1).trim();
  return order ? `${cond} ${order}` : cond;
}

function balancedInside(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}
