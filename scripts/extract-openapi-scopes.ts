// Writes test/fixtures/jira-openapi-scopes.json: for each Jira platform route in
// src/adapters/jira/routes.ts, the scopes Jira's OpenAPI spec gives its operation
// (`x-atlassian-oauth2-scopes`: state "Current" = classic, "Beta" = granular).
// Only those routes are extracted, not the spec. test/contract/platform/scopes.test.ts
// checks the route table against this file, so CI needs no copy of the spec.
//
//   npx tsx scripts/extract-openapi-scopes.ts [--spec-repo <git dir>] [--check]
//
// The spec is read from a local git clone of salto-io/jira-swaggers
// (platform-swagger.v3.json, Jira's published
// https://developer.atlassian.com/cloud/jira/platform/swagger-v3.v3.json). --check
// exits 1 when the committed file differs from a fresh extract.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { JIRA_ROUTES } from '../src/adapters/jira/route-scopes';

const DEFAULT_SPEC_REPO = '/work/.mirror/salto-io+jira-swaggers/repo';
const SPEC_FILE = 'platform-swagger.v3.json';
const OUT = path.resolve(__dirname, '../test/fixtures/jira-openapi-scopes.json');

interface Operation {
  operationId?: string;
  'x-atlassian-oauth2-scopes'?: Array<{ state?: string; scheme?: string; scopes?: string[] }>;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const repo = arg('--spec-repo') ?? DEFAULT_SPEC_REPO;
  const commit = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const spec = JSON.parse(
    execFileSync('git', ['-C', repo, 'show', `HEAD:${SPEC_FILE}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
  ) as {
    paths: Record<string, Record<string, Operation>>;
  };
  const routes = Object.keys(JIRA_ROUTES)
    .filter((key) => key.includes(' /rest/api/3/'))
    .sort()
    .map((key) => {
      const [method, p] = key.split(' ') as [string, string];
      const op = spec.paths[p]?.[method.toLowerCase()];
      if (!op) return { method, path: p, inSpec: false };
      const scopes = op['x-atlassian-oauth2-scopes'] ?? [];
      const of = (state: string) => [...(scopes.find((s) => s.state === state)?.scopes ?? [])].sort();
      return {
        method,
        path: p,
        inSpec: true,
        operationId: op.operationId,
        classic: of('Current'),
        granular: of('Beta'),
      };
    });
  const out = `${JSON.stringify({ source: { repository: 'salto-io/jira-swaggers', file: SPEC_FILE, commit }, routes }, null, 2)}\n`;
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
    if (current !== out) {
      process.stderr.write(
        `${path.relative(process.cwd(), OUT)} is out of date; run npx tsx scripts/extract-openapi-scopes.ts\n`,
      );
      process.exit(1);
    }
    return;
  }
  fs.writeFileSync(OUT, out);
  process.stdout.write(`wrote ${routes.length} routes to ${path.relative(process.cwd(), OUT)}\n`);
}

main();
