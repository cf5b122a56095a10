// Shared assertions for render tests.
import path from 'node:path';
import type { AdfDoc } from '../../../src/render';
import { loadCommentTemplates } from '../../../src/render/compile';

export const TEMPLATE_DIR = path.join(__dirname, '../../../templates/comments');
export const templates = loadCommentTemplates(TEMPLATE_DIR);

export interface FlatNode {
  type: string;
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  attrs?: Record<string, unknown>;
}

export function flatten(doc: AdfDoc): FlatNode[] {
  const out: FlatNode[] = [];
  const walk = (n: unknown): void => {
    const node = n as FlatNode & { content?: unknown[] };
    out.push(node);
    for (const c of node.content ?? []) walk(c);
  };
  walk(doc);
  return out;
}

export const textNodes = (doc: AdfDoc): FlatNode[] => flatten(doc).filter((n) => n.type === 'text');
export const markedNodes = (doc: AdfDoc): string[] =>
  textNodes(doc)
    .filter((n) => n.marks?.length)
    .map((n) => JSON.stringify([n.text, n.marks]));
