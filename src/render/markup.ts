// The tiny markup comment templates are written in, parsed into ADF after
// Handlebars ran. Blocks: paragraphs (blank-line separated; lines join with a
// space, a trailing backslash forces a line break), "# "/"## "/"### " headings,
// "- " bullet items (indented lines continue an item), "> " quotes.
// Inline: **bold** and [label](https://literal or /path) — template text only;
// a token (data value) inside either is a template bug and is refused.
import type { AdfDoc, BlockNode, InlineNode, ParagraphNode, TextNode } from './adf';
import { RenderError } from './errors';
import type { TokenTable } from './tokens';

type Block =
  | { kind: 'p'; lines: string[] }
  | { kind: 'h'; level: 1 | 2 | 3; line: string }
  | { kind: 'ul'; items: string[][] }
  | { kind: 'quote'; lines: string[] };

// https URLs, or site paths — but not protocol-relative //host, which leaves the site.
const LITERAL_URL =
  /^(https:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*)?(?:\?[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*)?|\/(?![/\\])[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*)$/;
const TOKEN_START = '\ue000';

export function markupToAdf(text: string, tokens: TokenTable, template: string): AdfDoc {
  const blocks = splitBlocks(text);
  const content: BlockNode[] = [];
  for (const b of blocks) {
    const node = toNode(b, tokens, template);
    if (node) content.push(node);
  }
  if (content.length === 0)
    throw new RenderError('TEMPLATE_MARKUP', `template ${template} rendered an empty comment; check its conditions`);
  return { version: 1, type: 'doc', content };
}

function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let cur: Block | undefined;
  const close = (): void => {
    if (cur) blocks.push(cur);
    cur = undefined;
  };
  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.replace(/\s+$/, '');
    if (line.trim() === '') {
      close();
      continue;
    }
    // Lines are right-trimmed, so an item or heading that rendered empty is a bare "-" or "#".
    const heading = /^(#{1,3})(?: +(.*))?$/.exec(line);
    const bullet = /^-(?: +(.*))?$/.exec(line);
    const quote = /^> ?(.*)$/.exec(line);
    if (heading) {
      close();
      blocks.push({ kind: 'h', level: heading[1].length as 1 | 2 | 3, line: heading[2] ?? '' });
    } else if (bullet) {
      if (cur?.kind !== 'ul') {
        close();
        cur = { kind: 'ul', items: [] };
      }
      cur.items.push([bullet[1] ?? '']);
    } else if (cur?.kind === 'ul' && /^ {2,}\S/.test(line)) {
      cur.items[cur.items.length - 1]?.push(line.trim());
    } else if (quote) {
      if (cur?.kind !== 'quote') {
        close();
        cur = { kind: 'quote', lines: [] };
      }
      cur.lines.push(quote[1]);
    } else {
      if (cur?.kind !== 'p') {
        close();
        cur = { kind: 'p', lines: [] };
      }
      cur.lines.push(line.trim());
    }
  }
  close();
  return blocks;
}

function toNode(b: Block, tokens: TokenTable, template: string): BlockNode | undefined {
  switch (b.kind) {
    case 'h': {
      const content = inline([b.line], tokens, template);
      return content.length ? { type: 'heading', attrs: { level: b.level }, content } : undefined;
    }
    case 'p': {
      const content = inline(b.lines, tokens, template);
      return content.length ? { type: 'paragraph', content } : undefined;
    }
    case 'quote': {
      const content = inline(b.lines, tokens, template);
      return content.length ? { type: 'blockquote', content: [{ type: 'paragraph', content }] } : undefined;
    }
    case 'ul': {
      const items = b.items.map((lines) => inline(lines, tokens, template)).filter((c) => c.length > 0);
      return items.length
        ? {
            type: 'bulletList',
            content: items.map((content) => ({
              type: 'listItem',
              content: [{ type: 'paragraph', content } satisfies ParagraphNode],
            })),
          }
        : undefined;
    }
  }
}

