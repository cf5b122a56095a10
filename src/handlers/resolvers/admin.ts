// The admin page's resolvers. The lead wires them with
//   registerAdminResolvers(resolver)            (Forge: KVS, requestJira)
// every call: zod-checked payload → admin check (as the user) → use case.
// Answers are plain JSON: the use case's result, or {error:{code,message}}.
//
// A call loads its use cases with import() when it runs (webpack and esbuild
// emit a chunk per import()): a cold `catalog.list` parses the catalog reads,
// not the catalog changes, provisioning (site-ops, the bundled desired state),
// the evidence exporter or the bundled catalog seed. What every call shares
// stays here and is small: the payload schemas, the admin check and the error
// mapping. A chunk that fails to load is answered like any other error.
import type Resolver from '@forge/resolver';
import * as z from 'zod/mini';
import { CATALOG_STATUSES } from '../../domain/catalog/vocabulary';
import { SUBJECT_TYPES } from '../../domain/governance/event';
import { RISK_LEVELS } from '../../domain/policy/risk-policy';
import type { acceptToolProposal, updatePolicySet } from '../../usecases/catalog';
import { isCatalogUseCaseError, type CatalogDeps } from '../../usecases/catalog/deps';
// Not the provision index: it re-exports the file-based loaders (the YAML parser), which Forge functions never need.
import { isProvisionError } from '../../usecases/provision/errors';
import { systemClock } from '../../adapters/clock';
import { isStoreConflict } from '../../ports/store';
import { forbidden, isJiraAdmin, type ResolverError } from './admin-guard';
import { badRequest, fail } from './envelope';
import { needsUserConsent } from '../error-description';
import { PARSE } from '../../domain/zod-messages';
import { forgeAdminDeps, type AdminResolverDeps } from './admin-deps';

// One loader per group of calls; the specifiers are literals so that the bundlers can split there.
const catalogReads = () => import('../../usecases/catalog/reads');
const catalogUseCases = () => import('../../usecases/catalog');
const provisioning = () => import('./admin-provisioning');
const evidence = () => import('../../usecases/governance/evidence');
const overview = () => import('../../usecases/admin-overview');
const settings = () => import('../../usecases/settings-update');

type Actor = { type: 'user'; accountId: string };
interface Call<P> {
  payload: P;
  actor: Actor;
  deps: AdminResolverDeps;
  catalog: () => Promise<CatalogDeps>;
}

const toolId = z
  .string()
  .check(
    z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'toolId must be a catalog id such as chatgpt-enterprise'),
    z.maxLength(64),
  );
const reason = z
  .string()
  .check(z.trim(), z.minLength(1, 'say why (shown to requesters, kept as evidence)'), z.maxLength(1000));
const days = z.int().check(z.gte(0), z.lte(3650));
const optDays = z.optional(days);
const hours = z.optional(z.int().check(z.gte(0), z.lte(10000)));
const group = z.optional(z.string().check(z.minLength(1), z.maxLength(255)));
const connector = z.nullable(
  z.strictObject({ provider: z.enum(['okta', 'entra']), groupId: z.string().check(z.minLength(1), z.maxLength(128)) }),
);
const overrides = z.strictObject({
  secondReminderDays: optDays,
  autoApprovalAllowed: z.optional(z.boolean()),
  autoApprovalMaxDays: optDays,
  approverGroup: group,
  escalationAfterHours: hours,
  lapseAfterDays: optDays,
  maxTotalDays: optDays,
});
const levelPolicy = z.strictObject({
  maxDays: optDays,
  defaultDays: optDays,
  reviewWindowDays: optDays,
  secondReminderDays: optDays,
  autoApprovalAllowed: z.optional(z.boolean()),
  autoApprovalMaxDays: optDays,
  approverGroup: group,
  escalationAfterHours: hours,
  lapseAfterDays: optDays,
  maxTotalDays: optDays,
});
const empty = z._default(z.optional(z.strictObject({})), {});
const text = (max: number) => z.string().check(z.maxLength(max));
const subjectId = z.string().check(z.regex(/^[A-Za-z0-9._-]{1,128}$/));

