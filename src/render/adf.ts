// The slice of Atlassian Document Format v1 that comment templates produce,
// and a plain-text view of any ADF document.

export interface TextNode {
  type: 'text';
  text: string;
  marks?: Array<{ type: 'strong' } | { type: 'link'; attrs: { href: string } }>;
}
export interface HardBreakNode {
  type: 'hardBreak';
}
export type InlineNode = TextNode | HardBreakNode;
export interface ParagraphNode {
  type: 'paragraph';
  content: InlineNode[];
}
export interface HeadingNode {
  type: 'heading';
  attrs: { level: 1 | 2 | 3 };
  content: InlineNode[];
}
export interface ListItemNode {
  type: 'listItem';
  content: ParagraphNode[];
}
export interface BulletListNode {
  type: 'bulletList';
  content: ListItemNode[];
}
export interface BlockquoteNode {
  type: 'blockquote';
  content: ParagraphNode[];
}
export type BlockNode = ParagraphNode | HeadingNode | BulletListNode | BlockquoteNode;
export interface AdfDoc {
  version: 1;
  type: 'doc';
  content: BlockNode[];
}

interface AnyNode {
  type?: unknown;
  text?: unknown;
  attrs?: Record<string, unknown>;
  content?: unknown;
}

/**
 * Plain text of an ADF document: blocks separated by blank lines, list items
 * as "- ", hard breaks as newlines. Accepts any ADF (also comments written by
 * people), rendering the inline nodes it knows by their visible text.
 */
export function adfToPlainText(adf: unknown): string {
  if (adf === null || typeof adf !== 'object') return '';
  return blockText(adf)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function children(node: AnyNode): AnyNode[] {
  return Array.isArray(node.content)
    ? (node.content as unknown[]).filter((c): c is AnyNode => c !== null && typeof c === 'object')
    : [];
}

function blockText(node: AnyNode): string {
  switch (node.type) {
    case 'doc':
    case 'panel':
    case 'expand':
    case 'nestedExpand':
    case 'layoutSection':
    case 'layoutColumn':
    case 'tableCell':
    case 'tableHeader':
      return children(node).map(blockText).join('\n\n');
    case 'paragraph':
    case 'heading':
      return inlineText(children(node));
    case 'bulletList':
      return children(node)
        .map((li) => `- ${listItemText(li)}`)
        .join('\n');
    case 'orderedList': {
      const start = typeof node.attrs?.order === 'number' ? node.attrs.order : 1;
      return children(node)
        .map((li, i) => `${start + i}. ${listItemText(li)}`)
        .join('\n');
    }
    case 'blockquote':
      return children(node)
        .map(blockText)
        .join('\n\n')
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n');
    case 'codeBlock':
      return inlineText(children(node));
    case 'rule':
      return '---';
    case 'table':
      return children(node)
        .map((row) => children(row).map(blockText).join(' | '))
        .join('\n');
    default:
      return inlineText([node]);
  }
}

function listItemText(li: AnyNode): string {
  return children(li).map(blockText).join('\n').split('\n').join('\n  ');
}

function inlineText(nodes: AnyNode[]): string {
  let out = '';
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        out += typeof n.text === 'string' ? n.text : '';
        break;
      case 'hardBreak':
        out += '\n';
        break;
      case 'mention':
      case 'status':
        out += typeof n.attrs?.text === 'string' ? n.attrs.text : '';
        break;
      case 'emoji':
        out +=
          typeof n.attrs?.text === 'string'
            ? n.attrs.text
            : typeof n.attrs?.shortName === 'string'
              ? n.attrs.shortName
              : '';
        break;
      case 'inlineCard':
        out += typeof n.attrs?.url === 'string' ? n.attrs.url : '';
        break;
      case 'date':
        out +=
          typeof n.attrs?.timestamp === 'string' ? new Date(Number(n.attrs.timestamp)).toISOString().slice(0, 10) : '';
        break;
      default:
        out += children(n).length > 0 ? blockText(n) : '';
    }
  }
  return out;
}
