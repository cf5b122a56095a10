// `ai-clearance evidence verify` on exports (CSV / JSON Lines with FILE.manifest.json), on packs edited one
// record at a time, and on a pack whose policy changed after the decision; export filters (--user, and grant
// filters) through the CLI and the admin resolver, against the sandbox's HTTP front door.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { SEEDED_ACCOUNT_IDS } from '../../../src/sandbox/jira';
import { adminResolver, fileAndApprove, fileWithFields, serveSandbox, type ServedSandbox } from './served-sandbox';

let served: ServedSandbox;
let alice: { issueId: string; issueKey: string };
let bob: { issueId: string; issueKey: string };
const cli = (args: string[]) => served.cli(args);
const admin = adminResolver(() => served);
const file = (name: string) => path.join(served.dir, name);
const csvRows = (name: string) => parse<Record<string, string>>(fs.readFileSync(file(name), 'utf8'), { columns: true });

beforeAll(async () => {
  served = await serveSandbox();
  // Alice's (medium risk) is approved by the agent, Bob's (low risk, 30 days) auto-approved: a grant each.
  alice = await fileAndApprove(served.sb, SEEDED_ACCOUNT_IDS.alice, {
    optionValue: 'ChatGPT Enterprise',
    summary: 'AI access: chatgpt-enterprise',
  });
  bob = await fileWithFields(served.sb, SEEDED_ACCOUNT_IDS.bob, {
    optionValue: 'DeepL Pro',
    summary: 'AI access: deepl-pro',
  });
}, 90_000);
afterAll(() => served.close());

