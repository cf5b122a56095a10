// Loads the seeded catalog (catalog-seed/*.yml): default assessments of real
// AI tools that an admin reviews before approving. Everything is checked
// before anything is returned: one bad entry anywhere fails the whole load,
// with every problem listed (file:line:col, entry id, rule).
import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import type { CatalogSeedEntry } from '../domain/catalog/types';
import { RISK_LEVELS } from '../domain/policy/risk-policy';
import {
  entryProblem,
  IdRegistry,
  isoDateSchema,
  parseNamingEntries,
  toolProfileFrom,
  toolProfileShape,
  withToolRules,
} from './catalog-schema';
import { ConfigError, YamlSource, type ConfigProblem } from './yaml-source';

export type { CatalogSeedEntry };

/** The seed shipped with the app. */
export const CATALOG_SEED_DIR = path.resolve(__dirname, '../../catalog-seed');

const seedToolSchema = z.strictObject({ ...toolProfileShape, defaultRisk: z.enum(RISK_LEVELS) }).check(
  z.superRefine((t, ctx) =>
    withToolRules(
      {
        risk: t.defaultRisk,
        defaultDays: t.defaultDays,
        maxDays: t.maxDays,
        reviewWindowDays: t.reviewWindowDays,
        connector: t.connector,
      },
      ctx,
    ),
  ),
);

export const catalogSeedFileSchema = z.strictObject({
  /** Applies to every entry that does not give its own. */
  assessedOn: z.optional(isoDateSchema),
  tools: z.array(seedToolSchema).check(z.minLength(1, 'tools must list at least one tool')),
});

/** Reads every *.yml file in `dir` (sorted by name, so the order is stable). */
export function loadCatalogSeed(dir: string = CATALOG_SEED_DIR): CatalogSeedEntry[] {
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.yml'))
      .sort();
  } catch {
    throw new ConfigError([
      { file: dir, line: 1, column: 1, path: '', message: 'catalog seed folder not found or not readable' },
    ]);
  }
  if (names.length === 0)
    throw new ConfigError([
      { file: dir, line: 1, column: 1, path: '', message: 'no *.yml files in the catalog seed folder' },
    ]);
  return parseCatalogSeedSources(names.map((n) => () => YamlSource.fromFile(path.join(dir, n))));
}

/** The same, from texts already in memory (a bundled seed, or tests). */
export function parseCatalogSeedTexts(files: ReadonlyArray<{ file: string; text: string }>): CatalogSeedEntry[] {
  return parseCatalogSeedSources(files.map((f) => () => YamlSource.fromText(f.file, f.text)));
}

function parseCatalogSeedSources(openers: ReadonlyArray<() => YamlSource>): CatalogSeedEntry[] {
  const problems: ConfigProblem[] = [];
  const entries: CatalogSeedEntry[] = [];
  const ids = new IdRegistry();
  for (const open of openers) {
    try {
      const source = open();
      const parsed = parseNamingEntries(source, catalogSeedFileSchema);
      parsed.tools.forEach((tool, index) => {
        const duplicate = ids.check(source, index, tool.id);
        if (duplicate) problems.push(duplicate);
        const assessedOn = tool.assessedOn ?? parsed.assessedOn;
        if (!assessedOn)
          problems.push(
            entryProblem(
              source,
              index,
              [],
              'assessedOn is missing; set it on the entry or once at the top of the file',
            ),
          );
        entries.push({ ...toolProfileFrom(tool, assessedOn ?? ''), defaultRisk: tool.defaultRisk });
      });
    } catch (error) {
      // Keep going so one run reports the problems of every file.
      if (error instanceof ConfigError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return entries;
}
