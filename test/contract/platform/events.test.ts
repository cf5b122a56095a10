// Conformance of the emulated Forge product-event triggers with Atlassian's
// documentation (docs/platform-contract.md, "Product events (triggers)").
// Each test drives the sandbox as Forge and Jira would and fails if the
// emulator drifts back to an undocumented guess.
import path from 'node:path';
import { SandboxClock } from '../../../src/sandbox/clock';
import { openSandboxDb } from '../../../src/sandbox/db';
import { FaultInjector } from '../../../src/sandbox/faults';
import { createForgePlatform } from '../../../src/sandbox/forge';
import { loadManifest } from '../../../src/sandbox/forge/manifest';
import { STAMP_SEQ_PATH } from '../../../src/usecases/shared/ticket-stamp';
import { seenBy } from '../../fixtures/forge-app/recorder';
import { makeCoreHarness } from '../../integration/core-loop/harness';
import { serveSandbox } from '../../integration/cli/served-sandbox';
import { SEEDED_ACCOUNT_IDS, SERVICE_DESK } from '../../../src/sandbox/jira';
import { issueEvent, makeHarness, type Harness } from '../../integration/sandbox-forge/helpers';

const APP_MANIFEST = path.resolve(__dirname, '../../../manifest.yml');
const fn = { key: 'f', handler: 'index.run' };
const trigger = (key: string, propertyPaths: string[], extra: Record<string, unknown> = {}) => ({
  key,
  function: 'f',
  events: ['avi:jira:updated:issue'],
  payload: { include: { propertyPaths } },
  ...extra,
});
const start = (triggers: object[]) =>
  createForgePlatform({
    db: openSandboxDb(':memory:'),
    clock: new SandboxClock(),
    faults: new FaultInjector(),
    manifest: { modules: { function: [fn], trigger: triggers } },
    loadApp: () => ({ run: () => undefined }),
  });

