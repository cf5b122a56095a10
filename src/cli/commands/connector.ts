// ai-clearance connector connect okta|entra …, connector test|status|bind|unbind|reconcile|tasks|retry,
// ai-clearance identity import <file.csv> | suggest|set|remove <accountId> --provider p | list --provider p
//
// Connected mode through the app's admin resolvers (the same calls as the admin page), against the
// local sandbox. Credentials are read from an environment variable or a file named on the command
// line — never from a flag's value, which would land in shell history — and are sent only to the
// app, which keeps them in Forge secret storage; nothing here prints them.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import * as z from 'zod/mini';
import { AdminCliError, invokeAdmin } from '../admin-invoke';
import { EXIT } from '../io';
import type { CliContext } from '../main';
import { addSiteOptions, type SiteFlags } from '../site-options';

interface Flags extends SiteFlags {
  json?: boolean;
  orgUrl?: string;
  tokenEnv?: string;
  clientId?: string;
  keyFile?: string;
  keyId?: string;
  tenant?: string;
  secretEnv?: string;
  certFile?: string;
  provider?: string;
  group?: string;
  tool?: string;
  user?: string;
  login?: string;
  confirmedSuggestion?: boolean;
}

// What each command prints of its answer, checked (a field the page does not send fails loudly, never prints "undefined").
const str = z.string();
const maybeStr = z.optional(z.nullable(z.string()));
const importAnswer = z.looseObject({
  errors: z.array(z.looseObject({ message: str })),
  imported: z.optional(z.number()),
  unchanged: z.optional(z.number()),
});
const proofAnswer = z.looseObject({
  connection: z.looseObject({ provider: str, target: str, authType: str }),
  proof: z.looseObject({ canChangeMembers: z.boolean(), detail: str }),
});
const statusAnswer = z.looseObject({
  providers: z.array(
    z.looseObject({
      provider: str,
      connected: z.boolean(),
      authoritative: z.optional(z.boolean()),
      view: z.optional(z.nullable(z.looseObject({ target: str }))),
    }),
  ),
});
const bindingsAnswer = z.looseObject({
  bindings: z.array(z.looseObject({ toolId: str, provider: str, groupName: maybeStr, groupId: str })),
});
const bindAnswer = z.looseObject({
  binding: z.looseObject({ toolId: str, provider: str, groupName: maybeStr, groupKind: maybeStr }),
});
const reconcileAnswer = z.looseObject({
  results: z.array(
    z.looseObject({
      toolId: str,
      outcome: str,
      report: z.optional(
        z.looseObject({
          members: z.number(),
          missing: z.array(z.unknown()),
          strays: z.array(z.unknown()),
          removed: z.array(z.unknown()),
          removalsWithheld: z.optional(z.string()),
        }),
      ),
    }),
  ),
});
const tasksAnswer = z.looseObject({
  grants: z.array(
    z.looseObject({
      issueKey: maybeStr,
      toolId: str,
      lastError: maybeStr,
      notRun: z.optional(z.looseObject({ since: str })),
    }),
  ),
  jobs: z.array(
    z.looseObject({ issueKey: maybeStr, grantId: maybeStr, type: str, lastError: maybeStr, outcome: maybeStr }),
  ),
});
const mappingShape = z.looseObject({ accountId: str, provider: str, idpUserId: str, idpLogin: maybeStr, source: str });
const setAnswer = z.looseObject({ mapping: mappingShape, changed: z.boolean() });
const removeAnswer = z.looseObject({ removed: z.boolean() });
const listAnswer = z.looseObject({ mappings: z.array(mappingShape) });
const unbindAnswer = z.looseObject({ toolId: str });
const retryAnswer = z.looseObject({ queued: str, retryOf: str, alreadyQueued: z.boolean() });
const suggestAnswer = z.looseObject({
  suggestions: z.array(z.looseObject({ id: str, login: maybeStr })),
  note: str,
});

const invoke = <T>(ctx: CliContext, flags: Flags, functionName: string, payload: unknown, answer: z.ZodMiniType<T>) =>
  invokeAdmin(
    ctx,
    flags,
    functionName,
    payload,
    (origin) =>
      `Connected mode on ${origin} is set up on the AI Clearance admin page (Jira settings → Apps → AI Clearance → Connected mode). This command works against the local sandbox (npm start) only.`,
    answer,
  );

