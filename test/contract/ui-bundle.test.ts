// The committed Custom UI bundles are what static/src builds to (forge deploy uploads them as they are).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ASSET_DIR, assetFiles, buildUi, UI_FILES, uiResources } from '../../scripts/build-ui';

const root = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? sources(path.join(dir, d.name)) : [path.join(dir, d.name)]))
    .filter((f) => /\.tsx?$/.test(f));
}

it('static/<resource>/ matches a fresh build of static/src for every manifest resource (run `npm run build:ui`)', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-ui-'));
  const built = await buildUi(out);
  expect(built.map((r) => r.dir).sort()).toEqual(
    uiResources()
      .map((r) => r.dir)
      .sort(),
  );
  for (const r of built) {
    const assets = assetFiles(r.dir);
    expect(fs.readdirSync(path.join(out, r.dir)).sort()).toEqual(
      [...UI_FILES, ...(assets.length > 0 ? [ASSET_DIR] : [])].sort(),
    );
    for (const file of [...UI_FILES, ...assets]) {
      expect(fs.readFileSync(path.join(root, 'static', r.dir, file), 'utf8')).toBe(
        fs.readFileSync(path.join(out, r.dir, file), 'utf8'),
      );
    }
  }
  fs.rmSync(out, { recursive: true, force: true });
}, 120_000);

it('the build copies a resource’s icons next to its page, where the manifest’s resource:<key>;<path> icon points', () => {
  expect(assetFiles('agent-panel')).toEqual(['icons/decision.svg']);
  expect(fs.readFileSync(path.join(root, 'static/agent-panel/icons/decision.svg'), 'utf8')).toBe(
    fs.readFileSync(path.join(root, 'static/src/agent-panel/icons/decision.svg'), 'utf8'),
  );
});

it('the React pages carry the design tokens: the theme attributes on <html> and the token CSS in style.css', () => {
  for (const r of uiResources().filter((x) => x.react)) {
    const html = fs.readFileSync(path.join(root, 'static', r.dir, 'index.html'), 'utf8');
    expect(html).toMatch(/<html lang="en" data-theme="[^"]*light:light[^"]*" data-color-mode="light">/);
    const css = fs.readFileSync(path.join(root, 'static', r.dir, 'style.css'), 'utf8');
    expect(css).toContain('--ds-text:');
    expect(css).toContain('--ds-space-100:');
  }
});

it('never writes user-controlled text as HTML', () => {
  for (const file of sources(path.join(root, 'static/src'))) {
    expect(fs.readFileSync(file, 'utf8')).not.toMatch(
      /\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML\(|document\.write\(|dangerouslySetInnerHTML/,
    );
  }
});
