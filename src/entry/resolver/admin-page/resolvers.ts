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
import { CATALOG_STATUSES } from '../../../domain/catalog/vocabulary';
import { dataHandlingSchema, isoDateSchema, toolProfileShape } from '../../../config/catalog-schema';
import { SUBJECT_TYPES } from '../../../domain/governance/event';
import { EXPORT_FORMATS, EXPORT_KINDS, exportFilterSchema } from '../../../domain/evidence/export-rows';
import { insightsQuerySchema } from '../../../domain/evidence/insights';
import { CHUNK_TARGET_BYTES, EXPORT_ID_PATTERN, exportProgress } from '../../../domain/evidence/export-run';
import { RISK_LEVELS } from '../../../domain/policy/risk-policy';
import type { acceptToolProposal } from '../../../usecases/catalog/import-export';
import type { updatePolicySet } from '../../../usecases/catalog/policy';
import type { CatalogDeps } from '../../../usecases/catalog/deps';
import { systemClock } from '../../../adapters/clock';
import { isStoreConflict } from '../../../ports/store';
import { refusalFor } from '../permission';
import { answerFor, badRequest, fail } from '../envelope';
import { PARSE } from '../../../domain/zod-messages';
import { forgeAdminDeps, type AdminResolverDeps } from '../compose';

// One loader per group of calls; the specifiers are literals so that the bundlers can split there.
const catalogReads = () => import('../../../usecases/catalog/reads');
const catalogLifecycle = () => import('../../../usecases/catalog/lifecycle');
const catalogImportExport = () => import('../../../usecases/catalog/import-export');
const catalogOptionSync = () => import('../../../usecases/catalog/option-sync');
const catalogPolicy = () => import('../../../usecases/catalog/policy');
const provisioning = () => import('./provisioning');
const evidence = () => import('../../../usecases/governance/evidence');
const logSearch = () => import('../../../usecases/governance/log-search');
const overview = () => import('../../../usecases/admin-overview');
const settings = () => import('../../../usecases/settings-update');
const connectors = () => import('./connectors');
const exports_ = () => import('../../../usecases/evidence/export');
const exportDeps = async () => (await import('./evidence-exports')).forgeExportDeps();

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
/** What a tool may override of its risk level's policy; a level's policy is the same plus its durations. */
const overridable = {
  secondReminderDays: optDays,
  autoApprovalAllowed: z.optional(z.boolean()),
  autoApprovalMaxDays: optDays,
  approverGroup: group,
  escalationAfterHours: hours,
  lapseAfterDays: optDays,
  maxTotalDays: optDays,
};
const overrides = z.strictObject(overridable);
const levelPolicy = z.strictObject({
  maxDays: optDays,
  defaultDays: optDays,
  reviewWindowDays: optDays,
  ...overridable,
});
const empty = z._default(z.optional(z.strictObject({})), {});
const text = (max: number) => z.string().check(z.maxLength(max));
const subjectId = z
  .string()
  .check(
    z.regex(/^[A-Za-z0-9._-]{1,128}$/, 'subjectId: an issue id, tool id, risk-policy or app (letters, digits, . _ -)'),
  );
