// Where template files come from: the repository on disk (CLI, sandbox) or a
// map of texts bundled into the Forge app (no file system there).
import fs from 'node:fs';
import path from 'node:path';

export interface TemplateFiles {
  /** Size in bytes, or undefined when the file does not exist. Checked before reading. */
  size(rel: string): number | undefined;
  read(rel: string): string;
  /** File names directly inside a directory, or undefined when it does not exist. */
  list(relDir: string): string[] | undefined;
}

export function diskTemplateFiles(rootDir: string): TemplateFiles {
  const abs = (rel: string) => path.join(rootDir, rel);
  return {
    size: (rel) => {
      try {
        const st = fs.statSync(abs(rel));
        return st.isFile() ? st.size : undefined;
      } catch {
        return undefined;
      }
    },
    read: (rel) => fs.readFileSync(abs(rel), 'utf8'),
    list: (relDir) => {
      try {
        return fs.readdirSync(abs(relDir));
      } catch {
        return undefined;
      }
    },
  };
}

/** Texts keyed by path relative to the templates root, e.g. {"templates/fields.yml": "..."}. */
export function inMemoryTemplateFiles(texts: Record<string, string>): TemplateFiles {
  return {
    size: (rel) => (rel in texts ? Buffer.byteLength(texts[rel], 'utf8') : undefined),
    read: (rel) => texts[rel],
    list: (relDir) => {
      const prefix = `${relDir.replace(/\/+$/, '')}/`;
      const names = Object.keys(texts)
        .filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes('/'))
        .map((k) => k.slice(prefix.length));
      return names.length > 0 ? names : undefined;
    },
  };
}
