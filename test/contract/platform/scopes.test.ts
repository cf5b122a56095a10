// Routes and scopes (docs/platform-contract.md, section "Runtime, limits, scopes and security",
// RT-1..RT-10). `forge lint`'s route-to-scope check needs Atlassian's published OpenAPI files and
// cannot run offline; this is that check, against the route table the adapters build their
// requests from (src/adapters/jira/routes.ts) and a checked-in extract of Jira's OpenAPI spec
// (test/fixtures/jira-openapi-scopes.json, written by scripts/extract-openapi-scopes.ts).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { parse } from 'yaml';
import { EVENT_SCOPES, JIRA_ROUTES, NON_ROUTE_SCOPES, type RouteScopes } from '../../../src/adapters/jira/route-scopes';
import { jiraRoute, type JiraRouteKey } from '../../../src/adapters/jira/routes';
import { InvalidPathSegmentError } from '../../../src/ports/jira-transport';
import { serveSandbox, type ServedSandbox } from '../../integration/cli/served-sandbox';

const root = path.resolve(__dirname, '../../..');
const ROUTES_FILE = 'src/adapters/jira/routes.ts';
/** The table itself (keys are REST paths by design). */
const TABLE_FILE = 'src/adapters/jira/route-scopes.ts';
const table = JIRA_ROUTES as Record<JiraRouteKey, RouteScopes>;
const keys = Object.keys(table) as JiraRouteKey[];

const manifest = parse(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as {
  modules: { trigger?: Array<{ events: string[] }> };
  permissions: { scopes: string[] };
};
const manifestScopes = manifest.permissions.scopes;

const extract = JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/jira-openapi-scopes.json'), 'utf8')) as {
  routes: Array<{ method: string; path: string; inSpec: boolean; classic?: string[]; granular?: string[] }>;
};

// ---- the static scan: what the app's code sends to Jira ----

interface Finding {
  file: string;
  line: number;
  text: string;
}

/** Every string or template piece naming a REST path, and every jiraRoute('…') key, in one source file. */
function scan(file: string, source: string): { rawPaths: Finding[]; routeKeys: Finding[] } {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const rawPaths: Finding[] = [];
  const routeKeys: Finding[] = [];
  const at = (node: ts.Node, text: string): Finding => ({
    file,
    line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
    text,
  });
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'jiraRoute') {
      const first = node.arguments[0];
      if (first && ts.isStringLiteralLike(first)) routeKeys.push(at(first, first.text));
      else rawPaths.push(at(node, node.getText(sf))); // a computed key escapes the table
      node.arguments.slice(1).forEach(visit);
      return;
    }
    if (
      (ts.isStringLiteralLike(node) ||
        ts.isTemplateHead(node) ||
        ts.isTemplateMiddle(node) ||
        ts.isTemplateTail(node)) &&
      /\/rest\//.test(node.text)
    ) {
      rawPaths.push(at(node, node.text));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { rawPaths, routeKeys };
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return rel === 'src/sandbox' ? [] : sourceFiles(rel);
    return /\.(ts|tsx)$/.test(e.name) ? [rel] : [];
  });
}

// The app's code that can reach Jira: src/ (Forge functions, the shared provisioning client the
// CLI also uses) minus the sandbox, and the Custom UI sources (requestJira from @forge/bridge
// would need the same scopes).
const appFiles = [...sourceFiles('src'), ...sourceFiles('static/src')];
const scans = appFiles.map((f) => scan(f, fs.readFileSync(path.join(root, f), 'utf8')));
const rawPaths = scans.flatMap((s) => s.rawPaths).filter((f) => f.file !== ROUTES_FILE && f.file !== TABLE_FILE);
const usedKeys = scans.flatMap((s) => s.routeKeys);
const called = new Set(usedKeys.map((f) => f.text));

