// User text must never become markup, links, mentions, ADF nodes or
// Handlebars. Every free-text field of every template gets each hostile value;
// the ADF tree must then hold it only as unmarked text, verbatim (after
// sanitising), and the template's own formatting must be unchanged.
import type * as z from 'zod/mini';
import { COMMENT_SCHEMAS, renderComment, sanitizeUserText, type CommentName } from '../../../src/render';
import { checkAdf } from '../../../src/render/adf-validate';
import { MAX_LIST_ITEM_CHARS } from '../../../src/render/tokens';
import { FIXTURES, VARIANTS } from './comment-fixtures';
import { flatten, markedNodes, templates, textNodes } from './helpers';

const FREE_TEXT = new Set([
  'requesterName',
  'toolName',
  'purpose',
  'approverGroup',
  'requestedTool',
  'reasons',
  'requestableTools',
  'approverName',
  'rationale',
  'deciderName',
  'actorName',
  'groupName',
  'requesterEmail',
  'detail',
  'revokedByName',
  'escalationTarget',
  'attemptedStatus',
  'currentStatus',
  'correctedTo',
  'note',
  'error',
  'foundStatus',
  'recordState',
]);

const HOSTILE: Record<string, string> = {
  markdown: '**bold** _em_ `code` # heading\n- bullet\n> quote',
  link: '[click me](http://evil.example) [x](javascript:alert(1)) <https://evil.example>',
  mention: '@admin [~accountid:5b10ac8d82e05b22cc7d4ef5] @here',
  html: '<script>alert(1)</script><img src=x onerror=alert(1)>',
  handlebars: '{{constructor}} {{{raw}}} {{> partial}} {{#each this}}x{{/each}} {{lookup . "__proto__"}}',
  adfJson:
    '{"type":"mention","attrs":{"id":"5b10","text":"@admin"}} {"type":"inlineCard","attrs":{"url":"https://evil.example"}}',
  bidi: 'abc\u202Eevil\u202C \u2066x\u2069 \uFEFF',
  newlines: 'line one\nline two\r\nline three\r\r\r\r\n\n\n\nline four\u2028\u2029',
  controls: 'a\u0000b\u0007c\u001b[31mred\u001b[0m\u007f\u0085d\u009b',
  tokenForgery: '\uE000t0\uE001 \uE000l1\uE001 \uE000t99999\uE001',
  surrogates: 'emoji 😀 lone \ud800 high',
  huge: `${'A'.repeat(1024 * 1024)}THE-END`,
  markupChars: '\\*\\* ** [ ] ( ) # - > \\',
};

/** Every string field of a template's schema must be either structured (rejects free text) or listed above. */
it('knows every free-text field, so new fields get hostile coverage', () => {
  for (const [name, schema] of Object.entries(COMMENT_SCHEMAS)) {
    const shape = (schema as unknown as { _zod: { def: { shape: Record<string, z.ZodMiniType> } } })._zod.def.shape;
    for (const [field, fieldSchema] of Object.entries(shape)) {
      const acceptsText = fieldSchema.safeParse('free text').success || fieldSchema.safeParse(['free text']).success;
      expect([name, field, acceptsText]).toEqual([name, field, FREE_TEXT.has(field)]);
    }
  }
});

function hostileCopy(data: unknown, value: string): unknown {
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const k of Object.keys(out)) {
    if (!FREE_TEXT.has(k) || out[k] === undefined) continue;
    out[k] = Array.isArray(out[k]) ? (out[k] as unknown[]).map(() => value) : value;
  }
  return out;
}

const cases: Array<[CommentName, unknown]> = [
  ...(Object.keys(FIXTURES) as CommentName[]).map((n): [CommentName, unknown] => [n, FIXTURES[n]]),
  ...VARIANTS,
];

