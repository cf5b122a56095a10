// Bundles the Custom UI resources with esbuild: one entry per `resources` entry of manifest.yml,
// static/src/<dir>/index.tsx (React + Atlassian's design system) → static/<dir>/{index.html, main.js,
// style.css}, where <dir> is the last segment of the resource's path. A page not yet moved to React keeps
// its old entry static/src/<dir>.ts and static/src/style.css.
//
// The design tokens (@atlaskit/tokens) are CSS custom properties: the build writes the light theme's
// styles (getThemeStyles, the library's server-side API) and @atlaskit/css-reset into style.css, a file,
// and puts the theme's html attributes (getThemeHtmlAttrs) on <html>. Atlaskit's components still inject
// their own <style> elements at runtime, which Forge's Content Security Policy blocks unless the manifest
// declares `permissions.content.styles: ['unsafe-inline']` (docs/ui.md, platform-contract.md UI-9).
// Files a module's manifest entry points at (an `icon: resource:<key>;icons/<file>`) live in
// static/src/<dir>/icons/ and are copied to static/<dir>/icons/ (https://developer.atlassian.com/platform/forge/custom-ui/#icons).
// The output is committed, so `forge deploy` needs no build step.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod';
import getThemeHtmlAttrs from '@atlaskit/tokens/get-theme-html-attrs';
import getThemeStyles from '@atlaskit/tokens/get-theme-styles';

const root = path.resolve(__dirname, '..');

const Manifest = z.looseObject({
  resources: z.array(z.looseObject({ key: z.string(), path: z.string() })).default([]),
});

export interface UiResource {
  /** The manifest resource key (e.g. portal-ui). */
  key: string;
  /** The folder under static/ it builds to (e.g. portal). */
  dir: string;
  /** The source entry (static/src/<dir>/index.tsx, or a legacy static/src/<dir>.ts). */
  entry: string;
  react: boolean;
}

/** Every Custom UI resource the manifest declares, with its source entry. */
export function uiResources(manifestPath = path.join(root, 'manifest.yml')): UiResource[] {
  const manifest = Manifest.parse(parseYaml(fs.readFileSync(manifestPath, 'utf8')));
  return manifest.resources.map((r) => {
    const dir = path.basename(r.path);
    const tsx = path.join(root, 'static/src', dir, 'index.tsx');
    if (fs.existsSync(tsx)) return { key: r.key, dir, entry: tsx, react: true };
    const legacy = path.join(root, 'static/src', `${dir}.ts`);
    if (fs.existsSync(legacy)) return { key: r.key, dir, entry: legacy, react: false };
    throw new Error(`resource ${r.key} (${r.path}) has no source: create static/src/${dir}/index.tsx`);
  });
}

/** The files each built resource holds. */
export const UI_FILES = ['index.html', 'main.js', 'style.css'] as const;

/** The folder of a resource's own files (icons), copied as they are next to the built page. */
export const ASSET_DIR = 'icons';

/** The icon files of a resource's source, relative to its folder (e.g. icons/decision.svg). */
export function assetFiles(dir: string, srcRoot = path.join(root, 'static/src')): string[] {
  const from = path.join(srcRoot, dir, ASSET_DIR);
  if (!fs.existsSync(from)) return [];
  return fs
    .readdirSync(from, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(path.join(srcRoot, dir), path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

function html(attrs: Record<string, string>): string {
  const htmlAttrs = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${v.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}"`)
    .join('');
  return `<!doctype html>
<html lang="en"${htmlAttrs}>
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>AI Clearance</title><link rel="stylesheet" href="./style.css"></head>
<body><div id="root"></div><script src="./main.js"></script></body>
</html>
`;
}

async function quietFeatureGates<T>(run: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, warn: console.warn, error: console.error };
  for (const level of ['log', 'warn', 'error'] as const)
    console[level] = (...args: unknown[]) => {
      if (!JSON.stringify(args[0] ?? '').includes('feature gate')) saved[level](...args);
    };
  try {
    return await run();
  } finally {
    Object.assign(console, saved);
  }
}

async function designSystemCss(): Promise<{ css: string; attrs: Record<string, string> }> {
  const theme = { colorMode: 'light', light: 'light', spacing: 'spacing', typography: 'typography' } as const;
  // getThemeStyles asks a feature gate that only a product initialises, and logs that it was not; the answer
  // (false) is what a Forge page gets too, so that one log line is dropped.
  const styles = await quietFeatureGates(() => getThemeStyles(theme));
  const reset = fs.readFileSync(require.resolve('@atlaskit/css-reset/dist/bundle.css'), 'utf8');
  const own = fs.readFileSync(path.join(root, 'static/src/shared/page.css'), 'utf8');
  const css = [reset, ...styles.map((s) => s.css), own].join('\n');
  return { css, attrs: getThemeHtmlAttrs(theme) };
}

export async function buildUi(outRoot = path.join(root, 'static')): Promise<UiResource[]> {
  const resources = uiResources();
  const system = resources.some((r) => r.react) ? await designSystemCss() : undefined;
  for (const r of resources) {
    const dir = path.join(outRoot, r.dir);
    fs.mkdirSync(dir, { recursive: true });
    // The output folder is written file by file, never emptied: only what a fresh build holds is replaced.
    fs.rmSync(path.join(dir, ASSET_DIR), { recursive: true, force: true });
    for (const rel of assetFiles(r.dir)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.copyFileSync(path.join(root, 'static/src', r.dir, rel), path.join(dir, rel));
    }
    await build({
      entryPoints: [r.entry],
      bundle: true,
      minify: true,
      format: 'iife',
      platform: 'browser',
      target: ['es2020'],
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      legalComments: 'none',
      outfile: path.join(dir, 'main.js'),
      logLevel: 'error',
    });
    if (r.react && system) {
      fs.writeFileSync(path.join(dir, 'index.html'), html(system.attrs));
      // Stylesheets the components import (esbuild gathers them into main.css) join the page's one style.css.
      const imported = path.join(dir, 'main.css');
      const extra = fs.existsSync(imported) ? fs.readFileSync(imported, 'utf8') : '';
      fs.rmSync(imported, { force: true });
      fs.writeFileSync(path.join(dir, 'style.css'), `${system.css}\n${extra}`);
    } else {
      fs.writeFileSync(path.join(dir, 'index.html'), html({}));
      fs.copyFileSync(path.join(root, 'static/src/style.css'), path.join(dir, 'style.css'));
    }
  }
  return resources;
}

if (require.main === module)
  buildUi().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
