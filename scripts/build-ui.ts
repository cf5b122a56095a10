// Bundles the Custom UI pages (static/src/*.ts → static/<page>/main.js) with
// esbuild. The output is committed, so `forge deploy` needs no build step.
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
export const UI_PAGES = ['admin', 'queues', 'portal'] as const;

const HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>AI Clearance</title></head>
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
  }
}

if (require.main === module) buildUi();
