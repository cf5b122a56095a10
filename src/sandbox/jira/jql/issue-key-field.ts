// key / issuekey / issue / id: one Jira field. An operand is an issue key (compared
// case-insensitively; > and < compare the number within the key's project, as Jira
// does) or a numeric issue id. An unknown key is a 400 in Jira; the engine sees no
// issue list at compile time, so here it simply matches nothing.
import type { JqlCompileContext } from './catalog';
import { OPS, relation, type FieldModel, type Op, type RelOp } from './field-model';
import { fail, msg } from './messages';
import type { Atom } from './operands';
import { plainValue } from './operands';
import type { JqlIssueView } from './types';

type Ref = { kind: 'id'; id: number } | { kind: 'key'; project: string; num: number };

const KEY = /^([A-Za-z][A-Za-z0-9_]*)-(\d+)$/;

function parseRef(atom: Atom, field: string): Ref {
  const v = plainValue(atom, field).trim();
  if (/^\d+$/.test(v)) return { kind: 'id', id: Number(v) };
  const m = KEY.exec(v);
  if (!m) fail(msg.invalidIssueKey(v, field));
  return { kind: 'key', project: m[1].toUpperCase(), num: Number(m[2]) };
}

function keyParts(issue: JqlIssueView): { project: string; num: number } {
  const m = KEY.exec(issue.key);
  return m ? { project: m[1].toUpperCase(), num: Number(m[2]) } : { project: issue.key.toUpperCase(), num: 0 };
}

export function issueKeyField(name: string, _ctx: JqlCompileContext): FieldModel {
  const ops = new Set<Op>([...OPS.ordered].filter((o) => o !== 'is' && o !== 'is not'));
  return {
    name,
    ops,
    isEmpty: () => false,
    equals(atom) {
      const ref = parseRef(atom, name);
      if (ref.kind === 'id') return (i) => Number(i.id) === ref.id;
      return (i) => {
        const k = keyParts(i);
        return k.project === ref.project && k.num === ref.num;
      };
    },
    relate(op: RelOp, atom) {
      const ref = parseRef(atom, name);
      if (ref.kind === 'id') return (i) => relation(op, Number(i.id), ref.id);
      return (i) => {
        const k = keyParts(i);
        return k.project === ref.project && relation(op, k.num, ref.num);
      };
    },
    sortKey: (i) => {
      const k = keyParts(i);
      return [k.project, k.num];
    },
  };
}
