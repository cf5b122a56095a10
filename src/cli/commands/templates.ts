// ai-clearance templates check|bundle: validate the provisioning templates
// (no site needed, for CI and editors), and regenerate the copy bundled into
// the Forge app.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { bundledCatalogSeedPath, bundledCatalogSeedSource } from '../../config/catalog-seed-bundle';
import { bundledDesiredPath, bundledDesiredSource } from '../../config/templates/bundle';
import { loadTemplates } from '../../config/templates/load-templates';
import { ConfigError } from '../../config/yaml-source';
import { EXIT } from '../io';
import type { CliContext } from '../main';

const repoRoot = () => path.resolve(__dirname, '../../..');

export function register(program: Command, ctx: CliContext): void {
  const templates = program
    .command('templates')
    .description('Check or bundle the provisioning templates (templates/, request-types/)');
  templates
    .command('check')
    .description('validate every template and the references between them; no site needed')
    .option('--templates <dir>', 'directory holding templates/ and request-types/ (default: the repository root)')
    .action((flags: { templates?: string }) => {
      const dir = flags.templates ? path.resolve(ctx.io.cwd, flags.templates) : repoRoot();
      try {
        const { desired, files } = loadTemplates(dir);
        ctx.io.out(
          `Templates OK: ${files.length} files, ${desired.fields.length} fields, ${desired.queues.length} queues, ${desired.requestTypes.length} request types (project ${desired.projectKey}).`,
        );
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        ctx.io.err(`Error ${err.code}: the templates are invalid.\n${err.message}`);
        ctx.setExitCode(EXIT.failure);
      }
    });
  templates
    .command('bundle')
    .description(
      `regenerate the templates bundled into the Forge app (${path.relative(repoRoot(), bundledDesiredPath(repoRoot()))})`,
    )
    .action(() => {
      const root = repoRoot();
      let source: string;
      try {
        source = bundledDesiredSource(root);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        ctx.io.err(`Error ${err.code}: not bundling invalid templates.\n${err.message}`);
        ctx.setExitCode(EXIT.failure);
        return;
      }
      fs.writeFileSync(bundledDesiredPath(root), source);
      ctx.io.out(`Wrote ${path.relative(root, bundledDesiredPath(root))}.`);
      try {
        fs.writeFileSync(bundledCatalogSeedPath(root), bundledCatalogSeedSource(path.join(root, 'catalog-seed')));
        ctx.io.out(`Wrote ${path.relative(root, bundledCatalogSeedPath(root))}.`);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        ctx.io.err(`Error ${err.code}: not bundling an invalid catalog seed.\n${err.message}`);
        ctx.setExitCode(EXIT.failure);
      }
    });
}
