// A period pack with more grants than one resolver answer holds comes in parts (GRANTS_PER_PACK_PART each),
// each a whole pack that verifies on its own; together they hold every grant of the period once, in approval
// order. The period's extra grants are copies of a real grant's records under new ids.
import { verifyEvidencePack } from '../../../src/domain/evidence/pack';
import { kvsStore } from '../../../src/adapters/kvs/kvs-store';
import { GRANTS_PER_PACK_PART } from '../../../src/usecases/evidence/pack';
import { PURPOSE, adminCaller, makeCoreHarness, type CoreHarness } from '../core-loop/harness';

let h: CoreHarness;
const admin = (functionName: string, payload: unknown = {}) => adminCaller(h)(functionName, payload);
const PERIOD = { from: '2030-01-01T00:00:00Z', to: '2030-01-31T23:59:59Z' };
const TOTAL = GRANTS_PER_PACK_PART + 3;

beforeAll(async () => {
  h = await makeCoreHarness();
  const bob = h.fileViaPanel('bob', { toolId: 'deepl-pro', purpose: PURPOSE, days: 30 });
  await h.settle();
  const grant = await h.record('grant', bob.issueId);
  const request = await h.record('request', bob.issueId);
  // TOTAL grants approved an hour apart in January 2030, written in reverse order.
  for (let i = TOTAL - 1; i >= 0; i--) {
    const id = String(900_000 + i);
    const approvedAt = new Date(Date.parse(PERIOD.from) + (i + 1) * 3_600_000).toISOString();
    const ticket = { id, key: `AIC-${900_000 + i}` };
    await h.sb.forge.run(() =>
      kvsStore().commit({
        puts: [
          {
            record: { ...grant!, id, version: 1, doc: { ...grant!.doc, id, ticket, approvedAt } },
            expected: 'absent',
          },
          {
            record: { ...request!, id, version: 1, doc: { ...request!.doc, id, ticket, grantId: id } },
            expected: 'absent',
          },
        ],
      }),
    );
  }
});
afterAll(async () => {
  await h.close();
});

it(`packs a period of ${TOTAL} grants in 2 parts, each verifiable, every grant once in approval order`, async () => {
  const first = await admin('evidence.pack', PERIOD);
  expect(first.error).toBeUndefined();
  expect(first.part).toEqual({ n: 1, of: 2, grants: GRANTS_PER_PACK_PART, total: TOTAL });
  const second = await admin('evidence.pack', { ...PERIOD, part: 2 });
  expect(second.part).toEqual({ n: 2, of: 2, grants: TOTAL - GRANTS_PER_PACK_PART, total: TOTAL });

  const keys: string[] = [];
  for (const [n, answer] of [first, second].entries()) {
    expect(verifyEvidencePack((name) => answer.files[name])).toMatchObject({ ok: true });
    const p = JSON.parse(answer.files['pack.json']);
    expect(p.scope).toEqual({ ...PERIOD, part: { n: n + 1, of: 2 } });
    expect(answer.files['pack.html']).toContain(`(part ${n + 1} of 2)`);
    keys.push(...p.grants.map((g: { issueKey: string }) => g.issueKey));
  }
  expect(keys).toEqual(Array.from({ length: TOTAL }, (_, i) => `AIC-${900_000 + i}`));
});

it('answers a part past the last with PACK_PART_NOT_FOUND, saying how many parts there are', async () => {
  const r = await admin('evidence.pack', { ...PERIOD, part: 3 });
  expect(r.error).toMatchObject({ code: 'PACK_PART_NOT_FOUND', message: expect.stringContaining('part 1..2') });
  expect((await admin('evidence.pack', { ...PERIOD, part: 0 })).error.code).toBe('BAD_REQUEST');
});

it('a period that fits one pack has no part in its scope', async () => {
  const r = await admin('evidence.pack', { from: PERIOD.from, to: '2030-01-01T05:30:00Z' });
  expect(r.part).toEqual({ n: 1, of: 1, grants: 5, total: 5 });
  expect(JSON.parse(r.files['pack.json']).scope).toEqual({ from: PERIOD.from, to: '2030-01-01T05:30:00Z' });
});

it('narrows a period pack to one tool', async () => {
  const deepl = await admin('evidence.pack', { ...PERIOD, toolId: 'deepl-pro' });
  expect(deepl.part).toMatchObject({ of: 2, total: TOTAL });
  expect(JSON.parse(deepl.files['pack.json']).scope).toMatchObject({ toolId: 'deepl-pro' });
  expect(deepl.files['pack.html']).toContain('grants of deepl-pro approved');
  const other = await admin('evidence.pack', { ...PERIOD, toolId: 'chatgpt-enterprise' });
  expect(other.part).toEqual({ n: 1, of: 1, grants: 0, total: 0 });
  expect(JSON.parse(other.files['pack.json']).grants).toEqual([]);
});
