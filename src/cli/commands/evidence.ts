// ai-clearance evidence export  — an evidence bundle of the governance log (sandbox; on a real site, the admin page)
// ai-clearance evidence export --kind requests|grants|events|catalog --format csv|jsonl --out FILE — a chunked export
// ai-clearance evidence pack <ISSUE-KEY> --out DIR — one grant's evidence pack
// ai-clearance evidence verify <FILE|DIR> — checks a bundle, a pack or an export offline (digests, chains, manifest)
// ai-clearance governance verify — walks the whole stored log (every chain, head and anchor)
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { createHash } from 'node:crypto';
import { verifyEvidenceBundle } from '../../domain/governance';
import * as z from 'zod/mini';
import { exportManifest } from '../../domain/evidence/export-manifest';
import { EXPORT_MANIFEST_SUFFIX, ExportFileCheck, readExportManifest } from '../../domain/evidence/export-verify';
import { EXPORT_FORMATS, EXPORT_KINDS, exportFilterSchema } from '../../domain/evidence/export-rows';
import { verifyEvidencePack } from '../../domain/evidence/pack';
import { AdminCliError, invokeAdmin } from '../admin-invoke';

// What the commands read of the admin resolvers' answers (governance.export, governance.verifyAll).
const exportAnswer = z.looseObject({
  bundle: z.looseObject({
    manifest: z.looseObject({ eventCount: z.number(), subjectCount: z.number(), anchorCount: z.number() }),
    exportCheck: z.looseObject({ ok: z.boolean(), firstBroken: z.optional(z.string()) }),
  }),
});
const verifyAnswer = z.looseObject({
  ok: z.boolean(),
  counts: z.looseObject({ events: z.number(), subjects: z.number(), anchors: z.number() }),
  message: z.optional(z.string()),
});
import { EXIT } from '../io';
import type { CliContext } from '../main';
import { addSiteOptions, type SiteFlags } from '../site-options';

/** What the export's manifest reads of a finished run's status answer. */
const finishedRun = z.looseObject({
  exportId: z.string(),
  kind: z.enum(EXPORT_KINDS),
  format: z.enum(EXPORT_FORMATS),
  filter: exportFilterSchema,
  asOf: z.optional(z.string()),
  startedAt: z.string(),
  finishedAt: z.optional(z.string()),
  rows: z.number(),
  chunks: z.number(),
  changedAfterAsOf: z.optional(z.number()),
  chunkDigests: z.array(z.string()),
});

/** The export and pack calls answer JSON objects; each step reads and checks the fields it needs. */
const anyAnswer = z.record(z.string(), z.unknown());

interface Flags extends SiteFlags {
  json?: boolean;
  from?: string;
  to?: string;
  omitPersonal?: boolean;
  out?: string;
  kind?: string;
  format?: string;
  tool?: string;
  risk?: string;
  status?: string;
  user?: string;
  chunkBytes?: string;
}

/** --from/--to as ISO times, or a BAD_TIME error naming the flag. */
function timeWindow(flags: Flags): { from?: string; to?: string } {
  for (const [name, v] of [
    ['--from', flags.from],
    ['--to', flags.to],
  ] as const) {
    if (v !== undefined && Number.isNaN(Date.parse(v)))
      throw new AdminCliError('BAD_TIME', `${name} must be an ISO time such as 2026-01-31T00:00:00Z`);
  }
  return {
    ...(flags.from ? { from: new Date(flags.from).toISOString() } : {}),
    ...(flags.to ? { to: new Date(flags.to).toISOString() } : {}),
  };
}

const POLL_MS = 250;
const MAX_WAIT_MS = 30 * 60_000;

const onRealSite = (origin: string) =>
  `Export evidence of ${origin} from the AI Clearance admin page (Jira settings → Apps → AI Clearance → Governance log); verify the file here with \`ai-clearance evidence verify <file>\`.`;

