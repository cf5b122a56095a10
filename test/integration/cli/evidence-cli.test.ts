// `ai-clearance evidence export|verify` and `governance verify` against the sandbox's HTTP front door.
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { serveSandbox, type ServedSandbox } from './served-sandbox';

let served: ServedSandbox;
let dir: string;
const cli = (args: string[]) => served.cli(args);

beforeAll(async () => {
  served = await serveSandbox();
  dir = served.dir;
  await served.sb.forge.runScheduled('lifecycle-sweeps-hourly');
}, 60_000);

afterAll(() => served.close());

it('exports evidence to a file that verifies offline, and names the first broken link after an edit', async () => {
  const exported = await cli(['evidence', 'export', '--out', 'evidence.json']);
  expect(exported.code).toBe(0);
  expect(exported.err).toMatch(
    /Wrote evidence\.json: \d+ events in \d+ subjects, [1-9]\d* anchors \(export check: ok\)/,
  );

  const ok = await cli(['evidence', 'verify', 'evidence.json']);
  expect(ok.code).toBe(0);
  expect(ok.out).toMatch(/evidence bundle verified: \d+ events/);

  const bundle = JSON.parse(fs.readFileSync(path.join(dir, 'evidence.json'), 'utf8'));
  const subject = bundle.subjects[0];
  subject.events[0].event.after = { status: 'requestable' };
  fs.writeFileSync(path.join(dir, 'tampered.json'), JSON.stringify(bundle));
  const bad = await cli(['evidence', 'verify', 'tampered.json']);
  expect(bad.code).toBe(1);
  expect(bad.err).toContain(`${subject.subject.type}:${subject.subject.id}, seq 1`);

  expect((await cli(['evidence', 'verify', 'missing.json'])).err).toMatch(/BAD_FILE/);
});

it('verifies the whole stored log', async () => {
  const r = await cli(['governance', 'verify']);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/governance log verified: \d+ events in \d+ subjects, [1-9]\d* anchors/);
});

it('points a real site to the admin page', async () => {
  let err = '';
  const io: CliIo = {
    out: () => undefined,
    err: (t) => (err += t),
    env: { AIC_SITE: 'https://example.atlassian.net', AIC_EMAIL: 'a@example.com', AIC_TOKEN: 'x' },
    cwd: dir,
  };
  expect(await runCli(['evidence', 'export'], io)).toBe(1);
  expect(err).toMatch(/admin page/);
});
