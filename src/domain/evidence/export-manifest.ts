// The manifest written beside a downloaded export (the CLI's FILE.manifest.json, the admin console's
// …manifest.json link): what the file is, what it is as of, and how to check it. Pure and free of
// libraries, so the admin page builds the same one in the browser.
import type { ExportRun } from './export-run';

export interface ExportManifest {
  exportId: string;
  kind: ExportRun['kind'];
  format: ExportRun['format'];
  filter: ExportRun['filter'];
  /** Events and catalog history recorded after this are left out (docs/evidence.md). */
  asOf: string;
  finishedAt: string | null;
  rows: number;
  chunks: number;
  /** Requests or grants written after asOf: exported as they were when read, not as of asOf. */
  changedAfterAsOf: number;
  /** SHA-256 (hex) of the whole file, and of each chunk in order. */
  sha256: string;
  chunkDigests: string[];
  /**
   * Each chunk's size in bytes (UTF-8), in order: chunk n is the file's bytes after chunks 1..n-1, so
   * `ai-clearance evidence verify FILE` checks each chunk's SHA-256 on its byte range and names the one that changed.
   */
  chunkBytes: number[];
}

export function exportManifest(
  run: Pick<
    ExportRun,
    | 'exportId'
    | 'kind'
    | 'format'
    | 'filter'
    | 'asOf'
    | 'startedAt'
    | 'finishedAt'
    | 'rows'
    | 'chunks'
    | 'changedAfterAsOf'
    | 'chunkDigests'
  >,
  sha256: string,
  chunkBytes: number[],
): ExportManifest {
  return {
    exportId: run.exportId,
    kind: run.kind,
    format: run.format,
    filter: run.filter,
    asOf: run.asOf ?? run.startedAt,
    finishedAt: run.finishedAt ?? null,
    rows: run.rows,
    chunks: run.chunks,
    changedAfterAsOf: run.changedAfterAsOf ?? 0,
    sha256,
    chunkDigests: run.chunkDigests,
    chunkBytes,
  };
}
