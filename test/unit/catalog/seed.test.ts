// The shipped seed: valid, honest about being a default assessment, and
// consistent with the default policy so a fresh install needs no fixing.
import fs from 'node:fs';
import path from 'node:path';
import { CATALOG_SEED_DIR, loadCatalogSeed } from '../../../src/config/catalog-seed';
import { approveDemoSet, entryFromSeed, SANDBOX_DEMO_SET, TOOL_CATEGORIES } from '../../../src/domain/catalog';
import { DEFAULT_RISK_POLICIES, effectivePolicy, isAutoApprovable, RISK_LEVELS } from '../../../src/domain/policy';
import { policySet } from '../policy/policy-fixtures';
import { ADMIN } from './entry-factory';

const seed = loadCatalogSeed();

describe('catalog seed', () => {
  it('has at least 30 tools with unique ids', () => {
    expect(seed.length).toBeGreaterThanOrEqual(30);
    expect(new Set(seed.map((e) => e.id)).size).toBe(seed.length);
  });

  it('represents every risk level, including prohibited consumer tools', () => {
    for (const level of RISK_LEVELS) expect(seed.filter((e) => e.defaultRisk === level).length).toBeGreaterThan(0);
    const prohibited = seed.filter((e) => e.defaultRisk === 'prohibited').map((e) => e.id);
    expect(prohibited).toEqual(expect.arrayContaining(['chatgpt-personal', 'deepseek-app', 'character-ai']));
  });

  it('covers the kinds of tool people request at work', () => {
    const categories = new Set(seed.map((e) => e.category));
    for (const c of [
      'assistant',
      'coding',
      'meeting',
      'writing',
      'translation',
      'image',
      'search',
      'model-api',
    ] as const)
      expect(categories).toContain(c);
    expect(TOOL_CATEGORIES).toContain('other');
  });

  it('dates every assessment and says in each file that it is a default to review', () => {
    expect(new Set(seed.map((e) => e.assessedOn))).toEqual(new Set(['2026-11-01']));
    const files = fs.readdirSync(CATALOG_SEED_DIR).filter((n) => n.endsWith('.yml'));
    expect(files.length).toBeGreaterThan(1);
    for (const file of files)
      expect(fs.readFileSync(path.join(CATALOG_SEED_DIR, file), 'utf8').split('\n').slice(0, 5).join('\n')).toContain(
        'DEFAULT ASSESSMENTS TO REVIEW BEFORE APPROVING',
      );
  });

  it('binds no connector by default and gives prohibited tools no duration', () => {
    expect(seed.filter((e) => e.connector !== null)).toEqual([]);
    for (const e of seed.filter((x) => x.defaultRisk === 'prohibited'))
      expect([e.defaultDays, e.maxDays, e.reviewWindowDays]).toEqual([0, 0, 0]);
  });

  it('fits the default policy without adjustment, so a fresh install shows what the seed says', () => {
    const policies = policySet();
    const adjusted = seed
      .map((s) => entryFromSeed(s, ADMIN).entry)
      .map((e) => ({ id: e.id, adjustments: effectivePolicy(policies, e).adjustments }))
      .filter((x) => x.adjustments.length > 0);
    expect(adjusted).toEqual([]);
  });

  it('loads every tool as proposed: nothing is requestable until an admin approves it', () => {
    const changes = seed.map((s) => entryFromSeed(s, ADMIN));
    expect(new Set(changes.map((c) => c.entry.status))).toEqual(new Set(['proposed']));
    expect(changes[0].event).toMatchObject({
      action: 'catalog.proposed',
      subject: { type: 'catalog', id: seed[0].id },
      actor: ADMIN.actor,
    });
    expect(changes[0].entry).toMatchObject({ risk: seed[0].defaultRisk, version: 1, origin: { kind: 'seed' } });
  });
});

describe('sandbox demo set', () => {
  const entries = seed.map((s) => entryFromSeed(s, ADMIN).entry);

  it('includes the documented tools, all in the seed and none prohibited', () => {
    expect(SANDBOX_DEMO_SET).toEqual(
      expect.arrayContaining(['chatgpt-enterprise', 'claude-for-work', 'github-copilot-business', 'deepl-pro']),
    );
    for (const id of SANDBOX_DEMO_SET)
      expect(seed.find((e) => e.id === id)?.defaultRisk).toMatch(/^(low|medium|high)$/);
  });

  it('has a low-risk tool that is auto-approved at its default duration', () => {
    const deepl = entries.find((e) => e.id === 'deepl-pro')!;
    const p = effectivePolicy(policySet(), deepl);
    expect(p.riskLevel).toBe('low');
    expect(isAutoApprovable(p.defaultDays, p)).toBe(true);
    expect(p.defaultDays).toBe(DEFAULT_RISK_POLICIES.low.defaultDays);
  });

  it('approves through the same approve() path, once: a second start changes nothing', () => {
    const app = { ...ADMIN, actor: { type: 'app' } as const };
    const first = approveDemoSet(entries, app);
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.map((c) => c.entry.id)).toEqual([...SANDBOX_DEMO_SET]);
    expect(new Set(first.value.map((c) => c.event.action))).toEqual(new Set(['catalog.approved']));
    const after = entries.map((e) => first.value.find((c) => c.entry.id === e.id)?.entry ?? e);
    expect(approveDemoSet(after, app)).toEqual({ ok: true, value: [] });
  });

  it('reports a demo id missing from the catalog instead of skipping it', () => {
    expect(approveDemoSet(entries, ADMIN, ['no-such-tool'])).toMatchObject({
      ok: false,
      error: { code: 'CATALOG_UNKNOWN_TOOL', entryId: 'no-such-tool' },
    });
  });
});
