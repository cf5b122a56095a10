// An export file checked against its manifest, fed in pieces that cut across chunk boundaries.
import { createHash } from 'node:crypto';
import { ExportFileCheck, readExportManifest } from '../../../src/domain/evidence/export-verify';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const CHUNKS = ['"id","name"\r\n"1","Ann"\r\n', '"2","Bö"\r\n', '', '"3","Cy"\r\n'].map((t) => Buffer.from(t, 'utf8'));

function manifestFor(chunks: Buffer[], withBytes = true) {
  const text = JSON.stringify({
    exportId: 'exp-0123456789abcdef',
    kind: 'requests',
    format: 'csv',
    asOf: '2026-06-01T00:00:00.000Z',
    rows: 3,
    chunks: chunks.length,
    sha256: sha(Buffer.concat(chunks)),
    chunkDigests: chunks.map(sha),
    ...(withBytes ? { chunkBytes: chunks.map((c) => c.length) } : {}),
  });
  const read = readExportManifest(text, 'r.csv.manifest.json');
  if (!('manifest' in read)) throw new Error(read.problem);
  return read.manifest;
}

function check(file: Buffer, pieceSize: number, withBytes = true) {
  const c = new ExportFileCheck(manifestFor(CHUNKS, withBytes), 'r.csv', 'r.csv.manifest.json');
  for (let at = 0; at < file.length; at += pieceSize) c.update(file.subarray(at, at + pieceSize));
  return c.finish();
}

describe('ExportFileCheck', () => {
  const file = Buffer.concat(CHUNKS);

  it.each([1, 3, 1000])('accepts the file as written, read %i bytes at a time', (size) => {
    const r = check(file, size);
    expect(r).toMatchObject({ ok: true, problems: [] });
    expect(r.message).toBe(
      'export verified: r.csv matches r.csv.manifest.json (SHA-256 of the whole file and of each of its 4 chunks; 3 rows of requests, as of 2026-06-01T00:00:00.000Z)',
    );
  });

  it('names the chunk and its byte range when one byte changed', () => {
    const edited = Buffer.from(file);
    edited[CHUNKS[0].length + 2] = 'X'.charCodeAt(0);
    const r = check(edited, 5);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      'r.csv changed: its SHA-256 differs from r.csv.manifest.json',
      `r.csv: chunk 2 of 4 (bytes ${CHUNKS[0].length}–${CHUNKS[0].length + CHUNKS[1].length - 1}) changed: its SHA-256 differs from r.csv.manifest.json`,
    ]);
  });

  it('says bytes were added at the end, or removed from a chunk on', () => {
    expect(check(Buffer.concat([file, Buffer.from('x')]), 4).problems).toEqual([
      'r.csv changed: its SHA-256 differs from r.csv.manifest.json',
      `r.csv is ${file.length + 1} bytes but its 4 chunks in r.csv.manifest.json add up to ${file.length}: bytes were added at the end`,
    ]);
    const cut = check(file.subarray(0, file.length - 2), 4);
    expect(cut.problems[cut.problems.length - 1]).toMatch(/bytes were removed from chunk 4 on$/);
  });

  it('checks the whole file only, and says so, for a manifest without chunk sizes', () => {
    expect(check(file, 7, false).ok).toBe(true);
    const edited = Buffer.from(file);
    edited[0] = 0x27;
    expect(check(edited, 7, false).problems[1]).toMatch(/has no chunkBytes .* cannot be named/);
  });

  it('refuses a manifest that is not one, saying what is wrong', () => {
    expect(readExportManifest('{', 'm.json')).toEqual({ problem: expect.stringMatching(/^m\.json is not JSON/) });
    expect(readExportManifest('{"kind":"requests"}', 'm.json')).toEqual({
      problem: expect.stringMatching(/^m\.json is not an export manifest \(/),
    });
  });
});
