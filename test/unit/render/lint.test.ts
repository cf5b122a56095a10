import path from 'node:path';
import { compileCommentTemplates, readTemplateDir } from '../../../src/render/compile';
import { TemplateLintError } from '../../../src/render';
import { TEMPLATE_DIR } from './helpers';

const real = readTemplateDir(TEMPLATE_DIR);
const DECLINED = path.join(TEMPLATE_DIR, 'declined.hbs');

/** Compiles the real set with declined.hbs replaced; returns the problems as "file:line: message". */
function lint(text: string): string[] {
  try {
    compileCommentTemplates(real.map((f) => (f.file === DECLINED ? { file: f.file, text } : f)));
  } catch (e) {
    if (e instanceof TemplateLintError)
      return e.problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`);
    throw e;
  }
  return [];
}

const HEAD = '---\naudience: public\n---\n'; // body starts on line 4

describe('template lint', () => {
  it('accepts the shipped templates', () => {
    expect(lint(real.find((f) => f.file === DECLINED)!.text)).toEqual([]);
  });

  it.each([
    ['triple-stash', 'Tool {{{toolName}}}', 4, /triple-stash/],
    ['ampersand unescape', 'x\n{{&toolName}}', 5, /triple-stash/],
    ['partial', 'x\n\n{{> footer}}', 6, /partials/],
    ['partial block', '{{#> layout}}x{{/layout}}', 4, /partials/],
    ['decorator', '{{* deco}}', 4, /decorators/],
    [
      'unknown variable',
      'Hi {{requesterName}}',
      4,
      /unknown variable "requesterName" \(available here: toolName, rationale, deciderName\)/,
    ],
    ['prototype path', '{{toolName.constructor}}', 4, /plain value/],
    ['constructor at root', '{{constructor}}', 4, /unknown variable "constructor"/],
    ['unknown helper', '{{shout toolName}}', 4, /unknown helper "shout"/],
    ['lookup helper', '{{lookup this "toolName"}}', 4, /unknown helper "lookup"/],
    ['with block', '{{#with toolName}}x{{/with}}', 4, /unknown helper "with"/],
    ['log helper', '{{log toolName}}', 4, /unknown helper "log"/],
    ['@key', '{{@key}}', 4, /@key is not allowed/],
    ['@root', '{{@root.toolName}}', 4, /@root.toolName is not allowed/],
    ['@index outside each', '{{@index}}', 4, /only meaningful inside/],
    ['climbing above data', '{{../toolName}}', 4, /climbs above/],
    ['block params', '{{#each toolName as |t|}}{{t}}{{/each}}', 4, /block params/],
    ['each over a string', '{{#each toolName}}x{{/each}}', 4, /needs a list/],
    ['hash arguments', '{{formatDate toolName mode="x"}}', 4, /hash arguments/],
    ['helper arity', '{{eq toolName}}', 4, /takes 2 argument/],
    ['non-literal helper word', '{{pluralize toolName rationale}}', 4, /literal "string"/],
    ['block helper inline', '{{if toolName}}', 4, /must be used as a block/],
    ['value inside bold', 'Your **{{toolName}}** request', 4, /inside \*\*bold\*\*/],
    ['value as link label', '[{{toolName}}](https://example.com)', 4, /inside \[label\]\(url\)/],
    ['value in link target', '[docs](https://example.com/{{toolName}})', 4, /inside \[label\]\(url\)/],
    ['private-use character', 'x\n\ue000t0\ue001', 5, /private-use/],
    ['control character', 'bell \u0007', 4, /control characters/],
    ['syntax error', 'ok\n{{#if toolName}}\nunclosed', 6, /Handlebars syntax/],
    ['bad mustache', 'ok {{toolName', 4, /Handlebars syntax/],
  ])('reports %s with file and line', (_name, body, line, message) => {
    const problems = lint(HEAD + body);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(new RegExp(`^declined\\.hbs:${line}: `));
    expect(problems[0]).toMatch(message);
  });

  it.each([
    ['no front matter', 'Just text', 1, /must start with front matter/],
    ['unclosed front matter', '---\naudience: public\nbody', 1, /not closed/],
    ['bad audience', '---\naudience: everyone\n---\nx', 1, /audience: public/],
    ['unknown key', '---\naudience: public\ncolor: red\n---\nx', 3, /unknown front matter line/],
  ])('reports %s', (_name, text, line, message) => {
    const problems = lint(text);
    expect(problems[0]).toMatch(new RegExp(`^declined\\.hbs:${line}: `));
    expect(problems[0]).toMatch(message);
  });

  it('reports templates without a schema and schemas without a template', () => {
    const files = real
      .filter((f) => !f.file.endsWith('lapsed.hbs'))
      .concat({ file: 'templates/comments/surprise.hbs', text: HEAD + 'x' });
    try {
      compileCommentTemplates(files);
      throw new Error('expected a lint error');
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toMatch(/surprise\.hbs:1: no data schema/);
      expect(msg).toMatch(/lapsed\.hbs:1: missing template/);
    }
  });

  it('lists every problem at once, not just the first', () => {
    expect(lint(HEAD + '{{{toolName}}}\n{{> b}}\n{{c}}').map((p) => p.split(':')[1])).toEqual(['4', '5', '6']);
  });
});
