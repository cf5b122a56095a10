import { markupToAdf } from '../../../src/render/markup';
import { TokenTable } from '../../../src/render/tokens';
import { adfToPlainText, RenderError } from '../../../src/render';

const parse = (text: string, tokens = new TokenTable()) => markupToAdf(text, tokens, 'test');

describe('template markup', () => {
  it('builds paragraphs, headings, bullets and quotes', () => {
    expect(
      parse('# Title\n\nline one\nline two\\\nafter break\n\n- a\n- b\n  continued\n\n> quoted\n> more').content,
    ).toEqual([
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Title' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'line one line two' },
          { type: 'hardBreak' },
          { type: 'text', text: 'after break' },
        ],
      },
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }] },
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'b continued' }] }] },
        ],
      },
      { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'quoted more' }] }] },
    ]);
  });

  it('supports bold and literal links, with escapes for literal markup characters', () => {
    expect(
      parse('**Hi** see [the docs](https://example.com/a?b=1) or [home](/servicedesk) \\*\\*x\\*\\* \\[y]').content[0],
    ).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Hi', marks: [{ type: 'strong' }] },
        { type: 'text', text: ' see ' },
        { type: 'text', text: 'the docs', marks: [{ type: 'link', attrs: { href: 'https://example.com/a?b=1' } }] },
        { type: 'text', text: ' or ' },
        { type: 'text', text: 'home', marks: [{ type: 'link', attrs: { href: '/servicedesk' } }] },
        { type: 'text', text: ' **x** [y]' },
      ],
    });
  });

  it.each([
    'javascript:alert(1)',
    'http://plain.example',
    'data:text/html,x',
    '//evil.example',
    '/\\evil.example',
    'https://user@evil.example',
    'HTTPS://x.example',
  ])('refuses link target %s', (href) => {
    expect(() => parse(`[x](${href})`)).toThrow(/literal https:\/\/ URL/);
  });

  it('drops blocks that conditionals left empty and refuses an empty comment', () => {
    expect(parse('\n\n- \n\n#  \n\ntext\n\n').content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'text' }] },
    ]);
    expect(() => parse('\n   \n')).toThrow(RenderError);
  });

  it('puts tokens in their own unmarked nodes and refuses them inside bold', () => {
    const t = new TokenTable();
    const tok = t.text('**not bold**');
    expect(parse(`Tool: ${tok}.`, t).content[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Tool: ' },
        { type: 'text', text: '**not bold**' },
        { type: 'text', text: '.' },
      ],
    });
    expect(() => parse(`**${tok}**`, t)).toThrow(/inside \*\*bold\*\*/);
    expect(() => parse('**unclosed')).toThrow(/unclosed/);
    expect(() => parse('stray \ue000t7\ue001', t)).toThrow(/stray placeholder/);
  });
});

describe('adfToPlainText', () => {
  it('renders any ADF readably', () => {
    const doc = {
      type: 'doc',
      version: 1,
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'H' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'a' },
            { type: 'hardBreak' },
            { type: 'mention', attrs: { id: '1', text: '@Alice' } },
            { type: 'emoji', attrs: { shortName: ':smile:' } },
          ],
        },
        {
          type: 'orderedList',
          attrs: { order: 3 },
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }] }],
        },
        {
          type: 'panel',
          attrs: { panelType: 'info' },
          content: [{ type: 'paragraph', content: [{ type: 'inlineCard', attrs: { url: 'https://e.x' } }] }],
        },
        { type: 'rule' },
        { type: 'unknownThing' },
      ],
    };
    expect(adfToPlainText(doc)).toBe('H\n\na\n@Alice:smile:\n\n3. x\n\nhttps://e.x\n\n---');
    expect(adfToPlainText(null)).toBe('');
  });
});