const provider = z.enum(['okta', 'entra']);
const accountId = z.string().check(z.regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be an Atlassian account id'));
const idpGroupId = z
  .string()
  .check(z.regex(/^[A-Za-z0-9-]{1,128}$/, 'must be an Okta group id or an Entra group object id'));

/** Connected mode's use cases with their deps (one chunk, loaded by these calls only). */
async function idp(c: Call<unknown>) {
  const m = await connectors();
  return { m, d: m.connectorAdminDeps(c.deps.store(), c.deps.asApp(), c.catalog) };
}
const grantId = z.string().check(z.regex(/^\d{1,18}$/, 'must be a grant (issue) id'));
const exportId = z.string().check(z.regex(EXPORT_ID_PATTERN, 'exportId must be the id evidence.export.start answered'));
const issueKey = z.string().check(z.regex(/^[A-Z][A-Z0-9_]{0,49}-[1-9]\d{0,9}$/, 'issueKey must look like AIC-123'));

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
        catalogLifecycle(),
        import('../../../config/bundled-catalog-seed'),
      ]);
      return { added: (await seedCatalog(await c.catalog(), BUNDLED_CATALOG_SEED, c.actor)).map((e) => e.id) };
    }),
    'catalog.approve': op(z.strictObject({ toolId }), async (c) =>
      (await catalogLifecycle()).approveTool(await c.catalog(), c.payload.toolId, c.actor),
    ),
    'catalog.reapprove': op(z.strictObject({ toolId }), async (c) =>
      (await catalogLifecycle()).reapproveTool(await c.catalog(), c.payload.toolId, c.actor),
    ),
    'catalog.approveAllLowRisk': op(empty, async (c) =>
      (await catalogLifecycle()).approveAllLowRiskTools(await c.catalog(), c.actor),
    ),
    'catalog.suspend': op(z.strictObject({ toolId, reason }), async (c) =>
      (await catalogLifecycle()).suspendTool(await c.catalog(), c.payload.toolId, c.payload.reason, c.actor),
    ),
    'catalog.retire': op(z.strictObject({ toolId, reason }), async (c) =>
      (await catalogLifecycle()).retireTool(await c.catalog(), c.payload.toolId, c.payload.reason, c.actor),
    ),
    'catalog.edit': op(
      z.strictObject({
        toolId,
        /** The version the admin loaded; when the tool changed since, the edit is refused (CATALOG_VERSION_CONFLICT). */
        expectedVersion: z.optional(z.int().check(z.gte(1, 'expectedVersion is the version the tool had when loaded'))),
        // The descriptive facts are checked by the YAML import's own schemas: the same rules, the same sentences.
        changes: z.strictObject({
          name: z.optional(toolProfileShape.name),
          vendor: z.optional(toolProfileShape.vendor),
          category: z.optional(toolProfileShape.category),
          tier: z.optional(toolProfileShape.tier),
          vendorUrl: z.optional(toolProfileShape.vendorUrl),
          dataHandling: z.optional(dataHandlingSchema),
          assessedOn: z.optional(isoDateSchema),
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
        (await catalogLifecycle()).editTool(
          await c.catalog(),
          c.payload.toolId,
          stripUndefined({ ...c.payload.changes, expectedVersion: c.payload.expectedVersion }),
          c.actor,
        ),
    ),
    // The catalog travels as data; the CLI and the admin page read and write the YAML (with line numbers).
    'catalog.import': op(z.strictObject({ catalog: z.unknown(), fileName: z.optional(text(200)) }), async (c) =>
      (await catalogImportExport()).importCatalog(
        await c.catalog(),
        c.payload.catalog,
        c.payload.fileName ?? 'import',
        c.actor,
      ),
    ),
    'catalog.export': op(empty, async (c) => ({
      catalog: await (await catalogImportExport()).exportCatalog({ store: c.deps.store() }),
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
        (await catalogImportExport()).acceptToolProposal(
          await c.catalog(),
          stripUndefined(c.payload) as Parameters<typeof acceptToolProposal>[1],
          c.actor,
        ),
    ),
    'catalog.syncOptions': op(empty, async (c) => (await catalogOptionSync()).syncAiToolOptions(await c.catalog())),
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
          await catalogPolicy()
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
    // The log by time (oldest first), narrowed to one ticket, one kind of subject or one subject: the console's
    // filter. Filters the store has no index for are applied while reading on, a bounded number of pages per call
    // (usecases/governance/log-search.ts); `readThrough` says how far an answer with a cursor has searched.
    'governance.search': op(
      z.strictObject({
        from: z.iso.datetime('from: an ISO date-time such as 2026-06-01T00:00:00Z'),
        to: z.iso.datetime('to: an ISO date-time such as 2026-06-30T23:59:59Z'),
        ticket: z.optional(
          z.string().check(z.regex(/^[A-Z][A-Z0-9_]{0,49}-[1-9]\d{0,9}$/, 'ticket: an issue key such as AIC-12')),
        ),
        subjectType: z.optional(z.enum(SUBJECT_TYPES)),
        subjectId: z.optional(subjectId),
        cursor: z.optional(z.string().check(z.maxLength(2000))),
      }),
      async (c) => {
        if (c.payload.subjectId !== undefined && c.payload.subjectType === undefined)
          return fail(
            'BAD_REQUEST',
            'governance.search: subjectId needs subjectType (request, grant, catalog, …) to name one subject',
          );
        return (await logSearch()).searchLog(c.deps.store(), stripUndefined(c.payload));
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
    // Connected mode (docs/connected-mode.md). `connection` is parsed by the use case, which never echoes it.
    'connectors.connect': op(z.strictObject({ connection: z.unknown() }), async (c) => {
      const { m, d } = await idp(c);
      return m.connection.connectProvider(d, c.payload.connection, c.actor);
    }),
    'connectors.test': op(z.strictObject({ provider }), async (c) => {
      const { m, d } = await idp(c);
      return m.connection.testProvider(d, c.payload.provider);
    }),
    'connectors.status': op(empty, async (c) =>
      (await connectors()).connection.connectionStatus({ store: c.deps.store() }),
    ),
    'connectors.disconnect': op(z.strictObject({ provider }), async (c) => {
      const { m, d } = await idp(c);
      return m.connection.disconnectProvider(d, c.payload.provider, c.actor);
    }),
    'connectors.setAuthoritative': op(z.strictObject({ provider, authoritative: z.boolean() }), async (c) => {
      const { m, d } = await idp(c);
      return m.connection.setAuthoritative(d, c.payload.provider, c.payload.authoritative, c.actor);
    }),
    'connectors.bind': op(z.strictObject({ toolId, provider, groupId: idpGroupId }), async (c) => {
      const { m, d } = await idp(c);
      return m.binding.bindTool(d, c.payload, c.actor);
    }),
    'connectors.unbind': op(z.strictObject({ toolId }), async (c) => {
      const { m, d } = await idp(c);
      return m.binding.unbindTool(d, c.payload.toolId, c.actor);
    }),
    'connectors.bindings': op(empty, async (c) => ({
      bindings: await (await connectors()).binding.listBindings({ store: c.deps.store() }),
    })),
    'connectors.reconcile': op(z.strictObject({ toolId: z.optional(toolId) }), async (c) => {
      const { m, d } = await idp(c);
      const tools = c.payload.toolId
        ? [c.payload.toolId]
        : (await m.binding.listBindings({ store: c.deps.store() })).map((b) => b.toolId);
      const results = [];
      for (const t of tools) results.push(await m.reconcile.reconcileTool(d, t));
      return { results };
    }),
    // Check one grant's membership now: a connector.check job (its outcome is a governance event on the grant's connector subject).
    'connectors.check': op(z.strictObject({ grantId }), async (c) => {
      const [{ loadGrant }, { connectorJob }] = await Promise.all([
        import('../../../usecases/shared/records'),
        import('../../../usecases/shared/work-jobs'),
      ]);
      const g = await loadGrant(c.deps.store(), c.payload.grantId);
      const job = g ? connectorJob('connector.check', g.doc, Date.now()) : undefined;
      if (!job)
        return fail(
          'NOT_CONNECTED_GRANT',
          `Grant ${c.payload.grantId} does not exist or is not fulfilled by a connector.`,
        );
      const queue = (await c.catalog()).queue;
      if (!queue) return fail('NO_QUEUE', 'The work queue is not available here.');
      await queue.push([job]);
      return { queued: job.idempotencyKey };
    }),
    'connectors.drift': op(empty, async (c) => ({
      reports: await (await connectors()).reconcile.reconcileReports(c.deps.store()),
    })),
    'connectors.tasks': op(empty, async (c) => (await connectors()).connectorTasks(c.deps.store(), systemClock.now())),
    // Retry now: queue a task's connector job again once its cause is fixed (usecases/connectors/retry.ts).
    'connectors.retry': op(
      z.union([
        z.strictObject({ grantId }),
        z.strictObject({
          jobKey: z
            .string()
            .check(z.regex(/^\d{1,18}:(?:add|remove|check):\d{1,20}$/, 'must be a task key from connectors.tasks')),
        }),
      ]),
      async (c) => {
        const { m, d } = await idp(c);
        const queue = (await d.catalog()).queue;
        if (!queue) return fail('NO_QUEUE', 'The work queue is not available here.');
        return m.retryConnectorTask({ ...d, queue }, c.payload, c.actor);
      },
    ),
    'identity.list': op(z.strictObject({ provider }), async (c) =>
      (await connectors()).identity.listMappings({ store: c.deps.store() }, c.payload.provider),
    ),
    'identity.set': op(
      z.strictObject({
        accountId,
        provider,
        idpUserId: z.string().check(z.maxLength(64)),
        idpLogin: z.optional(text(256)),
        confirmedSuggestion: z.optional(z.boolean()),
      }),
      async (c) => {
        const { m, d } = await idp(c);
        const { identityMappingInputSchema } = await import('../../../domain/connectors/identity');
        const { confirmedSuggestion, ...rest } = c.payload;
        const input = identityMappingInputSchema.safeParse(stripUndefined(rest), PARSE);
        if (!input.success) return badRequest('identity.set: ', input.error.issues[0]);
        return m.identity.setMapping(d, input.data, c.actor, confirmedSuggestion ? 'suggestion' : 'admin');
      },
    ),
    'identity.remove': op(z.strictObject({ accountId, provider }), async (c) => {
      const { m, d } = await idp(c);
      return m.identity.removeMapping(d, c.payload.provider, c.payload.accountId, c.actor);
    }),
    // A front-end call carries at most 500KB (platform-contract.md EXP-1): a larger CSV never reaches here.
    'identity.import': op(
      z.strictObject({
        csv: z
          .string()
          .check(
            z.maxLength(
              480_000,
              'csv: at most 480,000 characters a call (Forge carries 500KB); split the file, a header line in each',
            ),
          ),
      }),
      async (c) => {
        const { m, d } = await idp(c);
        return m.identity.importMappingsCsv(d, c.payload.csv, c.actor);
      },
    ),
    'identity.suggest': op(z.strictObject({ accountId, provider }), async (c) => {
      const { m, d } = await idp(c);
      return m.identity.suggestMapping(d, c.payload.provider, c.payload.accountId);
    }),
    // Evidence exports (CSV / JSON Lines), assembled by aic-work jobs: start answers the run at once;
    // status shows progress; chunk n (1-based, ~100 KB) is the download, checked against its SHA-256.
    'evidence.export.start': op(
      z.strictObject({
        kind: z.enum(EXPORT_KINDS),
        format: z.enum(EXPORT_FORMATS),
        filter: z._default(z.optional(exportFilterSchema), {}),
        /** Smaller chunks than the default ~100 KB (at least 1 KB). */
        chunkBytes: z.optional(z.int().check(z.gte(1024), z.lte(CHUNK_TARGET_BYTES))),
      }),
      async (c) =>
        exportProgress(
          await (
            await exports_()
          ).startExport(
            { ...(await exportDeps()), store: c.deps.store() },
            { ...c.payload, requestedBy: c.actor.accountId },
          ),
        ),
    ),
    'evidence.export.status': op(z.strictObject({ exportId }), async (c) => {
      const loaded = await (await exports_()).loadExportRun(c.deps.store(), c.payload.exportId);
      if (!loaded) return fail('EXPORT_NOT_FOUND', `no export ${c.payload.exportId}`);
      return { ...exportProgress(loaded.run), chunkDigests: loaded.run.chunkDigests };
    }),
    'evidence.export.chunk': op(z.strictObject({ exportId, n: z.int().check(z.gte(1)) }), async (c) =>
      (await exports_()).readExportChunk(c.deps.store(), c.payload.exportId, c.payload.n),
    ),
    // A run whose job was lost (a failed queue push): queue it again; it continues after its last chunk.
    'evidence.export.resume': op(z.strictObject({ exportId }), async (c) =>
      exportProgress(
        await (await exports_()).resumeExport({ ...(await exportDeps()), store: c.deps.store() }, c.payload.exportId),
      ),
    ),
    // The evidence pack of one grant (its request's issue key) or of every grant approved in a period:
    // pack.json, events.json, pack.html, manifest.json.
    'evidence.pack': op(
      z.union([
        z.strictObject({ issueKey }),
        z.strictObject({
          from: z.iso.datetime({ offset: true }),
          to: z.iso.datetime({ offset: true }),
          toolId: z.optional(toolId),
          /** A period with more grants than one answer holds is packed in parts (1-based; the answer says how many). */
          part: z.optional(z.int().check(z.gte(1))),
        }),
      ]),
      async (c) => {
        const packs = await import('../../../usecases/evidence/pack');
        const now = systemClock.now();
        if ('issueKey' in c.payload)
          return { files: await packs.buildGrantPack(c.deps.store(), c.payload.issueKey, now, c.actor.accountId) };
        return packs.buildPeriodPack(c.deps.store(), stripUndefined(c.payload), now, c.actor.accountId);
      },
    ),
    'insights.overview': op(insightsQuerySchema, async (c) =>
      (await import('../../../usecases/evidence/insights')).insightsOverview(
        c.deps.store(),
        c.payload,
        systemClock.now(),
      ),
    ),
    'governance.verify': op(z.strictObject({ subjectType: z.enum(SUBJECT_TYPES), subjectId }), async (c) => {
      const { verifiedChain } = await import('../../../usecases/governance/subject-chain');
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
    const refused = await refusalFor(
      deps.asUser,
      { permission: 'ADMINISTER' },
      { resolver: 'admin-resolver', functionName, accountId },
      'Only Jira administrators can change the AI Clearance catalog, policy, provisioning or governance log. Ask a Jira admin.',
    );
    if (refused || !accountId) return refused;
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
      return answerFor(e, { resolver: 'admin-resolver', functionName });
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
