// Segment-by-segment path matching: enough for Jira's REST paths, and it
// tells a wrong method (405) from an unknown path (404).
import type { Route } from './site';

interface Compiled {
  route: Route;
  segments: string[];
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method'; allowed: string[] }
  | { kind: 'none' };

export class Router {
  private readonly compiled: Compiled[];

  constructor(routes: Route[]) {
    this.compiled = routes.map((route) => ({ route, segments: split(route.path) }));
  }

  match(method: string, path: string): RouteMatch {
    const parts = split(path);
    const allowed: string[] = [];
    // Literal segments beat parameters (…/field/search before …/field/{id}).
    const candidates = this.compiled
      .map((c) => ({ c, params: matchSegments(c.segments, parts) }))
      .filter((x): x is { c: Compiled; params: Record<string, string> } => x.params !== undefined)
      .sort((a, b) => literalScore(b.c.segments) - literalScore(a.c.segments));
    for (const { c, params } of candidates) {
      if (c.route.method === method.toUpperCase()) return { kind: 'found', route: c.route, params };
      allowed.push(c.route.method);
    }
    return allowed.length ? { kind: 'method', allowed } : { kind: 'none' };
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function literalScore(segments: string[]): number {
  return segments.reduce((n, s, i) => n + (s.startsWith('{') ? 0 : 1 << (16 - Math.min(i, 16))), 0);
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    const v = parts[i];
    if (p.startsWith('{') && p.endsWith('}')) params[p.slice(1, -1)] = v;
    else if (p !== v) return undefined;
  }
  return params;
}
