// ai-clearance provision plan|apply|drift: JSM configuration as code.
import path from 'node:path';
import type { Command } from 'commander';
import { jiraProvisioning } from '../../adapters/jira/jira-api';
import { ConfigError } from '../../config/yaml-source';
import {
  applySite,
  driftSite,
  isProvisionError,
  planSite,
  type ProgressEvent,
  type ProvisionOptions,
} from '../../usecases/provision';
import { defaultStatePath, fileStateStore, StateFileError } from '../file-state-store';
import { EXIT } from '../io';
import type { CliContext } from '../main';
import { formatApply, formatDrift, formatPlan, formatStep } from '../provision-output';
import {
  addSiteOptions,
  DEFAULT_SITE,
  resolveSite,
  SiteOptionsError,
  unreachableMessage,
  type SiteFlags,
} from '../site-options';

interface ProvisionFlags extends SiteFlags {
  templates?: string;
  project?: string;
  state?: string;
  json?: boolean;
  verbose?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  const provision = program
    .command('provision')
    .description('Provision JSM from templates/ and request-types/: plan, apply, drift');
  const sub = (
    name: string,
    description: string,
    run: (o: ProvisionOptions, flags: ProvisionFlags) => Promise<number>,
  ) =>
    addSiteOptions(provision.command(name).description(description))
      .option('--templates <dir>', 'directory holding templates/ and request-types/ (default: the repository root)')
      .option('--project <key>', 'JSM project key (overrides templates/settings.yml)')
      .option('--state <file>', 'where to keep the record of provisioned ids (env AIC_STATE_DIR for the directory)')
      .option('--json', 'print the result as JSON on stdout')
      .option('-v, --verbose', 'also list items that are unchanged')
      .action(async (flags: ProvisionFlags) =>
        ctx.setExitCode(await guard(ctx, flags, () => run(options(ctx, flags), flags))),
      );

  sub('plan', 'show what apply would change and the manual steps, without changing anything', async (o, flags) => {
    const { plan } = await planSite(o);
    emit(ctx, flags, { plan }, () => formatPlan(plan, { verbose: flags.verbose ?? false }));
    return plan.counts.conflict > 0 ? EXIT.failure : EXIT.ok;
  });
  sub(
    'apply',
    'create or update fields, contexts, options, filters and request types; print the manual steps left',
    async (o, flags) => {
      const result = await applySite(o);
      emit(ctx, flags, result, () => formatApply(result));
      return result.ok && (result.after?.counts.conflict ?? 0) === 0 ? EXIT.ok : EXIT.failure;
    },
  );
  sub('drift', 'report where the site differs from the templates (exit 2 when it does)', async (o, flags) => {
    const { report } = await driftSite(o);
    emit(ctx, flags, report, () => formatDrift(report));
    return report.drifted ? EXIT.drift : EXIT.ok;
  });
}

function options(ctx: CliContext, flags: ProvisionFlags): ProvisionOptions {
  const site = resolveSite(flags, ctx.io);
  const statePath = flags.state ? path.resolve(ctx.io.cwd, flags.state) : defaultStatePath(site.siteUrl, ctx.io.env);
  if (!flags.json) {
    ctx.io.err(
      `Site ${site.siteUrl} as ${site.email}${site.sandboxDefaults ? ' (the sandbox admin: no --email/--token given)' : ''}; record: ${statePath}`,
    );
  }
  return {
    transport: site.transport,
    provisioning: jiraProvisioning,
    templatesDir: flags.templates ? path.resolve(ctx.io.cwd, flags.templates) : repoRoot(),
    store: fileStateStore(statePath),
    ...(flags.project ? { projectKey: flags.project } : {}),
    onProgress: (e) => progress(ctx, flags, e),
  };
}

function repoRoot(): string {
  return path.resolve(__dirname, '../../..');
}

function progress(ctx: CliContext, flags: ProvisionFlags, e: ProgressEvent): void {
  if (flags.json) return;
  switch (e.type) {
    case 'templates':
      return ctx.io.err(`Templates OK (${e.files.length} files).`);
    case 'read':
      return ctx.io.err(`${e.message[0].toUpperCase()}${e.message.slice(1)}…`);
    case 'retry':
      return ctx.io.err(
        `  Jira answered ${e.notice.status} to ${e.notice.method} ${e.notice.path}; retrying in ${Math.ceil(e.notice.waitMs / 100) / 10} s (attempt ${e.notice.attempt + 1})`,
      );
    case 'recheck':
      return ctx.io.err(
        `  Jira failed while creating ${e.what}; checked whether it was created anyway before retrying (attempt ${e.attempt + 1})`,
      );
    case 'step':
      return ctx.io.err(formatStep(e.result, e.index, e.total));
  }
}

function emit(ctx: CliContext, flags: ProvisionFlags, data: unknown, human: () => string): void {
  ctx.io.out(flags.json ? JSON.stringify(data, null, 2) : human());
}

/** Maps every expected failure to exit code 1 with a message that says what to do. */
async function guard(ctx: CliContext, flags: ProvisionFlags, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (err) {
    let code: string;
    let message: string;
    let problems: unknown;
    if (err instanceof ConfigError) {
      code = err.code;
      message = `The templates are invalid; nothing was applied.\n${err.message}`;
      problems = err.problems;
    } else if (isProvisionError(err) || err instanceof SiteOptionsError || err instanceof StateFileError) {
      code = err.code;
      message = err.message;
    } else if (isFetchFailure(err)) {
      code = 'SITE_UNREACHABLE';
      message = unreachableMessage(
        new URL(flags.site ?? ctx.io.env.AIC_SITE ?? DEFAULT_SITE).origin,
        err.cause?.message ?? err.message,
      );
    } else if (hasCode(err)) {
      code = err.code;
      message = err.message;
    } else throw err;
    if (flags.json)
      ctx.io.out(JSON.stringify({ error: { code, message, ...(problems ? { problems } : {}) } }, null, 2));
    else ctx.io.err(`Error ${code}: ${message}`);
    return EXIT.failure;
  }
}

// Duck-typed: errors from Node's fetch may come from another realm (e.g. under jest), where instanceof fails.
function isFetchFailure(err: unknown): err is { message: string; cause?: { message?: string } } {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as { name?: unknown }).name === 'TypeError' &&
    /fetch failed/.test(String((err as { message?: unknown }).message))
  );
}

function hasCode(err: unknown): err is { code: string; message: string } {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { code?: unknown }).code === 'string' &&
    typeof (err as { message?: unknown }).message === 'string'
  );
}
