// Resolvers of the portal request-create panel and the requester's own
// access and actions (the portal request detail, and My AI access on the
// portal's Profile page, jiraServiceManagement:portalProfilePanel, which JSM
// customers can open). The panel lists requestable tools (the picker reads the catalog,
// never a stale form), checks a draft before submission with the same rules
// intake applies; the panel itself hands what the person chose to the portal
// form (view.submit), which Jira stores in the app's issue property. The
// caller is always the signed-in person (context.accountId):
// they can only see and act on their own access.
//
// A call loads what it uses with import() when it runs (webpack and esbuild
// emit a chunk per import()): the picker and the draft check load the catalog
// reads (and the intake rules), and only an action loads the decision rules
// and the core wiring (comment templates, Handlebars). A chunk that fails to
// load is answered like any other error.
import type Resolver from '@forge/resolver';
import * as z from 'zod/mini';
import type { AppStore } from '../../../ports/store';
import { NotFoundError, UseCaseRefusal } from '../../../usecases/shared/errors';
import { answerFor, badRequest, fail } from '../envelope';
import { forgePortalDeps, type PortalResolverDeps } from '../compose';
import { PARSE } from '../../../domain/zod-messages';
import { dataHandlingSummary } from '../../../domain/catalog/data-handling-summary';

const toolIdSchema = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), z.maxLength(64));
const draftSchema = z.strictObject({
  kind: z.optional(z.enum(['access', 'extension', 'hand_back'])),
  toolId: toolIdSchema,
  purpose: z.optional(z.string().check(z.maxLength(10_000))),
  days: z.optional(z.union([z.number(), z.string().check(z.maxLength(20))])),
});
const requestRefSchema = z.string().check(z.regex(/^(\d{1,18}|[A-Z][A-Z0-9_]{0,49}-[1-9]\d{0,9})$/));
const actSchema = z.strictObject({
  request: requestRefSchema,
  action: z.enum(['cancel', 'hand_back', 'do_not_renew']),
});
const requestSchema = z.strictObject({ request: requestRefSchema });
const extendSchema = z.strictObject({
  request: requestRefSchema,
  days: z.int().check(z.gte(1), z.lte(3650)),
  purpose: z.string().check(z.minLength(1), z.maxLength(2000)),
});
/** The parts of a catalog record the picker shows (the stored record is checked loosely; these may be absent). */
const profileSchema = z.looseObject({
  vendor: z.optional(z.string()),
  riskRationale: z.optional(z.string()),
  dataHandling: z.optional(
    z.looseObject({
      trainsOnCustomerData: z.enum(['yes', 'no', 'opt-out', 'unknown']),
      retention: z.string(),
      dataResidency: z.array(z.string()),
    }),
  ),
});
const none = z._default(z.optional(z.strictObject({})), {});
const contextSchema = z._default(z.optional(z.strictObject({ withTools: z.optional(z.boolean()) })), {});

/** What Forge passes a resolver of the portal panel: the extension context of the create-request page. */
interface PanelContext {
  extension?: {
    request?: { typeId?: number | string | null } | null;
    portal?: { id?: number | string | null } | null;
  } | null;
}

const catalogRepo = () => import('../../../usecases/shared/catalog-repo');

