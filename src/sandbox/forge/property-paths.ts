// Entity property paths of a trigger's `payload.include.propertyPaths` (and the
// `event.runtime.` paths of its filter expression), as Forge documents them:
// https://developer.atlassian.com/platform/forge/events-reference/product_events/
// § "Filtering by entity properties" (a Preview feature):
//   - the syntax is `<entity>.properties['<key>']` then sub-paths in dot
//     (`.field`) or bracket (`['field']`, `['x.y.z']`) notation, entity one of
//     issue, project, user, issuetype ("Supported entities");
//   - at most 5 DISTINCT paths across all trigger modules of an app, filter
//     expressions and payload.include combined ("Limits and constraints");
//   - values arrive in `event.payloadIncludeProperties["<path as declared>"]`
//     ("Delivered payload shape"); a path that resolves to an object gives
//     null ("Key points about the syntax", 5.); a path that cannot be resolved
//     is absent ("Delivered payload shape"; key point 4. says null instead:
//     the docs disagree, the app treats both the same).
import { ForgePlatformError } from './errors';

export const MAX_DISTINCT_PROPERTY_PATHS = 5;
export const PROPERTY_ENTITIES = ['issue', 'project', 'user', 'issuetype'] as const;
export type PropertyEntity = (typeof PROPERTY_ENTITIES)[number];

export interface PropertyPath {
  /** As written in the manifest: the key of payloadIncludeProperties. */
  declared: string;
  entity: PropertyEntity;
  propertyKey: string;
  /** Sub-path segments (bracket and dot notation flattened). */
  segments: string[];
  /** One spelling per distinct path (what the 5-path limit counts). */
  canonical: string;
}

const PATH = /^(issue|project|user|issuetype)\.properties\['([^'\\]+)'\]((?:\.[A-Za-z_$][\w$-]*|\['[^'\\]+'\])*)$/;
const SEGMENT = /\.([A-Za-z_$][\w$-]*)|\['([^'\\]+)'\]/g;

/** Parses one path; undefined when it is not in the documented syntax. */
export function parsePropertyPath(declared: string): PropertyPath | undefined {
  const m = PATH.exec(declared.trim());
  if (!m) return undefined;
  const [, entity, propertyKey, rest] = m as unknown as [string, PropertyEntity, string, string];
  const segments: string[] = [];
  for (const s of rest.matchAll(SEGMENT)) segments.push(...(s[1] !== undefined ? [s[1]] : s[2].split('.')));
  const canonical = `${entity}.properties['${propertyKey}']${segments.map((s) => `.${s}`).join('')}`;
  return { declared, entity, propertyKey, segments, canonical };
}

/** The `event.runtime.<path>` references of a filter expression, canonicalised. */
export function runtimePathsOf(expression: string): string[] {
  const out: string[] = [];
  for (const m of expression.matchAll(
    /event\.runtime\.((?:issue|project|user|issuetype)\.properties\['[^'\\]+'\](?:\.[A-Za-z_$][\w$-]*|\['[^'\\]+'\])*)/g,
  )) {
    const p = parsePropertyPath(m[1]);
    if (p) out.push(p.canonical);
  }
  return out;
}

/** Refuses paths outside the documented syntax and more than 5 distinct paths per app. */
export function checkPropertyPaths(
  uses: ReadonlyArray<{ where: string; declared?: readonly string[]; expression?: string }>,
): Map<string, PropertyPath> {
  const parsed = new Map<string, PropertyPath>();
  const distinct = new Set<string>();
  for (const u of uses) {
    for (const d of u.declared ?? []) {
      const p = parsePropertyPath(d);
      if (!p) {
        throw new ForgePlatformError(
          'MANIFEST_INVALID',
          `${u.where}: payload.include.propertyPaths entry "${d}" is not an entity property path; write <entity>.properties['<key>'].<sub.path> ` +
            `with entity one of ${PROPERTY_ENTITIES.join(', ')}, e.g. issue.properties['myKey'].status ` +
            '(https://developer.atlassian.com/platform/forge/events-reference/product_events/#filtering-by-entity-properties)',
        );
      }
      parsed.set(d, p);
      distinct.add(p.canonical);
    }
    for (const c of u.expression ? runtimePathsOf(u.expression) : []) distinct.add(c);
  }
  if (distinct.size > MAX_DISTINCT_PROPERTY_PATHS) {
    throw new ForgePlatformError(
      'MANIFEST_INVALID',
      `the trigger modules use ${distinct.size} distinct entity property paths (${[...distinct].join(', ')}); Forge allows at most ${MAX_DISTINCT_PROPERTY_PATHS} per app, ` +
        'filter expressions and payload.include.propertyPaths combined',
    );
  }
  return parsed;
}

/** What Forge delivers for one path: a primitive or an array of primitives; null for an object; undefined (absent) when unresolvable. */
export function resolvePropertyPath(properties: Record<string, unknown> | undefined, p: PropertyPath): unknown {
  if (!properties || !Object.prototype.hasOwnProperty.call(properties, p.propertyKey)) return undefined;
  let cur: unknown = properties[p.propertyKey];
  for (const s of p.segments) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, s))
      return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  if (cur === undefined) return undefined;
  if (cur === null || typeof cur !== 'object') return cur;
  if (Array.isArray(cur) && cur.every((v) => v === null || typeof v !== 'object')) return [...(cur as unknown[])];
  return null;
}