export function register(program: Command, ctx: CliContext): void {
  const fail = (flags: Flags, e: unknown): number => {
    if (!(e instanceof AdminCliError)) throw e;
    if (flags.json) ctx.io.out(JSON.stringify({ error: { code: e.code, message: e.message } }, null, 2));
    else ctx.io.err(`Error ${e.code}: ${e.message}`);
    return EXIT.failure;
  };

  const evidence = program.command('evidence').description('Evidence bundles of the governance log, for auditors');
  addSiteOptions(
    evidence
      .command('export')
      .description('write an evidence bundle (JSON) of the whole log, or of the subjects active in --from..--to'),
  )
    .option('--from <iso>', 'subjects with an event at or after this time (their whole chains are included)')
    .option('--to <iso>', 'subjects with an event at or before this time')
    .option('--omit-personal', 'leave out names, emails and purpose text (events show as redacted and still verify)')
    .option('--out <file>', 'write to this file (default: stdout)')
    .option('--kind <kind>', 'a chunked export instead of the bundle: requests, grants, events or catalog')
    .option('--format <format>', 'csv (RFC 4180, formulas neutralised) or jsonl', 'csv')
    .option('--tool <toolId>', 'only this catalog tool')
    .option('--risk <level>', 'only this risk level (low, medium, high, prohibited)')
    .option('--status <status>', 'only this request/grant status, or event action (e.g. grant.revoked)')
    .option('--user <accountId>', 'only this requester (events: this actor)')
    .option('--chunk-bytes <n>', 'with --kind: chunks of about n bytes (1024 up to the default, ~100 KB)')
    .action(async (flags: Flags) => {
      try {
        if (flags.kind !== undefined) {
          await chunkedExport(flags);
          return;
        }
        const payload = {
          ...timeWindow(flags),
          ...(flags.omitPersonal ? { personalData: 'omit' } : {}),
        };
        const { bundle } = await invokeAdmin(ctx, flags, 'governance.export', payload, onRealSite, exportAnswer);
        const text = `${JSON.stringify(bundle, null, 2)}\n`;
        if (flags.out) {
          fs.writeFileSync(path.resolve(ctx.io.cwd, flags.out), text);
          ctx.io.err(
            `Wrote ${flags.out}: ${bundle.manifest.eventCount} events in ${bundle.manifest.subjectCount} subjects, ${bundle.manifest.anchorCount} anchors (export check: ${bundle.exportCheck.ok ? 'ok' : bundle.exportCheck.firstBroken}).`,
          );
        } else ctx.io.out(text.trimEnd());
        ctx.setExitCode(bundle.exportCheck.ok ? EXIT.ok : EXIT.failure);
      } catch (e) {
        ctx.setExitCode(fail(flags, e));
      }
    });

  async function chunkedExport(flags: Flags): Promise<void> {
    if (!flags.out) throw new AdminCliError('BAD_ARGS', '--out <file> is required with --kind');
    if (flags.chunkBytes !== undefined && !/^\d+$/.test(flags.chunkBytes))
      throw new AdminCliError('BAD_ARGS', '--chunk-bytes must be a whole number of bytes, 1024 or more');
    const filter = {
      ...timeWindow(flags),
      ...(flags.tool ? { toolId: flags.tool } : {}),
      ...(flags.risk ? { risk: flags.risk } : {}),
      ...(flags.status ? { status: flags.status } : {}),
      ...(flags.user ? { user: flags.user } : {}),
    };
    const call = (fn: string, payload: unknown) => invokeAdmin(ctx, flags, fn, payload, onRealSite, anyAnswer);
    const answer = async (fn: string, payload: unknown) => {
      const r = await call(fn, payload);
      const err = (r as { error?: { code: string; message: string } }).error;
      if (err) throw new AdminCliError(err.code, err.message);
      return r;
    };
    const started = await answer('evidence.export.start', {
      kind: flags.kind,
      format: flags.format,
      filter,
      ...(flags.chunkBytes !== undefined ? { chunkBytes: Number(flags.chunkBytes) } : {}),
    });
    const exportId = String(started.exportId);
    const deadline = Date.now() + MAX_WAIT_MS;
    let run = started;
    while (run.state === 'running') {
      if (Date.now() > deadline)
        throw new AdminCliError('TIMEOUT', `export ${exportId} is still running; ask again later`);
      await new Promise((r) => setTimeout(r, POLL_MS));
      run = await answer('evidence.export.status', { exportId });
    }
    if (run.state !== 'done') {
      const e = run.error as { code: string; message: string } | undefined;
      throw new AdminCliError(e?.code ?? 'EXPORT_FAILED', e?.message ?? `export ${exportId} ${String(run.state)}`);
    }
    // Chunk by chunk into the file: memory holds one chunk whatever the export's size.
    const file = path.resolve(ctx.io.cwd, flags.out);
    const fd = fs.openSync(file, 'w');
    const whole = createHash('sha256');
    const chunkBytes: number[] = [];
    try {
      const digests = run.chunkDigests as string[];
      for (let n = 1; n <= Number(run.chunks); n++) {
        const chunk = await answer('evidence.export.chunk', { exportId, n });
        const text = String(chunk.text);
        if (createHash('sha256').update(text, 'utf8').digest('hex') !== digests[n - 1])
          throw new AdminCliError('CHUNK_CORRUPT', `chunk ${n} of export ${exportId} does not match its SHA-256`);
        fs.writeSync(fd, text);
        chunkBytes.push(Buffer.byteLength(text, 'utf8'));
        whole.update(text, 'utf8');
      }
    } finally {
      fs.closeSync(fd);
    }
    const sha256 = whole.digest('hex');
    // Beside the file: what it is as of and its digests (the run's status answer is the run record).
    const manifest = exportManifest(finishedRun.parse(run), sha256, chunkBytes);
    fs.writeFileSync(`${file}.manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
    ctx.io.err(
      `Wrote ${flags.out}: ${String(run.rows)} rows in ${String(run.chunks)} chunks (export ${exportId}, SHA-256 ${sha256}), as of ${manifest.asOf}${manifest.changedAfterAsOf ? ` (${manifest.changedAfterAsOf} records changed after it, exported as read)` : ''}; manifest in ${flags.out}.manifest.json.`,
    );
    ctx.setExitCode(EXIT.ok);
  }

  addSiteOptions(
    evidence
      .command('pack')
      .description(
        'write an evidence pack (JSON, printable HTML, integrity manifest) of one grant, or of every grant approved in --from..--to',
      )
      .argument('[issueKey]', 'the issue key of the access request, e.g. AIC-12'),
  )
    .requiredOption('--out <dir>', 'folder to write pack.json, events.json, pack.html and manifest.json into')
    .option('--from <iso>', 'with --to instead of an issue key: grants approved at or after this time')
    .option('--to <iso>', 'grants approved at or before this time')
    .action(async (issueKey: string | undefined, flags: Flags) => {
      try {
        let payload: Record<string, string | number>;
        if (issueKey) payload = { issueKey };
        else if (flags.from && flags.to && !Number.isNaN(Date.parse(flags.from)) && !Number.isNaN(Date.parse(flags.to)))
          payload = { from: new Date(flags.from).toISOString(), to: new Date(flags.to).toISOString() };
        else
          throw new AdminCliError(
            'BAD_ARGS',
            'give an issue key (evidence pack AIC-12 --out DIR) or a period (--from 2026-06-01T00:00:00Z --to 2026-06-30T23:59:59Z)',
          );
        const out = flags.out ?? '.';
        // A period with more grants than one answer holds comes in parts: each is a whole pack, written to
        // DIR/part-N (verify each folder).
        let of = 1;
        for (let n = 1; n <= of; n++) {
          const r = await invokeAdmin(
            ctx,
            flags,
            'evidence.pack',
            n === 1 ? payload : { ...payload, part: n },
            onRealSite,
            anyAnswer,
          );
          const err = (r as { error?: { code: string; message: string } }).error;
          if (err) throw new AdminCliError(err.code, err.message);
          const { files, part } = r as { files: Record<string, string>; part?: { of: number; total: number } };
          of = part?.of ?? 1;
          const folder = of > 1 ? path.join(out, `part-${n}`) : out;
          const dir = path.resolve(ctx.io.cwd, folder);
          fs.mkdirSync(dir, { recursive: true });
          for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, path.basename(name)), text);
          ctx.io.err(
            `Wrote the evidence pack of ${issueKey ?? `${payload.from} to ${payload.to}`}${of > 1 ? ` (part ${n} of ${of}, ${part?.total ?? 0} grants in all)` : ''} to ${folder}: ${Object.keys(files).sort().join(', ')}.`,
          );
        }
        ctx.setExitCode(EXIT.ok);
      } catch (e) {
        ctx.setExitCode(fail(flags, e));
      }
    });

  evidence
    .command('verify')
    .description(
      'verify offline an evidence bundle (file), a pack (folder), or an export (CSV/JSONL file with FILE.manifest.json beside it)',
    )
    .argument('<file>', 'a bundle file, a pack folder, or an export file (or its .manifest.json)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, flags: { json?: boolean }) => {
      const report = (check: { ok: boolean; problems?: string[]; message: string }) => {
        if (flags.json) ctx.io.out(JSON.stringify(check, null, 2));
        else if (check.ok) ctx.io.out(check.message);
        else ctx.io.err([check.message, ...(check.problems ?? []).slice(1).map((p) => `  ${p}`)].join('\n'));
        ctx.setExitCode(check.ok ? EXIT.ok : EXIT.failure);
      };
      const refuse = (code: string, message: string) => ctx.setExitCode(fail(flags, new AdminCliError(code, message)));
      const target = path.resolve(ctx.io.cwd, file);
      if (!fs.existsSync(target)) return refuse('BAD_FILE', `no such file or folder: ${file}`);
      if (fs.statSync(target).isDirectory())
        return report(
          verifyEvidencePack((name) => {
            const p = path.join(target, name);
            return fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined;
          }),
        );
      // An export: the file with FILE.manifest.json beside it, or the manifest itself.
      const manifestGiven = file.endsWith(EXPORT_MANIFEST_SUFFIX);
      const dataFile = manifestGiven ? file.slice(0, -EXPORT_MANIFEST_SUFFIX.length) : file;
      const manifestFile = `${dataFile}${EXPORT_MANIFEST_SUFFIX}`;
      if (manifestGiven || fs.existsSync(path.resolve(ctx.io.cwd, manifestFile))) {
        const read = readExportManifest(fs.readFileSync(path.resolve(ctx.io.cwd, manifestFile), 'utf8'), manifestFile);
        if ('problem' in read) return refuse('BAD_MANIFEST', read.problem);
        const data = path.resolve(ctx.io.cwd, dataFile);
        if (!fs.existsSync(data))
          return refuse(
            'EXPORT_FILE_MISSING',
            `${dataFile} is missing: ${manifestFile} describes the export written beside it; put the file back beside its manifest`,
          );
        const check = new ExportFileCheck(read.manifest, dataFile, manifestFile);
        // Streamed: memory holds one piece of the file whatever its size.
        for await (const piece of fs.createReadStream(data)) check.update(piece as Buffer);
        return report(check.finish());
      }
      if (/\.(csv|jsonl)$/i.test(file))
        return refuse(
          'MANIFEST_MISSING',
          `${manifestFile} is not beside ${file}: verify checks an export against the manifest \`evidence export --kind\` wrote with it; put ${manifestFile} beside it, or pass the manifest's path`,
        );
      let input: unknown;
      try {
        input = JSON.parse(fs.readFileSync(target, 'utf8'));
      } catch (e) {
        return refuse(
          'BAD_FILE',
          `${file} is not a readable JSON evidence bundle (${(e as Error).message}), nor an export with ${manifestFile} beside it; pass a bundle, a pack folder, or an export file with its manifest`,
        );
      }
      report(verifyEvidenceBundle(input));
    });

  const governance = program.command('governance').description('The governance log');
  addSiteOptions(
    governance
      .command('verify')
      .description('walk the whole stored log (every chain, head and anchor) and name the first broken link'),
  )
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags) => {
      try {
        const result = await invokeAdmin(
          ctx,
          flags,
          'governance.verifyAll',
          {},
          (origin) => `Verify the log of ${origin} from the AI Clearance admin page.`,
          verifyAnswer,
        );
        if (flags.json) ctx.io.out(JSON.stringify(result, null, 2));
        else if (result.ok)
          ctx.io.out(
            `governance log verified: ${result.counts.events} events in ${result.counts.subjects} subjects, ${result.counts.anchors} anchors`,
          );
        else ctx.io.err(`governance log FAILED verification: ${result.message}`);
        ctx.setExitCode(result.ok ? EXIT.ok : EXIT.failure);
      } catch (e) {
        ctx.setExitCode(fail(flags, e));
      }
    });
}
