// Resolvers of the agents' approvals view (jiraServiceManagement:queuePage
// `ai-clearance-queues`). Every call: zod-checked payload → the caller must
// be able to transition issues in the project (asked of Jira AS THE USER,
// never trusted from the payload) → one use case. Answers are plain JSON:
// the result, or {error:{code,message}}.
//
// A call loads what it uses with import() when it runs (webpack and esbuild
// emit a chunk per import()): listing approvals reads the store only, the
// queue filters load the bundled desired state, the request detail the record
// schemas, and only a decision loads the decision rules and the core wiring
// (comment templates, Handlebars). A chunk that fails to load is answered like
// any other error.
import type Resolver from '@forge/resolver';
import * as z from 'zod/mini';
import type { AppStore } from '../../../ports/store';
import type { VerifyResult } from '../../../domain/governance/verify';
import { loadSettings } from '../../../usecases/shared/app-settings';
import { NotFoundError } from '../../../usecases/shared/errors';
import { answerFor, badRequest, fail } from '../envelope';
import { refusalFor } from '../permission';
import { forgeAgentDeps, type AgentResolverDeps } from '../compose';
import { PARSE } from '../../../domain/zod-messages';

const requestRef = z
  .string()
  .check(
    z.regex(
      /^(\d{1,18}|[A-Z][A-Z0-9_]{0,49}-[1-9]\d{0,9})$/,
      'request must be an issue key like AIC-12 or an issue id',
    ),
  );
const decideSchema = z.strictObject({
  request: requestRef,
  action: z.enum(['approve', 'decline', 'fulfil', 'revoke', 'cancel']),
  days: z.optional(z.int().check(z.gte(1), z.lte(365))),
  rationale: z.optional(z.string().check(z.maxLength(4000))),
});
const listSchema = z._default(
  z.optional(
    z.strictObject({
      status: z._default(
        z.enum(['pending_approval', 'pending_fulfilment', 'manual_action_required']),
        'pending_approval',
      ),
      cursor: z.optional(z.string().check(z.maxLength(2000))),
    }),
  ),
  { status: 'pending_approval' },
);
const getSchema = z.strictObject({ request: requestRef });
// The agent panel's one call per screen: the request and, while it waits for a decision, the preview.
const getWithPreviewSchema = z.strictObject({ request: requestRef, withPreview: z.optional(z.boolean()) });
const decideManySchema = z.strictObject({
  requests: z
    .array(requestRef)
    .check(z.minLength(1, 'pick at least one request'), z.maxLength(50, 'at most 50 requests at once')),
  action: z.enum(['approve', 'decline']),
  rationale: z.optional(z.string().check(z.maxLength(4000))),
});

async function listQueue(
  store: AppStore,
  status: 'pending_approval' | 'pending_fulfilment' | 'manual_action_required',
  cursor?: string,
) {
  const kind = status === 'pending_approval' ? 'request' : 'grant';
  const page = await store.query<unknown>({
    index: 'by-kind-status',
    partition: [kind, status],
    limit: 50,
    ...(cursor ? { cursor } : {}),
  });
  return {
    items: page.items.map((r) => {
      const d = r.doc as Record<string, unknown>;
      return {
        id: r.id,
        issueKey: r.issueKey,
        status: r.status,
        toolId: r.toolId,
        toolName: d.toolName,
        requester: r.owner,
        requesterName: d.requesterName ?? null,
        days: d.requestedDays ?? d.days,
        risk: d.risk,
        // Waiting time is measured from here (the request's own submission, not the ticket's last change).
        submittedAt: d.submittedAt ?? null,
        dueAt: r.dueAt,
      };
    }),
    cursor: page.cursor,
  };
}

function chainStatus(v: VerifyResult): { ok: boolean; events: number; message: string | null } {
  return { ok: v.ok, events: v.counts.events, message: v.ok ? null : v.message };
}

