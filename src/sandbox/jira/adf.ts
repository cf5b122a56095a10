// ADF (Atlassian Document Format) checks with Atlassian's own JSON schema, so
// a body Jira Cloud would reject is rejected here too, plus the two
// conversions the servicedeskapi needs (plain text in, plain text out).
import Ajv, { type ValidateFunction } from 'ajv';
import fs from 'node:fs';
import type { AdfDoc } from './model';

let validator: ValidateFunction | undefined;

function adfValidator(): ValidateFunction {
  if (!validator) {
    const file = require.resolve('@atlaskit/adf-schema/dist/json-schema/v1/full.json');
    const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    // The schema declares draft-04, which ajv 8 does not bundle; it uses no
    // draft-04-only keyword (no boolean exclusiveMaximum, no `id`), so it
    // compiles unchanged under the default draft.
    delete schema.$schema;
    validator = new Ajv({ strict: false, allErrors: false }).compile(schema);
  }
  return validator;
}

export function isAdfDoc(value: unknown): value is AdfDoc {
  return adfValidator()(value) === true;
}

/** Plain text → ADF: blank lines split paragraphs, single newlines become hard breaks. */
export function textToAdf(text: string): AdfDoc {
  const paragraphs = text.split(/\r?\n\s*\r?\n/).filter((p) => p.trim() !== '');
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((p) => {
      const lines = p.split(/\r?\n/);
      const content: unknown[] = [];
      lines.forEach((line, i) => {
        if (i > 0) content.push({ type: 'hardBreak' });
        if (line !== '') content.push({ type: 'text', text: line });
      });
      return { type: 'paragraph', content };
    }),
  };
}

const BLOCKS = new Set(['paragraph', 'heading', 'codeBlock', 'blockquote', 'listItem', 'tableRow', 'panel', 'rule']);

/** ADF → plain text (for JQL `~`, servicedeskapi comment bodies, changelog strings). */
export function adfToText(node: unknown): string {
  const out: string[] = [];
  walk(node, out);
  return out
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** An attribute as text: strings, numbers and booleans as written; anything else (absent, an object) as nothing. */
function scalarText(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

function walk(node: unknown, out: string[]): void {
  if (!node || typeof node !== 'object') return;
  const n = node as { type?: string; text?: string; content?: unknown[]; attrs?: Record<string, unknown> };
  if (n.type === 'text' && typeof n.text === 'string') out.push(n.text);
  else if (n.type === 'hardBreak') out.push('\n');
  else if (n.type === 'mention') out.push(scalarText(n.attrs?.text ?? n.attrs?.id));
  else if (n.type === 'emoji') out.push(scalarText(n.attrs?.text ?? n.attrs?.shortName));
  else if (n.type === 'inlineCard') out.push(scalarText(n.attrs?.url));
  if (Array.isArray(n.content)) for (const c of n.content) walk(c, out);
  if (n.type && BLOCKS.has(n.type)) out.push('\n\n');
}
