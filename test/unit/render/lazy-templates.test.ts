// Templates loaded on demand (what Forge handlers use: precompiled.ts), and the
// bundle split that makes it pay: each template a chunk of its own.
import path from 'node:path';
import { buildSync } from 'esbuild';
import {
  COMMENT_NAMES,
  CommentTemplates,
  RenderError,
  renderComment,
  type CommentLoader,
  type CommentName,
  type CompiledComment,
} from '../../../src/render';
import { precompiledTemplateLoaders } from '../../../src/render/precompiled';
import { FIXTURES } from './comment-fixtures';
import { templates } from './helpers';

const root = path.resolve(__dirname, '../../..');

/** The real precompiled loaders, counting calls. */
function counted(): { loaders: Record<CommentName, CommentLoader>; calls: Map<CommentName, number> } {
  const calls = new Map<CommentName, number>();
  const real = precompiledTemplateLoaders();
  const loaders = Object.fromEntries(
    COMMENT_NAMES.map((n): [CommentName, CommentLoader] => [
      n,
      () => {
        calls.set(n, (calls.get(n) ?? 0) + 1);
        return real[n]();
      },
    ]),
  ) as Record<CommentName, CommentLoader>;
  return { loaders, calls };
}

function thrown(f: () => unknown): RenderError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RenderError);
    return e as RenderError;
  }
  throw new Error('did not throw');
}

describe('templates loaded on demand', () => {
  it('load nothing until ensured, then only the templates named, each once', async () => {
    const { loaders, calls } = counted();
    const set = new CommentTemplates(new Map(), loaders);
    expect(set.names.sort()).toEqual([...COMMENT_NAMES].sort());
    expect(calls.size).toBe(0);
    await set.ensure(['approved', 'fulfilled', 'approved']);
    expect([...calls]).toEqual([
      ['approved', 1],
      ['fulfilled', 1],
    ]);
    expect(renderComment(set, 'approved', FIXTURES.approved)).toEqual(
      renderComment(templates, 'approved', FIXTURES.approved),
    );
    await set.ensure(['approved', 'declined']);
    expect([...calls].sort()).toEqual([
      ['approved', 1],
      ['declined', 1],
      ['fulfilled', 1],
    ]);
  });

  it('refuse get() and renderComment() of a template not ensured (a programming error), naming ensure', async () => {
    const set = new CommentTemplates(new Map(), precompiledTemplateLoaders());
    const e = thrown(() => renderComment(set, 'declined', FIXTURES.declined));
    expect(e.code).toBe('TEMPLATE_NOT_LOADED');
    expect(e.message).toContain('"declined"');
    expect(e.message).toContain('ensure(');
    await set.ensure(['approved']);
    expect(thrown(() => set.get('declined')).code).toBe('TEMPLATE_NOT_LOADED');
    expect(set.get('approved').audience).toBe('public');
  });

  it('leave unknown names to get(), which reports them as with compiled templates', async () => {
    const set = new CommentTemplates(new Map(), precompiledTemplateLoaders());
    await expect(set.ensure(['no-such-template' as CommentName, '__proto__' as CommentName])).resolves.toBeUndefined();
    const e = thrown(() => set.get('no-such-template'));
    expect(e.code).toBe('TEMPLATE_UNKNOWN');
    expect(e.message).toBe(thrown(() => templates.get('no-such-template')).message);
    expect(thrown(() => set.get('__proto__')).code).toBe('TEMPLATE_UNKNOWN');
  });

  it('share one load between concurrent ensure() calls', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const entry: CompiledComment = { audience: 'internal', run: () => 'x' };
    const set = new CommentTemplates(new Map(), {
      approved: async () => {
        calls++;
        await gate;
        return entry;
      },
    });
    const a = set.ensure(['approved']);
    const b = set.ensure(['approved']);
    expect(thrown(() => set.get('approved')).code).toBe('TEMPLATE_NOT_LOADED');
    release();
    await Promise.all([a, b]);
    expect(calls).toBe(1);
    expect(set.get('approved')).toBe(entry);
  });

  it('pass a failed load on to every waiter and retry it on the next ensure()', async () => {
    let calls = 0;
    const entry: CompiledComment = { audience: 'public', run: () => 'x' };
    const set = new CommentTemplates(new Map(), {
      approved: async () => {
        calls++;
        if (calls === 1) throw new Error('chunk 123 failed to load');
        return entry;
      },
    });
    const results = await Promise.allSettled([set.ensure(['approved']), set.ensure(['approved'])]);
    expect(results.map((r) => r.status === 'rejected' && (r.reason as Error).message)).toEqual([
      'chunk 123 failed to load',
      'chunk 123 failed to load',
    ]);
    expect(calls).toBe(1);
    expect(thrown(() => set.get('approved')).code).toBe('TEMPLATE_NOT_LOADED');
    await set.ensure(['approved']);
    expect(calls).toBe(2);
    expect(set.get('approved')).toBe(entry);
  });

  it('make ensure() a no-op for templates compiled at load', async () => {
    await expect(templates.ensure(COMMENT_NAMES)).resolves.toBeUndefined();
    expect(templates.get('approved').audience).toBe('public');
  });

  // What makes an invocation load only the templates it renders: with the
  // module graph split at import() (as webpack does for `forge deploy`, and
  // as bench/core-loop.ts measures with esbuild), no template is in the chunk
  // of precompiled.ts, and each is in a chunk of its own.
  it('are each a chunk of their own when a bundler splits at import()', () => {
    const r = buildSync({
      absWorkingDir: root,
      entryPoints: ['src/render/precompiled.ts'],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outdir: 'out',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const outputs = Object.values(r.metafile.outputs).filter((o) => Object.keys(o.inputs).length > 0);
    const templateOf = (input: string) => /^src\/render\/generated\/templates\/(.+)\.ts$/.exec(input)?.[1];
    const entry = outputs.find((o) => o.entryPoint === 'src/render/precompiled.ts')!;
    expect(Object.keys(entry.inputs).filter(templateOf)).toEqual([]);
    const chunks = outputs.filter((o) => Object.keys(o.inputs).some(templateOf));
    expect(chunks.map((o) => Object.keys(o.inputs).map(templateOf)).sort()).toEqual(
      [...COMMENT_NAMES].sort().map((n) => [n]),
    );
    expect(entry.imports.filter((i) => i.kind === 'dynamic-import')).toHaveLength(COMMENT_NAMES.length);
  });
});