function defineAll(deps: AdminResolverDeps) {
  return {
    'catalog.list': op(
      z._default(
        z.optional(
          z.strictObject({
            status: z.optional(z.enum(CATALOG_STATUSES)),
            risk: z.optional(z.enum(RISK_LEVELS)),
            q: z.optional(text(100)),
          }),
        ),
        {},
      ),
      async (c) => ({
        entries: await (await catalogReads()).listCatalog({ store: c.deps.store() }, c.payload),
      }),
    ),
    // Adds the shipped default assessments that are not in the catalog yet, as `proposed` (idempotent).
    // The bundled seed (22 KB of assessments) is loaded by this call only.
    'catalog.seed': op(empty, async (c) => {
      const [{ seedCatalog }, { BUNDLED_CATALOG_SEED }] = await Promise.all([
        catalogUseCases(),
        import('../../config/bundled-catalog-seed'),
      ]);
      return { added: (await seedCatalog(await c.catalog(), BUNDLED_CATALOG_SEED, c.actor)).map((e) => e.id) };
    }),
    'catalog.approve': op(z.strictObject({ toolId }), async (c) =>
      (await catalogUseCases()).approveTool(await c.catalog(), c.payload.toolId, c.actor),
    ),
    'catalog.reapprove': op(z.strictObject({ toolId }), async (c) =>
      (await catalogUseCases()).reapproveTool(await c.catalog(), c.payload.toolId, c.actor),
    ),
    'catalog.approveAllLowRisk': op(empty, async (c) =>
      (await catalogUseCases()).approveAllLowRiskTools(await c.catalog(), c.actor),
    ),
    'catalog.suspend': op(z.strictObject({ toolId, reason }), async (c) =>
      (await catalogUseCases()).suspendTool(await c.catalog(), c.payload.toolId, c.payload.reason, c.actor),
    ),
    'catalog.retire': op(z.strictObject({ toolId, reason }), async (c) =>
      (await catalogUseCases()).retireTool(await c.catalog(), c.payload.toolId, c.payload.reason, c.actor),
    ),
    'catalog.edit': op(
      z.strictObject({
        toolId,
        changes: z.strictObject({
          risk: z.optional(z.enum(RISK_LEVELS)),
          riskRationale: z.optional(text(300)),
          defaultDays: optDays,
          maxDays: optDays,
          reviewWindowDays: optDays,
          connector: z.optional(connector),
          policyOverrides: z.optional(overrides),
        }),
      }),
      async (c) =>
        (await catalogUseCases()).editTool(
          await c.catalog(),
          c.payload.toolId,
          stripUndefined(c.payload.changes),
          c.actor,
        ),
    ),
    // The catalog travels as data; the CLI and the admin page read and write the YAML (with line numbers).
    'catalog.import': op(z.strictObject({ catalog: z.unknown(), fileName: z.optional(text(200)) }), async (c) =>
      (await catalogUseCases()).importCatalog(
        await c.catalog(),
        c.payload.catalog,
        c.payload.fileName ?? 'import',
        c.actor,
      ),
    ),
    'catalog.export': op(empty, async (c) => ({
      catalog: await (await catalogUseCases()).exportCatalog({ store: c.deps.store() }),
    })),
    'catalog.acceptProposal': op(
      z.strictObject({
        issueKey: z.string(),
        proposedBy: z.string(),
        name: z.string(),
        vendor: z.string(),
        vendorUrl: z.string(),
        category: z.optional(z.string()),
        tier: z.optional(z.string()),
        risk: z.optional(z.enum(RISK_LEVELS)),
        riskRationale: z.optional(z.string()),
      }),
      // The domain checks category/tier against its vocabulary and names what is wrong.
      async (c) =>
        (await catalogUseCases()).acceptToolProposal(
          await c.catalog(),
          stripUndefined(c.payload) as Parameters<typeof acceptToolProposal>[1],
          c.actor,
        ),
    ),
    'catalog.syncOptions': op(empty, async (c) => (await catalogUseCases()).syncAiToolOptions(await c.catalog())),
    'policy.get': op(empty, async (c) => ({
      policy: await (await catalogReads()).getPolicy({ store: c.deps.store() }),
    })),
    'policy.update': op(
      z.strictObject({
        levels: z.strictObject({
          low: z.optional(levelPolicy),
          medium: z.optional(levelPolicy),
          high: z.optional(levelPolicy),
        }),
        expectedVersion: z.optional(z.int().check(z.gte(1))),
        reason: z.optional(text(1000)),
      }),
      async (c) => ({
        policy: await (
          await catalogUseCases()
        ).updatePolicySet(
          await c.catalog(),
          stripUndefined(c.payload) as Parameters<typeof updatePolicySet>[1],
          c.actor,
        ),
      }),
    ),
    'provision.plan': op(empty, async (c) => (await provisioning()).planBundled(deps.asApp(), c.deps.store())),
    // A resolver has 25 s (https://developer.atlassian.com/platform/forge/limits-invocation/), an apply is 50+ Jira
    // calls: this starts a run of aic-work jobs and answers its id at once; the page polls provision.status.
    'provision.apply': op(
      z._default(z.optional(z.strictObject({ stepsPerJob: z.optional(z.int().check(z.gte(1), z.lte(100))) })), {}),
      async (c) =>
        (await provisioning()).startBundledRun(deps.asApp(), c.deps.store(), {
          startedBy: c.actor.accountId,
          ...(c.payload.stepsPerJob ? { stepsPerJob: c.payload.stepsPerJob } : {}),
        }),
    ),
    'provision.status': op(empty, async (c) => (await provisioning()).provisionStatus(c.deps.store())),
    'provision.drift': op(empty, async (c) => (await provisioning()).driftBundled(deps.asApp(), c.deps.store())),
    'governance.list': op(
      z.strictObject({
        subjectType: z.enum(SUBJECT_TYPES),
        subjectId,
        afterSeq: z.optional(z.int().check(z.gte(0))),
        cursor: z.optional(z.string()),
      }),
      async (c) => {
        const page = await c.deps.store().eventsOf(`${c.payload.subjectType}:${c.payload.subjectId}`, {
          ...(c.payload.afterSeq !== undefined ? { afterSeq: c.payload.afterSeq } : {}),
          ...(c.payload.cursor ? { cursor: c.payload.cursor } : {}),
          limit: 100,
        });
        return { events: page.items.map((e) => e.doc), ...(page.cursor ? { cursor: page.cursor } : {}) };
      },
    ),
    // The log by time (newest window first), narrowed to one ticket or one kind of subject: the console's filter.
    'governance.search': op(
      z.strictObject({
        from: z.iso.datetime('from: an ISO date-time such as 2026-06-01T00:00:00Z'),
        to: z.iso.datetime('to: an ISO date-time such as 2026-06-30T23:59:59Z'),
        ticket: z.optional(
          z.string().check(z.regex(/^[A-Z][A-Z0-9_]{0,49}-[1-9]\d{0,9}$/, 'ticket: an issue key such as AIC-12')),
        ),
        subjectType: z.optional(z.enum(SUBJECT_TYPES)),
        cursor: z.optional(z.string().check(z.maxLength(2000))),
      }),
      async (c) => {
        const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);
        const page = await c.deps.store().eventsBetween(epoch(c.payload.from), epoch(c.payload.to), {
          limit: 100,
          ...(c.payload.cursor ? { cursor: c.payload.cursor } : {}),
        });
        const events = page.items
          .filter((e) => !c.payload.ticket || e.ticket === c.payload.ticket)
          .filter((e) => !c.payload.subjectType || e.subject.startsWith(`${c.payload.subjectType}:`))
          .map((e) => e.doc);
        return { events, ...(page.cursor ? { cursor: page.cursor } : {}) };
      },
    ),
    // The whole log: every chain, head and anchor (names the first broken link).
    // Remembered for the Overview's "last verification" (a concurrent verification's write may win; either is recent).
    'governance.verifyAll': op(empty, async (c) => {
      const [{ verifyWholeLog }, { rememberVerification }] = await Promise.all([evidence(), overview()]);
      const now = systemClock.now();
      const result = await verifyWholeLog(c.deps.store(), now);
      await rememberVerification(c.deps.store(), result, c.actor.accountId, now).catch((e: unknown) => {
        if (!isStoreConflict(e)) throw e;
      });
      return result;
    }),
    'settings.get': op(empty, async (c) => (await settings()).getSettings(c.deps.store())),
    'settings.update': op(
      z.strictObject({
        projectKey: z.optional(
          z
            .string()
            .check(z.regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'a Jira project key: capital letters and digits, like AIC')),
        ),
        portalId: z.optional(z.nullable(z.string().check(z.regex(/^\d{1,18}$/, 'the numeric help-center portal id')))),
        escalationTarget: z.optional(
          z.nullable(
            z
              .string()
              .check(
                z.trim(),
                z.minLength(1, 'a Jira group name, or clear it'),
                z.maxLength(255, 'a Jira group name is at most 255 characters'),
              ),
          ),
        ),
        retentionDays: z.optional(
          z
            .int('whole days')
            .check(z.gte(1, 'keep personal data at least 1 day'), z.lte(36_500, 'at most 36500 days (100 years)')),
        ),
        liveGrantsOnLeave: z.optional(z.enum(['flag', 'revoke'])),
      }),
      async (c) => {
        const cat = await c.catalog();
        return (await settings()).updateSettings(cat, stripUndefined(c.payload), c.actor);
      },
    ),
    'overview.get': op(empty, async (c) => (await overview()).adminOverview(c.deps.store(), systemClock.now())),
    // An evidence bundle an auditor can verify offline (`ai-clearance evidence verify`).
    'governance.export': op(
      z._default(
        z.optional(
          z.strictObject({
            from: z.optional(z.iso.datetime()),
            to: z.optional(z.iso.datetime()),
            personalData: z.optional(z.enum(['include', 'omit'])),
          }),
        ),
        {},
      ),
      async (c) => ({
        bundle: await (
          await evidence()
        ).exportEvidence(
          c.deps.store(),
          { ...stripUndefined(c.payload), generatedBy: c.actor.accountId },
          systemClock.now(),
        ),
      }),
    ),
    'governance.verify': op(z.strictObject({ subjectType: z.enum(SUBJECT_TYPES), subjectId }), async (c) => {
      const { verifiedChain } = await import('../../usecases/governance/subject-chain');
      const chain = await verifiedChain(c.deps.store(), { type: c.payload.subjectType, id: c.payload.subjectId });
      return chain.verification;
    }),
  };
}

