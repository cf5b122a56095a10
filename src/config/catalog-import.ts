// The catalog import/export as YAML files, for people and the CLI: line and
// column in every error, comments and flow style in the export. The data form
// (catalog-import-data.ts) is what the app's functions accept.
import { Document, visit, isScalar } from 'yaml';
import type { CatalogImportEntry } from '../domain/catalog/types';
import {
  CATALOG_EXPORT_FORMAT,
  catalogExportData,
  catalogImportFrom,
  type CatalogExportData,
} from './catalog-import-data';
import { YamlSource } from './yaml-source';

export {
  CATALOG_EXPORT_FORMAT,
  catalogExportData,
  catalogImportFromData,
  type CatalogExportData,
} from './catalog-import-data';

export function parseCatalogImport(text: string, fileName: string): CatalogImportEntry[] {
  return catalogImportFrom(YamlSource.fromText(fileName, text));
}

/** Accepts live entries too (CatalogEntry has every field); storage-only fields are left out. */
export function exportCatalogYaml(entries: readonly CatalogImportEntry[]): string {
  return renderCatalogYaml(catalogExportData(entries));
}

export function renderCatalogYaml(data: CatalogExportData): string {
  const { tools } = data;
  const doc = new Document({ format: CATALOG_EXPORT_FORMAT, tools });
  doc.commentBefore = [
    ' AI Clearance catalog export.',
    ' Edit and load it again with `ai-clearance catalog import` or the admin page.',
    ' The whole file is checked first: any problem rejects it and nothing is imported.',
  ].join('\n');
  visit(doc, {
    // Short lists of scalars (dataResidency) read better on one line.
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
    // YAML 1.1 readers (and people) take a bare yes/no for a boolean; trainsOnCustomerData is a word.
    Scalar(_, node) {
      if (typeof node.value === 'string' && /^(y|n|yes|no|on|off)$/i.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0 });
}
