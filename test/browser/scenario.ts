// Steps the browser tests and the screenshots share: people, requests filed as the portal files them,
// and the agent's approval (the agent's own UI is another page's test).
import type { Frame, Page } from 'playwright-core';
import { accountIdOf, settle, type BrowserRig } from './harness';

export const PURPOSE = 'Summarising customer interview notes for the research team';

/** Adds a sandbox person (the admin's invite); `agent` gives them a JSM licence, which jira:globalPage needs. */
export async function addPerson(rig: BrowserRig, email: string, displayName: string, licensed: boolean) {
  const res = await rig.api('POST', '/__sandbox/users', {
    email,
    displayName,
    roles: licensed ? ['agent'] : ['customer'],
  });
  if (res.status !== 201) throw new Error(`could not add ${email}: ${JSON.stringify(res.json)}`);
  return accountIdOf(rig, email);
}

async function requestTypeId(rig: BrowserRig, name: string): Promise<string> {
  const res = await rig.api('GET', '/rest/servicedeskapi/servicedesk/1/requesttype', undefined, 'admin@example.com');
  const found = (res.json.values as Array<{ id: string; name: string }>).find((t) => t.name === name);
  if (!found) throw new Error(`no request type ${name}`);
  return found.id;
}

/** Files an access request as the portal does: the form's summary and the panel's submission (the form's
 * own tool / purpose / days fields are optional and a portal customer leaves them empty). */
export async function fileRequest(rig: BrowserRig, email: string, tool: { id: string; name: string }, days: number) {
  const rt = await requestTypeId(rig, 'Request access to an AI tool');
  const values: Record<string, unknown> = { summary: `Access to ${tool.name}` };
  const res = await rig.api(
    'POST',
    '/__sandbox/portal/request',
    {
      serviceDeskId: '1',
      requestTypeId: rt,
      requestFieldValues: values,
      panel: {
        fields: [
          { key: 'aiClearanceRequest', value: { v: 1, kind: 'access', toolId: tool.id, purpose: PURPOSE, days } },
        ],
        isValid: true,
      },
    },
    email,
  );
  if (res.status !== 201) throw new Error(`portal request failed: ${JSON.stringify(res.json)}`);
  await settle(rig);
  return res.json.issueKey as string;
}

/** The agent approves the request and marks it fulfilled (workflow transitions Approve, Mark fulfilled). */
export async function approve(rig: BrowserRig, issueKey: string): Promise<void> {
  for (const id of ['21', '51']) {
    const res = await rig.api(
      'POST',
      `/rest/api/3/issue/${issueKey}/transitions`,
      { transition: { id } },
      'agent@example.com',
    );
    if (res.status !== 204)
      throw new Error(`transition ${id} on ${issueKey}: ${res.status} ${JSON.stringify(res.json)}`);
    await settle(rig);
  }
}

/** The app's issue property on a ticket, as the agent reads it. */
export async function aiClearance(rig: BrowserRig, issueKey: string): Promise<Record<string, unknown>> {
  const res = await rig.api(
    'GET',
    `/rest/api/3/issue/${issueKey}/properties/aiClearance`,
    undefined,
    'agent@example.com',
  );
  return (res.json?.value ?? {}) as Record<string, unknown>;
}

/**
 * A person files an access request on the portal's create page by keyboard only: the portal's own fields,
 * then the app's panel (tool picker, purpose, days), then Create. Answers the new issue key.
 */
export async function fileByKeyboard(
  opened: { page: Page; frame: Frame },
  input: { summary: string; toolName: string; toolSearch: string; purpose: string; days: number },
): Promise<string> {
  const { page, frame } = opened;
  await frame.waitForSelector('#aic-tool');
  const kb = page.keyboard;
  await kb.press('Tab');
  await kb.type(input.summary);
  // Past the request type's optional tool / purpose / days fields (the REST API's way in), left empty.
  for (let i = 0; i < 4; i++) await kb.press('Tab'); // the last one lands in the panel's tool picker
  await kb.type(input.toolSearch);
  await frame.waitForSelector(`text=${input.toolName}`);
  await kb.press('Enter');
  await kb.press('Tab');
  await kb.type(input.purpose);
  await kb.press('Tab');
  await kb.press('Control+A');
  await kb.type(String(input.days));
  await page.waitForFunction(
    (days) => {
      const s = (window as unknown as { __aicHost: { submitted?: { isValid?: boolean; fields?: unknown[] } } })
        .__aicHost.submitted;
      return s?.isValid === true && JSON.stringify(s.fields).includes(`"days":${days}`);
    },
    input.days,
    { timeout: 10_000 },
  );
  for (let i = 0; i < 6; i++) {
    if (await page.evaluate(() => document.activeElement?.classList.contains('host-create'))) break;
    await kb.press('Tab');
  }
  if ((await page.evaluate(() => document.activeElement?.textContent)) !== 'Create')
    throw new Error('Create is not reachable by Tab from the panel');
  await kb.press('Enter');
  await page.waitForFunction(() => /created/i.test(document.getElementById('host-status')?.textContent ?? ''));
  return (await page.textContent('#portal-created a')) ?? '';
}

/** In the open Extend dialog: asks for `days` more with `reason` and confirms; answers the host's flags text. */
export async function confirmExtension(opened: { page: Page; frame: Frame }, days: number, reason: string) {
  await opened.frame.fill('#aic-extend-days', String(days));
  await opened.frame.fill('#aic-extend-reason', reason);
  await opened.frame.click('role=dialog >> role=button[name="Extend"]');
  await opened.page.waitForSelector('.host-flag-success');
  return opened.page.textContent('#host-flags');
}

/** The summaries of a person's own requests, as the portal lists them (GET /rest/servicedeskapi/request). */
export async function requestSummaries(rig: BrowserRig, email: string): Promise<unknown[]> {
  const mine = await rig.api('GET', '/rest/servicedeskapi/request', undefined, email);
  return (mine.json.values as Array<{ requestFieldValues: Array<{ fieldId: string; value: unknown }> }>).map(
    (r) => r.requestFieldValues.find((f) => f.fieldId === 'summary')?.value,
  );
}