describe('verify an export against its manifest', () => {
  it('accepts the export, names the file and the chunk after one byte changed, and the manifest path works too', async () => {
    const out = await cli([
      'evidence',
      'export',
      '--kind',
      'events',
      '--format',
      'csv',
      '--chunk-bytes',
      '1024',
      '--out',
      'ev.csv',
    ]);
    expect(out.code).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(file('ev.csv.manifest.json'), 'utf8'));
    expect(manifest.chunks).toBeGreaterThan(2);
    expect(manifest.chunkBytes.reduce((a: number, b: number) => a + b, 0)).toBe(fs.statSync(file('ev.csv')).size);

    const ok = await cli(['evidence', 'verify', 'ev.csv']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(
      `export verified: ev.csv matches ev.csv.manifest.json (SHA-256 of the whole file and of each of its ${manifest.chunks} chunks`,
    );
    expect((await cli(['evidence', 'verify', 'ev.csv.manifest.json'])).code).toBe(0);

    // One byte inside chunk 2 changes.
    const bytes = fs.readFileSync(file('ev.csv'));
    const at = manifest.chunkBytes[0] + 5;
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    fs.writeFileSync(file('ev.csv'), bytes);
    const bad = await cli(['evidence', 'verify', 'ev.csv']);
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err).toContain(
      'export failed verification: ev.csv changed: its SHA-256 differs from ev.csv.manifest.json',
    );
    expect(bad.err).toContain(
      `ev.csv: chunk 2 of ${manifest.chunks} (bytes ${manifest.chunkBytes[0]}–${manifest.chunkBytes[0] + manifest.chunkBytes[1] - 1}) changed`,
    );
    expect(bad.err).not.toMatch(/chunk [13] of/);
    const json = await cli(['evidence', 'verify', 'ev.csv.manifest.json', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({
      ok: false,
      problems: [expect.any(String), expect.stringContaining('chunk 2 of')],
    });
  });

  it('verifies a JSON Lines export, and says what to pass when the manifest is not beside the file', async () => {
    expect((await cli(['evidence', 'export', '--kind', 'grants', '--format', 'jsonl', '--out', 'g.jsonl'])).code).toBe(
      0,
    );
    expect((await cli(['evidence', 'verify', 'g.jsonl'])).code).toBe(0);
    fs.renameSync(file('g.jsonl.manifest.json'), file('elsewhere.json'));
    const missing = await cli(['evidence', 'verify', 'g.jsonl']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(
      'Error MANIFEST_MISSING: g.jsonl.manifest.json is not beside g.jsonl: verify checks an export against the manifest `evidence export --kind` wrote with it',
    );
    fs.renameSync(file('elsewhere.json'), file('g.jsonl.manifest.json'));
    fs.renameSync(file('g.jsonl'), file('g-moved.jsonl'));
    const noData = await cli(['evidence', 'verify', 'g.jsonl.manifest.json']);
    expect(noData.code).toBe(1);
    expect(noData.err).toContain('Error EXPORT_FILE_MISSING: g.jsonl is missing');
  });

  it('refuses a --chunk-bytes that is not a number of bytes, saying what to give', async () => {
    const words = await cli(['evidence', 'export', '--kind', 'events', '--chunk-bytes', 'big', '--out', 'x.csv']);
    expect(words.code).toBe(1);
    expect(words.err).toContain('BAD_ARGS: --chunk-bytes must be a whole number of bytes, 1024 or more');
    const small = await cli(['evidence', 'export', '--kind', 'events', '--chunk-bytes', '10', '--out', 'x.csv']);
    expect(small.err).toMatch(/BAD_REQUEST.*chunkBytes/);
  });

  it('says a path that does not exist does not exist', async () => {
    const r = await cli(['evidence', 'verify', 'pack-AIC-12']);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe('Error BAD_FILE: no such file or folder: pack-AIC-12');
  });
});

describe('export filters through the CLI', () => {
  it('--user exports only that requester’s rows', async () => {
    expect((await cli(['evidence', 'export', '--kind', 'requests', '--out', 'all.csv'])).code).toBe(0);
    const all = csvRows('all.csv');
    expect(all.map((r) => r.issueKey)).toEqual(expect.arrayContaining([alice.issueKey, bob.issueKey]));
    const r = await cli([
      'evidence',
      'export',
      '--kind',
      'requests',
      '--user',
      SEEDED_ACCOUNT_IDS.alice,
      '--out',
      'alice.csv',
    ]);
    expect(r.code).toBe(0);
    const rows = csvRows('alice.csv');
    expect(rows.map((x) => x.issueKey)).toEqual([alice.issueKey]);
    expect(rows.every((x) => x.requester === SEEDED_ACCOUNT_IDS.alice)).toBe(true);
  });

  it('filters grants by tool, risk, status and holder', async () => {
    const grants = async (name: string, ...flags: string[]) => {
      const r = await cli(['evidence', 'export', '--kind', 'grants', ...flags, '--out', name]);
      expect(r.code).toBe(0);
      return csvRows(name).map((x) => x.issueKey);
    };
    const every = await grants('g-all.csv');
    expect(every).toEqual(expect.arrayContaining([alice.issueKey, bob.issueKey]));
    const aliceStatus = csvRows('g-all.csv').find((x) => x.issueKey === alice.issueKey)?.status ?? '';
    expect(await grants('g-tool.csv', '--tool', 'deepl-pro')).toEqual([bob.issueKey]);
    expect(await grants('g-user.csv', '--user', SEEDED_ACCOUNT_IDS.alice)).toEqual([alice.issueKey]);
    expect(await grants('g-low.csv', '--risk', 'low')).toEqual([bob.issueKey]);
    expect(await grants('g-medium.csv', '--risk', 'medium')).toEqual([alice.issueKey]);
    expect(await grants('g-high.csv', '--risk', 'high')).toEqual([]);
    expect(await grants('g-status.csv', '--status', aliceStatus, '--user', SEEDED_ACCOUNT_IDS.alice)).toEqual([
      alice.issueKey,
    ]);
    expect(await grants('g-revoked.csv', '--status', 'revoked')).toEqual([]);
    // The same filter through the admin resolver the console calls: an unknown risk is refused, naming the field.
    const refused = await admin('evidence.export.start', {
      kind: 'grants',
      format: 'csv',
      filter: { risk: 'extreme' },
    });
    expect(refused.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('risk') });
  });
});

describe('verify a pack edited one record at a time', () => {
  it('names pack.json and the record that changed', async () => {
    expect((await cli(['evidence', 'pack', alice.issueKey, '--out', 'pack-a'])).code).toBe(0);
    const p = path.join(served.dir, 'pack-a', 'pack.json');
    const pack = JSON.parse(fs.readFileSync(p, 'utf8'));
    pack.grants[0].sections.request.purpose = 'Something else entirely';
    fs.writeFileSync(p, `${JSON.stringify(pack, null, 2)}\n`);
    const bad = await cli(['evidence', 'verify', 'pack-a']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('pack.json changed: its SHA-256 differs from the manifest');
    expect(bad.err).toContain('pack.json: record grants.0.sections.request changed');
    expect(bad.err).not.toContain('sections.grant');
  });

  it('answers an unknown issue key with PACK_NOT_FOUND', async () => {
    const r = await cli(['evidence', 'pack', 'AIC-12', '--out', 'pack-AIC-12']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /Error PACK_NOT_FOUND: no AI Clearance request has the issue key AIC-12; give the Jira issue key/,
    );
    expect(fs.existsSync(file('pack-AIC-12'))).toBe(false);
  });
});

describe('a pack after the policy changed', () => {
  it('holds the text of the version applied, not only today’s, in JSON and HTML; verifies; an edit is caught', async () => {
    const before = (await admin('policy.get', {})) as {
      policy: { version: number; levels: { low: { maxDays: number; approverGroup: string } } };
    };
    const applied = before.policy;
    const changed = await admin('policy.update', {
      levels: { low: { maxDays: 120, approverGroup: 'ai-low-risk-approvers' } },
      expectedVersion: applied.version,
      reason: 'Shorter low-risk grants',
    });
    expect(changed.error).toBeUndefined();

    expect((await cli(['evidence', 'pack', bob.issueKey, '--out', 'pack-b'])).code).toBe(0);
    const dir = path.join(served.dir, 'pack-b');
    const pack = JSON.parse(fs.readFileSync(path.join(dir, 'pack.json'), 'utf8'));
    const policy = pack.grants[0].sections.policy;
    expect(policy.appliedVersion).toBe(applied.version);
    expect(policy.current.version).toBe(applied.version + 1);
    expect(policy.current.set.levels.low.maxDays).toBe(120);
    expect(policy.applied.version).toBe(applied.version);
    expect(policy.applied.levels).toEqual(applied.levels);
    expect(policy.applied.levels.low.maxDays).not.toBe(120);
    const html = fs.readFileSync(path.join(dir, 'pack.html'), 'utf8');
    expect(html).toContain(`Text of policy version ${applied.version}, as applied.`);
    expect(html).toContain(`<th>approverGroup</th><td>${applied.levels.low.approverGroup}</td>`);
    expect((await cli(['evidence', 'verify', 'pack-b'])).code).toBe(0);

    policy.applied.levels.low.maxDays = 120;
    fs.writeFileSync(path.join(dir, 'pack.json'), `${JSON.stringify(pack, null, 2)}\n`);
    const bad = await cli(['evidence', 'verify', 'pack-b']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('pack.json: record grants.0.sections.policy changed');
  });
});

it('says to set AIC_SITE to the URL npm start printed when nothing answers at the site', async () => {
  // A port that was free a moment ago: nothing listens there.
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  const r = await served.cli(['evidence', 'pack', 'AIC-1', '--out', 'x'], { AIC_SITE: `http://127.0.0.1:${port}` });
  expect(r.code).toBe(1);
  expect(r.err).toContain(`Error SITE_UNREACHABLE: Cannot reach the site at http://127.0.0.1:${port} (`);
  expect(r.err).toContain('set AIC_SITE=<that URL> (or pass --site <that URL>)');
});
