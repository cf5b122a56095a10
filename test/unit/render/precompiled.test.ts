import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Handlebars from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime';
import {
  precompiledCommentTemplates,
  renderComment,
  COMMENT_NAMES,
  COMMENT_SCHEMAS,
  type CommentData,
  type CommentName,
} from '../../../src/render';
import { LOADERS } from '../../../src/render/generated/index';
import { makeHelpers, type Helper } from '../../../src/render/helpers';
import { COMPILE_OPTIONS } from '../../../src/render/compile';
import {
  GENERATED_DIR,
  generatedFileDiff,
  leanSpec,
  listGeneratedFiles,
  precompiledModules,
} from '../../../src/render/precompile';
import type { CommentTemplates } from '../../../src/render/templates';
import { TokenTable, tokenizeData } from '../../../src/render/tokens';
import { FIXTURES, VARIANTS } from './comment-fixtures';
import { templates } from './helpers';

/**
 * More data, so that together with FIXTURES and VARIANTS every branch of every
 * template runs (checked below: every precompiled program must execute).
 */
const BRANCHES: Array<{ [N in CommentName]: [N, CommentData<N>] }[CommentName]> = [
  [
    'connector-result',
    {
      ...FIXTURES['connector-result'],
      outcome: 'succeeded',
      operation: 'add',
      requesterName: undefined,
      nextRetryAt: undefined,
      error: undefined,
    },
  ],
  ['connector-result', { ...FIXTURES['connector-result'], outcome: 'failed', attempts: 1, provider: 'entra' }],
  ['handed-back', { ...FIXTURES['handed-back'], groupRemoval: 'manual' }],
  ['rejected-unstructured', { requestableTools: ['ChatGPT Enterprise'], moreToolCount: 1, requestTypeId: '30' }],
  [
    'rejected-invalid',
    {
      requestedTool: '',
      reasons: ['Purpose is too short.'],
      requestableTools: ['ChatGPT Enterprise'],
      moreToolCount: 0,
    },
  ],
  ['approved', { ...FIXTURES.approved, durationDays: 1, requestedDays: 1 }],
  [
    'review-reminder',
    {
      stage: 'final',
      toolName: 'ChatGPT Enterprise',
      expiresAt: '2025-03-31T09:00:00.000Z',
      daysLeft: 0,
      requestTypeId: '31',
    },
  ],
  [
    'fulfilment-needed',
    { ...FIXTURES['fulfilment-needed'], requesterName: '', durationDays: 0, reason: 'identity_unmapped', detail: '' },
  ],
];

const CASES: Array<[CommentName, unknown]> = [
  ...COMMENT_NAMES.map((n): [CommentName, unknown] => [n, FIXTURES[n]]),
  ...VARIANTS,
  ...BRANCHES,
];

/** The raw template output (markup with tokens) and the token values behind it, as renderComment would produce them. */
function runRaw(set: CommentTemplates, name: CommentName, data: unknown): { markup: string; tokens: TokenTable } {
  const tokens = new TokenTable();
  const input = tokenizeData(COMMENT_SCHEMAS[name].parse(data), tokens);
  return {
    markup: set.get(name).run(input, { helpers: makeHelpers(tokens, name, { siteUrl: 'https://acme.atlassian.net' }) }),
    tokens,
  };
}

