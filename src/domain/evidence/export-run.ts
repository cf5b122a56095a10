// An export run: the record that says how far a chunked export has come. It is
// written in the same storage transaction as each chunk, so a job that crashed
// after a chunk continues after it, and one that crashed before it redoes it.
import * as z from 'zod/mini';
import { EXPORT_FORMATS, EXPORT_KINDS, exportFilterSchema } from './export-rows';

/**
 * A chunk (its text JSON-encoded inside the stored value) stays under a KVS value, 240 KiB
 * (https://developer.atlassian.com/platform/forge/limits-kvs-ce/): rows are added until this estimate is
 * reached, so a chunk is at most this plus one row (an event is at most 64 KiB, 128 KiB once escaped).
 */
export const CHUNK_TARGET_BYTES = 100 * 1024;
/** The run keeps each chunk's SHA-256 (65 bytes each): 2,000 of them stay far under the value limit (≈ 300 MB of export). */
export const MAX_EXPORT_CHUNKS = 2000;
export const EXPORT_ID_PATTERN = /^exp-[0-9a-f]{16}$/;

const iso = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'time must be Date#toISOString output'));
const count = z.int().check(z.gte(0));

/**
 * Where the next chunk starts, in the source index's order: items are sorted by their range value (an
 * event's time, a record's dueAt), ties by key; everything at or before (range, afterKey) is written.
 * A cursor is never kept: Forge says cursors "may not always be stable" (platform-contract.md KVS-28).
 */
export const exportPositionSchema = z.strictObject({ range: z.int(), afterKey: z.string() });
export type ExportPosition = z.infer<typeof exportPositionSchema>;

export const exportRunSchema = z.object({
  v: z.literal(1),
  exportId: z.string().check(z.regex(EXPORT_ID_PATTERN)),
  kind: z.enum(EXPORT_KINDS),
  format: z.enum(EXPORT_FORMATS),
  filter: exportFilterSchema,
  /** Chunk size aimed at (bytes of rows); CHUNK_TARGET_BYTES unless the caller asked for smaller chunks. */
  chunkBytes: z.optional(z.int().check(z.gte(1024), z.lte(CHUNK_TARGET_BYTES))),
  state: z.enum(['running', 'done', 'failed']),
  requestedBy: z.optional(z.string()),
  startedAt: iso,
  /**
   * What the export is as of (its start): events and catalog history after it are left out; requests and grants
   * are read as they are when their chunk is written, and those updated after it are counted in
   * `changedAfterAsOf` (docs/evidence.md). Absent on runs recorded before it existed (their startedAt).
   */
  asOf: z.optional(iso),
  changedAfterAsOf: z.optional(count),
  updatedAt: iso,
  finishedAt: z.optional(iso),
  /** Only the job with this seq may work (at-least-once delivery: a duplicate finds a later seq and stops). */
  seq: count,
  chunks: count,
  rows: count,
  /** Source items read (rows are the ones that matched the filters). */
  scanned: count,
  bytes: count,
  position: z.nullable(exportPositionSchema),
  /** SHA-256 (hex) of each chunk's text, in order: the download checks each chunk and the whole file against them. */
  chunkDigests: z.array(z.string()),
  /** Jobs that found the run further than their own start (a retry after a crash, a duplicate). */
  resumes: count,
  error: z.optional(z.object({ code: z.string(), message: z.string() })),
});
export type ExportRun = z.infer<typeof exportRunSchema>;

export const exportChunkSchema = z.object({
  exportId: z.string(),
  n: z.int().check(z.gte(1)),
  rows: count,
  sha256: z.string(),
  text: z.string(),
});
export type ExportChunk = z.infer<typeof exportChunkSchema>;

/** True when the item at (range, key) was already written by an earlier chunk. */
export function isWritten(position: ExportPosition | null, range: number, key: string): boolean {
  if (!position) return false;
  return range < position.range || (range === position.range && key <= position.afterKey);
}

/**
 * A run and its chunks are deleted this many days after the run's last write (its end, or its last chunk
 * when it stalled): the hourly lifecycle sweep finds them through the run's dueAt (docs/evidence.md).
 */
export const EXPORT_RETENTION_DAYS = 7;

/** When the sweep deletes this run and its chunks (epoch seconds, the run record's dueAt). */
export function exportDeleteAt(run: ExportRun): number {
  return Math.floor(Date.parse(run.finishedAt ?? run.updatedAt) / 1000) + EXPORT_RETENTION_DAYS * 86_400;
}

export function chunkId(exportId: string, n: number): string {
  return `${exportId}.${String(n).padStart(5, '0')}`;
}

/** What the status call shows: progress without the chunk digests. */
export function exportProgress(run: ExportRun) {
  const { chunkDigests: _digests, position: _position, ...rest } = run;
  void _digests;
  void _position;
  return rest;
}
