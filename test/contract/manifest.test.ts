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

  // src/entry mirrors the manifest: one folder per module kind (trigger, scheduledTrigger, consumer), and the UI
  // modules' resolvers under resolver/ (one folder per page); each function's handler loads from its kind's folder.
  it("loads each function's handler from the src/entry folder of the module kind that uses it", () => {
    const RESOLVER_FOLDERS: Record<string, string> = {
      'jira:adminPage': 'resolver/admin-page',
      'jiraServiceManagement:queuePage': 'resolver/queue-page',
      'jiraServiceManagement:portalRequestCreatePropertyPanel': 'resolver/portal-panel',
      // The request detail and the profile panel share the portal panel's resolver, the issue panel the queue page's.
      'jiraServiceManagement:portalRequestDetail': 'resolver/portal-panel',
      'jiraServiceManagement:portalProfilePanel': 'resolver/portal-panel',
      'jira:issuePanel': 'resolver/queue-page',
      'jira:globalPage': 'resolver/global-page',
    };
    const indexText = fs.readFileSync(path.join(root, 'src/index.ts'), 'utf8');
    const loadedFrom = (exportName: string): string | undefined =>
      new RegExp(`export const ${exportName} = lazy\\(\\s*\\([^)]*\\)[^=]*=>\\s*import\\('\\./entry/([^']+)'\\)`).exec(
        indexText,
      )?.[1];
    const folders = new Set<string>();
    for (const [kind, modules] of Object.entries(manifest.modules)) {
      if (kind === 'function' || kind === 'jira:entityProperty') continue;
      for (const m of modules) {
        const fn = (m.function as string | undefined) ?? (m.resolver as { function?: string } | undefined)?.function;
        const handler = functions.find((f) => f.key === fn)!.handler.split('.')[1];
        const folder = RESOLVER_FOLDERS[kind] ?? kind;
        folders.add(folder.split('/')[0]);
        const module = loadedFrom(handler);
        // A kind's folder holds its entry modules (trigger/issue-created.ts) or is the entry (resolver/admin-page/handler.ts).
        expect({ handler, folder: module === folder ? folder : module && path.dirname(module) }).toEqual({
          handler,
          folder,
        });
      }
    }
    // Nothing else is a folder of entry points: what all kinds share sits beside them as files.
    const entryFolders = fs
      .readdirSync(path.join(root, 'src/entry'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(entryFolders.sort()).toEqual([...folders].sort());
  });

  it('declares a current Forge runtime', () => {
    expect(manifest.app.runtime.name).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
  });

  it('has a folder with index.html for every Custom UI resource', () => {
    for (const r of manifest.resources ?? []) expect(fs.existsSync(path.join(root, r.path, 'index.html'))).toBe(true);
  });
});
