// ai-clearance catalog list|approve|suspend|retire|import|export
//
// Design: catalog changes must run inside the app (its storage, governance
// log and option sync), so the CLI calls the app's own admin resolvers
// through the sandbox's POST /__sandbox/invoke (Basic auth of the calling
// user; the resolver checks that user is a Jira admin, exactly as on the
// admin page). On a real site there is no such endpoint: the CLI says to use
// the admin page (or import/export YAML there) and exits 1.
import * as z from 'zod/mini';
import { parseCatalogImport, renderCatalogYaml } from '../../config/catalog-import';
import { CATALOG_EXPORT_FORMAT } from '../../config/catalog-import-data';
import { ConfigError, YamlSource } from '../../config/yaml-source';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { EXIT } from '../io';
import type { CliContext } from '../main';
import { AdminCliError as CatalogCliError, invokeAdmin } from '../admin-invoke';
import { addSiteOptions, type SiteFlags } from '../site-options';

interface Flags extends SiteFlags {
  json?: boolean;
  status?: string;
  risk?: string;
  reason?: string;
  out?: string;
}

// What the commands read of the admin resolvers' answers (src/handlers/resolvers/admin.ts).
const listAnswer = z.looseObject({
  entries: z.array(z.looseObject({ id: z.string(), status: z.string(), risk: z.string(), name: z.string() })),
});
const changeAnswer = z.looseObject({
  entries: z.optional(z.array(z.looseObject({ id: z.string(), status: z.string() }))),
  consequences: z.optional(
    z.looseObject({
      declined: z.array(z.unknown()),
      flagged: z.array(z.unknown()),
      revoked: z.array(z.unknown()),
      failed: z.array(z.looseObject({ id: z.string() })),
    }),
  ),
  optionSync: z.optional(z.looseObject({ ok: z.boolean(), error: z.optional(z.looseObject({ message: z.string() })) })),
});
type ChangeAnswer = z.infer<typeof changeAnswer>;
const exportAnswer = z.looseObject({
  catalog: z.object({ format: z.literal(CATALOG_EXPORT_FORMAT), tools: z.array(z.record(z.string(), z.unknown())) }),
});

const invoke = <T>(ctx: CliContext, flags: Flags, functionName: string, payload: unknown, answer: z.ZodMiniType<T>) =>
  invokeAdmin(
    ctx,
    flags,
    functionName,
    payload,
    (origin) =>
      `The catalog of ${origin} is managed on the AI Clearance admin page (Jira settings → Apps → AI Clearance), where you can also import and export the catalog YAML. This command works against the local sandbox (npm start) only.`,
    answer,
  );

function summary(result: ChangeAnswer): string {
  const lines = (result.entries ?? []).map((e) => `${e.id}: ${e.status}`);
  const c = result.consequences;
  if (c)
    lines.push(
      `pending requests declined: ${c.declined.length}; grants flagged: ${c.flagged.length}; revoked: ${c.revoked.length}${c.failed.length ? `; FAILED: ${c.failed.map((f) => f.id).join(', ')}` : ''}`,
    );
  if (result.optionSync && !result.optionSync.ok)
    lines.push(`AI tool options NOT synced: ${result.optionSync.error?.message}`);
  return lines.join('\n') || 'Nothing changed.';
}

export function register(program: Command, ctx: CliContext): void {
  const catalog = program
    .command('catalog')
    .description('The AI tool catalog (local sandbox; on a real site use the admin page)');
  const sub = (name: string, description: string) =>
    addSiteOptions(catalog.command(name).description(description)).option('--json', 'print the result as JSON');
  const act = (flags: Flags, work: () => Promise<number>) =>
    work().catch((e) => {
      if (!(e instanceof CatalogCliError)) throw e;
      if (flags.json) ctx.io.out(JSON.stringify({ error: { code: e.code, message: e.message } }, null, 2));
      else ctx.io.err(`Error ${e.code}: ${e.message}`);
      return EXIT.failure;
    });
  const print = (flags: Flags, data: unknown, human: () => string) =>
    ctx.io.out(flags.json ? JSON.stringify(data, null, 2) : human());

  sub('list', 'list tools (filter with --status, --risk)')
    .option('--status <status>', 'proposed | requestable | suspended | retired')
    .option('--risk <risk>', 'low | medium | high | prohibited')
    .action(async (flags: Flags) =>
      ctx.setExitCode(
        await act(flags, async () => {
          const r = await invoke(
            ctx,
            flags,
            'catalog.list',
            { ...(flags.status ? { status: flags.status } : {}), ...(flags.risk ? { risk: flags.risk } : {}) },
            listAnswer,
          );
          print(flags, r, () =>
            r.entries.map((e) => `${e.id.padEnd(32)} ${e.status.padEnd(12)} ${e.risk.padEnd(10)} ${e.name}`).join('\n'),
          );
          return EXIT.ok;
        }),
      ),
    );
  sub('approve', 'make a proposed (or suspended) tool requestable')
    .argument('<toolId>')
    .action(async (toolId: string, flags: Flags) =>
      ctx.setExitCode(
        await act(
          flags,
          async () => (
            print(flags, ...withSummary(await invoke(ctx, flags, 'catalog.approve', { toolId }, changeAnswer))),
            EXIT.ok
          ),
        ),
      ),
    );
  for (const verb of ['suspend', 'retire'] as const) {
    sub(
      verb,
      verb === 'suspend'
        ? 'stop new requests; decline pending ones; flag or revoke live grants'
        : 'retire a suspended or proposed tool for good',
    )
      .argument('<toolId>')
      .requiredOption('--reason <text>', 'why (shown to requesters, kept as evidence)')
      .action(async (toolId: string, flags: Flags) =>
        ctx.setExitCode(
          await act(
            flags,
            async () => (
              print(
                flags,
                ...withSummary(
                  await invoke(ctx, flags, `catalog.${verb}`, { toolId, reason: flags.reason }, changeAnswer),
                ),
              ),
              EXIT.ok
            ),
          ),
        ),
      );
  }
  sub('import', 'load a catalog YAML file (all or nothing)')
    .argument('<file>')
    .action(async (file: string, flags: Flags) =>
      ctx.setExitCode(
        await act(flags, async () => {
          const full = path.resolve(ctx.io.cwd, file);
          const text = fs.readFileSync(full, 'utf8');
          // Checked here first, so mistakes come back with file:line:column; the app checks the data again.
          try {
            parseCatalogImport(text, path.basename(full));
          } catch (e) {
            if (e instanceof ConfigError)
              throw new CatalogCliError('CATALOG_IMPORT_INVALID', `Nothing was imported:\n${e.message}`);
            throw e;
          }
          const catalog = YamlSource.fromText(path.basename(full), text).data;
          print(
            flags,
            ...withSummary(
              await invoke(ctx, flags, 'catalog.import', { catalog, fileName: path.basename(full) }, changeAnswer),
            ),
          );
          return EXIT.ok;
        }),
      ),
    );
  sub('export', 'write the catalog as YAML (stdout, or --out file)')
    .option('--out <file>', 'write to this file')
    .action(async (flags: Flags) =>
      ctx.setExitCode(
        await act(flags, async () => {
          const yaml = renderCatalogYaml((await invoke(ctx, flags, 'catalog.export', {}, exportAnswer)).catalog);
          if (flags.out) fs.writeFileSync(path.resolve(ctx.io.cwd, flags.out), yaml);
          else ctx.io.out(yaml);
          return EXIT.ok;
        }),
      ),
    );
}

function withSummary(result: ChangeAnswer): [unknown, () => string] {
  return [result, () => summary(result)];
}
