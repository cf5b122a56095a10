// The layer rules of src/, checked by `npm run lint` (`npm run lint:deps`). dependency-cruiser
// rather than ESLint import rules because these are rules about the module graph, not about one
// file: which layer may reach which, what src/index.ts can reach (barrels), and which edges are
// lazy (import()); it resolves TypeScript paths itself, and type-only imports count as edges
// (a use case that imports an adapter's type still depends on the adapter).
// https://github.com/sverweij/dependency-cruiser/blob/main/doc/rules-reference.md
//
// Layers (README, Layout): entry points (src/index.ts, src/handlers/ — or a future src/entry/ —,
// src/cli/, src/sandbox/) compose adapters and use cases; use cases depend on ports, domain,
// config and render; adapters implement ports; the domain is pure.
const ENTRY = '^src/(index\\.ts$|handlers/|entry/)';
const OUTER = '^src/(index\\.ts$|handlers/|entry/|cli/|sandbox/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'src/domain imports only src/domain and pure libraries (zod, canonicalize); node:crypto for hashing only. No I/O, no @forge/*, no jira.js.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        pathNot: ['^src/domain/', '^node_modules/(zod|canonicalize)/', '^(node:)?crypto$'],
      },
    },
    {
      name: 'usecases-not-adapters',
      comment:
        'Use cases depend on ports (src/ports), domain, config and render; an adapter is handed in by a composition root (src/handlers, cli, sandbox).',
      severity: 'error',
      from: { path: '^src/usecases/' },
      to: { path: ['^src/adapters/', '^node_modules/(@forge/|jira\\.js/)'] },
    },
    {
      name: 'ports-are-interfaces',
      comment: 'Ports depend on nothing but ports and the domain.',
      severity: 'error',
      from: { path: '^src/ports/' },
      to: { pathNot: ['^src/(ports|domain)/'] },
    },
    {
      name: 'adapters-not-usecases',
      comment: 'Adapters implement ports; they import no use case (the work-queue port is src/ports/work-queue.ts).',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/usecases/' },
    },
    {
      name: 'inner-layers-not-outer',
      comment:
        'domain, ports, use cases, adapters, render and config never reach up into entry points, the CLI or the sandbox.',
      severity: 'error',
      from: { path: '^src/(domain|ports|usecases|adapters|render|config)/' },
      to: { path: OUTER },
    },
    {
      name: 'sandbox-stays-offline',
      comment: 'Only the sandbox and the CLI (and tests) import the offline platform.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(sandbox|cli)/' },
      to: { path: '^src/sandbox/' },
    },
    {
      name: 'no-barrels-in-forge-bundle',
      comment:
        'Code the Forge bundle reaches (everything src/index.ts reaches) imports modules, not index.ts re-export files, so a handler loads only what it uses.',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/.+/index\\.ts$', reachable: true },
    },
    {
      name: 'lazy-import-only-in-entry-points',
      comment:
        'import() (a lazily loaded chunk) only in entry points: src/index.ts and the handler modules under src/handlers (or src/entry); the CLI and the sandbox are entry points too.',
      severity: 'error',
      from: { path: '^src/', pathNot: [ENTRY, '^src/(cli|sandbox)/'] },
      to: { dynamic: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/render/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    combinedDependencies: false,
  },
};
