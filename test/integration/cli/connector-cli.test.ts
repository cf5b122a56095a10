// `ai-clearance connector status|bind|unbind|reconcile|tasks` and `identity import|suggest|set|list|remove` against a served
// sandbox in connected mode (as `npm start` sets it up: both IdPs connected, users mapped, GitHub
// Copilot Business bound to Okta "AI - GitHub Copilot" with bob as a stray member, Claude for Work
// bound to Entra "AI - Claude for Work"), asserting what each command prints.
import fs from 'node:fs';
import path from 'node:path';
import { SANDBOX_IDP } from '../../../src/sandbox/idp';
import { SEEDED_ACCOUNT_IDS } from '../../../src/sandbox/jira';
import { adminResolver, fileAndApprove, serveSandbox, type ServedSandbox } from './served-sandbox';

const O = SANDBOX_IDP.okta;
const G = SANDBOX_IDP.graph;
const BOB = SEEDED_ACCOUNT_IDS.bob;
let served: ServedSandbox;
const cli = (...args: string[]) => served.cli(args);
const admin = adminResolver(() => served);
const bobOktaId = () => served.sb.idp.store.read().okta.users.find((u) => u.profile.email === 'bob@example.com')?.id;

beforeAll(async () => {
  served = await serveSandbox({ connected: true });
}, 120_000);
afterAll(() => served.close());

it('connector status lists both connections and the bound tools', async () => {
  const r = await cli('connector', 'status');
  expect(r.err).toBe('');
  expect(r.out.trim().split('\n')).toEqual([
    `okta: connected to https://${O.orgHost}`,
    `entra: connected to ${G.tenantId}`,
    `claude-for-work → entra "AI - Claude for Work" (${G.groups.claude})`,
    `github-copilot-business → okta "AI - GitHub Copilot" (${O.groups.copilot})`,
  ]);
  expect(r.code).toBe(0);
});

it('connector bind binds a tool to a changeable group, and refuses a dynamic one saying why', async () => {
  const bound = await cli('connector', 'bind', 'chatgpt-enterprise', '--provider', 'okta', '--group', O.groups.cursor);
  expect(bound.err).toBe('');
  expect(bound.out.trim()).toBe('chatgpt-enterprise → okta "AI - Cursor" (Okta group)');
  expect(bound.code).toBe(0);
  expect((await cli('connector', 'status')).out).toContain(
    `chatgpt-enterprise → okta "AI - Cursor" (${O.groups.cursor})`,
  );

  const refused = await cli('connector', 'bind', 'deepl-pro', '--provider', 'entra', '--group', G.groups.dynamic);
  expect(refused.code).toBe(1);
  expect(refused.err).toMatch(/^Error GROUP_DYNAMIC: .*dynamic membership/);
  const json = await cli(
    'connector',
    'bind',
    'deepl-pro',
    '--provider',
    'okta',
    '--group',
    O.groups.appGroup,
    '--json',
  );
  expect(json.code).toBe(1);
  expect(JSON.parse(json.out)).toEqual({
    error: { code: expect.stringMatching(/^GROUP_/) as unknown, message: expect.any(String) as unknown },
  });
});

it('connector unbind removes a binding (status no longer lists it) and says nobody was removed', async () => {
  expect((await cli('connector', 'bind', 'deepl-pro', '--provider', 'okta', '--group', O.groups.cursor)).code).toBe(0);
  const r = await cli('connector', 'unbind', 'deepl-pro');
  expect(r.err).toBe('');
  expect(r.out.trim()).toBe(
    'deepl-pro: unbound. New grants are fulfilled by a person; nobody was removed from the group.',
  );
  expect(r.code).toBe(0);
  expect((await cli('connector', 'status')).out).not.toContain('deepl-pro');
  const unknown = await cli('connector', 'unbind', 'no-such-tool');
  expect(unknown.code).toBe(1);
  expect(unknown.err).toMatch(/^Error \w+: .*no-such-tool/);
});

it('connector reconcile reports each bound group: members, missing, strays (bob, who has no grant)', async () => {
  const r = await cli('connector', 'reconcile');
  expect(r.err).toBe('');
  expect(r.out.trim().split('\n')).toEqual([
    'chatgpt-enterprise: 0 members, 0 approved but missing, 0 without grant',
    'claude-for-work: 0 members, 0 approved but missing, 0 without grant',
    'github-copilot-business: 1 members, 0 approved but missing, 1 without grant',
  ]);
  const one = await cli('connector', 'reconcile', '--tool', 'github-copilot-business', '--json');
  expect(one.code).toBe(0);
  const [result] = JSON.parse(one.out).results as Array<{ report: { strays: Array<{ login: string }> } }>;
  expect(result?.report.strays.map((s) => s.login)).toEqual(['bob@example.com']);
});

