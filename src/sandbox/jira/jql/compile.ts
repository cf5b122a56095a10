// WHERE clause -> predicate. NOT is pushed down to the leaves the way Jira does it
// (De Morgan, then = <-> !=, IN <-> NOT IN, < <-> >=, ~ <-> !~, IS <-> IS NOT), which
// is why `NOT assignee = bob` never matches unassigned issues: negated operators
// never match an empty field ("!= will not match a field that has no value").
import type { Clause, KeywordOperand, Operand, TerminalClause } from '@atlaskit/jql-ast';
import type { JqlCompileContext } from './catalog';
import { NEVER, type FieldModel, type Op, type Pred } from './field-model';
import { fail, msg } from './messages';
import { toAtom } from './operands';
import { resolveField } from './resolve-field';

const NEGATE: Record<Op, Op> = {
  '=': '!=',
  '!=': '=',
  '>': '<=',
  '<=': '>',
  '<': '>=',
  '>=': '<',
  in: 'not in',
  'not in': 'in',
  is: 'is not',
  'is not': 'is',
  '~': '!~',
  '!~': '~',
};
const HISTORY = new Set(['was', 'was not', 'was in', 'was not in', 'changed']);

const isEmptyKeyword = (o: Operand): o is KeywordOperand => o.operandType === 'keyword';
const not =
  (p: Pred): Pred =>
  (i) =>
    !p(i);
const nonEmptyAnd =
  (model: FieldModel, p: Pred): Pred =>
  (i) =>
    !model.isEmpty(i) && p(i);

function describe(o: Operand): string {
  if (o.operandType === 'keyword') return 'EMPTY';
  if (o.operandType === 'value') return o.text;
  if (o.operandType === 'function') return `${o.function.value}(${o.arguments.map((a) => a.text).join(', ')})`;
  return `(${o.values.map(describe).join(', ')})`;
}

/** The positive test for one operand: EMPTY means "has no value". */
function equalsOperand(model: FieldModel, operand: Operand, op: string): Pred {
  if (isEmptyKeyword(operand)) return model.isEmpty;
  if (operand.operandType === 'list')
    fail(`Operator '${op}' does not support the list value '${describe(operand)}' for field '${model.name}'.`);
  return model.equals!(toAtom(operand));
}

function compileTerminal(clause: TerminalClause, negated: boolean, ctx: JqlCompileContext): Pred {
  const model = resolveField(clause.field, ctx);
  const operator = clause.operator;
  const operand = clause.operand;
  if (!operator || (!operand && operator.value !== 'changed')) fail('Error in the JQL Query: incomplete clause.');
  if (HISTORY.has(operator.value)) fail(msg.sandbox(`The history operator '${operator.value.toUpperCase()}'`));
  const written = operator.value as Op;
  // Validate against what was written; Jira rejects `status ~ x` even under NOT.
  if (!model.ops.has(written)) fail(msg.operatorNotSupported(written, model.name));
  const op = negated ? NEGATE[written] : written;
  const o = operand!;

  switch (op) {
    case 'is':
      return model.isEmpty;
    case 'is not':
      return not(model.isEmpty);
    case '=':
      return equalsOperand(model, o, written);
    case '!=': {
      if (isEmptyKeyword(o)) return not(model.isEmpty);
      const eq = equalsOperand(model, o, written);
      return eq === NEVER ? NEVER : nonEmptyAnd(model, not(eq));
    }
    case 'in':
    case 'not in': {
      if (o.operandType !== 'list') {
        // Unknown / sandbox-unsupported functions (membersOf) report as such first.
        if (o.operandType === 'function') toAtom(o);
        fail(msg.nonListValue(written, describe(o), model.name));
      }
      const parts = o.values.map((v) => equalsOperand(model, v, written)).filter((p) => p !== NEVER);
      const any: Pred = (i) => parts.some((p) => p(i));
      if (op === 'in') return any;
      // NOT IN (a, EMPTY) = has a value, and it is not a. Nothing left to exclude: nothing matches.
      return parts.length === 0 ? NEVER : nonEmptyAnd(model, not(any));
    }
    case '>':
    case '>=':
    case '<':
    case '<=': {
      if (isEmptyKeyword(o)) fail(msg.emptyNotSupported(written, model.name));
      if (o.operandType === 'list')
        fail(`Operator '${written}' does not support the list value '${describe(o)}' for field '${model.name}'.`);
      return model.relate!(op, toAtom(o));
    }
    case '~':
    case '!~': {
      if (isEmptyKeyword(o)) fail(msg.emptyNotSupported(written, model.name));
      if (o.operandType === 'list')
        fail(`Operator '${written}' does not support the list value '${describe(o)}' for field '${model.name}'.`);
      const like = model.like!(toAtom(o));
      return op === '~' ? like : nonEmptyAnd(model, not(like));
    }
  }
}

export function compileClause(clause: Clause, negated: boolean, ctx: JqlCompileContext): Pred {
  switch (clause.clauseType) {
    case 'not':
      return compileClause(clause.clause, !negated, ctx);
    case 'compound': {
      const parts = clause.clauses.map((c) => compileClause(c, negated, ctx));
      const and = (clause.operator.value === 'and') !== negated;
      return and ? (i) => parts.every((p) => p(i)) : (i) => parts.some((p) => p(i));
    }
    case 'terminal':
      return compileTerminal(clause, negated, ctx);
  }
}
