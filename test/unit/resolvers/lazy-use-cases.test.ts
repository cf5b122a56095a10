// The resolvers load a call's use cases with import() when the call runs (one
// chunk per group of calls in the Forge bundle). What that must keep and buys:
// a module that cannot load (a missing chunk) fails only the calls that need
// it, answered as the resolver's usual {error:{code,message}}, and the other
// calls neither load it nor break.
import type Resolver from '@forge/resolver';
import type { JiraTransport } from '../../../src/ports/jira-transport';
import type { AppStore } from '../../../src/ports/store';
import type { CoreDeps } from '../../../src/usecases/shared/deps';
import { registerAdminResolvers } from '../../../src/entry/resolver/admin-page/resolvers';
import { registerAgentResolvers } from '../../../src/entry/resolver/queue-page/resolvers';
import { registerPortalResolvers } from '../../../src/entry/resolver/portal-panel/resolvers';

// How Node reports a chunk file that is not there (webpack requires its chunks).
const missingChunk = () => Object.assign(new Error("Cannot find module './1085.cjs'"), { code: 'MODULE_NOT_FOUND' });
// Jest appends its require stack to such a message.
const missingChunkAnswer = {
  error: { code: 'MODULE_NOT_FOUND', message: expect.stringContaining("Cannot find module './1085.cjs'") },
};

// The provisioning use cases cannot load: only the provisioning calls need them.
jest.mock('../../../src/usecases/provision/site-ops', () => {
  throw missingChunk();
});

type Definition = (req: { payload?: unknown; context: { accountId?: string } }) => Promise<unknown>;

/** The functions a register* call defines, by name, called as Forge calls them. */
function definitions(register: (resolver: Resolver) => void): Record<string, Definition> {
  const defs: Record<string, Definition> = {};
  register({ define: (name: string, fn: Definition) => void (defs[name] = fn) } as unknown as Resolver);
  return defs;
}

/** An app store with nothing in it (reads only). */
const emptyStore = (): AppStore => ({
  get: async () => undefined,
  query: async () => ({ items: [] }),
  eventsOf: async () => ({ items: [] }),
  commit: () => Promise.reject(new Error('no writes in this test')),
  eventsBetween: async () => ({ items: [] }),
  replaceEventDoc: () => Promise.reject(new Error('no writes in this test')),
});

/** Jira as a user who holds `permission`. */
const userWith = (permission: string): JiraTransport => ({
  request: async () => ({
    status: 200,
    headers: {},
    body: { permissions: { [permission]: { havePermission: true } } } as never,
  }),
});

const ctx = { context: { accountId: 'acc-1' } };

describe('resolver calls load their use cases when they run', () => {
  beforeEach(() => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('admin: a provisioning call whose module cannot load answers its error; catalog and governance calls still work', async () => {
    const admin = definitions((r) =>
      registerAdminResolvers(r, {
        store: emptyStore,
        asApp: () => userWith('ADMINISTER'),
        asUser: () => userWith('ADMINISTER'),
        catalog: () => Promise.reject(new Error('no catalog changes in this test')),
      }),
    );

    expect(await admin['provision.plan']({ payload: {}, ...ctx })).toEqual(missingChunkAnswer);
    expect(console.error).toHaveBeenCalledWith(
      expect.stringContaining(
        '"event":"admin-resolver.failed","functionName":"provision.plan","code":"MODULE_NOT_FOUND"',
      ),
    );
    expect(await admin['catalog.list']({ payload: {}, ...ctx })).toEqual({ entries: [] });
    expect(
      await admin['governance.list']({ payload: { subjectType: 'catalog', subjectId: 'chatgpt-enterprise' }, ...ctx }),
    ).toEqual({ events: [] });
  });

  it('queue page: only a decision loads the core wiring; if it cannot load, the decision answers its error', async () => {
    const core = jest.fn((): Promise<CoreDeps> => Promise.reject(missingChunk()));
    const agent = definitions((r) =>
      registerAgentResolvers(r, { store: emptyStore, core, asUser: () => userWith('TRANSITION_ISSUES') }),
    );

    expect(await agent['approvals.list']({ payload: {}, ...ctx })).toEqual({ items: [], cursor: undefined });
    expect(await agent['approvals.get']({ payload: { request: 'AIC-1' }, ...ctx })).toEqual({
      error: { code: 'REQUEST_NOT_FOUND', message: 'No AI access request AIC-1.' },
    });
    expect(core).not.toHaveBeenCalled();
    expect(await agent['approvals.decide']({ payload: { request: 'AIC-1', action: 'approve' }, ...ctx })).toEqual(
      missingChunkAnswer,
    );
    expect(core).toHaveBeenCalledTimes(1);
  });

  it('portal panel: the picker, the draft check and own access never load the core wiring; an action that cannot load it answers its error', async () => {
    const core = jest.fn((): Promise<CoreDeps> => Promise.reject(missingChunk()));
    const portal = definitions((r) =>
      registerPortalResolvers(r, {
        store: emptyStore,
        core,
        asUser: () => userWith('NONE'),
        clock: { now: () => new Date('2026-06-01T09:00:00.000Z') },
      }),
    );

    expect(await portal['portal.tools']({ payload: {}, ...ctx })).toEqual({ tools: [], policyVersion: 1 });
    const purpose = 'Summarising customer interview notes for the research team';
    expect(
      await portal['portal.validate']({ payload: { toolId: 'chatgpt-enterprise', purpose, days: 30 }, ...ctx }),
    ).toEqual({ ok: false, problems: [expect.objectContaining({ field: 'toolId' })] });
    expect(await portal['portal.myAccess']({ payload: {}, ...ctx })).toEqual({ grants: [], requests: [] });
    expect(await portal['portal.request']({ payload: { request: 'AIC-1' }, ...ctx })).toEqual({ request: null });
    expect(core).not.toHaveBeenCalled();
    expect(await portal['portal.act']({ payload: { request: 'AIC-1', action: 'cancel' }, ...ctx })).toEqual(
      missingChunkAnswer,
    );
  });
});
