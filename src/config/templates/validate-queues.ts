// Rules for templates/queues.yml: unique names, placeholders that resolve, and
// JQL that Atlassian's grammar accepts — a broken queue fails the load, it is
// never sent to Jira.
import type { ConfigProblem, YamlSource } from '../yaml-source';
import { OPTIONAL_STATUS_MEANINGS, STATUS_MEANINGS, type StatusMeaning } from '../../domain/provisioning/desired';
import { placeholdersIn, queueJql, renderJqlTemplate } from '../../domain/provisioning/jql-template';
import { AI_CLEARANCE_SEARCH_ALIASES } from './entity-property';
import { jqlSyntaxProblems } from './jql-syntax';
import type { QueueEntry, WorkflowFile } from './schemas';

export interface QueueContext {
  fieldRefs: Set<string> | undefined;
  workflow: WorkflowFile | undefined;
  projectKey: string;
}

export function validateQueues(queues: QueueEntry[], src: YamlSource, ctx: QueueContext): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const refs = new Map<string, number>();
  const names = new Map<string, number>();
  queues.forEach((q, i) => {
    const at = (...p: PropertyKey[]) => ['queues', i, ...p];
    const r = refs.get(q.ref);
    if (r !== undefined) problems.push(src.problem(at('ref'), `duplicate queue ref "${q.ref}" (also queues[${r}])`));
    else refs.set(q.ref, i);
    const n = names.get(q.name.toLowerCase());
    if (n !== undefined)
      problems.push(
        src.problem(
          at('name'),
          `duplicate queue name "${q.name}" (also queues[${n}]); JSM queues and filters are matched by name`,
        ),
      );
    else names.set(q.name.toLowerCase(), i);

    const placeholderProblems = [
      ...checkPlaceholders(q.jql, ctx),
      ...(q.orderBy ? checkPlaceholders(q.orderBy, ctx) : []),
    ];
    if (placeholderProblems.length > 0) {
      problems.push(...placeholderProblems.map((m) => src.problem(at('jql'), m)));
      return;
    }
    const render = (s: string) =>
      renderJqlTemplate(s, {
        projectKey: ctx.projectKey,
        fieldClause: () => 'cf[10000]',
        statuses: (m: StatusMeaning) => ctx.workflow?.statuses[m] ?? ['Open'],
      });
    const condition = render(q.jql);
    const syntax = jqlSyntaxProblems(condition);
    if (syntax.length > 0) {
      problems.push(
        ...syntax.map((p) =>
          src.problem(
            at('jql'),
            `invalid JQL at line ${p.line}, column ${p.column} of the query: ${p.message}${excerpt(condition, p.line, p.column)}`,
          ),
        ),
      );
      return;
    }
    if (q.orderBy) {
      const full = queueJql(condition, render(q.orderBy));
      const orderProblems = jqlSyntaxProblems(full);
      if (orderProblems.length > 0)
        problems.push(
          src.problem(
            at('orderBy'),
            `invalid ORDER BY "${q.orderBy}": ${orderProblems[0].message}; write e.g. created ASC`,
          ),
        );
    }
    for (const alias of unknownAliases(`${q.jql} ${q.orderBy ?? ''}`)) {
      problems.push(
        src.problem(
          at('jql'),
          `unknown search alias "${alias}"; the aiClearance property has ${AI_CLEARANCE_SEARCH_ALIASES.join(', ')}`,
        ),
      );
    }
  });
  return problems;
}

function checkPlaceholders(jql: string, ctx: QueueContext): string[] {
  const out: string[] = [];
  for (const p of placeholdersIn(jql)) {
    if (p.kind === 'field' && ctx.fieldRefs && !ctx.fieldRefs.has(p.ref)) {
      out.push(`{field:${p.ref}} names no field in templates/fields.yml; use one of ${[...ctx.fieldRefs].join(', ')}`);
    }
    if (p.kind === 'statuses') {
      if (!(STATUS_MEANINGS as readonly string[]).includes(p.meaning))
        out.push(`{statuses:${p.meaning}} names no status meaning; use one of ${STATUS_MEANINGS.join(', ')}`);
      else if (
        ctx.workflow &&
        !ctx.workflow.statuses[p.meaning as StatusMeaning] &&
        OPTIONAL_STATUS_MEANINGS.includes(p.meaning as StatusMeaning)
      ) {
        out.push(`{statuses:${p.meaning}} is not mapped in templates/workflow.yml; map it or use another meaning`);
      }
    }
  }
  return out;
}

/** Words that look like one of our search aliases (aic + capital) but are not one: almost always a typo. */
function unknownAliases(jql: string): string[] {
  const unquoted = jql.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  const found = new Set<string>();
  for (const m of unquoted.matchAll(/\baic[A-Z][A-Za-z]*\b/g))
    if (!AI_CLEARANCE_SEARCH_ALIASES.includes(m[0])) found.add(m[0]);
  return [...found];
}

function excerpt(jql: string, line: number, column: number): string {
  const text = jql.split('\n')[line - 1] ?? '';
  if (text.length > 200) return '';
  return `\n    ${text}\n    ${' '.repeat(Math.max(0, column - 1))}^`;
}
