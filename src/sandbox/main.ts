// `npm start`: boots the offline sandbox with the app installed and serves it
// on 127.0.0.1:${SANDBOX_PORT:-8080}. Data lives in ${SANDBOX_DATA:-.sandbox/}.
// SANDBOX_PROVISION=off starts a bare site (first-start.ts).
import { DEFAULT_SITE } from '../cli/site-options';
import { defaultDataDir } from './db';
import { bootstrapSandboxCatalog } from './catalog-bootstrap';
import { bootstrapConnectedMode } from './connected-mode';
import type { IdpConnectionDetails } from './idp';
import { firstStart, provisionFromEnv } from './first-start';
import { createSandbox } from './sandbox';
import { startServer } from './server';
import { uiModuleUrls } from './ui/host';

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 8080;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`SANDBOX_PORT must be a port number (0 picks a free one); got "${raw}"`);
  return port;
}

export async function main(): Promise<void> {
  const port = parsePort(process.env.SANDBOX_PORT);
  const provision = provisionFromEnv(process.env.SANDBOX_PROVISION);
  const dataDir = defaultDataDir();
  const log = (line: string) => console.log(line);
  // The base URL is known only after listening (port 0), so bind first with a provisional sandbox URL.
  const baseUrl = `http://127.0.0.1:${port === 0 ? 8080 : port}`;
  const sandbox = createSandbox({ dataDir, baseUrl, scheduler: 'auto' });
  // Connected mode after the catalog (the tools it binds must exist): firstStart's connectIdps hook.
  const starting = {
    provision,
    connectIdps: (sb: typeof sandbox, d: IdpConnectionDetails) => bootstrapConnectedMode(sb, d, log),
  };
  const server = await startServer(sandbox, port, {
    afterReset: async () => void (await firstStart(sandbox, log, bootstrapSandboxCatalog, starting)),
  });

  if (sandbox.fresh) {
    log(`New sandbox in ${dataDir}`);
    const report = await firstStart(sandbox, log, bootstrapSandboxCatalog, starting);
    if (report.catalog)
      log(
        `Catalog: ${report.catalog.seeded} seeded tools (proposed); approved for the demo: ${report.catalog.approved.join(', ')}`,
      );
  } else {
    log(`Sandbox data from ${dataDir} (delete the folder or POST /__sandbox/reset to start over)`);
  }

  const u = server.url;
  log('');
  log(`AI Clearance sandbox is running at ${u}`);
  log(`  sandbox clock: ${sandbox.clock.now().toISOString()}`);
  log('');
  log('Sandbox-only users (API token for all: sandbox-token):');
  for (const user of sandbox.jira.listUsers().filter((x) => !x.roles.includes('app')))
    log(`  ${user.email.padEnd(20)} ${user.roles.join(', ')}`);
  log('');
  const idp = sandbox.idp.connectionDetails();
  log('Emulated identity providers (README "Sandbox guide" › "Identity providers"):');
  log(`  Okta org ${idp.okta.orgUrl} → ${u}/__idp/okta   API token: ${idp.okta.apiToken}`);
  log(
    `  Entra tenant ${idp.graph.tenantName} (${idp.graph.tenantId}): app ${idp.graph.clientId} / ${idp.graph.clientSecret}`,
  );
  log(`    token: ${u}/__idp/login/${idp.graph.tenantName}/oauth2/v2.0/token   Graph: ${u}/__idp/graph/v1.0`);
  log('');
  log('Try:');
  log(`  curl -s ${u}/rest/api/3/serverInfo`);
  log(`  curl -s -u alice@example.com:sandbox-token ${u}/rest/api/3/myself`);
  log(
    `  curl -s -u agent@example.com:sandbox-token "${u}/rest/api/3/search/jql?jql=project%20%3D%20AIC&fields=summary,status"`,
  );
  log(`  curl -s -X POST -H 'Content-Type: application/json' -d '{"advance":"P16D"}' ${u}/__sandbox/clock`);
  log(`  curl -s -X POST ${u}/__sandbox/settle`);
  log(`  curl -s -H 'Authorization: SSWS ${idp.okta.apiToken}' ${u}/__idp/okta/api/v1/groups`);
  // The CLI's default site is 8080: on another port every CLI command needs AIC_SITE (or --site).
  if (u !== DEFAULT_SITE) log(`  export AIC_SITE=${u}   # the CLI (npm run cli) talks to ${DEFAULT_SITE} otherwise`);
  log(`  npm run cli -- catalog list`);
  log('');
  log('Custom UI in a browser (the sandbox stands in for the product page; ?user= any sandbox user):');
  for (const m of uiModuleUrls(sandbox, u)) log(`  ${m.title}: ${m.url}`);
  log('  <KEY> is the issue key of an AI access request (AIC-1, AIC-2, …). A fresh sandbox has none: file one');
  log('  first with the request panel URL above (pick a tool, write the purpose, press Create), then use the');
  log('  AIC-n it shows; the search curl above lists the keys of the requests filed so far.');
  log('See README.md "Sandbox guide" for the control API. Ctrl+C stops; data is kept.');
  log(`READY ${u}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