describe('payload.include.propertyPaths (product_events § "Filtering by entity properties")', () => {
  let h: Harness;
  beforeEach(() => {
    h = makeHarness();
  });
  afterEach(async () => {
    await h.platform.close();
  });

  it('EV-1: delivers the values in event.payloadIncludeProperties keyed by the path as declared, and no issue.properties', async () => {
    h.jira.emit(issueEvent());
    await h.platform.settle();
    const [created] = seenBy('onIssueCreated');
    expect(created?.payload.payloadIncludeProperties).toMatchObject({
      "issue.properties['aic'].request.toolId": 'claude',
      "issue.properties['aic']['tags']": ['a', 'b'],
    });
    expect(created?.payload.issue.properties).toBeUndefined();
  });

  it('EV-2: a path that resolves to an object is delivered as null', async () => {
    h.jira.emit(issueEvent());
    await h.platform.settle();
    const included = seenBy('onIssueCreated')[0]?.payload.payloadIncludeProperties;
    expect(included).toHaveProperty(["issue.properties['aic'].request"], null);
  });

  it('EV-3: a path that cannot be resolved is absent (the docs also say null; the app treats both as missing)', async () => {
    h.jira.emit(issueEvent());
    await h.platform.settle();
    const included = seenBy('onIssueCreated')[0]?.payload.payloadIncludeProperties;
    expect(Object.keys(included)).not.toContain("issue.properties['missing'].x");
  });

  it('EV-4: refuses at load a path outside the documented syntax (the old bare property key, a dotted guess, an unknown entity)', () => {
    for (const bad of [
      'aiClearanceRequest',
      'aic.request.toolId',
      "comment.properties['x'].y",
      "event.runtime.issue.properties['x'].y",
    ]) {
      expect(() => start([trigger('t', [bad])])).toThrow(
        expect.objectContaining({ code: 'MANIFEST_INVALID', message: expect.stringContaining(bad) }),
      );
    }
    expect(() =>
      start([
        trigger('t', [
          "issue.properties['x'].y",
          "project.properties['p']",
          "user.properties['u']['a.b']",
          "issuetype.properties['t'].z",
        ]),
      ]),
    ).not.toThrow();
  });

  it('EV-5: allows at most 5 distinct paths per app, across triggers and filter expressions, duplicates and bracket/dot spellings counted once', () => {
    const five = [
      "issue.properties['a'].x",
      "issue.properties['a'].y",
      "issue.properties['b'].z",
      "project.properties['c'].s",
    ];
    const expression = "event.runtime.user.properties['prefs'].role == 'admin'";
    // 4 + the expression's path + 1 = 6 (checked at load, before the sandbox looks at the expression itself).
    expect(() =>
      start([trigger('t1', five, { filter: { expression } }), trigger('t2', ["issue.properties['d'].w"])]),
    ).toThrow(
      expect.objectContaining({
        code: 'MANIFEST_INVALID',
        message: expect.stringContaining("user.properties['prefs'].role"),
      }),
    );
    expect(() =>
      start([trigger('t1', five), trigger('t2', ["issue.properties['a']['x']", "user.properties['prefs'].role"])]),
    ).not.toThrow();
    expect(() =>
      start([trigger('t1', five), trigger('t2', ["user.properties['prefs'].role", "issue.properties['d'].w"])]),
    ).toThrow(
      expect.objectContaining({
        code: 'MANIFEST_INVALID',
        message: expect.stringContaining('6 distinct entity property paths'),
      }),
    );
  });

  it('EV-6: staleProperties delivers the event without the values (they may be a few seconds older than the event)', async () => {
    h.faults.configure({ events: { staleProperties: 1 } });
    h.jira.emit(issueEvent());
    await h.platform.settle();
    expect(seenBy('onIssueCreated')[0]?.payload.payloadIncludeProperties).toEqual({});
  });

  it('EV-7: refuses payload.include keys the trigger reference does not document (payload.include.fields)', () => {
    expect(() =>
      start([
        { key: 't', function: 'f', events: ['avi:jira:created:issue'], payload: { include: { fields: ['labels'] } } },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: 'UNSUPPORTED_MANIFEST_FEATURE',
        message: expect.stringContaining('payload.include.fields'),
      }),
    );
  });

  it('EV-8: the payload carries selfGenerated and the common timestamp field (epoch ms as a string)', async () => {
    const e = issueEvent();
    h.jira.emit(e);
    await h.platform.settle();
    expect(seenBy('onIssueCreated')[0]?.payload).toMatchObject({
      selfGenerated: false,
      timestamp: String(e.timestamp),
    });
  });

  it("EV-9: the app's manifest asks for scalar leaf paths only, exactly the ones its handlers read, within the limit", () => {
    const model = loadManifest(APP_MANIFEST);
    const byTrigger = Object.fromEntries(
      model.triggers.map((t) => [t.key, t.events.flatMap((e) => e.include?.propertyPaths ?? [])]),
    );
    // The created trigger asks for none: the panel's values are one object-valued property (UI-1), which arrives as null.
    expect(byTrigger).toEqual({ 'issue-created-trigger': [], 'issue-updated-trigger': [STAMP_SEQ_PATH] });
  });
});

describe('the app survives missing or stale included values (Preview; "a few seconds older than the event")', () => {
  it('EV-6b: a decision whose event carries a stale stampSeq (or none) lands the same as a fresh one', async () => {
    const h = await makeCoreHarness();
    try {
      const purpose = 'Drafting customer replies faster with an approved assistant';
      const approve = async (who: 'alice' | 'bob', stale: boolean) => {
        const r = h.fileViaPanel(who, { toolId: 'claude-for-work', purpose, days: 30 });
        await h.settle();
        h.sb.faults.configure(stale ? { events: { staleProperties: 1 } } : {});
        const since = h.sb.forge.lastInvocationSeq();
        expect(
          (await h.call('agent', 'POST', `/rest/api/3/issue/${r.issueKey}/transitions`, { transition: { id: '21' } }))
            .status,
        ).toBe(204);
        await h.settle();
        h.sb.faults.configure({});
        const updated = h.sb.forge.listInvocations({ since }).filter((i) => i.eventType === 'avi:jira:updated:issue');
        return { grant: (await h.record('grant', r.issueId))?.doc, results: updated.map((i) => i.result) };
      };
      const fresh = await approve('alice', false);
      const stale = await approve('bob', true);
      expect(fresh.grant).toMatchObject({ status: 'pending_fulfilment', days: 30 });
      expect(stale.grant).toMatchObject({
        status: fresh.grant.status,
        days: fresh.grant.days,
        toolId: fresh.grant.toolId,
      });
      expect(stale.results.every((r) => r === 'ok')).toBe(true);
    } finally {
      await h.close();
    }
  });
});

