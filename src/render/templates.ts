// A set of compiled comment templates, in memory or loaded on demand (Forge
// handlers: precompiled.ts, a chunk per template). Holding one needs no
// renderer: render.ts renders with it.
import { isCommentName, type CommentName } from './comment-names';
import { RenderError } from './errors';
import type { Helper } from './helpers';

/** public: the requester sees it (JSM public comment); internal: agents only. */
export type Audience = 'public' | 'internal';

/** A compiled template, however it was produced (compiled at load or precompiled at build). */
export interface CompiledComment {
  audience: Audience;
  description?: string;
  run: (data: unknown, options: { helpers: Record<string, Helper> }) => string;
}

/** Loads one template on demand (precompiled.ts: a chunk of its own in the Forge bundle). */
export type CommentLoader = () => Promise<CompiledComment>;

/**
 * The comment templates a renderer can use: `compiled` are in memory;
 * `loaders` are loaded by ensure(), which callers await before rendering
 * (get() of a template that has a loader but was not ensured throws
 * TEMPLATE_NOT_LOADED: a programming error, which tests catch).
 */
export class CommentTemplates {
  private readonly compiled: Map<CommentName, CompiledComment>;
  /** Loads under way, shared by concurrent ensure() calls; a failed load is forgotten, so the next ensure() retries it. */
  private readonly loading = new Map<CommentName, Promise<void>>();

  constructor(
    compiled: ReadonlyMap<CommentName, CompiledComment>,
    private readonly loaders: Readonly<Partial<Record<CommentName, CommentLoader>>> = {},
  ) {
    this.compiled = new Map(compiled);
  }

  get names(): CommentName[] {
    return [...new Set([...this.compiled.keys(), ...Object.keys(this.loaders).filter(isCommentName)])].sort();
  }

  /** Makes get() able to return each of `names`, loading those not in memory yet. Names it does not know are left for get() to report. */
  async ensure(names: Iterable<CommentName>): Promise<void> {
    const loads: Array<Promise<void>> = [];
    for (const name of names) {
      if (this.compiled.has(name)) continue;
      const load = isCommentName(name) ? this.loaders[name] : undefined;
      if (!load) continue;
      let loading = this.loading.get(name);
      if (!loading) {
        loading = load().then(
          (t) => {
            this.compiled.set(name, t);
            this.loading.delete(name);
          },
          (e: unknown) => {
            this.loading.delete(name);
            throw e;
          },
        );
        this.loading.set(name, loading);
      }
      loads.push(loading);
    }
    if (loads.length) await Promise.all(loads);
  }

  get(name: string): CompiledComment {
    const t = isCommentName(name) ? this.compiled.get(name) : undefined;
    if (t) return t;
    if (isCommentName(name) && this.loaders[name]) {
      throw new RenderError(
        'TEMPLATE_NOT_LOADED',
        `comment template "${name}" is not loaded; await templates.ensure([...]) with every template you are about to render before rendering`,
      );
    }
    throw new RenderError('TEMPLATE_UNKNOWN', `no comment template named "${name}"; known: ${this.names.join(', ')}`);
  }
}
