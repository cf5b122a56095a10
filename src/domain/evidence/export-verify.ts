// Checks a downloaded export (CSV or JSON Lines) against the manifest written beside it
// (FILE.manifest.json, export-manifest.ts): the SHA-256 of the whole file and, on each chunk's byte
// range, the chunk's SHA-256, so `ai-clearance evidence verify FILE` names the chunk that changed.
// Fed the file's bytes piece by piece (the CLI streams it): memory holds one piece, whatever the size.
import { createHash, type Hash } from 'node:crypto';
import * as z from 'zod/mini';
import { PARSE, issueText } from '../zod-messages';
import { EXPORT_FORMATS, EXPORT_KINDS } from './export-rows';

/** The manifest's name is the export file's name plus this. */
export const EXPORT_MANIFEST_SUFFIX = '.manifest.json';

const sha256Hex = z.string().check(z.regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in 64 lowercase hex characters'));
const count = z.int().check(z.gte(0));

/** What verify reads of a manifest; `chunkBytes` is absent from manifests written before it existed. */
const exportManifestSchema = z.looseObject({
  exportId: z.string(),
  kind: z.enum(EXPORT_KINDS),
  format: z.enum(EXPORT_FORMATS),
  asOf: z.string(),
  rows: count,
  chunks: count,
  sha256: sha256Hex,
  chunkDigests: z.array(sha256Hex),
  chunkBytes: z.optional(z.array(count)),
});
export type ReadExportManifest = z.infer<typeof exportManifestSchema>;

export interface ExportCheck {
  ok: boolean;
  /** One sentence per problem, each naming the file (and the chunk) that changed. */
  problems: string[];
  message: string;
}

/** The manifest's text as a manifest, or the sentence saying why it is not one. */
export function readExportManifest(
  text: string,
  manifestName: string,
): { manifest: ReadExportManifest } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { problem: `${manifestName} is not JSON (${(e as Error).message})` };
  }
  const parsed = exportManifestSchema.safeParse(json, PARSE);
  if (!parsed.success) return { problem: `${manifestName} is not an export manifest (${issueText(parsed.error)})` };
  const m = parsed.data;
  if (m.chunkDigests.length !== m.chunks)
    return { problem: `${manifestName} lists ${m.chunkDigests.length} chunk digests for ${m.chunks} chunks` };
  if (m.chunkBytes && m.chunkBytes.length !== m.chunks)
    return { problem: `${manifestName} lists ${m.chunkBytes.length} chunk sizes for ${m.chunks} chunks` };
  return { manifest: m };
}

/** Feed it the file's bytes in order (`update`), then `finish` for the verdict. */
export class ExportFileCheck {
  private readonly whole = createHash('sha256');
  private bytes = 0;
  /** The chunk being read (0-based), the hash of its bytes so far, and where it ends in the file. */
  private chunk = 0;
  private chunkHash: Hash = createHash('sha256');
  private chunkEnd: number;
  private readonly changed = new Set<number>();

  constructor(
    private readonly manifest: ReadExportManifest,
    private readonly fileName: string,
    private readonly manifestName: string,
  ) {
    this.chunkEnd = manifest.chunkBytes?.[0] ?? 0;
  }

  update(piece: Uint8Array): void {
    this.whole.update(piece);
    const sizes = this.manifest.chunkBytes;
    let at = 0;
    while (sizes && at < piece.length && this.chunk < sizes.length) {
      const take = Math.min(piece.length - at, this.chunkEnd - (this.bytes + at));
      this.chunkHash.update(piece.subarray(at, at + take));
      at += take;
      if (this.bytes + at === this.chunkEnd) this.closeChunk(sizes);
    }
    this.bytes += piece.length;
  }

  private closeChunk(sizes: readonly number[]): void {
    if (this.chunkHash.digest('hex') !== this.manifest.chunkDigests[this.chunk]) this.changed.add(this.chunk);
    this.chunk += 1;
    this.chunkHash = createHash('sha256');
    this.chunkEnd += sizes[this.chunk] ?? 0;
  }

  finish(): ExportCheck {
    const m = this.manifest;
    const problems: string[] = [];
    if (this.whole.digest('hex') !== m.sha256)
      problems.push(`${this.fileName} changed: its SHA-256 differs from ${this.manifestName}`);
    const sizes = m.chunkBytes;
    if (sizes) {
      // Empty chunks at the end, and a file cut short: the chunks not reached are checked as they stand.
      while (this.chunk < sizes.length && this.bytes >= this.chunkEnd) this.closeChunk(sizes);
      let expected = 0;
      for (const [i, size] of sizes.entries()) {
        if (this.changed.has(i))
          problems.push(
            `${this.fileName}: chunk ${i + 1} of ${m.chunks} (bytes ${expected}–${expected + size - 1}) changed: its SHA-256 differs from ${this.manifestName}`,
          );
        expected += size;
      }
      if (this.bytes !== expected)
        problems.push(
          `${this.fileName} is ${this.bytes} bytes but its ${m.chunks} chunks in ${this.manifestName} add up to ${expected}: bytes were ${this.bytes > expected ? 'added' : 'removed'}${this.chunk < sizes.length ? ` from chunk ${this.chunk + 1} on` : ' at the end'}`,
        );
    } else if (problems.length > 0)
      problems.push(
        `${this.manifestName} has no chunkBytes (it was written before they were recorded), so the chunk that changed cannot be named`,
      );
    const ok = problems.length === 0;
    return {
      ok,
      problems,
      message: ok
        ? `export verified: ${this.fileName} matches ${this.manifestName} (SHA-256 of the whole file${sizes ? ` and of each of its ${m.chunks} chunks` : ''}; ${m.rows} rows of ${m.kind}, as of ${m.asOf})`
        : `export failed verification: ${problems[0]}`,
    };
  }
}
