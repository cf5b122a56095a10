// Offline Forge checks, as `forge lint` runs them client-side, with no login:
//  1. @forge/manifest full validation (schema, intervals, timeouts, consumers, entities) with line numbers;
//  2. @forge/lint's client-side linters (handler exports, permissions, storage modules, egress/CSP, timeouts);
//  3. the sandbox's manifest loader, which also checks what neither checks: that a bundled icon
//     (`icon: resource:<resource key>;<relative path>`) names a declared resource and its file exists, and
//     that `unlicensedAccess` lists only user types the module supports.
// `forge lint` itself uploads the manifest and needs an Atlassian login, so it cannot run here or in CI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProcessorBuilder, ValidationTypes, type ManifestSchema } from '@forge/manifest';
import { lint, problemCount, parseSourceFile, type LintResult } from '@forge/lint';
import { tsParser } from '@forge/lint';
import { parse as parseYaml } from 'yaml';
import type { StatsigService } from '@forge/cli-shared';
import { loadManifest } from '../src/sandbox/forge/manifest';

const root = path.resolve(__dirname, '..');

/** Feature gates are off and no runtime is deprecated: what the CLI sees when Statsig is unreachable. */
const offlineStatsig = {
  checkGate: () => Promise.resolve(false),
  getDynamicConfig: () => Promise.resolve(null),
  getDeprecatedRuntimes: () => Promise.resolve([]),
} as unknown as StatsigService;

const logger = {
  info: (msg: string) => console.log(msg),
  debug: () => undefined,
  warn: (msg: string) => console.warn(msg),
  error: (msg: string) => console.error(msg),
};

function listSourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'sandbox' ? [] : listSourceFiles(full);
    return /\.(ts|tsx|js)$/.test(entry.name) ? [full] : [];
  });
}

/**
 * The permission linter maps product REST routes to scopes using Atlassian's published
 * OpenAPI specs, which it downloads. Offline we hand it empty route tables (its documented
 * USE_LOCAL_SWAGGER switch): storage, egress and UI-hook permission checks still run, the
 * route-to-scope check does not (run `forge lint` with a login for that).
 */
function useEmptyRouteTables(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-lint-'));
  const empty = path.join(dir, 'empty-openapi.json');
  fs.writeFileSync(empty, JSON.stringify({ paths: {} }));
  process.env.USE_LOCAL_SWAGGER = '1';
  for (const name of [
    'LOCAL_CONF_SWAGGER',
    'LOCAL_CONF_V2_SWAGGER',
    'LOCAL_JIRA_SWAGGER',
    'LOCAL_JSM_SWAGGER',
    'LOCAL_JSW_SWAGGER',
    'LOCAL_BB_SWAGGER',
  ]) {
    process.env[name] ??= empty;
  }
}

/** What the sandbox's manifest loader refuses (it stops at the first problem). */
export function sandboxLoaderErrors(manifestPath: string): string[] {
  try {
    loadManifest(manifestPath);
    return [];
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)];
  }
}

export async function lintForge(): Promise<{ errors: number; warnings: number; messages: string[] }> {
  const manifestPath = path.join(root, 'manifest.yml');
  const messages: string[] = [];
  const cwd = process.cwd();
  useEmptyRouteTables();
  process.chdir(root);
  try {
    const text = fs.readFileSync(manifestPath, 'utf8');
    // The processor takes the manifest's path and reads the file itself.
    const full = await ProcessorBuilder.instance().withValidation(ValidationTypes.FULL).build().process(manifestPath);
    for (const e of full.errors ?? []) messages.push(`manifest.yml:${e.line ?? '?'}:${e.column ?? '?'}: ${e.message}`);
    const loaderErrors = sandboxLoaderErrors(manifestPath);
    messages.push(...loaderErrors.map((m) => `manifest.yml: error: ${m}`));
    const manifest = parseYaml(text) as ManifestSchema;
    // The sandbox is not part of the deployed bundle's handlers; lint what Forge would run.
    // Relative paths, as the Forge CLI passes them: the handler linter matches src/index.ts literally.
    const files = listSourceFiles('src');
    const results: LintResult[] = await lint(files, manifest, 'development', logger, offlineStatsig, {
      linter: { mode: 'client-side' },
      parseFunction: (file: string) => parseSourceFile(file, tsParser),
    });
    for (const result of results) {
      for (const e of result.errors) messages.push(`${result.file}:${e.line}:${e.column}: error: ${e.message}`);
      for (const w of result.warnings) messages.push(`${result.file}:${w.line}:${w.column}: warning: ${w.message}`);
    }
    const counts = problemCount(results);
    return {
      errors: counts.errors + (full.errors?.length ?? 0) + loaderErrors.length,
      warnings: counts.warnings,
      messages,
    };
  } finally {
    process.chdir(cwd);
  }
}

if (require.main === module) {
  lintForge().then(
    ({ errors, warnings, messages }) => {
      for (const m of messages) console.log(m);
      console.log(`forge offline lint: ${errors} error(s), ${warnings} warning(s)`);
      process.exitCode = errors + warnings > 0 ? 1 : 0;
    },
    (err: unknown) => {
      console.error('forge offline lint failed to run:', err);
      process.exitCode = 1;
    },
  );
}
