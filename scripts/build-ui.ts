// Bundles the Custom UI pages (static/src/*.ts → static/<page>/main.js) with
// esbuild, and ships static/src/style.css with each page as a file: Forge's
// Content Security Policy blocks inline styles and scripts unless the manifest
// declares them (permissions.content), which this app does not
// (https://developer.atlassian.com/platform/forge/add-content-security-and-egress-controls/).
// The output is committed, so `forge deploy` needs no build step.
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
export const UI_PAGES = ['admin', 'queues', 'portal'] as const;

const HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>AI Clearance</title><link rel="stylesheet" href="./style.css"></head>
<body><div id="root"></div><script src="./main.js"></script></body>
</html>
`;

export function buildUi(outRoot = path.join(root, 'static')): void {
  for (const page of UI_PAGES) {
    const dir = path.join(outRoot, page);
    fs.mkdirSync(dir, { recursive: true });
    buildSync({
      entryPoints: [path.join(root, 'static/src', `${page}.ts`)],
      bundle: true,
      minify: true,
      format: 'iife',
      platform: 'browser',
      target: ['es2020'],
      legalComments: 'none',
      outfile: path.join(dir, 'main.js'),
      logLevel: 'error',
    });
    fs.writeFileSync(path.join(dir, 'index.html'), HTML);
    fs.copyFileSync(path.join(root, 'static/src/style.css'), path.join(dir, 'style.css'));
  }
}

if (require.main === module) buildUi();
