// A sandbox site provisioned the way a real site is: `ai-clearance provision
// apply` from the CLI (its record stays in the CLI's state file, not in the
// app), then the admin's manual steps through the sandbox-only controls, over
// HTTP. Shared by test/e2e/cli-provisioned.e2e.test.ts (npm start as a child
// process) and test/contract/platform/provisioning-discovery.test.ts (the
// served sandbox in-process).
import fs from 'node:fs';
import { BUNDLED_DESIRED_STATE } from '../../src/config/templates/bundled-desired';
import { defaultStatePath } from '../../src/cli/file-state-store';
import { manualStepControls } from '../../src/sandbox/manual-steps';

export const TOKEN = 'sandbox-token';
export type Who = 'admin' | 'agent' | 'alice' | 'bob';

export interface SiteHttp {
  url: string;
  call(
    who: Who | null,
    method: string,
    path: string,
    body?: unknown,
    query?: Record<string, string>,
  ): Promise<{ status: number; body: any }>;
  /** An admin resolver as the admin page calls it (POST /__sandbox/invoke); answers the resolver's value. */
  admin(functionName: string, payload?: unknown): Promise<any>;
  settle(advanceClock?: boolean): Promise<void>;
}

export function siteHttp(url: string): SiteHttp {
  const call: SiteHttp['call'] = async (who, method, path, body, query) => {
    const u = new URL(path, url);
    for (const [k, v] of Object.entries(query ?? {})) u.searchParams.set(k, v);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (who) headers.authorization = `Basic ${Buffer.from(`${who}@example.com:${TOKEN}`).toString('base64')}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(u, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    url,
    call,
    async admin(functionName, payload = {}) {
      const res = await call('admin', 'POST', '/__sandbox/invoke', {
        moduleKey: 'ai-clearance-admin',
        functionName,
        payload,
      });
      if (res.status !== 200) throw new Error(`${functionName}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.result;
    },
    async settle(advanceClock = false) {
      const res = await call(null, 'POST', '/__sandbox/settle', {
        timeoutMs: 60_000,
        ...(advanceClock ? { advanceClock: true } : {}),
      });
      if (res.status !== 200) throw new Error(`settle: ${res.status} ${JSON.stringify(res.body)}`);
    },
  };
}

/** Where `provision apply` keeps its record for `siteUrl` with AIC_STATE_DIR=stateDir. */
export function cliStatePath(stateDir: string, siteUrl: string): string {
  return defaultStatePath(siteUrl, { AIC_STATE_DIR: stateDir });
}

export interface ProvisionedIds {
  fields: Record<string, string>;
  requestTypes: Record<string, string>;
}

/** The ids the CLI recorded (what the admin reads from its state file or the apply's output). */
export function cliRecordedIds(statePath: string): ProvisionedIds {
  const record = JSON.parse(fs.readFileSync(statePath, 'utf8')) as {
    fields: Record<string, { id: string }>;
    requestTypes: Record<string, { id: string }>;
  };
  const ids = (m: Record<string, { id: string }>) =>
    Object.fromEntries(Object.entries(m).map(([ref, v]) => [ref, v.id]));
  return { fields: ids(record.fields), requestTypes: ids(record.requestTypes) };
}

/** The manual steps (queues, portal forms and groups, transition screens) over HTTP, as the admin clicks them. */
export async function manualStepsOverHttp(site: SiteHttp, ids: ProvisionedIds): Promise<void> {
  for (const c of manualStepControls(BUNDLED_DESIRED_STATE, ids)) {
    const res = await site.call(null, c.method, c.path, c.body);
    if (res.status >= 300) throw new Error(`${c.method} ${c.path}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** alice (or `who`) files *Request AI access* through the JSM form, with the three custom fields. */
export async function fileFormRequest(
  site: SiteHttp,
  ids: ProvisionedIds,
  input: { who?: Who; summary: string; tool: string; purpose: string; days: number },
): Promise<{ issueId: string; issueKey: string }> {
  const res = await site.call(input.who ?? 'alice', 'POST', '/rest/servicedeskapi/request', {
    serviceDeskId: '1',
    requestTypeId: ids.requestTypes.requestAiAccess,
    requestFieldValues: {
      summary: input.summary,
      [ids.fields.aiTool]: { value: input.tool },
      [ids.fields.businessPurpose]: input.purpose,
      [ids.fields.accessDurationDays]: input.days,
    },
  });
  if (res.status !== 201)
    throw new Error(`POST /rest/servicedeskapi/request: ${res.status} ${JSON.stringify(res.body)}`);
  return { issueId: String(res.body.issueId), issueKey: String(res.body.issueKey) };
}

/** What the app left on the ticket: the aiClearance property, the Grant status field, the public comments' text. */
export async function ticketEvidence(
  site: SiteHttp,
  ids: ProvisionedIds,
  issueKey: string,
): Promise<{ property: any; grantStatus: any; publicComments: string[] }> {
  const prop = await site.call('agent', 'GET', `/rest/api/3/issue/${issueKey}/properties/aiClearance`);
  const issue = await site.call('agent', 'GET', `/rest/api/3/issue/${issueKey}`, undefined, {
    fields: ids.fields.grantStatus,
  });
  const comments = await site.call('alice', 'GET', `/rest/servicedeskapi/request/${issueKey}/comment`, undefined, {
    public: 'true',
  });
  return {
    property: prop.status === 200 ? prop.body.value : undefined,
    grantStatus: issue.body?.fields?.[ids.fields.grantStatus],
    publicComments: (comments.body?.values ?? []).map((c: { body: string }) => c.body),
  };
}
