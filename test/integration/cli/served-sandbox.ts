// A fresh sandbox served over HTTP on a free loopback port, set up as `npm start`
// does on first start, and a way to run the CLI against it as a user would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { bootstrapSandboxCatalog } from '../../../src/sandbox/catalog-bootstrap';
import { bootstrapConnectedMode } from '../../../src/sandbox/connected-mode';
import { firstStart } from '../../../src/sandbox/first-start';
import { createSandbox, type Sandbox } from '../../../src/sandbox/sandbox';
import { startServer, type RunningServer } from '../../../src/sandbox/server';
import { quietHandlerLogs } from '../../setup/handler-logs';
import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import { SEEDED_ACCOUNT_IDS, SERVICE_DESK } from '../../../src/sandbox/jira';
import { loadProvisioning } from '../../../src/usecases/shared/catalog-repo';

export interface ServedSandbox {
  sb: Sandbox;
  server: RunningServer;
  /** A temporary working folder for the CLI (files it reads and writes). */
  dir: string;
  cli(args: string[], env?: Record<string, string>): Promise<{ code: number; out: string; err: string }>;
  close(): Promise<void>;
}

/** Calls an admin page resolver of the served sandbox as the seeded admin. */
export function adminResolver(served: () => ServedSandbox) {
  return (functionName: string, payload: unknown) =>
    served().sb.forge.invokeResolver({
      moduleKey: 'ai-clearance-admin',
      functionName,
      payload,
      accountId: SEEDED_ACCOUNT_IDS.admin,
    }) as Promise<Record<string, unknown>>;
}

/** Files an access request with the JSM form's fields (not the portal panel), as `who`, and waits for intake. */
export async function fileWithFields(
  sb: Sandbox,
  accountId: string,
  tool: { optionValue: string; summary: string },
): Promise<{ issueId: string; issueKey: string }> {
  const prov = (await sb.forge.run(() => loadProvisioning(kvsStore()))).value;
  const filed = sb.jira.submitPortalRequest({
    accountId,
    serviceDeskId: SERVICE_DESK.id,
    requestTypeId: prov.requestTypes.requestAiAccess.id,
    requestFieldValues: {
      summary: tool.summary,
      [prov.fields.aiTool.id]: { value: tool.optionValue },
      [prov.fields.businessPurpose.id]: 'Summarising customer interview notes for the research team',
      [prov.fields.accessDurationDays.id]: 30,
    },
  });
  await sb.forge.settle({ timeoutMs: 30_000 });
  return filed;
}

/** Files a request for `tool` as `accountId` and has the agent approve it from the queue; waits for what follows. */
export async function fileAndApprove(
  sb: Sandbox,
  accountId: string,
  tool: { optionValue: string; summary: string },
): Promise<{ issueId: string; issueKey: string }> {
  const filed = await fileWithFields(sb, accountId, tool);
  const decided = (await sb.forge.invokeResolver({
    moduleKey: 'ai-clearance-queues',
    functionName: 'approvals.decide',
    payload: { request: filed.issueKey, action: 'approve' },
    accountId: SEEDED_ACCOUNT_IDS.agent,
  })) as { outcome?: string };
  expect(decided.outcome).toBe('approved');
  await sb.forge.settle({ timeoutMs: 60_000 });
  return filed;
}

/** The emails of an emulated Okta group's members, sorted. */
export function oktaGroupEmails(sb: Sandbox, groupId: string): Array<string | undefined> | undefined {
  const okta = sb.idp.store.read().okta;
  return okta.groups
    .find((g) => g.id === groupId)
    ?.members.map((id) => okta.users.find((u) => u.id === id)?.profile.email)
    .sort();
}

/** Files alice's request for GitHub Copilot Business (bound to Okta "AI - GitHub Copilot") and approves it. */
export const approveAliceCopilot = (sb: Sandbox) =>
  fileAndApprove(sb, SEEDED_ACCOUNT_IDS.alice, {
    optionValue: 'GitHub Copilot Business',
    summary: 'AI access: github-copilot-business',
  });

/** `connected`: also connect the emulated IdPs, map the users and bind the tools, as `npm start` does. */
export async function serveSandbox(opts: { connected?: boolean } = {}): Promise<ServedSandbox> {
  quietHandlerLogs();
  const sb = createSandbox({ dataDir: ':memory:' });
  const server = await startServer(sb, 0);
  await firstStart(
    sb,
    () => undefined,
    bootstrapSandboxCatalog,
    opts.connected ? { connectIdps: (s, d) => bootstrapConnectedMode(s, d, () => undefined) } : {},
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-cli-'));
  return {
    sb,
    server,
    dir,
    async cli(args, env = {}) {
      let out = '';
      let err = '';
      const io: CliIo = {
        out: (t) => (out += `${t}\n`),
        err: (t) => (err += `${t}\n`),
        env: { AIC_SITE: server.url, ...env },
        cwd: dir,
      };
      const code = await runCli(args, io);
      // The sandbox token may be typed by the user, but the CLI never prints it back.
      expect(out + err).not.toContain('sandbox-token');
      return { code, out, err };
    },
    async close() {
      await server.close();
      await sb.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