describe('late and unordered delivery (trigger "Event delivery delay": up to 3 minutes, through a queue)', () => {
  async function run(faults?: object) {
    const h = await makeCoreHarness({ concurrency: 6 });
    try {
      if (faults) h.sb.faults.configure(faults);
      const purpose = 'Drafting customer replies faster with an approved assistant';
      const filed = [
        { who: 'alice', toolId: 'github-copilot-business', then: ['21', '51'] },
        { who: 'alice', toolId: 'chatgpt-enterprise', then: ['21'] },
        { who: 'bob', toolId: 'claude-for-work', then: ['21', '51'] },
        { who: 'bob', toolId: 'deepl-pro', then: [] },
      ].map((f) => ({ ...f, ...h.fileViaPanel(f.who as 'alice' | 'bob', { toolId: f.toolId, purpose, days: 30 }) }));
      // The agent acts at once: Jira changes now, the app hears about it whenever the events arrive.
      for (const f of filed)
        for (const t of f.then)
          expect(
            (await h.call('agent', 'POST', `/rest/api/3/issue/${f.issueKey}/transitions`, { transition: { id: t } }))
              .status,
          ).toBe(204);
      await h.sb.forge.settle({ advanceClock: true, timeoutMs: 60_000 });
      const out = [];
      for (const f of filed) {
        const req = await h.record('request', f.issueId);
        const grant = await h.record('grant', f.issueId);
        const actions = (subject: string) =>
          h.events(subject).then((es) => es.map((e) => (e.doc as { action: string }).action));
        out.push({
          key: f.issueKey,
          request: req?.status,
          grant: grant?.status ?? null,
          property: (await h.issue(f.issueKey)).properties.aiClearance?.status,
          requestEvents: await actions(`request:${f.issueId}`),
          grantEvents: await actions(`grant:${f.issueId}`),
          comments: (await h.comments(f.issueKey)).length,
        });
      }
      return {
        out,
        dead: h.sb.forge.deadLetters().length,
        late: h.sb.forge
          .listInvocations({ limit: 10_000 })
          .filter((i) => i.kind === 'event' && i.result !== 'ok')
          .map((i) => i.error),
      };
    } finally {
      await h.close();
    }
  }

  it('EV-12: requests and decisions delivered up to 180 s late, reordered and redelivered end exactly as without faults', async () => {
    const clean = await run();
    const faulted = await run({ events: { maxDelaySeconds: 180, reorder: true }, redeliver: 0.5, seed: 11 });
    expect(clean.out.map((o) => [o.request, o.grant])).toEqual([
      ['approved', 'active'],
      ['approved', 'pending_fulfilment'],
      ['approved', 'active'],
      ['auto_approved', 'pending_fulfilment'],
    ]);
    expect(faulted.out).toEqual(clean.out);
    expect(faulted.dead).toBe(0);
  }, 120_000);
});

