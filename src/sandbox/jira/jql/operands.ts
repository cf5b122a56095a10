// Operands as the evaluator sees them: a literal value or a function call, and the
// conversions each field type applies to them (user, date, number, plain string).
// Functions are resolved at compile time against ctx (nowMs, currentAccountId), so
// a compiled query is a pure predicate.
import type { FunctionOperand, ValueOperand } from '@atlaskit/jql-ast';
import { fail, msg } from './messages';
import { endOfDay, parseDateValue, startOfDay } from './dates';
import type { JqlContext } from './types';

export type Atom =
  { kind: 'value'; value: string; text: string } | { kind: 'function'; name: string; args: string[]; text: string };

/** Functions the sandbox evaluates, with their [min, max] argument counts. */
const SUPPORTED: Record<string, [number, number]> = {
  now: [0, 0],
  currentUser: [0, 0],
  startOfDay: [0, 1],
  endOfDay: [0, 1],
};

/** Real Jira functions the sandbox cannot evaluate: reported as a sandbox gap, not as unknown. */
const JIRA_ONLY = [
  'membersOf',
  'startOfWeek',
  'endOfWeek',
  'startOfMonth',
  'endOfMonth',
  'startOfYear',
  'endOfYear',
  'currentLogin',
  'lastLogin',
  'issueHistory',
  'linkedIssues',
  'issuesWithRemoteLinksByGlobalId',
  'openSprints',
  'closedSprints',
  'futureSprints',
  'releasedVersions',
  'unreleasedVersions',
  'latestReleasedVersion',
  'earliestUnreleasedVersion',
  'componentsLeadByUser',
  'projectsLeadByUser',
  'projectsWhereUserHasPermission',
  'projectsWhereUserHasRole',
  'votedIssues',
  'watchedIssues',
  'updatedBy',
  'cascadeOption',
  'standardIssueTypes',
  'subtaskIssueTypes',
  'approver',
  'myApproval',
  'myPending',
  'pendingBy',
  'approved',
  'pending',
  'breached',
  'completed',
  'elapsed',
  'everBreached',
  'paused',
  'remaining',
  'running',
  'withinCalendarHours',
  'organizationMembers',
  'currentOrganization',
  'attachments',
  'descendantsOf',
  'childIssuesOf',
  'portfolioChildIssuesOf',
];

function lookup(names: readonly string[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return names.find((n) => n.toLowerCase() === lower);
}

export function toAtom(operand: ValueOperand | FunctionOperand): Atom {
  if (operand.operandType === 'value') return { kind: 'value', value: operand.value, text: operand.text };
  const args = operand.arguments.map((a) => a.value);
  const text = `${operand.function.value}(${operand.arguments.map((a) => a.text).join(', ')})`;
  // Jira matches function names case-insensitively; keep the canonical spelling.
  const name = lookup(Object.keys(SUPPORTED), operand.function.value);
  if (!name) {
    const jira = lookup(JIRA_ONLY, operand.function.value);
    if (jira) fail(msg.sandbox(`The function '${jira}()'`));
    fail(msg.unknownFunction(operand.function.value));
  }
  const [min, max] = SUPPORTED[name];
  if (args.length < min || args.length > max) {
    fail(msg.functionArgs(name, min === max ? String(min) : `${min}-${max}`, args.length));
  }
  return { kind: 'function', name, args, text };
}

/** A literal for fields that take no functions (status, labels, options...). */
export function plainValue(atom: Atom, field: string): string {
  if (atom.kind === 'function') fail(msg.functionInvalidForField(atom.name, field));
  return atom.value;
}

/** A user operand to an accountId; null when currentUser() is used anonymously (matches nothing, like Jira). */
export function userValue(atom: Atom, field: string, ctx: JqlContext): string | null {
  if (atom.kind === 'function') {
    if (atom.name !== 'currentUser') fail(msg.functionInvalidForField(atom.name, field));
    return ctx.currentAccountId ?? null;
  }
  const accountId = ctx.users.resolve(atom.value);
  if (accountId === undefined) fail(msg.valueDoesNotExist(atom.value, field));
  return accountId;
}

export function dateValue(atom: Atom, field: string, ctx: JqlContext): number {
  let ms: number | undefined;
  if (atom.kind === 'function') {
    if (atom.name === 'now') ms = ctx.nowMs;
    else if (atom.name === 'startOfDay') ms = startOfDay(ctx.nowMs, atom.args[0]);
    else if (atom.name === 'endOfDay') ms = endOfDay(ctx.nowMs, atom.args[0]);
    else fail(msg.functionInvalidForField(atom.name, field));
    if (ms === undefined) fail(`The argument '${atom.args[0]}' to the JQL function '${atom.name}' is invalid.`);
    return ms;
  }
  ms = parseDateValue(atom.value, ctx.nowMs);
  if (ms === undefined) fail(msg.invalidDate(atom.value, field));
  return ms;
}

export function numberValue(atom: Atom, field: string): number {
  const text = plainValue(atom, field).trim();
  const n = Number(text);
  if (text === '' || !Number.isFinite(n)) fail(msg.invalidNumber(text, field));
  return n;
}
