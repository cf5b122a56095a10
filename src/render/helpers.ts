// The only helpers templates may use. They are created per render, bound to
// that render's token table: they see the original values behind tokens and
// return tokens, so their output is plain text like any other value.
import { RenderError } from './errors';
import type { TokenTable } from './tokens';

interface HelperOptions {
  fn: (ctx: unknown) => string;
  inverse: (ctx: unknown) => string;
}

/** Arity and which params must be literals in the template (checked at load). */
export const HELPER_SIGNATURES: Record<string, { min: number; max: number; literal: number[]; block: boolean }> = {
  if: { min: 1, max: 1, literal: [], block: true },
  unless: { min: 1, max: 1, literal: [], block: true },
  each: { min: 1, max: 1, literal: [], block: true },
  eq: { min: 2, max: 2, literal: [], block: false },
  formatDate: { min: 1, max: 2, literal: [1], block: false },
  pluralize: { min: 2, max: 3, literal: [1, 2], block: false },
  browseLink: { min: 1, max: 1, literal: [], block: false },
  portalRequestLink: { min: 2, max: 2, literal: [], block: false },
  portalCreateLink: { min: 3, max: 3, literal: [2], block: false },
};
export const HELPER_NAMES = Object.keys(HELPER_SIGNATURES);

const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,49}-[1-9]\d{0,9}$/;
const NUMERIC_ID = /^\d{1,18}$/;

/** Handlebars calls helpers with `this` = context and options last; the exact shapes vary per helper. */
export type Helper = (this: unknown, ...args: never[]) => unknown;

export interface RenderOptions {
  /** Absolute site URL (https://x.atlassian.net) for links; site-relative when absent. */
  siteUrl?: string;
}

export function makeHelpers(tokens: TokenTable, template: string, opts: RenderOptions): Record<string, Helper> {
  const base = opts.siteUrl ? validSiteUrl(opts.siteUrl) : '';
  const fail = (msg: string): never => {
    throw new RenderError('RENDER_DATA_INVALID', `template ${template}: ${msg}`);
  };
  const truthy = (v: unknown): boolean => (Array.isArray(v) ? v.length > 0 : Boolean(v));
  const literal = (v: unknown, what: string): string => {
    if (typeof v !== 'string' || tokens.resolve(v) !== v) fail(`${what} must be a literal string in the template`);
    return v as string;
  };
  return {
    // Overrides of the built-ins: decide on the value behind a token, so 0 and '' stay falsy.
    if(this: unknown, cond: unknown, options: HelperOptions) {
      return truthy(tokens.resolve(cond)) ? options.fn(this) : options.inverse(this);
    },
    unless(this: unknown, cond: unknown, options: HelperOptions) {
      return truthy(tokens.resolve(cond)) ? options.inverse(this) : options.fn(this);
    },
    eq: (a: unknown, b: unknown) => tokens.resolve(a) === tokens.resolve(b),
    formatDate: (value: unknown, ...rest: unknown[]) => {
      const mode = rest.length > 1 ? literal(rest[0], 'formatDate mode') : 'date';
      const raw = tokens.resolve(value);
      const d =
        raw instanceof Date ? raw : typeof raw === 'string' || typeof raw === 'number' ? new Date(raw) : undefined;
      if (!d || Number.isNaN(d.getTime()))
        return fail(`formatDate got ${JSON.stringify(String(raw)).slice(0, 40)}, not a date`);
      const iso = d.toISOString();
      return tokens.text(iso, mode === 'datetime' ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso.slice(0, 10));
    },
    pluralize: (n: unknown, ...rest: unknown[]) => {
      const words = rest.slice(0, -1);
      const one = literal(words[0], 'pluralize word');
      const many = words.length > 1 ? literal(words[1], 'pluralize plural') : `${one}s`;
      const count = Number(tokens.resolve(n));
      if (!Number.isFinite(count)) return fail('pluralize needs a number');
      return tokens.text(count, `${count} ${count === 1 ? one : many}`);
    },
    browseLink: (key: unknown) => {
      const k = tokens.resolve(key);
      if (typeof k !== 'string' || !ISSUE_KEY.test(k)) return fail('browseLink needs a valid issue key');
      return tokens.link(k, `${base}/browse/${k}`);
    },
    portalRequestLink: (portalId: unknown, key: unknown) => {
      const p = tokens.resolve(portalId);
      const k = tokens.resolve(key);
      if (typeof p !== 'string' || !NUMERIC_ID.test(p) || typeof k !== 'string' || !ISSUE_KEY.test(k))
        return fail('portalRequestLink needs a numeric portal id and an issue key');
      return tokens.link(k, `${base}/servicedesk/customer/portal/${p}/${k}`);
    },
    portalCreateLink: (portalId: unknown, requestTypeId: unknown, label: unknown) => {
      const p = tokens.resolve(portalId);
      const r = tokens.resolve(requestTypeId);
      if (typeof p !== 'string' || !NUMERIC_ID.test(p) || typeof r !== 'string' || !NUMERIC_ID.test(r))
        return fail('portalCreateLink needs numeric portal and request type ids');
      return tokens.link(
        literal(label, 'portalCreateLink label'),
        `${base}/servicedesk/customer/portal/${p}/create/${r}`,
      );
    },
  };
}

function validSiteUrl(url: string): string {
  if (!/^https:\/\/[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url)) {
    throw new RenderError(
      'RENDER_DATA_INVALID',
      `siteUrl "${url.slice(0, 80)}" must be an https origin without a path, e.g. https://example.atlassian.net`,
    );
  }
  return url;
}
