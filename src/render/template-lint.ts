// Load-time checks for comment templates, so a broken or unsafe template
// fails the build/tests with file:line instead of failing on a ticket:
// front matter, no triple-stash / partials / decorators / block params, only
// allow-listed helpers with the right arity and literal arguments, and every
// variable must exist in the template's data schema.
import Handlebars from 'handlebars';
import type { $ZodType } from 'zod/v4/core';
import { HELPER_SIGNATURES } from './helpers';
import type { TemplateProblem } from './errors';
import { PRIVATE_USE } from './tokens';

import type { Audience } from './templates';
export type { Audience };

export interface TemplateSource {
  name: string;
  file: string;
  audience: Audience;
  description?: string;
  body: string;
  /** Line number in `file` where `body` starts (front matter comes before). */
  bodyLine: number;
}

/** Splits `---` front matter (audience: public|internal, description: ...) from the body. */
export function parseTemplateSource(
  name: string,
  file: string,
  text: string,
  problems: TemplateProblem[],
): TemplateSource | undefined {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0] !== '---') {
    problems.push({
      file,
      line: 1,
      message: 'template must start with front matter: ---, audience: public|internal, ---',
    });
    return undefined;
  }
  const end = lines.indexOf('---', 1);
  if (end < 0) {
    problems.push({ file, line: 1, message: 'front matter is not closed with a --- line' });
    return undefined;
  }
  const meta: Record<string, string> = {};
  for (let i = 1; i < end; i++) {
    const m = /^([a-z]+):\s*(.*)$/.exec(lines[i]);
    if (!m || !['audience', 'description'].includes(m[1])) {
      problems.push({
        file,
        line: i + 1,
        message: `unknown front matter line "${lines[i]}"; allowed keys: audience, description`,
      });
      continue;
    }
    meta[m[1]] = m[2].trim();
  }
  if (meta.audience !== 'public' && meta.audience !== 'internal') {
    problems.push({
      file,
      line: 1,
      message: `front matter needs "audience: public" (requester sees it) or "audience: internal" (agents only), got ${JSON.stringify(meta.audience ?? '')}`,
    });
    return undefined;
  }
  const src: TemplateSource = {
    name,
    file,
    audience: meta.audience,
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
  };
  if (meta.description) src.description = meta.description;
  return src;
}

/** Walks ** toggles outside of {{…}} and reports a mustache opened while bold is on. */
function mustacheInsideBold(line: string): boolean {
  let bold = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line.startsWith('{{', i)) {
      if (bold) return true;
      const end = line.indexOf('}}', i);
      if (end < 0) return false;
      i = end + 1;
    } else if (line.startsWith('**', i)) {
      bold = !bold;
      i++;
    }
  }
  return false;
}

type Zod = $ZodType;
interface Def {
  type: string;
  innerType?: Zod;
  shape?: Record<string, Zod>;
  element?: Zod;
}
const defOf = (s: Zod): Def => s._zod.def;

function unwrap(s: Zod): Zod {
  let t = s;
  for (let d = defOf(t); ['optional', 'nullable', 'default', 'readonly'].includes(d.type) && d.innerType; d = defOf(t))
    t = d.innerType;
  return t;
}

function child(s: Zod, key: string): Zod | 'leaf' | undefined {
  const d = defOf(unwrap(s));
  // Own keys only: "constructor" must not resolve to Object.prototype.constructor.
  if (d.type === 'object')
    return d.shape && Object.prototype.hasOwnProperty.call(d.shape, key) ? d.shape[key] : undefined;
  if (d.type === 'array' && key === 'length') return 'leaf';
  return undefined;
}

function element(s: Zod): Zod | undefined {
  const d = defOf(unwrap(s));
  return d.type === 'array' ? d.element : undefined;
}

function resolvePath(base: Zod | undefined, parts: string[]): Zod | 'leaf' | undefined {
  let cur: Zod | 'leaf' | undefined = base;
  for (const part of parts) {
    if (!cur || cur === 'leaf') return undefined;
    cur = child(cur, part);
  }
  return cur;
}

function fieldsOf(s: Zod): string {
  const d = defOf(unwrap(s));
  return d.type === 'object' && d.shape ? Object.keys(d.shape).join(', ') : '(none: not an object)';
}

type Node = hbs.AST.Node & Record<string, unknown>;

