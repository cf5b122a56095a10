// The committed Custom UI bundles are what static/src builds to (forge deploy uploads them as they are).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildUi, UI_PAGES } from '../../scripts/build-ui';

const root = path.resolve(__dirname, '../..');

it('static/<page>/ matches a fresh build of static/src (run `npm run build:ui`)', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-ui-'));
  buildUi(out);
  for (const page of UI_PAGES) {
    for (const file of ['index.html', 'main.js', 'style.css']) {
      expect(fs.readFileSync(path.join(root, 'static', page, file), 'utf8')).toBe(
        fs.readFileSync(path.join(out, page, file), 'utf8'),
      );
    }
  }
  fs.rmSync(out, { recursive: true, force: true });
});

it('never writes user-controlled text as HTML', () => {
  for (const file of fs.readdirSync(path.join(root, 'static/src')).filter((f) => f.endsWith('.ts'))) {
    expect(fs.readFileSync(path.join(root, 'static/src', file), 'utf8')).not.toMatch(
      /\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML\(|document\.write\(/,
    );
  }
});