/** Classic scopes the app needs: every table route's (expected ones included), the trigger events', the SDKs'. */
function neededScopes(): Set<string> {
  const needed = new Set<string>();
  for (const k of keys) for (const s of table[k].classic) needed.add(s);
  for (const t of manifest.modules.trigger ?? [])
    for (const e of t.events) needed.add(EVENT_SCOPES[e] ?? `(no documented scope for ${e})`);
  for (const n of NON_ROUTE_SCOPES) needed.add(n.scope);
  return needed;
}

describe('RT-1 every Jira/JSM route the app calls is in the route table', () => {
  it('finds a REST path written outside the table, and jiraRoute keys, in a source text', () => {
    const found = scan(
      'x.ts',
      "// GET /rest/api/3/comment in a comment is not a call\nconst a = { method: 'GET', path: `/rest/api/3/issue/${k}/comment` };\nconst b = jiraRoute('GET /rest/api/3/user');\nconst c = jiraRoute(someKey);\n",
    );
    expect(found.rawPaths.map((f) => [f.line, f.text])).toEqual([
      [2, '/rest/api/3/issue/'],
      [4, 'jiraRoute(someKey)'],
    ]);
    expect(found.routeKeys.map((f) => f.text)).toEqual(['GET /rest/api/3/user']);
  });

  it('app code names no REST path except through jiraRoute(key) of src/adapters/jira/routes.ts', () => {
    expect(appFiles).toContain(ROUTES_FILE);
    expect(appFiles).toContain(TABLE_FILE);
    expect(rawPaths.map((f) => `${f.file}:${f.line} ${f.text}`)).toEqual([]);
  });

  it('every jiraRoute key the code uses is a table entry', () => {
    expect(usedKeys.length).toBeGreaterThan(20);
    expect(usedKeys.filter((f) => !(f.text in table)).map((f) => `${f.file}:${f.line} ${f.text}`)).toEqual([]);
  });

  it('every table entry is called by the app, except the routes the screens change adds (marked expected)', () => {
    expect(keys.filter((k) => !called.has(k) && !table[k].expected)).toEqual([]);
  });

  it('jiraRoute fills and encodes the template parameters, and refuses a segment that would escape its place', () => {
    expect(
      jiraRoute('GET /rest/api/3/field/{fieldId}/context/{contextId}/option', {
        fieldId: 'customfield_10001',
        contextId: 10002,
      }),
    ).toEqual({
      method: 'GET',
      path: '/rest/api/3/field/customfield_10001/context/10002/option',
    });
    expect(() => jiraRoute('PUT /rest/api/3/issue/{issueIdOrKey}', { issueIdOrKey: '../../filter/1' })).toThrow(
      InvalidPathSegmentError,
    );
    expect(() => jiraRoute('GET /rest/servicedeskapi/request/{issueIdOrKey}', { issueIdOrKey: '' })).toThrow(
      InvalidPathSegmentError,
    );
  });
});

describe('RT-1 the sandbox serves every route the app calls (over HTTP, as Jira would)', () => {
  let served: ServedSandbox;
  beforeAll(async () => {
    served = await serveSandbox();
  });
  afterAll(async () => {
    await served.close();
  });

  it('answers each called route with something other than "no such resource" or "wrong method"', async () => {
    const misses: string[] = [];
    for (const key of keys.filter((k) => called.has(k))) {
      const [method, template] = key.split(' ') as [string, string];
      const url = served.server.url + template.replace(/\{[^}]+\}/g, '1');
      const res = await fetch(url, {
        method,
        headers: {
          Authorization: `Basic ${Buffer.from('admin@example.com:sandbox-token').toString('base64')}`,
          Accept: 'application/json',
          'Content-Type': 'application/json',
          'X-ExperimentalApi': 'opt-in',
        },
        ...(method === 'GET' ? {} : { body: '{}' }),
      });
      const text = await res.text();
      if (res.status === 405 || (res.status === 404 && text.includes('No REST resource at')))
        misses.push(`${key} → ${res.status}`);
    }
    expect(misses).toEqual([]);
  });
});