describe('precompiled templates (what Forge handlers run)', () => {
  const modules = precompiledModules();

  it('are up to date with templates/comments, file for file — otherwise run: npx tsx src/render/precompile.ts', () => {
    expect(generatedFileDiff(modules)).toEqual([]);
    expect(listGeneratedFiles()).toEqual(['index.ts', ...COMMENT_NAMES.map((n) => `templates/${n}.ts`)].sort());
  });

  it('count a missing, an edited and a left-over generated file as out of date', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-generated-'));
    try {
      fs.cpSync(GENERATED_DIR, dir, { recursive: true });
      expect(generatedFileDiff(modules, dir)).toEqual([]);
      fs.rmSync(path.join(dir, 'templates/approved.ts'));
      fs.appendFileSync(path.join(dir, 'index.ts'), '\n');
      fs.writeFileSync(
        path.join(dir, 'templates/renamed-away.ts'),
        fs.readFileSync(path.join(GENERATED_DIR, 'templates/declined.ts')),
      );
      expect(generatedFileDiff(modules, dir)).toEqual([
        'stale index.ts',
        'missing templates/approved.ts',
        'leftover templates/renamed-away.ts',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cover every template with test data', () => {
    expect([...new Set(CASES.map(([n]) => n))].sort()).toEqual([...COMMENT_NAMES].sort());
    expect(COMMENT_NAMES).toHaveLength(24);
  });

  it('render exactly like templates compiled at load', async () => {
    const pre = precompiledCommentTemplates();
    expect(pre.names.sort()).toEqual([...COMMENT_NAMES].sort());
    await pre.ensure(COMMENT_NAMES);
    for (const [name, data] of CASES) {
      expect(renderComment(pre, name, data as never)).toEqual(renderComment(templates, name, data as never));
    }
  });

  it('produce the same raw markup, token for token, as the full compiler', async () => {
    const pre = precompiledCommentTemplates();
    await pre.ensure(COMMENT_NAMES);
    for (const [name, data] of CASES) {
      const a = runRaw(pre, name, data);
      const b = runRaw(templates, name, data);
      expect([name, a.markup]).toEqual([name, b.markup]);
      expect(a.tokens).toEqual(b.tokens);
    }
  });

  it('run every branch of every template in the comparison above (each precompiled program executes)', async () => {
    const hits = new Map<string, number>();
    const instrumented = new Map<string, (data: unknown, options: object) => string>();
    for (const name of COMMENT_NAMES) {
      const spec = (await LOADERS[name]()).spec as Record<string, unknown>;
      const copy: Record<string, unknown> = { ...spec };
      for (const [key, fn] of Object.entries(spec)) {
        if (typeof fn !== 'function' || key.endsWith('_d')) continue;
        hits.set(`${name}:${key}`, 0);
        copy[key] = function (this: unknown, ...args: unknown[]) {
          hits.set(`${name}:${key}`, (hits.get(`${name}:${key}`) ?? 0) + 1);
          return (fn as (...a: unknown[]) => unknown).apply(this, args);
        };
      }
      instrumented.set(name, HandlebarsRuntime.template(copy) as never);
    }
    const fake = { get: (n: string) => ({ run: instrumented.get(n)! }) } as unknown as CommentTemplates;
    for (const [name, data] of CASES)
      expect(runRaw(fake, name, data).markup).toBe(runRaw(templates, name, data).markup);
    expect([...hits].filter(([, n]) => n === 0).map(([k]) => k)).toEqual([]);
  });

  it('keep @index, @first and @last for templates that use them (data is only left out where unused)', () => {
    const body = '{{#each reasons}}{{@index}}{{#if @first}} first{{/if}}{{#if @last}} last{{/if}}: {{this}}\n{{/each}}';
    // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- evaluates the precompiled spec as the generated module would
    const pre = HandlebarsRuntime.template(new Function(`return ${leanSpec('each-data', body)}`)());
    const full = Handlebars.compile(body, COMPILE_OPTIONS);
    const helpers = makeHelpers(new TokenTable(), 'each-data', {});
    const data = { reasons: ['a', 'b', 'c'] };
    expect(pre(data, { helpers })).toBe('0 first: a\n1: b\n2 last: c\n');
    expect(pre(data, { helpers })).toBe(full(data, { helpers }));
  });

  // Lets the precompiler leave the helper options' name, hash and loc out
  // (precompile.ts): that is invisible only while no helper reads them.
  it('helpers (ours and the built-in each) read nothing of their options beyond fn, inverse and data', () => {
    const read = new Set<string>();
    const spy = (h: Helper): Helper =>
      function (this: unknown, ...args: unknown[]) {
        const record = (k: string | symbol) => typeof k === 'string' && read.add(k);
        args[args.length - 1] = new Proxy(args[args.length - 1] as object, {
          get: (t, k, r): unknown => (record(k), Reflect.get(t, k, r) as unknown),
          has: (t, k) => (record(k), Reflect.has(t, k)),
          ownKeys: (t) => (read.add('(all keys)'), Reflect.ownKeys(t)),
        });
        return (h as (...a: unknown[]) => unknown).apply(this, args);
      };
    for (const [name, data] of CASES) {
      const tokens = new TokenTable();
      const input = tokenizeData(COMMENT_SCHEMAS[name].parse(data), tokens);
      const helpers: Record<string, Helper> = {
        ...makeHelpers(tokens, name, {}),
        each: Handlebars.helpers.each as Helper,
      };
      templates
        .get(name)
        .run(input, { helpers: Object.fromEntries(Object.entries(helpers).map(([k, h]) => [k, spy(h)])) });
    }
    expect(read.has('fn') && read.has('inverse')).toBe(true);
    // each reads ids (trackIds, off in both forms) and data (only for @index and friends).
    expect([...read].filter((k) => !['fn', 'inverse', 'data', 'ids'].includes(k))).toEqual([]);
  });
});