export function registerAgentResolvers(resolver: Resolver, deps: AgentResolverDeps = forgeAgentDeps()): void {
  const guarded = <S extends z.ZodMiniType>(
    name: string,
    schema: S,
    run: (payload: z.infer<S>, accountId: string, store: AppStore) => Promise<unknown>,
  ) =>
    resolver.define(name, async (req) => {
      const accountId = (req.context as { accountId?: string } | undefined)?.accountId;
      const parsed = schema.safeParse(req.payload ?? undefined, PARSE);
      if (!parsed.success) return badRequest('', parsed.error.issues[0]);
      if (!accountId) return fail('UNAUTHENTICATED', 'Sign in to use the approvals view.');
      const store = deps.store();
      const settings = await loadSettings(store);
      const refused = await refusalFor(
        deps.asUser,
        { permission: 'TRANSITION_ISSUES', projectKey: settings.projectKey },
        { resolver: 'agent-resolver', functionName: name, accountId },
        'Only agents of the AI Clearance service project can decide requests.',
      );
      if (refused) return refused;
      try {
        return await run(parsed.data, accountId, store);
      } catch (e) {
        return answerFor(e, { resolver: 'agent-resolver', functionName: name });
      }
    });

  // The shared filters provisioning made, one per queue template (the queue page lists them).
  guarded('queues.list', z._default(z.optional(z.strictObject({})), {}), async (_p, _a, store) => {
    const [{ queueFilters }, { appStoreProvisioningState }, { BUNDLED_DESIRED_STATE }] = await Promise.all([
      import('../../../usecases/provision/queue-filters'),
      import('../../../usecases/shared/provisioning-state'),
      import('../../../config/templates/bundled-desired'),
    ]);
    return { queues: await queueFilters(appStoreProvisioningState(store), BUNDLED_DESIRED_STATE) };
  });
  guarded('approvals.list', listSchema, async (p, _a, store) => listQueue(store, p.status, p.cursor));
  guarded('approvals.decide', decideSchema, async (p, accountId) => {
    const [{ decideFromView }, core] = await Promise.all([import('../../../usecases/decide-from-view'), deps.core()]);
    return decideFromView(core, {
      request: p.request,
      action: p.action,
      actorId: accountId,
      days: p.days,
      rationale: p.rationale,
    });
  });
  // Every request decided on its own (own commit, event, comment); per-request results, idempotent per request.
  guarded('approvals.decideMany', decideManySchema, async (p, accountId) => {
    const [{ decideMany }, core] = await Promise.all([import('../../../usecases/decide-many'), deps.core()]);
    return decideMany(core, { requests: p.requests, action: p.action, actorId: accountId, rationale: p.rationale });
  });
  // "Can I approve this, and if not why": the decision rules run without saving, before anyone clicks.
  const preview = async (request: string, accountId: string) => {
    const [{ previewDecision }, core] = await Promise.all([import('../../../usecases/decision-preview'), deps.core()]);
    return previewDecision(core, { request, actorId: accountId });
  };
  guarded('approvals.preview', getSchema, async (p, accountId) => preview(p.request, accountId));
  guarded('approvals.get', getWithPreviewSchema, async (p, accountId, store) => {
    const [{ findRequest, loadGrant, requestRecordSchema }, { shownStatus }, { verifiedChain }, { loadCatalogEntry }] =
      await Promise.all([
        import('../../../usecases/shared/records'),
        import('../../../usecases/shared/ticket-stamp'),
        import('../../../usecases/governance/subject-chain'),
        import('../../../usecases/shared/catalog-repo'),
      ]);
    const r = await findRequest(store, p.request);
    if (!r) throw new NotFoundError('REQUEST_NOT_FOUND', `No AI access request ${p.request}.`);
    const doc = requestRecordSchema.parse(r.doc, PARSE);
    const grant = doc.grantId ? (await loadGrant(store, doc.grantId))?.doc : undefined;
    const entry = doc.toolId ? await loadCatalogEntry(store, doc.toolId) : undefined;
    const requestChain = await verifiedChain(store, { type: 'request', id: doc.id });
    const grantChain = grant ? await verifiedChain(store, { type: 'grant', id: grant.id }) : undefined;
    const { sync, ...request } = doc;
    return {
      // Asked for and still undecided: the decision preview too, so the panel loads in one round trip.
      ...(p.withPreview && doc.status === 'pending_approval' ? { preview: await preview(p.request, accountId) } : {}),
      request,
      grant: grant ?? null,
      status: shownStatus(doc, grant),
      tool: entry
        ? {
            id: entry.id,
            name: entry.name,
            vendor: entry.vendor,
            risk: entry.risk,
            status: entry.status,
            riskRationale: entry.riskRationale,
            dataHandling: entry.dataHandling,
          }
        : null,
      ticketSync: { pending: sync.pending.length, failures: sync.failures, lastError: sync.lastError ?? null },
      // Each chain's verification (hash links and sequence), so the timeline can say whether it is intact.
      chains: {
        request: chainStatus(requestChain.verification),
        grant: grantChain ? chainStatus(grantChain.verification) : null,
      },
      timeline: [...requestChain.events, ...(grantChain?.events ?? [])].sort((a, b) =>
        String((a as { at: string }).at).localeCompare(String((b as { at: string }).at)),
      ),
    };
  });
}