describe('RT-1 manifest.yml declares exactly the scopes the routes, events and SDKs need', () => {
  it('(b) has the classic scopes of every route (all of them), every trigger event and every SDK the app uses', () => {
    const needed = neededScopes();
    expect([...needed].filter((s) => !manifestScopes.includes(s)).sort()).toEqual([]);
  });

  it('(c) declares no scope that nothing needs, and no granular scope (classic scopes cover every route)', () => {
    const needed = neededScopes();
    expect(manifestScopes.filter((s) => !needed.has(s))).toEqual([]);
    expect(new Set(manifestScopes).size).toBe(manifestScopes.length);
    expect(manifestScopes.filter((s) => /:jira(-service-management)?$/.test(s) && s.split(':').length === 3)).toEqual(
      [],
    );
  });

  it('every trigger event has a documented scope', () => {
    const events = (manifest.modules.trigger ?? []).flatMap((t) => t.events);
    expect(events.length).toBeGreaterThan(0);
    expect(events.filter((e) => !(e in EVENT_SCOPES))).toEqual([]);
  });
});

describe('RT-1 the table states the documented scopes of each route', () => {
  const platform = keys.filter((k) => k.includes(' /rest/api/3/'));
  const sorted = (xs: readonly string[] | undefined) => [...(xs ?? [])].sort();

  it("(d) platform routes: classic and granular scopes equal the OpenAPI spec's for the operation", () => {
    const bySpec = new Map(extract.routes.map((r) => [`${r.method} ${r.path}`, r]));
    expect([...bySpec.keys()].sort()).toEqual([...platform].sort());
    const diffs = platform.flatMap((k) => {
      const spec = bySpec.get(k)!;
      // An operation newer than the stored spec copy must say so: unverified, with the note the next test requires.
      if (!spec.inSpec) return table[k].verified ? [`${k}: not in the spec extract, yet marked verified`] : [];
      const t = table[k];
      return [
        ...(JSON.stringify(sorted(t.classic)) === JSON.stringify(sorted(spec.classic))
          ? []
          : [`${k} classic ${JSON.stringify(t.classic)} ≠ spec ${JSON.stringify(spec.classic)}`]),
        ...(JSON.stringify(sorted(t.granular)) === JSON.stringify(sorted(spec.granular))
          ? []
          : [`${k} granular ≠ spec`]),
      ];
    });
    expect(diffs).toEqual([]);
  });

  it('platform routes cite their Jira REST page; JSM routes theirs, with JSM scope names', () => {
    for (const k of platform)
      expect(table[k].docs).toMatch(
        /^https:\/\/developer\.atlassian\.com\/cloud\/jira\/platform\/rest\/v3\/api-group-[a-z-]+\/#api-rest-api-3-[a-z-]+-(get|post|put|delete)$/,
      );
    const jsm = keys.filter((k) => k.includes(' /rest/servicedeskapi/'));
    expect(jsm.length).toBeGreaterThan(0);
    for (const k of jsm) {
      const t = table[k];
      expect(t.docs).toMatch(
        /^https:\/\/developer\.atlassian\.com\/cloud\/jira\/service-desk\/rest\/api-group-[a-z-]+\/#api-rest-servicedeskapi-[a-z-]+-(get|post|put|delete)$/,
      );
      expect(
        t.classic.every((s) =>
          ['read:servicedesk-request', 'write:servicedesk-request', 'manage:servicedesk-customer'].includes(s),
        ),
      ).toBe(true);
      expect(t.granular.every((s) => s.endsWith(':jira-service-management'))).toBe(true);
    }
  });

  it('an entry no stored source confirms says how the app survives either answer', () => {
    expect(keys.filter((k) => !table[k].verified && !table[k].note)).toEqual([]);
  });
});