it('connector tasks lists an unmapped requester whose approved grant waits; identity import maps them', async () => {
  expect((await cli('connector', 'tasks')).out.trim()).toBe('Nothing waits.');
  expect(await admin('identity.remove', { provider: 'okta', accountId: BOB })).toMatchObject({ removed: true });
  const filed = await fileAndApprove(served.sb, BOB, {
    optionValue: 'GitHub Copilot Business',
    summary: 'AI access: github-copilot-business',
  });

  const tasks = await cli('connector', 'tasks');
  expect(tasks.err).toBe('');
  expect(tasks.code).toBe(0);
  expect(tasks.out).toMatch(
    new RegExp(`^${filed.issueKey}: grant github-copilot-business waits — .*no Okta user mapped`, 'm'),
  );

  const asJson = JSON.parse((await cli('connector', 'tasks', '--json')).out) as { grants: Array<{ issueKey: string }> };
  expect(asJson.grants.map((g) => g.issueKey)).toEqual([filed.issueKey]);

  const header = 'atlassian_account_id,provider,idp_user_id,idp_login';
  fs.writeFileSync(
    path.join(served.dir, 'bad.csv'),
    `${header}\n${BOB},okta,${bobOktaId()},bob@example.com\n557058:x,entra,not-a-guid,\n`,
  );
  const bad = await cli('identity', 'import', 'bad.csv');
  expect(bad.code).toBe(1);
  expect(bad.err).toMatch(/^Error IDENTITY_IMPORT_INVALID: Nothing was imported:\n {2}line 3, column idp_user_id/);
  fs.writeFileSync(path.join(served.dir, 'good.csv'), `${header}\n${BOB},okta,${bobOktaId()},bob@example.com\n`);
  const good = await cli('identity', 'import', 'good.csv');
  expect(good.err).toBe('');
  expect(good.out.trim()).toBe('1 mapped, 0 unchanged.');
  expect(good.code).toBe(0);
  expect((await cli('identity', 'import', 'good.csv')).out.trim()).toBe('0 mapped, 1 unchanged.');

  const missing = await cli('identity', 'import', 'no-such.csv');
  expect(missing.code).toBe(1);
  expect(missing.err).toMatch(/^Error BAD_OPTION: cannot read no-such\.csv/);
});

it('identity suggest lists IdP users with the account email as suggestions, mapping nothing', async () => {
  const r = await cli('identity', 'suggest', BOB, '--provider', 'okta');
  expect(r.err).toBe('');
  expect(r.out.trim().split('\n')).toEqual([
    `${bobOktaId()}  bob@example.com`,
    'Suggestions only, nothing was mapped: confirm one in the admin console (Connected mode → Identity mapping) or with `ai-clearance identity set <accountId> --provider <p> --user <id> --confirmed-suggestion`.',
  ]);
  const bad = await cli('identity', 'suggest', BOB, '--provider', 'ldap');
  expect(bad.code).toBe(1);
  expect(bad.err).toMatch(/^Error BAD_REQUEST: .*provider/);
});

it('identity set confirms a suggestion, list shows it with its source, remove takes it away; bad ids are refused', async () => {
  const oktaId = bobOktaId() ?? '';
  await admin('identity.remove', { provider: 'okta', accountId: BOB });
  expect((await cli('identity', 'list', '--provider', 'okta')).out).not.toContain(BOB);

  const set = await cli(
    'identity',
    'set',
    BOB,
    '--provider',
    'okta',
    '--user',
    oktaId,
    '--login',
    'bob@example.com',
    '--confirmed-suggestion',
  );
  expect(set.err).toBe('');
  expect(set.code).toBe(0);
  expect(set.out.trim()).toBe(`${BOB} → okta ${oktaId} (bob@example.com): mapped`);
  const listed = await cli('identity', 'list', '--provider', 'okta');
  expect(listed.code).toBe(0);
  expect(listed.out).toMatch(new RegExp(`^${BOB} → ${oktaId} \\(bob@example\\.com\\) \\[suggestion\\]$`, 'm'));
  // The same mapping again changes nothing (no second governance event).
  const again = await cli('identity', 'set', BOB, '--provider', 'okta', '--user', oktaId, '--login', 'bob@example.com');
  expect(again.out.trim()).toBe(`${BOB} → okta ${oktaId} (bob@example.com): unchanged`);

  const wrong = await cli('identity', 'set', BOB, '--provider', 'entra', '--user', 'not-a-guid');
  expect(wrong.code).toBe(1);
  expect(wrong.err).toMatch(/^Error BAD_REQUEST: .*idpUserId/);

  expect((await cli('identity', 'remove', BOB, '--provider', 'okta')).out.trim()).toBe(`${BOB}: mapping removed`);
  expect((await cli('identity', 'remove', BOB, '--provider', 'okta')).out.trim()).toBe(`${BOB}: was not mapped`);
});
