// src/adapters/jira/forge-transport.ts imports requestJira and routes from two
// @forge/api modules instead of the package index (the index costs ~34 KB more
// on every cold start). This pins that choice to the installed @forge/api: the
// modules are the ones the public index re-exports from, with the API we use.
// If an upgrade moves them, this fails — then import from '@forge/api' again.
import fs from 'node:fs';
import path from 'node:path';

const index = require('@forge/api') as Record<string, unknown>;
const fetchModule = require('@forge/api/out/api/fetch') as typeof import('@forge/api/out/api/fetch');
const safeUrl = require('@forge/api/out/safeUrl') as typeof import('@forge/api/out/safeUrl');
const runtimeModule = require('@forge/api/out/api/runtime') as typeof import('@forge/api/out/api/runtime');

describe('the @forge/api modules the Jira transport imports', () => {
  it('are the modules the public index re-exports from', () => {
    expect(index.assumeTrustedRoute).toBe(safeUrl.assumeTrustedRoute);
    expect(index.route).toBe(safeUrl.route);
    expect(index.__requestAtlassianAsApp).toBe(fetchModule.__requestAtlassianAsApp);
    expect(index.__fetchProduct).toBe(fetchModule.__fetchProduct);
    // src/adapters/forge/app-id.ts
    expect(index.getAppContext).toBe(runtimeModule.getAppContext);
  });

  it('build the same fetch API as the index (asApp / asUser with requestJira)', () => {
    const built = fetchModule.getFetchAPI();
    expect(Object.keys(built).sort()).toEqual(
      Object.keys(index.default as object)
        .filter((k) => k in built)
        .sort(),
    );
    expect(typeof built.asApp().requestJira).toBe('function');
    expect(typeof built.asUser().requestJira).toBe('function');
    // src/adapters/idp/directories.ts: connected mode's egress to the IdPs.
    expect(typeof built.fetch).toBe('function');
    const trusted = safeUrl.assumeTrustedRoute('/rest/api/3/myself?expand=groups');
    expect(trusted.value).toBe('/rest/api/3/myself?expand=groups');
  });

  it('is the only way Forge-reachable code reaches @forge/api (nothing imports the index)', () => {
    const src = path.resolve(__dirname, '../../src');
    const files = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory()
            ? ['sandbox', 'cli'].includes(e.name)
              ? []
              : files(path.join(dir, e.name))
            : e.name.endsWith('.ts')
              ? [path.join(dir, e.name)]
              : [],
        );
    const importers = files(src).filter((f) =>
      /from\s+['"]@forge\/api['"]|import\(\s*['"]@forge\/api['"]/.test(fs.readFileSync(f, 'utf8')),
    );
    expect(importers.map((f) => path.relative(src, f))).toEqual([]);
  });
});