function need(value: string | undefined, what: string): string {
  if (!value) throw new AdminCliError('BAD_OPTION', `${what} is required.`);
  return value;
}

function fromEnv(ctx: CliContext, name: string | undefined, what: string): string {
  const v = ctx.io.env[need(name, `--${what}-env (the name of the environment variable that holds the ${what})`)];
  if (!v) throw new AdminCliError('BAD_OPTION', `The environment variable ${name} is empty or not set.`);
  return v;
}

/** A file the user named; one that cannot be read is their mistake to fix, not an unexpected error. */
function readNamedFile(ctx: CliContext, file: string): string {
  try {
    return fs.readFileSync(path.resolve(ctx.io.cwd, file), 'utf8');
  } catch (e) {
    const reason = e instanceof Error && 'code' in e ? String(e.code) : 'unreadable';
    throw new AdminCliError('BAD_OPTION', `cannot read ${file} (${reason}): name a file that exists.`);
  }
}

function fromFile(ctx: CliContext, file: string | undefined, what: string): string {
  return readNamedFile(ctx, need(file, what));
}

/** The connection payload for `connector connect <provider>`, from the flags (secrets from env or files). */
function connection(ctx: CliContext, provider: string, f: Flags): unknown {
  if (provider === 'okta') {
    const orgUrl = need(f.orgUrl, '--org-url (https://{your-org}.okta.com)');
    if (f.keyFile)
      return {
        provider,
        orgUrl,
        auth: {
          type: 'private_key_jwt',
          clientId: need(f.clientId, '--client-id (the service app)'),
          privateKeyPem: fromFile(ctx, f.keyFile, '--key-file'),
          ...(f.keyId ? { keyId: f.keyId } : {}),
        },
      };
    return { provider, orgUrl, auth: { type: 'api_token', token: fromEnv(ctx, f.tokenEnv, 'token') } };
  }
  if (provider === 'entra') {
    const base = { provider, tenantId: need(f.tenant, '--tenant'), clientId: need(f.clientId, '--client-id') };
    if (f.certFile)
      return {
        ...base,
        auth: {
          type: 'certificate',
          certificatePem: fromFile(ctx, f.certFile, '--cert-file'),
          privateKeyPem: fromFile(ctx, f.keyFile, '--key-file'),
        },
      };
    return { ...base, auth: { type: 'client_secret', secret: fromEnv(ctx, f.secretEnv, 'secret') } };
  }
  throw new AdminCliError('BAD_OPTION', `the provider must be okta or entra; got ${JSON.stringify(provider)}.`);
}

