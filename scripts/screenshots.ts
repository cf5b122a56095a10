// `npm run screenshots`: opens every Custom UI surface in Chromium on a fresh sandbox (the browser tests'
// rig) and writes docs/screenshots/<surface>.png, which the README shows. A surface is a module, a user and
// whatever the page needs to show something real; add one to SURFACES.
import fs from 'node:fs';
import path from 'node:path';
import { accountIdOf, settle, startRig, type BrowserRig, type OpenedModule } from '../test/browser/harness';
import { addPerson, approve, fileRequest } from '../test/browser/scenario';

interface Surface {
  name: string;
  module: string;
  user: string;
  params?: (ctx: Ctx) => Record<string, string>;
  /** Sets up what only this surface shows (runs just before it opens). */
  before?: (rig: BrowserRig) => Promise<void>;
  /** Brings the page to the state worth showing (a tab, a filled form). */
  show?: (opened: OpenedModule) => Promise<void>;
}

interface Ctx {
  approvedKey: string;
  pendingKey: string;
}

const SURFACES: Surface[] = [
  {
    name: 'portal-request-panel',
    module: 'ai-clearance-request-panel',
    user: 'alice@example.com',
    show: async ({ page, frame }) => {
      await frame.focus('#aic-tool');
      await page.keyboard.type('Claude');
      await page.keyboard.press('Enter');
      await frame.fill('#aic-purpose', 'Drafting release notes from engineering changelogs');
      await frame.waitForSelector('text=approver decides');
    },
  },
  {
    name: 'portal-request-detail',
    module: 'ai-clearance-request-detail',
    user: 'dana@example.com',
    params: (c) => ({ issue: c.approvedKey }),
    show: async ({ frame }) => void (await frame.waitForSelector('text=Access until')),
  },
  {
    name: 'my-ai-access',
    module: 'ai-clearance-my-access',
    user: 'dana@example.com',
    show: async ({ frame }) => void (await frame.waitForSelector('text=days left')),
  },
  {
    name: 'my-ai-access-directory',
    module: 'ai-clearance-my-access',
    user: 'dana@example.com',
    show: async ({ frame }) => {
      await frame.click('role=tab[name="Approved tools"]');
      await frame.waitForSelector('text=Does not train on your data');
    },
  },
  {
    name: 'portal-profile-access',
    module: 'ai-clearance-profile-access',
    user: 'alice@example.com',
    show: async ({ frame }) => void (await frame.waitForSelector('text=days left')),
  },
  {
    name: 'agent-issue-panel',
    module: 'ai-clearance-agent-panel',
    user: 'admin@example.com',
    params: (c) => ({ issue: c.pendingKey }),
    show: async ({ frame }) => void (await frame.waitForSelector('text=Request chain intact')),
  },
  {
    name: 'approvals',
    module: 'ai-clearance-queues',
    user: 'agent@example.com',
    show: async ({ frame }) => {
      await frame.click('role=checkbox[name="Select all shown"]');
      await frame.fill('#aic-bulk-rationale', 'Budget freeze until next quarter');
    },
  },
  {
    name: 'admin-overview',
    module: 'ai-clearance-admin',
    user: 'admin@example.com',
    show: async ({ frame }) => void (await frame.waitForSelector('text=/Insights/')),
  },
  {
    name: 'admin-catalog',
    module: 'ai-clearance-admin',
    user: 'admin@example.com',
    show: async ({ frame }) => {
      await frame.click('role=tab[name="Catalog"]');
      await frame.waitForSelector('text=/\\d+ of \\d+ tools/');
    },
  },
  {
    name: 'admin-catalog-tool',
    module: 'ai-clearance-admin',
    user: 'admin@example.com',
    show: async ({ frame }) => {
      await frame.click('role=tab[name="Catalog"]');
      await frame.fill('role=textbox[name="Search"]', 'ChatGPT Enterprise');
      await frame.click('role=button[name="ChatGPT Enterprise"]');
      await frame.waitForSelector('role=button[name="Save changes"]');
      // The dialog focuses its first field (the edit form); show its facts instead.
      await frame.locator('role=dialog >> text=Category / tier').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'admin-policies',
    module: 'ai-clearance-admin',
    user: 'admin@example.com',
    show: async ({ frame }) => {
      await frame.click('role=tab[name="Policies"]');
      await frame.waitForSelector('text=Rules per risk level');
    },
  },
  {
    name: 'admin-settings',
    module: 'ai-clearance-admin',
    user: 'admin@example.com',
    show: async ({ frame }) => {
      await frame.click('role=tab[name="Settings"]');
      await frame.waitForSelector('role=button[name="Save settings"]');
    },
  },
  {
    name: 'admin-provisioning',
    module: 'ai-clearance-admin',
    user: 'admin@example.com',
    show: async ({ frame }) => {
      await frame.click('role=tab[name="Provisioning"]');
      await frame.waitForSelector('text=/Project AIC: \\d+ create/');
      await frame.click('role=button[name="Check for drift"]');
      await frame.waitForSelector('text=No drift: the site matches the templates.');
    },
  },
  {
    name: 'admin-governance',
    module: 'ai-clearance-admin',
    user: 'admin@example.com',
    show: async ({ frame }) => {
      await frame.click('role=tab[name="Governance log"]');
      await frame.click('role=button[name="Verify the whole log"]');
      await frame.waitForSelector('text=Chain intact');
    },
  },
  {
    name: 'admin-evidence',
    module: 'ai-clearance-admin',
    user: 'admin@example.com',
    show: async ({ frame }) => {
      await frame.click('role=tab[name="Evidence"]');
      await frame.waitForSelector('role=button[name="Start export"]');
    },
  },
  {
    name: 'admin-connected-mode',
    module: 'ai-clearance-admin',
    user: 'admin@example.com',
    // An approved grant whose requester has no Okta user mapped waits for a person: the tab's task list.
    before: async (rig) => {
      const bob = await accountIdOf(rig, 'bob@example.com');
      await rig.api(
        'POST',
        '/__sandbox/invoke',
        {
          functionKey: 'admin-resolver',
          functionName: 'identity.remove',
          payload: { provider: 'okta', accountId: bob },
        },
        'admin@example.com',
      );
      const key = await fileRequest(
        rig,
        'bob@example.com',
        { id: 'github-copilot-business', name: 'GitHub Copilot Business' },
        30,
      );
      await rig.api('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '21' } }, 'agent@example.com');
      await settle(rig);
    },
    show: async ({ frame }) => {
      await frame.click('role=tab[name="Connected mode"]');
      await frame.click('role=button[name="Test Okta connection"]');
      await frame.waitForSelector('text=/\\(tested /');
      await frame.click('role=button[name=/^Suggest the Okta user of/]');
      await frame.waitForSelector('role=button[name=/^Confirm: map to/]');
    },
  },
];

export async function prepare(rig: BrowserRig): Promise<Ctx> {
  await addPerson(rig, 'dana@example.com', 'Dana Developer', true);
  const approvedKey = await fileRequest(
    rig,
    'dana@example.com',
    { id: 'chatgpt-enterprise', name: 'ChatGPT Enterprise' },
    30,
  );
  await approve(rig, approvedKey);
  const pendingKey = await fileRequest(rig, 'dana@example.com', { id: 'openai-api', name: 'OpenAI API platform' }, 14);
  await fileRequest(
    rig,
    'dana@example.com',
    { id: 'claude-for-work', name: 'Claude for Work (Team and Enterprise)' },
    30,
  );
  // A JSM customer's own grant, for My AI access on the portal's Profile page.
  await approve(
    rig,
    await fileRequest(rig, 'alice@example.com', { id: 'chatgpt-enterprise', name: 'ChatGPT Enterprise' }, 30),
  );
  return { approvedKey, pendingKey };
}

export async function takeScreenshots(outDir = path.resolve(__dirname, '../docs/screenshots')): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const rig = await startRig();
  const written: string[] = [];
  try {
    const ctx = await prepare(rig);
    for (const s of SURFACES) {
      await s.before?.(rig);
      const opened = await rig.open(s.module, s.user, s.params?.(ctx) ?? {});
      await s.show?.(opened);
      await opened.page.waitForTimeout(300); // let the iframe take its content's height
      const file = path.join(outDir, `${s.name}.png`);
      await opened.page.screenshot({ path: file, fullPage: true });
      written.push(file);
    }
  } finally {
    await rig.close();
  }
  return written;
}

if (require.main === module)
  takeScreenshots().then(
    (files) => console.log(files.map((f) => `wrote ${path.relative(process.cwd(), f)}`).join('\n')),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
