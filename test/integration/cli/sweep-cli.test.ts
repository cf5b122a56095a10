// `ai-clearance sweep run` against the sandbox's HTTP front door, as a user runs it.
import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import { SEEDED_ACCOUNT_IDS } from '../../../src/sandbox/jira';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { fileWithFields, serveSandbox, type ServedSandbox } from './served-sandbox';

let served: ServedSandbox;
let sb: Sandbox;
const cli = (args: string[], env?: Record<string, string>) => served.cli(args, env);

beforeAll(async () => {
  served = await serveSandbox();
  ({ sb } = served);
}, 60_000);

afterAll(() => served.close());

const record = async (kind: string, id: string) =>
  (await sb.forge.run(() => kvsStore().get<any>(kind as never, id))).value;

describe('ai-clearance sweep run', () => {
  it('runs the scheduled sweeps now and waits for their ticket writes: a request past its escalation delay is escalated once', async () => {
    const filed = await fileWithFields(sb, SEEDED_ACCOUNT_IDS.alice, {
      optionValue: 'ChatGPT Enterprise',
      summary: 'AI access: chatgpt-enterprise',
    });
    const pending = await record('request', filed.issueId);
    expect(pending?.status).toBe('pending_approval');
    expect(pending?.doc.escalation?.escalatedAt).toBeUndefined();
    sb.clock.advance(`PT${pending!.doc.escalation.afterHours}H`);

    const r = await cli(['sweep', 'run']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Ran lifecycle-sweeps-hourly: 1 invocation/);
    expect(r.out).toMatch(/^\s+ok in \d+ ms; Jira calls \d+/m);
    const escalated = await record('request', filed.issueId);
    expect(escalated?.doc.escalation?.escalatedAt).toBeDefined();
    // The ticket write is done: the internal escalation note is on the ticket, once.
    const notes = async () => {
      const res = await sb.jira.handle({
        method: 'GET',
        path: `/rest/api/3/issue/${filed.issueId}/comment`,
        query: new URLSearchParams(),
        headers: {},
        body: undefined,
        principal: { kind: 'user', accountId: SEEDED_ACCOUNT_IDS.agent },
      });
      return ((res.body as any).comments as any[]).filter((c) => JSON.stringify(c.body).includes('Escalated'));
    };
    expect(await notes()).toHaveLength(1);
    expect((await notes())[0].jsdPublic).toBe(false);

    const again = await cli(['sweep', 'run', '--only', 'escalation', '--json']);
    expect(again.code).toBe(0);
    const json = JSON.parse(again.out);
    expect(json).toMatchObject({ trigger: 'lifecycle-sweeps-hourly', allSweeps: true, settled: true });
    expect((await record('request', filed.issueId))?.doc.escalation).toEqual(escalated?.doc.escalation);
    expect(await notes()).toHaveLength(1);
  });

  it('says --only cannot reach the scheduled trigger, in --help', async () => {
    let help = '';
    const io: CliIo = { out: (t) => (help += t), err: (t) => (help += t), env: {}, cwd: process.cwd() };
    await runCli(['sweep', 'run', '--help'], io).catch(() => undefined);
    expect(help).toMatch(/--only/);
    expect(help).toMatch(/ALL sweeps run/);
  });

  it('refuses an unknown --only value', async () => {
    const r = await cli(['sweep', 'run', '--only', 'everything']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/BAD_OPTION.*review, expiry, escalation, retention, catalog/);
  });

  it('explains that a real site runs the sweeps inside Forge hourly', async () => {
    const r = await cli(['sweep', 'run', '--site', 'https://example.atlassian.net']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/inside Forge on the hourly schedule/);
  });
});