export function register(program: Command, ctx: CliContext): void {
  const connector = program
    .command('connector')
    .description('Connected mode: Okta and Entra ID groups (local sandbox; on a real site use the admin page)');
  const identity = program.command('identity').description('Connected mode: the Atlassian account ↔ IdP user mapping');
  const sub = (parent: Command, name: string, description: string) =>
    addSiteOptions(parent.command(name).description(description)).option('--json', 'print the result as JSON');
  const run = <T>(flags: Flags, work: () => Promise<T>, human: (r: T) => string) =>
    work().then(
      (r) => {
        ctx.io.out(flags.json ? JSON.stringify(r, null, 2) : human(r));
        return EXIT.ok;
      },
      (e: unknown) => {
        if (!(e instanceof AdminCliError)) throw e;
        if (flags.json) ctx.io.out(JSON.stringify({ error: { code: e.code, message: e.message } }, null, 2));
        else ctx.io.err(`Error ${e.code}: ${e.message}`);
        return EXIT.failure;
      },
    );
  /** Calls one admin resolver and prints its checked answer: the shape of most commands below. */
  const call = async <T>(
    flags: Flags,
    functionName: string,
    payload: () => unknown,
    answer: z.ZodMiniType<T>,
    human: (r: T) => string,
  ) => ctx.setExitCode(await run(flags, async () => invoke(ctx, flags, functionName, payload(), answer), human));
  const proof = (r: z.infer<typeof proofAnswer>) =>
    `${r.connection.provider} ${r.connection.target} (${r.connection.authType}): ${r.proof.canChangeMembers ? 'can read groups and change members' : 'CANNOT change members'} — ${r.proof.detail}`;

  sub(connector, 'connect', 'connect okta or entra; secrets come from --token-env/--secret-env or files')
    .argument('<provider>', 'okta | entra')
    .option('--org-url <url>', 'Okta: https://{your-org}.okta.com')
    .option('--token-env <name>', 'Okta API token: the environment variable that holds it')
    .option('--client-id <id>', 'Okta service app client id, or the Entra application (client) id')
    .option('--key-file <file>', 'PEM private key (Okta private_key_jwt, or with --cert-file for Entra)')
    .option('--key-id <kid>', 'Okta: the key id (kid) registered on the service app')
    .option('--tenant <id>', 'Entra: directory (tenant) id or domain')
    .option('--secret-env <name>', 'Entra client secret: the environment variable that holds it')
    .option('--cert-file <file>', 'Entra: PEM certificate registered on the app')
    .action(async (provider: string, flags: Flags) =>
      call(flags, 'connectors.connect', () => ({ connection: connection(ctx, provider, flags) }), proofAnswer, proof),
    );
  sub(connector, 'test', 'prove the stored credentials can read groups and change members')
    .argument('<provider>', 'okta | entra')
    .action(async (provider: string, flags: Flags) =>
      call(flags, 'connectors.test', () => ({ provider }), proofAnswer, proof),
    );
  sub(connector, 'status', 'which providers are connected, and the tools bound to their groups').action(
    async (flags: Flags) =>
      ctx.setExitCode(
        await run(
          flags,
          async () => ({
            ...(await invoke(ctx, flags, 'connectors.status', {}, statusAnswer)),
            ...(await invoke(ctx, flags, 'connectors.bindings', {}, bindingsAnswer)),
          }),
          (r) =>
            [
              ...r.providers.map((p) =>
                p.connected
                  ? `${p.provider}: connected to ${p.view?.target ?? '?'}${p.authoritative ? ' (authoritative)' : ''}`
                  : `${p.provider}: not connected`,
              ),
              ...r.bindings.map((b) => `${b.toolId} → ${b.provider} "${b.groupName}" (${b.groupId})`),
            ].join('\n'),
        ),
      ),
  );
  sub(connector, 'bind', 'bind a catalog tool to one IdP group (checked: it must be changeable)')
    .argument('<toolId>')
    .requiredOption('--provider <provider>', 'okta | entra')
    .requiredOption('--group <id>', 'Okta group id or Entra group object id')
    .action(async (toolId: string, flags: Flags) =>
      call(
        flags,
        'connectors.bind',
        () => ({ toolId, provider: flags.provider, groupId: flags.group }),
        bindAnswer,
        (r) => `${r.binding.toolId} → ${r.binding.provider} "${r.binding.groupName}" (${r.binding.groupKind})`,
      ),
    );
  sub(connector, 'unbind', 'unbind a catalog tool: new grants are fulfilled by a person; nobody is removed now')
    .argument('<toolId>')
    .action(async (toolId: string, flags: Flags) =>
      call(
        flags,
        'connectors.unbind',
        () => ({ toolId }),
        unbindAnswer,
        (r) => `${r.toolId}: unbound. New grants are fulfilled by a person; nobody was removed from the group.`,
      ),
    );
  sub(connector, 'reconcile', 'compare bound groups with live grants (all tools, or one)')
    .option('--tool <toolId>')
    .action(async (flags: Flags) =>
      call(
        flags,
        'connectors.reconcile',
        () => (flags.tool ? { toolId: flags.tool } : {}),
        reconcileAnswer,
        (r) =>
          r.results
            .map((x) =>
              x.outcome === 'checked' && x.report
                ? `${x.toolId}: ${x.report.members} members, ${x.report.missing.length} approved but missing, ${x.report.strays.length} without grant${x.report.removed.length ? `, ${x.report.removed.length} removed` : ''}${x.report.removalsWithheld ? ', nobody removed: an approved account is unmapped (map it, then reconcile again)' : ''}`
                : `${x.toolId}: ${x.outcome}`,
            )
            .join('\n') || 'No tool is bound.',
      ),
    );
  sub(connector, 'tasks', 'what waits for a person (unmapped requesters, failed jobs)').action(async (flags: Flags) =>
    call(
      flags,
      'connectors.tasks',
      () => ({}),
      tasksAnswer,
      (r) =>
        [
          ...r.grants.map(
            (g) =>
              `${g.issueKey ?? '?'}: grant ${g.toolId} waits — ${g.notRun ? `approved ${g.notRun.since}, its add has not run yet (the hourly sweep queues it again; or retry it)` : (g.lastError ?? 'manual action required')}`,
          ),
          ...r.jobs.map((j) => `${j.issueKey ?? j.grantId ?? '?'}: ${j.type} — ${j.lastError ?? j.outcome ?? ''}`),
        ].join('\n') || 'Nothing waits.',
    ),
  );
  sub(connector, 'retry', 'queue a task\u2019s connector job again once its cause is fixed (e.g. the user is mapped)')
    .argument(
      '<task>',
      'the grant id of a waiting grant, or the job key of a failed removal or check (see tasks --json)',
    )
    .action(async (task: string, flags: Flags) =>
      call(
        flags,
        'connectors.retry',
        () => (/^\d+$/.test(task) ? { grantId: task } : { jobKey: task }),
        retryAnswer,
        (r) =>
          r.alreadyQueued
            ? `${r.queued} was already queued by an earlier retry; queued again (a repeat does nothing twice).`
            : `Queued ${r.queued} (retry of ${r.retryOf}).`,
      ),
    );
  sub(identity, 'import', 'import a CSV: atlassian_account_id,provider,idp_user_id[,idp_login] (all or nothing)')
    .argument('<file>')
    .action(async (file: string, flags: Flags) =>
      ctx.setExitCode(
        await run(
          flags,
          async () => {
            const r = await invoke(ctx, flags, 'identity.import', { csv: readNamedFile(ctx, file) }, importAnswer);
            if (r.errors.length)
              throw new AdminCliError(
                'IDENTITY_IMPORT_INVALID',
                `Nothing was imported:\n${r.errors.map((e) => `  ${e.message}`).join('\n')}`,
              );
            return r;
          },
          (r) => `${r.imported ?? 0} mapped, ${r.unchanged ?? 0} unchanged.`,
        ),
      ),
    );
  sub(identity, 'suggest', 'IdP users with the account\u2019s email: suggestions to confirm, never a mapping')
    .argument('<accountId>')
    .requiredOption('--provider <provider>', 'okta | entra')
    .action(async (accountId: string, flags: Flags) =>
      call(
        flags,
        'identity.suggest',
        () => ({ accountId, provider: flags.provider }),
        suggestAnswer,
        (r) => [...r.suggestions.map((u) => `${u.id}  ${u.login ?? ''}`), r.note].join('\n'),
      ),
    );
  sub(identity, 'set', 'map an Atlassian account to one IdP user (by hand, or confirming a suggestion)')
    .argument('<accountId>')
    .requiredOption('--provider <provider>', 'okta | entra')
    .requiredOption('--user <idpUserId>', 'Okta user id (00u…) or Entra user object id (a GUID)')
    .option('--login <login>', 'the IdP login, shown beside the id')
    .option('--confirmed-suggestion', 'record that this confirms a match `identity suggest` offered')
    .action(async (accountId: string, flags: Flags) =>
      call(
        flags,
        'identity.set',
        () => ({
          accountId,
          provider: flags.provider,
          idpUserId: flags.user,
          ...(flags.login ? { idpLogin: flags.login } : {}),
          ...(flags.confirmedSuggestion ? { confirmedSuggestion: true } : {}),
        }),
        setAnswer,
        (r) =>
          `${r.mapping.accountId} → ${r.mapping.provider} ${r.mapping.idpUserId}${r.mapping.idpLogin ? ` (${r.mapping.idpLogin})` : ''}: ${r.changed ? 'mapped' : 'unchanged'}`,
      ),
    );
  sub(identity, 'remove', 'remove an account\u2019s mapping for one provider')
    .argument('<accountId>')
    .requiredOption('--provider <provider>', 'okta | entra')
    .action(async (accountId: string, flags: Flags) =>
      call(
        flags,
        'identity.remove',
        () => ({ accountId, provider: flags.provider }),
        removeAnswer,
        (r) => (r.removed ? `${accountId}: mapping removed` : `${accountId}: was not mapped`),
      ),
    );
  sub(identity, 'list', 'the mappings of one provider')
    .requiredOption('--provider <provider>', 'okta | entra')
    .action(async (flags: Flags) =>
      call(
        flags,
        'identity.list',
        () => ({ provider: flags.provider }),
        listAnswer,
        (r) =>
          r.mappings
            .map((m) => `${m.accountId} → ${m.idpUserId}${m.idpLogin ? ` (${m.idpLogin})` : ''} [${m.source}]`)
            .join('\n') || 'No one is mapped.',
      ),
    );
}
