// ai-clearance evidence export  — an evidence bundle of the governance log (sandbox; on a real site, the admin page)
// ai-clearance evidence verify <file> — checks a bundle offline: every digest, chain link, anchor and the manifest
// ai-clearance governance verify — walks the whole stored log (every chain, head and anchor)
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { verifyEvidenceBundle } from '../../domain/governance';
import * as z from 'zod/mini';
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

interface Flags extends SiteFlags {
  json?: boolean;
  from?: string;
  to?: string;
  omitPersonal?: boolean;
  out?: string;
}

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
    .action(async (flags: Flags) => {
      try {
        for (const [name, v] of [
          ['--from', flags.from],
          ['--to', flags.to],
        ] as const) {
          if (v !== undefined && Number.isNaN(Date.parse(v)))
            throw new AdminCliError('BAD_TIME', `${name} must be an ISO time such as 2026-01-31T00:00:00Z`);
        }
        const payload = {
          ...(flags.from ? { from: new Date(flags.from).toISOString() } : {}),
          ...(flags.to ? { to: new Date(flags.to).toISOString() } : {}),
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

  evidence
    .command('verify')
    .description('verify an evidence bundle offline (no site needed): digests, chain links, anchors, manifest')
    .argument('<file>')
    .option('--json', 'print the result as JSON')
    .action((file: string, flags: { json?: boolean }) => {
      let input: unknown;
      try {
        input = JSON.parse(fs.readFileSync(path.resolve(ctx.io.cwd, file), 'utf8'));
      } catch (e) {
        ctx.io.err(`Error BAD_FILE: ${file} is not a readable JSON evidence bundle (${(e as Error).message})`);
        ctx.setExitCode(EXIT.failure);
        return;
      }
      const check = verifyEvidenceBundle(input);
      if (flags.json) ctx.io.out(JSON.stringify(check, null, 2));
      else if (check.ok) ctx.io.out(check.message);
      else ctx.io.err(check.message);
      ctx.setExitCode(check.ok ? EXIT.ok : EXIT.failure);
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
