// `ai-clearance evidence export --kind … --out FILE`, `evidence pack KEY --out DIR` and
// `evidence verify DIR` against the sandbox's HTTP front door (as against `npm start`).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { SEEDED_ACCOUNT_IDS } from '../../../src/sandbox/jira';
import { fileWithFields, serveSandbox, type ServedSandbox } from './served-sandbox';

let served: ServedSandbox;
const cli = (args: string[]) => served.cli(args);

beforeAll(async () => {
  served = await serveSandbox();
}, 60_000);
afterAll(() => served.close());

it('exports catalog history as CSV and governance events as JSON Lines to files', async () => {
  const csv = await cli(['evidence', 'export', '--kind', 'catalog', '--format', 'csv', '--out', 'catalog.csv']);
  expect(csv.err).toMatch(
    /Wrote catalog\.csv: [1-9]\d* rows in 1 chunks \(export exp-[0-9a-f]{16}, SHA-256 [0-9a-f]{64}\), as of \d{4}-/,
  );
  expect(csv.code).toBe(0);
  const manifest = JSON.parse(fs.readFileSync(path.join(served.dir, 'catalog.csv.manifest.json'), 'utf8'));
  const whole = createHash('sha256')
    .update(fs.readFileSync(path.join(served.dir, 'catalog.csv')))
    .digest('hex');
  expect(manifest).toMatchObject({ kind: 'catalog', format: 'csv', chunks: 1, changedAfterAsOf: 0, sha256: whole });
  expect(csv.err).toContain(`as of ${manifest.asOf}`);
  const rows = parse<Record<string, string>>(fs.readFileSync(path.join(served.dir, 'catalog.csv'), 'utf8'), {
    columns: true,
  });
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect(r.subject).toMatch(/^(catalog|policy):/);

  const jsonl = await cli([
    'evidence',
    'export',
    '--kind',
    'events',
    '--format',
    'jsonl',
    '--status',
    'catalog.approved',
    '--out',
    'ev.jsonl',
  ]);
  expect(jsonl.code).toBe(0);
  const lines = fs
    .readFileSync(path.join(served.dir, 'ev.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(lines.length).toBeGreaterThan(0);
  for (const l of lines) expect(l.action).toBe('catalog.approved');
});

it('says what to fix for a bad filter', async () => {
  const r = await cli(['evidence', 'export', '--kind', 'requests', '--risk', 'extreme', '--out', 'x.csv']);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/BAD_REQUEST.*risk/);
});

it('writes a pack that verify accepts, and names the file that changed', async () => {
  const filed = await fileWithFields(served.sb, SEEDED_ACCOUNT_IDS.alice, {
    optionValue: 'ChatGPT Enterprise',
    summary: 'AI access: chatgpt-enterprise',
  });
  const packed = await cli(['evidence', 'pack', filed.issueKey, '--out', 'pack']);
  expect(packed.code).toBe(0);
  expect(packed.err).toContain(
    `Wrote the evidence pack of ${filed.issueKey} to pack: events.json, manifest.json, pack.html, pack.json.`,
  );
  const ok = await cli(['evidence', 'verify', 'pack']);
  expect(ok.out).toMatch(/evidence pack verified/);
  expect(ok.code).toBe(0);
  fs.appendFileSync(path.join(served.dir, 'pack', 'pack.html'), '<!-- edited -->');
  const bad = await cli(['evidence', 'verify', 'pack']);
  expect(bad.code).toBe(1);
  expect(bad.err).toContain('pack.html changed: its SHA-256 differs from the manifest');
});

it('writes a period pack that verify accepts, and says what to give when neither key nor period is', async () => {
  const { sb } = served;
  const now = sb.clock.nowMs();
  const period = await cli([
    'evidence',
    'pack',
    '--from',
    new Date(now - 86_400_000).toISOString(),
    '--to',
    new Date(now + 86_400_000).toISOString(),
    '--out',
    'period',
  ]);
  expect(period.code).toBe(0);
  const ok = await cli(['evidence', 'verify', 'period']);
  expect(ok.out).toMatch(/evidence pack verified/);
  const none = await cli(['evidence', 'pack', '--out', 'x']);
  expect(none.code).toBe(1);
  expect(none.err).toMatch(/BAD_ARGS: give an issue key/);
});

it('answers an unknown issue key for a pack with what to check', async () => {
  const missing = await cli(['evidence', 'pack', 'AIC-999', '--out', 'pack2']);
  expect(missing.code).toBe(1);
  expect(missing.err).toMatch(/PACK_NOT_FOUND: no AI Clearance request has the issue key AIC-999/);
});
