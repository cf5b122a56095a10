// Suspending a tool: the pending request is declined with the tool-suspended
// comment queued on its ticket (and its duplicate lock released); the live
// grant is flagged for review; evidence on both subjects' chains.
import { loadCatalogSeed } from '../../../src/config/catalog-seed';
import { approveAccess, fulfilGrant } from '../../../src/domain/grant';
import { lockId, newLock } from '../../../src/domain/request';
import { approveTool, seedCatalog, syncAiToolOptions } from '../../../src/usecases/catalog';
import {
  emptySync,
  grantPut,
  loadGrant,
  loadLock,
  loadRequest,
  lockPut,
  requestPut,
  withSync,
} from '../../../src/usecases/shared/records';
import { AGENT, ALICE, APPROVER_GROUPS, NOW, pendingRequest, policyFor, tool } from '../../unit/request/fixtures';
import { ADMIN, createCatalogHarness, type CatalogHarness } from './harness';
import { applyLeavingConsequences } from '../../../src/usecases/catalog';

const BOB = '712020:00000000-0000-4000-8000-000000000004';
let h: CatalogHarness;

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

beforeAll(async () => {
  h = createCatalogHarness();
  expect(await h.provision()).toMatchObject({ state: 'done' });
  await h.withDeps(async (deps) => {
    await seedCatalog(deps, loadCatalogSeed());
    await approveTool(deps, 'claude-for-work', { type: 'user', accountId: ADMIN });
    const t = tool();
    const pending = pendingRequest(t); // alice, AIC-1, holds the lock
    const bobs = { ...pendingRequest(t), id: '10002', ticket: { id: '10002', key: 'AIC-2' }, requester: BOB };
    const approved = must(
      approveAccess(bobs, {
        approver: AGENT,
        now: NOW,
        tool: t,
        policy: policyFor(t),
        approverGroups: APPROVER_GROUPS,
      }),
    );
    const active = must(fulfilGrant(approved.grant, { actor: { type: 'user', accountId: AGENT }, now: NOW })).next;
    await deps.store.commit({
      puts: [
        requestPut(withSync(pending, emptySync()), 'absent'),
        lockPut(lockId(ALICE, t.id), newLock(pending.ticket, ALICE, t.id, 'request', NOW), 'absent'),
        requestPut(withSync(approved.request, emptySync()), 'absent'),
        grantPut(active, 'absent'),
      ],
    });
  });
}, 60_000);
afterAll(() => h.close());

it('declines the pending request with a comment saying why, and flags the live grant', async () => {
  const r = await h.call('catalog.suspend', {
    toolId: 'claude-for-work',
    reason: 'Security review of the new data-retention terms',
  });
  expect(r.error).toBeUndefined();
  expect(r.consequences).toEqual({ declined: ['10001'], flagged: ['10002'], revoked: [], failed: [] });

  await h.withDeps(async ({ store }) => {
    const req = (await loadRequest(store, '10001'))!.doc;
    expect(req.status).toBe('declined');
    expect(req.decision?.rationale).toMatch(/was suspended: Security review/);
    expect(req.sync.pending.at(-1)).toMatchObject({
      target: 'declined',
      comments: [
        {
          template: 'tool-suspended',
          data: { catalogStatus: 'suspended', note: 'Security review of the new data-retention terms' },
        },
      ],
    });
    expect(await loadLock(store, lockId(ALICE, 'claude-for-work'))).toBeUndefined();

    const grant = (await loadGrant(store, '10002'))!.doc;
    expect(grant.status).toBe('active');
    expect(grant.flagged?.reason).toMatch(/stays in place until an approver reviews it/);
    expect((await loadRequest(store, '10002'))!.doc.sync.pending.at(-1)?.comments[0]?.template).toBe('grant-flagged');
  });

  const reqLog = await h.call('governance.list', { subjectType: 'request', subjectId: '10001' });
  expect(reqLog.events.at(-1)).toMatchObject({ action: 'request.declined', actor: { type: 'user', accountId: ADMIN } });
  const grantLog = await h.call('governance.list', { subjectType: 'grant', subjectId: '10002' });
  expect(grantLog.events.at(-1).action).toBe('grant.flagged');

  // Running it again (a retry after a crash) changes nothing more.
  const again = await h.withDeps(async (deps) =>
    applyLeavingConsequences(deps, r.entries[0], { type: 'user', accountId: ADMIN }),
  );
  expect(again).toEqual({ declined: [], flagged: [], revoked: [], failed: [] });
});

it('a failed Jira call leaves the catalog change stored; a later sync fixes the options', async () => {
  h.faults.configure({ jira: { rate5xx: 1 } });
  const r = await h.withDeps((deps) => approveTool(deps, 'deepl-pro', { type: 'user', accountId: ADMIN }));
  h.faults.configure({});
  expect(r.entries[0].status).toBe('requestable');
  expect(r.optionSync.ok).toBe(false);
  const fixed = await h.withDeps((deps) => syncAiToolOptions(deps));
  expect(fixed).toMatchObject({ ok: true, created: ['DeepL Pro'] });
  const again = await h.withDeps((deps) => syncAiToolOptions(deps));
  expect(again).toEqual({ ok: true, created: [], enabled: [], disabled: [] });
});