/** Joins source lines (a space, or a line break after a trailing backslash) and parses inline markup. */
function inline(lines: string[], tokens: TokenTable, template: string): InlineNode[] {
  // Rendered template output holds only template text and tokens (no raw user
  // text), and lines were split on \n, so \n is free to mark a hard break here.
  const joined = lines
    .map((l, i) => (i < lines.length - 1 ? (/(^|[^\\])\\$/.test(l) ? `${l.slice(0, -1)}\n` : `${l} `) : l))
    .join('');
  const out: InlineNode[] = [];
  parseInline(joined, tokens, template, out);
  return trimInline(out);
}

function parseInline(s: string, tokens: TokenTable, template: string, out: InlineNode[]): void {
  let bold = false;
  let i = 0;
  let buf = '';
  const flush = (): void => {
    if (buf) pushText(out, buf, bold);
    buf = '';
  };
  while (i < s.length) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && /[\\*[\]()#>\-_`]/.test(s[i + 1])) {
      buf += s[i + 1];
      i += 2;
    } else if (c === '\n') {
      flush();
      out.push({ type: 'hardBreak' });
      i++;
    } else if (c === '*' && s[i + 1] === '*') {
      flush();
      bold = !bold;
      i += 2;
    } else if (c === '[') {
      const link = /^\[([^\]\ue000]+)\]\(([^)\s\ue000]+)\)/.exec(s.slice(i));
      if (link) {
        if (!LITERAL_URL.test(link[2]))
          throw new RenderError(
            'TEMPLATE_MARKUP',
            `template ${template}: link target "${link[2]}" must be a literal https:// URL or a site path; build dynamic links with a helper`,
          );
        flush();
        const node: TextNode = {
          type: 'text',
          text: link[1],
          marks: [{ type: 'link', attrs: { href: link[2] } }],
        };
        if (bold) node.marks?.unshift({ type: 'strong' });
        out.push(node);
        i += link[0].length;
      } else {
        if (/^\[[^\]]*\]\([^)]*\ue000/.test(s.slice(i)) || /^\[[^\]]*\ue000[^\]]*\]\(/.test(s.slice(i))) {
          throw new RenderError(
            'TEMPLATE_MARKUP',
            `template ${template}: a data value is used inside a [label](url) link; links must be literal — use browseLink/portal helpers for dynamic targets`,
          );
        }
        buf += c;
        i++;
      }
    } else if (c === TOKEN_START) {
      const m = /^\ue000([tl])(\d{1,6})\ue001/.exec(s.slice(i, i + 10));
      const v = m ? tokens.get(m[1], Number(m[2])) : undefined;
      if (!m || !v)
        throw new RenderError(
          'TEMPLATE_MARKUP',
          `template ${template}: stray placeholder character in output; templates may not contain private-use characters`,
        );
      if (bold)
        throw new RenderError(
          'TEMPLATE_MARKUP',
          `template ${template}: a data value is inside **bold**; only template text may carry formatting`,
        );
      flush();
      if (v.kind === 'link')
        out.push({ type: 'text', text: v.text, marks: [{ type: 'link', attrs: { href: v.href } }] });
      else pushUserText(out, v.text);
      i += m[0].length;
    } else {
      buf += c;
      i++;
    }
  }
  flush();
  if (bold) throw new RenderError('TEMPLATE_MARKUP', `template ${template}: unclosed ** in "${s.slice(0, 60)}"`);
}

/** User text: plain text nodes, never merged with template text, line breaks as hardBreak. */
function pushUserText(out: InlineNode[], text: string): void {
  text.split('\n').forEach((part, i) => {
    if (i > 0) out.push({ type: 'hardBreak' });
    if (part) out.push({ type: 'text', text: part });
  });
}

function pushText(out: InlineNode[], text: string, bold: boolean): void {
  out.push(bold ? { type: 'text', text, marks: [{ type: 'strong' }] } : { type: 'text', text });
}

/** Drops hard breaks left at the edges by conditionals. */
function trimInline(nodes: InlineNode[]): InlineNode[] {
  const out = nodes.filter((n) => n.type !== 'text' || n.text.length > 0);
  while (out.length && out[0]?.type === 'hardBreak') out.shift();
  while (out.length && out[out.length - 1]?.type === 'hardBreak') out.pop();
  return out;
}
