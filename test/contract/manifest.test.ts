// Every manifest handler is a named export of src/index.ts, and every export is referenced.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const manifest = parse(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as {
  modules: Record<string, Array<Record<string, unknown>>>;
  resources?: Array<{ key: string; path: string }>;
  app: { runtime: { name: string } };
};

describe('manifest.yml ⇔ src/index.ts', () => {
  const index = require(path.join(root, 'src/index')) as Record<string, unknown>;
  const functions = (manifest.modules.function ?? []) as Array<{ key: string; handler: string }>;
  const handlerExports = functions.map((f) => {
    const [file, name] = f.handler.split('.');
    expect(file).toBe('index');
    return name;
  });

  it('points every function at a callable named export of src/index.ts', () => {
    for (const name of handlerExports) expect(typeof index[name]).toBe('function');
  });

  it('exports nothing that the manifest does not reference', () => {
    const exported = Object.keys(index).filter((k) => k !== '__esModule');
    expect(exported.sort()).toEqual([...new Set(handlerExports)].sort());
  });

  it('references only declared function keys from modules', () => {
    const keys = new Set(functions.map((f) => f.key));
    const referenced: string[] = [];
    for (const [kind, modules] of Object.entries(manifest.modules)) {
      if (kind === 'function' || kind === 'jira:entityProperty') continue;
      for (const m of modules) {
        if (typeof m.function === 'string') referenced.push(m.function);
        const resolver = m.resolver as { function?: string } | undefined;
        if (resolver?.function) referenced.push(resolver.function);
      }
    }
    for (const r of referenced) expect(keys.has(r)).toBe(true);
    expect(new Set(referenced)).toEqual(keys);
  });

  it('declares a current Forge runtime', () => {
    expect(manifest.app.runtime.name).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
  });

  it('has a folder with index.html for every Custom UI resource', () => {
    for (const r of manifest.resources ?? []) expect(fs.existsSync(path.join(root, r.path, 'index.html'))).toBe(true);
  });
});
