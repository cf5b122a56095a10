import { adfToPlainText, COMMENT_NAMES, renderComment, type CommentName } from '../../../src/render';
import { checkAdf } from '../../../src/render/adf-validate';
import { FIXTURES, VARIANTS } from './comment-fixtures';
import { flatten, templates, textNodes } from './helpers';

const INTERNAL: CommentName[] = [
  'fulfilment-needed',
  'escalated',
  'transition-refused',
  'grant-flagged',
  'connector-result',
  'status-repaired',
];
const ALLOWED_NODES = new Set([
  'doc',
  'paragraph',
  'heading',
  'bulletList',
  'listItem',
  'blockquote',
  'text',
  'hardBreak',
]);

describe('comment templates', () => {
  it('loads one template per data schema', () => {
    expect(templates.names.sort()).toEqual([...COMMENT_NAMES].sort());
  });

  const cases: Array<[string, CommentName, unknown]> = [
    ...COMMENT_NAMES.map((n): [string, CommentName, unknown] => [n, n, FIXTURES[n]]),
    ...VARIANTS.map(([n, d], i): [string, CommentName, unknown] => [`${n} (variant ${i})`, n, d]),
  ];

  it.each(cases)('%s renders valid ADF with the declared audience', (_label, name, data) => {
    const r = renderComment(templates, name, data as never);
    const check = checkAdf(r.adf);
    expect(check.message).toBeUndefined();
    expect(check.ok).toBe(true);
    expect(r.visibility).toBe(INTERNAL.includes(name) ? 'internal' : 'public');
    for (const n of flatten(r.adf)) expect(ALLOWED_NODES.has(n.type)).toBe(true);
    const text = adfToPlainText(r.adf);
    expect(text).not.toMatch(/\{\{|\}\}|\*\*|\ue000|undefined|null|NaN|\[object/);
    expect(text.length).toBeGreaterThan(40);
  });

  it('approved states tool, duration, expiry, policy version and approver', () => {
    const text = adfToPlainText(renderComment(templates, 'approved', FIXTURES.approved).adf);
    expect(text).toBe(
      [
        'Your request for ChatGPT Enterprise has been approved by Bob Approver.',
        '',
        '- Access for: 30 days (shortened from the 60 days you asked for)',
        '- Access ends: 2025-03-31 09:00 UTC',
        '- Policy version: 3',
        '',
        "An IT agent will set up your access and confirm here when it's ready.",
        '',
        "We'll remind you before your access ends, so you can ask for more time if you still need it.",
      ].join('\n'),
    );
  });

  it('links the original ticket from a validated key, through the portal when known', () => {
    const withPortal = textNodes(
      renderComment(templates, 'blocked-duplicate-pending', FIXTURES['blocked-duplicate-pending']).adf,
    ).filter((n) => n.marks);
    expect(withPortal).toEqual([
      {
        type: 'text',
        text: 'AIC-12',
        marks: [{ type: 'link', attrs: { href: '/servicedesk/customer/portal/2/AIC-12' } }],
      },
    ]);
    const plain = renderComment(
      templates,
      'blocked-duplicate-pending',
      { toolName: 'X', originalKey: 'AIC-12' },
      { siteUrl: 'https://acme.atlassian.net' },
    );
    expect(textNodes(plain.adf).find((n) => n.marks)?.marks).toEqual([
      { type: 'link', attrs: { href: 'https://acme.atlassian.net/browse/AIC-12' } },
    ]);
    expect(() =>
      renderComment(templates, 'blocked-duplicate-pending', { toolName: 'X', originalKey: 'javascript:alert(1)' }),
    ).toThrow(expect.objectContaining({ code: 'RENDER_DATA_INVALID' }));
    expect(() =>
      renderComment(templates, 'blocked-duplicate-pending', FIXTURES['blocked-duplicate-pending'], {
        siteUrl: 'https://evil.example/x?',
      }),
    ).toThrow(/https origin/);
  });

  it('points an active duplicate to the extension request type', () => {
    const r = renderComment(templates, 'blocked-duplicate-active', FIXTURES['blocked-duplicate-active']);
    expect(textNodes(r.adf).find((n) => n.text === 'Extend AI tool access')?.marks).toEqual([
      { type: 'link', attrs: { href: '/servicedesk/customer/portal/2/create/31' } },
    ]);
  });

  it('lists the requestable tools when rejecting, with the overflow count', () => {
    const text = adfToPlainText(renderComment(templates, 'rejected-invalid', FIXTURES['rejected-invalid']).adf);
    for (const tool of FIXTURES['rejected-invalid'].requestableTools) expect(text).toContain(`- ${tool}`);
    expect(text).toContain('- and 3 more tools');
    expect(text).toContain('for "DeepSeek"');
  });

  it('tells an email requester how to file correctly', () => {
    const text = adfToPlainText(
      renderComment(templates, 'rejected-unstructured', FIXTURES['rejected-unstructured']).adf,
    );
    expect(text).toMatch(/AI tool: .*\nBusiness purpose|- AI tool:/);
    expect(text).toContain('Access duration (days)');
  });

  it('differs between first and final review reminders', () => {
    const first = adfToPlainText(renderComment(templates, 'review-reminder', FIXTURES['review-reminder']).adf);
    const final = adfToPlainText(
      renderComment(templates, 'review-reminder', { ...FIXTURES['review-reminder'], stage: 'final', daysLeft: 1 }).adf,
    );
    expect(first).toMatch(/^Reminder: .* ends in 14 days/);
    expect(final).toMatch(/^Final reminder:/);
  });

  it('uses a singular for one day and keeps 0 falsy behind tokens', () => {
    const text = adfToPlainText(renderComment(templates, 'extended', { ...FIXTURES.extended, addedDays: 1 }).adf);
    expect(text).toContain('extended by 1 day,');
    const none = adfToPlainText(
      renderComment(templates, 'rejected-invalid', { reasons: ['x'], requestableTools: ['A'], moreToolCount: 0 }).adf,
    );
    expect(none).not.toContain('more tool');
  });

  it('refuses invalid data with the template and field named', () => {
    expect(() => renderComment(templates, 'approved', { ...FIXTURES.approved, expiresAt: 'next week' })).toThrow(
      /approved.*expiresAt/,
    );
    expect(() => renderComment(templates, 'approved', { ...FIXTURES.approved, extra: 1 } as never)).toThrow(
      expect.objectContaining({ code: 'RENDER_DATA_INVALID' }),
    );
    expect(() =>
      renderComment(
        templates,
        'approved',
        JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(FIXTURES.approved).slice(1)}`),
      ),
    ).toThrow(expect.objectContaining({ code: 'RENDER_DATA_INVALID' }));
    expect(() => renderComment(templates, 'nope' as CommentName, {} as never)).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_UNKNOWN' }),
    );
  });
});