type Handler = (
  req: { payload: unknown; context: { accountId?: string } },
  functionName: string,
  deps: AdminResolverDeps,
) => Promise<unknown>;

function op<S extends z.ZodMiniType>(schema: S, run: (c: Call<z.output<S>>) => Promise<unknown>): Handler {
  return async (req, functionName, deps) => {
    const accountId = req.context?.accountId;
    if (!accountId || !(await isJiraAdmin(deps.asUser()))) return forbidden(functionName, accountId);
    const parsed = schema.safeParse(req.payload ?? undefined, PARSE);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      return badRequest(`${functionName}: `, i);
    }
    const actor: Actor = { type: 'user', accountId };
    let store: ReturnType<AdminResolverDeps['store']> | undefined;
    const call: Call<z.output<S>> = {
      payload: parsed.data,
      actor,
      deps: { ...deps, store: () => (store ??= deps.store()) },
      catalog: () => deps.catalog(call.deps.store(), deps.asApp()),
    };
    try {
      return await run(call);
    } catch (e) {
      if (needsUserConsent(e)) throw e;
      if (isCatalogUseCaseError(e)) return fail(e.code, e.message, e.details);
      if (isProvisionError(e)) return fail(e.code, e.message);
      const code = (e as { code?: unknown }).code;
      console.error(
        JSON.stringify({
          event: 'admin-resolver.failed',
          functionName,
          code: typeof code === 'string' ? code : null,
          message: (e as Error).message,
        }),
      );
      return fail(typeof code === 'string' ? code : 'INTERNAL', (e as Error).message);
    }
  };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Registers every admin resolver on `resolver` (call before getDefinitions()). */
export function registerAdminResolvers(resolver: Resolver, deps: AdminResolverDeps = forgeAdminDeps()): void {
  for (const [name, handler] of Object.entries(defineAll(deps))) {
    resolver.define(
      name,
      (req) => handler(req as { payload: unknown; context: { accountId?: string } }, name, deps) as Promise<never>,
    );
  }
}
