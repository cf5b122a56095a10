// Runs every query of the README's JQL cookbook against the sandbox, over a small
// scenario covering each state the queries ask about.
import fs from 'node:fs';
import path from 'node:path';
import { IDS, PURPOSE, makeCoreHarness, type CoreHarness } from './harness';

const DOC = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
const QUERIES = new Map(
  [...DOC.matchAll(/<!-- cookbook:([a-z0-9-]+) -->\s*```jql\n([\s\S]*?)```/g)].map((m) => [
    m[1],
    m[2].trim().replace('{alice}', IDS.alice),
  ]),
);

let h: CoreHarness;
const keys: Record<string, string> = {};

async function t(key: string, id: string, extra: Record<string, unknown> = {}) {
  const r = await h.call('agent', 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id }, ...extra });
  if (r.status !== 204) throw new Error(`transition ${id} on ${key}: ${r.status}`);
  await h.settle();
}
async function file(label: string, who: 'alice' | 'bob', toolId: string, days: number) {
  keys[label] = h.fileViaPanel(who, { toolId, purpose: PURPOSE, days }).issueKey;
  await h.settle();
  return keys[label];
}

beforeAll(async () => {
  h = await makeCoreHarness();
  await t(await file('A', 'alice', 'claude-for-work', 30), '21');
  await t(keys.A, '51'); // A: active, medium
  await t(await file('B', 'bob', 'openai-api', 10), '21');
  await t(keys.B, '51'); // B: active, high, ends in 10 days
  await file('C', 'alice', 'github-copilot-business', 30); // C: pending
  const d = await file('D', 'bob', 'chatgpt-enterprise', 30);
  await t(d, '31', {
    update: {
      comment: [
        {
          add: {
            body: {
              type: 'doc',
              version: 1,
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Use the team workspace' }] }],
            },
          },
        },
      ],
    },
  }); // D: declined
  await file('E', 'alice', 'deepl-pro', 30); // E: auto-approved, manual fulfilment pending
  await file('F', 'alice', 'github-copilot-business', 30); // F: blocked duplicate of C
  await t(await file('G', 'alice', 'chatgpt-enterprise', 30), '21');
  await t(keys.G, '51');
  await t(keys.G, '61'); // G: revoked
});
afterAll(async () => {
  await h.close();
});

const EXPECTED: Record<string, string[]> = {
  active: ['A', 'B'],
  'active-long-form': ['A', 'B'],
  'high-risk-expiring': ['B'],
  'tool-holders': ['A'],
  'person-history': ['A', 'C', 'E', 'F', 'G'],
  'approved-under-v1': ['A', 'B', 'G'],
  'auto-approved': ['E'],
  declined: ['D'],
  pending: ['C'],
  'manual-fulfilment': ['E'],
  'ended-recently': ['G'],
  duplicates: ['F'],
};

describe('README JQL cookbook', () => {
  it('has a tested expectation for every query, and a query for every expectation', () => {
    expect([...QUERIES.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', async (id, labels) => {
    const res = await h.call('admin', 'POST', '/rest/api/3/search/jql', {
      jql: QUERIES.get(id),
      fields: ['summary'],
      maxResults: 100,
    });
    expect(res.status).toBe(200);
    const found = new Set(res.body.issues.map((i: { key: string }) => i.key));
    const byLabel = Object.entries(keys)
      .filter(([, key]) => found.has(key))
      .map(([label]) => label)
      .sort();
    expect(byLabel).toEqual([...labels].sort());
  });
});