export function registerPortalResolvers(resolver: Resolver, deps: PortalResolverDeps = forgePortalDeps()): void {
  const define = <S extends z.ZodMiniType>(
    name: string,
    schema: S,
    run: (payload: z.infer<S>, accountId: string, store: AppStore, context: PanelContext) => Promise<unknown>,
  ) =>
    resolver.define(name, async (req) => {
      const accountId = (req.context as { accountId?: string } | undefined)?.accountId;
      const parsed = schema.safeParse(req.payload ?? undefined, PARSE);
      if (!parsed.success) return badRequest('', parsed.error.issues[0]);
      if (!accountId) return fail('UNAUTHENTICATED', 'Sign in to the help center to request AI tool access.');
      try {
        return await run(parsed.data, accountId, deps.store(), req.context ?? {});
      } catch (e) {
        return answerFor(e, { resolver: 'portal-resolver', functionName: name });
      }
    });

  /** The requestable tools with what the picker shows, and the policy version in force. */
  const requestableTools = async (store: AppStore) => {
    const { listRequestable, loadPolicySet, policyOf } = await catalogRepo();
    const [tools, policySet] = await Promise.all([listRequestable(store), loadPolicySet(store)]);
    return {
      tools: tools.map((t) => {
        const p = policyOf(policySet, t);
        const profile = profileSchema.safeParse(t);
        const facts = profile.success ? profile.data : {};
        return {
          id: t.id,
          name: t.name,
          risk: t.risk,
          ...(facts.vendor ? { vendor: facts.vendor } : {}),
          ...(facts.dataHandling ? { dataHandling: dataHandlingSummary(facts.dataHandling) } : {}),
          ...(facts.riskRationale ? { guidance: facts.riskRationale } : {}),
          defaultDays: p.defaultDays,
          maxDays: p.maxDays,
          autoApproval: p.autoApprovalAllowed ? p.autoApprovalMaxDays : 0,
        };
      }),
      policyVersion: policySet.version,
    };
  };

  /** The caller's grants and request history (their own only: the query is by owner). */
  const myAccess = async (accountId: string, store: AppStore) => {
    const [{ grantView, requestSummary }, { grantDocSchema }, { requestDocSchema }] = await Promise.all([
      import('../../../domain/grant/requester-view'),
      import('../../../domain/grant/types'),
      import('../../../domain/request/types'),
    ]);
    const [grants, requests] = await Promise.all([
      store.query<unknown>({ index: 'by-owner', partition: ['grant', accountId], limit: 100 }),
      store.query<unknown>({ index: 'by-owner', partition: ['request', accountId], limit: 100 }),
    ]);
    const now = deps.clock.now();
    // A record that does not parse is left out of the list rather than failing the page.
    return {
      grants: grants.items.flatMap((g) => {
        const doc = grantDocSchema.safeParse(g.doc);
        return doc.success ? [grantView(doc.data, now)] : [];
      }),
      requests: requests.items
        .flatMap((r) => {
          const doc = requestDocSchema.safeParse(r.doc);
          return doc.success ? [requestSummary(doc.data)] : [];
        })
        .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt)),
    };
  };

  // The panel shows on every request type of every portal
  // (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-service-management-portal-request-create-property-panel/,
  // "Extension context": portal.id, request.typeId): its first call asks which of the app's request types
  // this is, so it asks for what that type needs, or stays out of the way.
  /** The site's ids; a site provisioned by the CLI may be unknown to storage, and discovery (cached) finds them. */
  const provisioning = async (store: AppStore) => {
    const stored = await (await catalogRepo()).loadProvisioning(store);
    const discovery = await import('../../../usecases/shared/provisioning-discovery');
    return discovery.isStoredComplete(stored) ? stored : discovery.loadTicketProvisioning(await deps.core());
  };

  define('portal.context', contextSchema, async (p, accountId, store, context) => {
    const { kindOfRequestType } = await import('../../../usecases/shared/request-source');
    const typeId = context.extension?.request?.typeId;
    if (typeId === undefined || typeId === null) return { kind: 'none' };
    const stored = await (await catalogRepo()).loadProvisioning(store);
    let found = kindOfRequestType(stored, String(typeId));
    if (found === undefined) found = kindOfRequestType(await provisioning(store), String(typeId));
    const kind = found === undefined || found === 'ignore' ? 'none' : found;
    // withTools: what the panel needs for this request type in the same answer (one round trip per screen):
    // the requestable tools, and for an extension or hand-back the person's grants.
    if (!p.withTools || kind === 'none') return { kind };
    const [tools, mine] = await Promise.all([
      requestableTools(store),
      kind === 'access' ? undefined : myAccess(accountId, store),
    ]);
    return { kind, ...tools, ...(mine ? { grants: mine.grants } : {}) };
  });

  define('portal.tools', none, async (_p, _a, store) => requestableTools(store));

  define('portal.validate', draftSchema, async (p, _a, store) => {
    const [{ loadCatalogEntry, loadPolicySet, policyOf, toToolView }, { checkDays, checkPurpose, checkTool }] =
      await Promise.all([catalogRepo(), import('../../../domain/request/intake')]);
    const entry = await loadCatalogEntry(store, p.toolId);
    const policy = entry ? policyOf(await loadPolicySet(store), entry) : undefined;
    const problems: Array<{ field: string; code: string; message: string }> = [];
    // Handing access back works even after the tool left the catalog: only "is it a tool we know" matters (as intake).
    if (p.kind === 'hand_back')
      return {
        ok: Boolean(entry),
        problems: entry
          ? []
          : [{ field: 'toolId', code: 'TOOL_UNKNOWN', message: 'The AI tool is not in the catalog.' }],
      };
    const tool = checkTool(p.toolId, entry ? toToolView(entry) : undefined, policy);
    if (!tool.ok) problems.push({ field: 'toolId', code: tool.error.code, message: tool.error.message });
    const purpose = checkPurpose(p.purpose ?? null);
    if (!purpose.ok) problems.push({ field: 'purpose', code: purpose.error.code, message: purpose.error.message });
    if (tool.ok) {
      const days = checkDays(p.days ?? null, tool.value.policy);
      if (!days.ok) problems.push({ field: 'days', code: days.error.code, message: days.error.message });
    }
    return { ok: problems.length === 0, problems };
  });

  // withTools: My AI access (global page, portal profile) shows the approved tools beside the person's own
  // grants and requests: one answer, one round trip per screen load.
  define('portal.myAccess', contextSchema, async (p, accountId, store) => {
    if (!p.withTools) return myAccess(accountId, store);
    const [mine, tools] = await Promise.all([myAccess(accountId, store), requestableTools(store)]);
    return { ...mine, tools: tools.tools };
  });

  define('portal.request', requestSchema, async (p, accountId, store) => {
    const [{ findRequest, loadGrant }, { grantView, requesterActions, requestSummary }] = await Promise.all([
      import('../../../usecases/shared/records'),
      import('../../../domain/grant/requester-view'),
    ]);
    const r = await findRequest(store, p.request);
    if (!r || r.doc.requester !== accountId) return { request: null };
    const g = r.doc.grantId ? await loadGrant(store, r.doc.grantId) : undefined;
    const d = r.doc;
    return {
      request: {
        ...requestSummary(d),
        policyVersion: d.policyVersion,
        ...(d.decision
          ? { decision: { at: d.decision.at, days: d.decision.days ?? null, auto: d.decision.auto } }
          : {}),
        ...(d.rejection ? { rejection: d.rejection.message } : {}),
      },
      grant: g ? grantView(g.doc, deps.clock.now()) : null,
      actions: requesterActions(d, g?.doc),
    };
  });

  // Extending is a new request of the site's extension request type, raised as the person on the portal
  // (JSM records them as the reporter); intake then decides it like any extension, with its evidence.
  define('portal.extend', extendSchema, async (p, accountId, store) => {
    const [{ findRequest, loadGrant }, { requesterActions }, { jiraRoute }] = await Promise.all([
      import('../../../usecases/shared/records'),
      import('../../../domain/grant/requester-view'),
      import('../../../adapters/jira/routes'),
    ]);
    const r = await findRequest(store, p.request);
    if (!r || r.doc.requester !== accountId)
      throw new UseCaseRefusal('REQUEST_NOT_FOUND', `You have no AI access request ${p.request}.`);
    const g = r.doc.grantId ? await loadGrant(store, r.doc.grantId) : undefined;
    if (!g || !requesterActions(r.doc, g.doc).includes('extend'))
      throw new UseCaseRefusal('CANNOT_EXTEND', 'This access cannot be extended: it has ended or reached its limit.');
    const site = await provisioning(store);
    const requestTypeId = site.requestTypes.extendAiAccess?.id;
    const [tool, days, purpose] = ['aiTool', 'accessDurationDays', 'businessPurpose'].map((f) => site.fields[f]?.id);
    if (!site.serviceDeskId || !requestTypeId || !tool || !days || !purpose)
      throw new UseCaseRefusal(
        'NOT_PROVISIONED',
        'Extensions are not set up on this site yet. Ask your AI Clearance admin.',
      );
    // JSM takes only the fields on the request type's portal form (an admin's manual step): send those.
    const form = await deps.asUser().request({
      ...jiraRoute('GET /rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}/field', {
        serviceDeskId: site.serviceDeskId,
        requestTypeId,
      }),
    });
    const onForm = new Set(
      z
        .looseObject({ requestTypeFields: z.array(z.looseObject({ fieldId: z.string() })) })
        .parse(form.body)
        .requestTypeFields.map((f) => f.fieldId),
    );
    const values: Record<string, unknown> = {
      summary: `Extend my ${g.doc.toolName} access by ${p.days} days`,
      [tool]: { value: g.doc.toolName },
      [days]: p.days,
      [purpose]: p.purpose,
    };
    const res = await deps.asUser().request({
      ...jiraRoute('POST /rest/servicedeskapi/request'),
      body: {
        serviceDeskId: site.serviceDeskId,
        requestTypeId,
        requestFieldValues: Object.fromEntries(Object.entries(values).filter(([k]) => onForm.has(k))),
      },
    });
    const created = z.looseObject({ issueKey: z.string() }).parse(res.body);
    return { issueKey: created.issueKey };
  });

  define('portal.act', actSchema, async (p, accountId, store) => {
    const [{ findRequest }, { decideFromView }, core] = await Promise.all([
      import('../../../usecases/shared/records'),
      import('../../../usecases/decide-from-view'),
      deps.core(),
    ]);
    const r = await findRequest(store, p.request);
    // Someone else's request is indistinguishable from a missing one: no probing other people's access.
    if (!r || r.doc.requester !== accountId)
      throw new NotFoundError('REQUEST_NOT_FOUND', `You have no AI access request ${p.request}.`);
    return decideFromView(core, { request: r.doc.id, action: p.action, actorId: accountId });
  });
}