export function lintTemplate(src: TemplateSource, schema: Zod, problems: TemplateProblem[]): void {
  const at = (line: number, message: string): void => {
    problems.push({ file: src.file, line: src.bodyLine + line - 1, message });
  };
  src.body.split('\n').forEach((line, i) => {
    if (PRIVATE_USE.test(line)) at(i + 1, 'private-use characters are reserved for data placeholders; remove them');
    // eslint-disable-next-line no-control-regex -- matching control characters is this check's purpose
    if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(line)) at(i + 1, 'control characters are not allowed in templates');
    if (/\[[^\]]*\{\{|\]\([^)]*\{\{/.test(line))
      at(
        i + 1,
        'a {{value}} inside [label](url) would make user data a link; links must be literal — use {{browseLink}} or {{portalCreateLink}}',
      );
    if (mustacheInsideBold(line))
      at(i + 1, 'a {{value}} inside **bold** would format user data; keep values outside bold');
  });

  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(src.body);
  } catch (e) {
    const m = /line (\d+)/.exec((e as Error).message);
    at(m ? Number(m[1]) : 1, `Handlebars syntax: ${(e as Error).message.split('\n').slice(-1)[0]}`);
    return;
  }

  const stack: Zod[] = [schema];
  const inEach: boolean[] = [false];

  const checkPath = (p: hbs.AST.PathExpression, line: number): void => {
    if (p.data) {
      if (!['index', 'first', 'last'].includes(p.parts[0] ?? '') || p.parts.length !== 1)
        at(line, `@${p.parts.join('.')} is not allowed; only @index, @first and @last (inside each)`);
      else if (!inEach[inEach.length - 1]) at(line, `@${p.parts[0]} is only meaningful inside {{#each}}`);
      return;
    }
    const ctx = stack[stack.length - 1 - p.depth];
    if (!ctx) return at(line, `"${p.original}" climbs above the template data`);
    let cur: Zod | 'leaf' = ctx;
    for (const part of p.parts) {
      if (cur === 'leaf' || !['object', 'array'].includes(defOf(unwrap(cur)).type))
        return at(line, `"${p.original}" reads a property of a plain value`);
      const next: Zod | 'leaf' | undefined = child(cur, part);
      if (!next) return at(line, `unknown variable "${p.original}" (available here: ${fieldsOf(cur)})`);
      cur = next;
    }
  };

  const checkExpr = (e: Node, line: number, literalWanted: boolean): void => {
    if (literalWanted && e.type !== 'StringLiteral')
      at(line, 'this helper argument must be a literal "string" in the template');
    if (e.type === 'PathExpression') checkPath(e as unknown as hbs.AST.PathExpression, line);
    else if (e.type === 'SubExpression') checkCall(e, line, false);
  };

  const checkCall = (n: Node, line: number, block: boolean): void => {
    const path = n.path as Node;
    const params = (n.params as Node[]) ?? [];
    const hash = n.hash as { pairs?: unknown[] } | undefined;
    if (hash?.pairs?.length) at(line, 'hash arguments (key=value) are not supported');
    if (path.type !== 'PathExpression') return at(line, 'a literal cannot be called as a helper');
    const name = (path as unknown as hbs.AST.PathExpression).original;
    const sig = Object.prototype.hasOwnProperty.call(HELPER_SIGNATURES, name) ? HELPER_SIGNATURES[name] : undefined;
    if (!sig) {
      if (block || params.length > 0 || n.type === 'SubExpression')
        return at(line, `unknown helper "${name}"; allowed: ${Object.keys(HELPER_SIGNATURES).join(', ')}`);
      return checkPath(path as unknown as hbs.AST.PathExpression, line);
    }
    if (sig.block !== block)
      return at(
        line,
        block ? `"${name}" is not a block helper` : `"${name}" must be used as a block ({{#${name}}}…{{/${name}}})`,
      );
    if (params.length < sig.min || params.length > sig.max)
      return at(
        line,
        `"${name}" takes ${sig.min === sig.max ? sig.min : `${sig.min}-${sig.max}`} argument(s), got ${params.length}`,
      );
    params.forEach((p, i) => checkExpr(p, line, sig.literal.includes(i)));
  };

  const walk = (nodes: Node[]): void => {
    for (const n of nodes) {
      const line = n.loc?.start.line ?? 1;
      switch (n.type) {
        case 'ContentStatement':
        case 'CommentStatement':
          break;
        case 'MustacheStatement':
          if (n.escaped === false)
            at(line, 'triple-stash {{{…}}} and {{&…}} are forbidden; values are always inserted as plain text');
          checkCall(n, line, false);
          break;
        case 'BlockStatement': {
          const program = n.program as hbs.AST.Program | undefined;
          if (program?.blockParams?.length) at(line, 'block params (as |x|) are not supported');
          checkCall(n, line, true);
          const name = (n.path as hbs.AST.PathExpression).original;
          const param = (n.params as Node[])[0];
          if (name === 'each' && param?.type === 'PathExpression') {
            const p = param as unknown as hbs.AST.PathExpression;
            const base = stack[stack.length - 1 - p.depth];
            const target = resolvePath(base, p.parts);
            const el = target && target !== 'leaf' ? element(target) : undefined;
            if (!el) {
              if (target) at(line, `{{#each ${p.original}}} needs a list`);
              if (program) walkScoped(program.body as Node[], stack[stack.length - 1], true);
            } else if (program) walkScoped(program.body as Node[], el, true);
          } else if (program) {
            walk(program.body as Node[]);
          }
          const inverse = n.inverse as hbs.AST.Program | undefined;
          if (inverse) walk(inverse.body as Node[]);
          break;
        }
        case 'PartialStatement':
        case 'PartialBlockStatement':
          at(line, 'partials ({{> …}}) are forbidden; each template is self-contained');
          break;
        case 'Decorator':
        case 'DecoratorBlock':
          at(line, 'decorators ({{* …}}) are forbidden');
          break;
        default:
          at(line, `unsupported Handlebars construct ${String(n.type)}`);
      }
    }
  };

  const walkScoped = (nodes: Node[], ctx: Zod, each: boolean): void => {
    stack.push(ctx);
    inEach.push(each);
    walk(nodes);
    stack.pop();
    inEach.pop();
  };

  walk(ast.body as unknown as Node[]);
}