describe('every Jira failure in a trigger becomes a retry (InvocationError), never a loss', () => {
  const purpose = 'Drafting customer replies faster with an approved assistant';

  it('EV-13: intake whose Jira reads and writes all answer 429 is retried after Retry-After and lands once Jira recovers', async () => {
    const h = await makeCoreHarness();
    try {
      h.sb.faults.configure({ jira: { rate429: 1, retryAfterSeconds: 30 } });
      h.sb.faults.configure({ ...h.sb.faults.current(), events: { staleProperties: 1 } }); // forces intake's first Jira read
      const { issueId } = h.fileViaPanel('alice', { toolId: 'claude-for-work', purpose, days: 30 });
      await h.sb.forge.settle();
      expect(
        h.sb.forge
          .listInvocations({ kind: 'event' })
          .filter((i) => i.eventType === 'avi:jira:created:issue')
          .map((i) => i.result),
      ).toEqual(['retry']);
      h.sb.faults.reset();
      await h.sb.forge.settle({ advanceClock: true });
      expect((await h.record('request', issueId))?.status).toBe('pending_approval');
      expect(h.sb.forge.deadLetters()).toHaveLength(0);
    } finally {
      await h.close();
    }
  });

  it('EV-13: an approval whose approver-group read fails (503) is retried and approves once Jira recovers', async () => {
    const h = await makeCoreHarness();
    try {
      const { issueId, issueKey } = h.fileViaPanel('alice', { toolId: 'github-copilot-business', purpose, days: 30 });
      await h.settle();
      expect((await h.record('request', issueId))?.status).toBe('pending_approval');
      h.hold(true);
      expect(
        (await h.call('agent', 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id: '21' } }))
          .status,
      ).toBe(204);
      const events = h.held.splice(0);
      h.hold(false);
      h.sb.faults.configure({ jira: { rate5xx: 1 } });
      h.deliver(events);
      await h.sb.forge.settle();
      expect(
        h.sb.forge
          .listInvocations({ kind: 'event' })
          .filter((i) => i.eventType === 'avi:jira:updated:issue')
          .map((i) => i.result),
      ).toContain('retry');
      expect((await h.record('request', issueId))?.status).toBe('pending_approval');
      h.sb.faults.reset();
      await h.sb.forge.settle({ advanceClock: true });
      expect((await h.record('request', issueId))?.status).toBe('approved');
      expect((await h.record('grant', issueId))?.status).toBe('pending_fulfilment');
    } finally {
      await h.close();
    }
  });
});

describe('over HTTP (POST /__sandbox/faults, POST /__sandbox/settle)', () => {
  it('EV-12: a delayed delivery waits on the sandbox clock until settle {advanceClock:true}', async () => {
    const s = await serveSandbox();
    try {
      const post = async (p: string, body: unknown) => {
        const res = await fetch(s.server.url + p, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: await res.json() };
      };
      const faults = await post('/__sandbox/faults', { events: { maxDelaySeconds: 180, reorder: true }, seed: 3 });
      expect(faults).toMatchObject({
        status: 200,
        body: { events: { maxDelaySeconds: 180, reorder: true, staleProperties: 0 } },
      });
      const { kvsStore } = await import('../../../src/adapters/kvs/kvs-store');
      const { loadProvisioning } = await import('../../../src/usecases/shared/catalog-repo');
      const prov = (await s.sb.forge.run(() => loadProvisioning(kvsStore()))).value;
      const filed = s.sb.jira.submitPortalRequest({
        accountId: SEEDED_ACCOUNT_IDS.alice,
        serviceDeskId: SERVICE_DESK.id,
        requestTypeId: prov.requestTypes.requestAiAccess.id,
        requestFieldValues: {
          summary: 'AI access',
          [prov.fields.aiTool.id]: { value: 'GitHub Copilot Business' },
          [prov.fields.businessPurpose.id]: 'Drafting customer replies faster with an approved assistant',
          [prov.fields.accessDurationDays.id]: 30,
        },
      });
      expect((await post('/__sandbox/settle', {})).status).toBe(200);
      const pendingEvents = s.sb.forge.listWork({ status: 'pending', kind: 'event' });
      expect(pendingEvents.length).toBeGreaterThan(0);
      const before = Date.parse((await post('/__sandbox/settle', {})).body.now);
      const after = await post('/__sandbox/settle', { advanceClock: true, timeoutMs: 30_000 });
      expect(after.status).toBe(200);
      expect(Date.parse(after.body.now) - before).toBeGreaterThan(0);
      expect(Date.parse(after.body.now) - before).toBeLessThanOrEqual(24 * 3600 * 1000);
      expect(s.sb.forge.listWork({ status: 'pending', kind: 'event' })).toHaveLength(0);
      const { loadRequest } = await import('../../../src/usecases/shared/records');
      const rec = await s.sb.forge.run(() => loadRequest(kvsStore(), filed.issueId));
      expect(rec.value?.doc.status).toBe('pending_approval');
    } finally {
      await s.close();
    }
  });
});