describe.each(Object.entries(HOSTILE))('hostile %s', (_label, value) => {
  it.each(cases.map(([n, d], i) => [`${n}#${i}`, n, d] as const))('%s keeps it literal', (_id, name, data) => {
    const benign = renderComment(templates, name, data as never);
    const hostile = renderComment(templates, name, hostileCopy(data, value) as never);

    expect(checkAdf(hostile.adf)).toEqual({ ok: true });
    for (const n of flatten(hostile.adf))
      expect(['doc', 'paragraph', 'heading', 'bulletList', 'listItem', 'blockquote', 'text', 'hardBreak']).toContain(
        n.type,
      );
    // Formatting comes from the template only: the marked nodes are exactly those of the benign render.
    expect(markedNodes(hostile.adf)).toEqual(markedNodes(benign.adf));
    expect(
      flatten(hostile.adf).filter((n) => n.type === 'heading' || n.type === 'bulletList' || n.type === 'blockquote')
        .length,
    ).toBe(
      flatten(benign.adf).filter((n) => n.type === 'heading' || n.type === 'bulletList' || n.type === 'blockquote')
        .length,
    );

    const texts = textNodes(hostile.adf);
    const unmarked = new Set(texts.filter((n) => !n.marks).map((n) => n.text));
    const used = Object.entries(data as Record<string, unknown>).filter(
      ([k, v]) => FREE_TEXT.has(k) && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0),
    );
    for (const [k, v] of used) {
      const expected = sanitizeUserText(value, Array.isArray(v) ? MAX_LIST_ITEM_CHARS : undefined);
      for (const part of expected.split('\n').filter(Boolean)) {
        if (!unmarked.has(part)) throw new Error(`${name}.${k}: "${part.slice(0, 60)}" is not an unmarked text node`);
      }
    }
    // Nothing of the value is ever formatted, and nothing unsafe survives.
    for (const n of texts) {
      if (n.marks) expect(value.includes(n.text as string) && (n.text as string).length > 3).toBe(false);
      // eslint-disable-next-line no-control-regex -- asserting no control character survives is the point
      expect(n.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect((n.text as string).length).toBeLessThanOrEqual(2000);
    }
    expect(JSON.stringify(hostile.adf).length).toBeLessThan(200_000);
  });
});

describe('specific guarantees', () => {
  const render = (toolName: string) =>
    renderComment(templates, 'declined', { toolName, rationale: 'r', deciderName: 'd' });

  it('shows forged placeholder characters literally instead of substituting another value', () => {
    const texts = textNodes(render('\uE000t2\uE001').adf).map((n) => n.text);
    expect(texts).toContain('\uE000t2\uE001');
    expect(texts.filter((t) => t === 'd')).toHaveLength(1);
  });

  it('truncates a 1 MB value to 2,000 characters with an ellipsis', () => {
    const node = textNodes(render('x'.repeat(1024 * 1024)).adf).find((n) => n.text?.startsWith('xxx'));
    expect(node?.text).toHaveLength(2000);
    expect(node?.text?.endsWith('\u2026')).toBe(true);
  });

  it('turns user line breaks into hard breaks inside the same paragraph, never new blocks', () => {
    const adf = renderComment(templates, 'declined', {
      toolName: 'T',
      rationale: 'first\n\n# not a heading\n- not a bullet',
      deciderName: 'd',
    }).adf;
    const quote = adf.content.find((b) => b.type === 'blockquote');
    expect(quote).toEqual({
      type: 'blockquote',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'first' },
            { type: 'hardBreak' },
            { type: 'hardBreak' },
            { type: 'text', text: '# not a heading' },
            { type: 'hardBreak' },
            { type: 'text', text: '- not a bullet' },
          ],
        },
      ],
    });
  });

  it('does not evaluate Handlebars or prototype paths from data', () => {
    const texts = textNodes(render('{{constructor.constructor "return process"}}').adf).map((n) => n.text);
    expect(texts).toContain('{{constructor.constructor "return process"}}');
  });
});
