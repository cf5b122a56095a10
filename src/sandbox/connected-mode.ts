// Connected mode on a new sandbox: what an admin does after connecting the
// identity providers, done through the app's own use cases (the same ones as
// the admin page's resolvers, with the credentials going to Forge secret
// storage): connect the emulated Okta org (the API token sandbox-okta-token of
// its Group Membership Administrator) and the Entra tenant sandbox-tenant (app
// sandbox-client, client secret sandbox-graph-secret), map the sandbox users explicitly (a
// CSV import: one row per person and provider, matched here by the email
// both sides share — a sandbox convenience; the app itself never maps by
// email), and bind GitHub Copilot Business to Okta "AI - GitHub Copilot" and
// Claude for Work to Entra "AI - Claude for Work".
import { stringify } from 'csv-stringify/sync';
import { connectorAdminDeps } from '../entry/resolver/admin-page/connectors';
import { forgeAdminDeps } from '../entry/resolver/compose';
import { bindTool } from '../usecases/connectors/binding';
import { connectProvider } from '../usecases/connectors/connection';
import { importMappingsCsv } from '../usecases/connectors/identity';
import { SANDBOX_IDP, type IdpConnectionDetails } from './idp';
import type { Sandbox } from './sandbox';

export const SANDBOX_BINDINGS = [
  { toolId: 'github-copilot-business', provider: 'okta', groupId: SANDBOX_IDP.okta.groups.copilot },
  { toolId: 'claude-for-work', provider: 'entra', groupId: SANDBOX_IDP.graph.groups.claude },
] as const;

export async function bootstrapConnectedMode(
  sandbox: Sandbox,
  details: IdpConnectionDetails,
  log: (line: string) => void,
): Promise<{ bindings: typeof SANDBOX_BINDINGS }> {
  const admin = sandbox.jira.listUsers().find((u) => u.email === 'admin@example.com');
  if (!admin) throw new Error('the sandbox has no admin@example.com');
  const idp = sandbox.idp.store.read();
  const actor = { type: 'user' as const, accountId: admin.accountId };
  await sandbox.forge.run(
    async () => {
      const wiring = forgeAdminDeps();
      const store = wiring.store();
      const deps = connectorAdminDeps(store, wiring.asApp(), () => wiring.catalog(store, wiring.asApp()));
      await connectProvider(
        deps,
        {
          provider: 'okta',
          orgUrl: details.okta.orgUrl,
          auth: { type: 'api_token', token: details.okta.apiToken },
        },
        actor,
      );
      await connectProvider(
        deps,
        {
          provider: 'entra',
          tenantId: details.graph.tenantId,
          clientId: details.graph.clientId,
          auth: { type: 'client_secret', secret: details.graph.clientSecret },
        },
        actor,
      );
      const rows: string[][] = [];
      for (const u of sandbox.jira.listUsers().filter((x) => !x.roles.includes('app'))) {
        const okta = idp.okta.users.find((o) => o.profile.email.toLowerCase() === u.email.toLowerCase());
        const entra = idp.graph.users.find((g) => g.mail?.toLowerCase() === u.email.toLowerCase());
        if (okta) rows.push([u.accountId, 'okta', okta.id, okta.profile.login]);
        if (entra) rows.push([u.accountId, 'entra', entra.id, entra.userPrincipalName]);
      }
      const csv = stringify([['atlassian_account_id', 'provider', 'idp_user_id', 'idp_login'], ...rows]);
      const imported = await importMappingsCsv(deps, csv, actor);
      if (imported.errors.length)
        throw new Error(`identity mapping: ${imported.errors.map((e) => e.message).join('; ')}`);
      for (const b of SANDBOX_BINDINGS) await bindTool(deps, b, actor);
    },
    { accountId: admin.accountId, moduleKey: 'ai-clearance-admin' },
  );
  log(
    `Connected mode: Okta (${details.okta.orgUrl}) and Entra ID (${details.graph.tenantName}) connected; ` +
      `${SANDBOX_BINDINGS.map((b) => `${b.toolId} → ${b.provider} group ${b.groupId}`).join(', ')}`,
  );
  return { bindings: SANDBOX_BINDINGS };
}
