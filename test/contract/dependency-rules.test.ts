// The dependency rule (README, Layout): entry → usecases → domain,
// usecases → ports, adapters → ports; domain imports nothing of ours but
// itself; nothing outside sandbox/ and cli/ imports sandbox/.
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../src');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Layer of a file or import target: the first folder under src/ ('index' for src/index.ts). */
function layerOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length === 1 ? 'index' : (rel[0] as string);
}

interface Edge {
  from: string;
  to: string;
  fromLayer: string;
  toLayer: string;
}

function edges(): Edge[] {
  const out: Edge[] = [];
  for (const file of filesUnder(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (!spec?.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), spec);
      out.push({
        from: path.relative(SRC, file),
        to: path.relative(SRC, target),
        fromLayer: layerOf(file),
        toLayer: layerOf(target),
      });
    }
  }
  return out;
}

const ALL = edges();

describe('dependency rules', () => {
  it('finds the import graph (the checker itself works)', () => {
    expect(ALL.length).toBeGreaterThan(100);
    expect(ALL.some((e) => e.fromLayer === 'usecases' && e.toLayer === 'domain')).toBe(true);
  });

  it('domain imports only domain (and config types it shares nothing else)', () => {
    const bad = ALL.filter((e) => e.fromLayer === 'domain' && e.toLayer !== 'domain');
    expect(bad).toEqual([]);
  });

  it('domain has no @forge or I/O imports', () => {
    const offenders = filesUnder(path.join(SRC, 'domain')).filter((f) =>
      /from\s+['"](@forge\/|node:fs|node:http|fs['"]|http['"])/.test(fs.readFileSync(f, 'utf8')),
    );
    expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  it('nothing outside sandbox/ and cli/ imports sandbox/', () => {
    const bad = ALL.filter((e) => e.toLayer === 'sandbox' && !['sandbox', 'cli'].includes(e.fromLayer));
    expect(bad).toEqual([]);
  });

  it('ports depend on nothing but ports and domain', () => {
    const bad = ALL.filter((e) => e.fromLayer === 'ports' && !['ports', 'domain'].includes(e.toLayer));
    expect(bad).toEqual([]);
  });

  it('adapters implement ports: they import no use case', () => {
    const bad = ALL.filter((e) => e.fromLayer === 'adapters' && e.toLayer === 'usecases');
    expect(bad).toEqual([]);
  });

  it('usecases and domain never reach up into the entry points, cli or sandbox', () => {
    const bad = ALL.filter(
      (e) =>
        ['domain', 'usecases', 'ports', 'adapters', 'render', 'config'].includes(e.fromLayer) &&
        ['entry', 'cli', 'sandbox', 'index'].includes(e.toLayer),
    );
    expect(bad).toEqual([]);
  });
});
