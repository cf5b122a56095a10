// Resolvers of the portal request-create panel and the requester's own
// actions. The panel lists requestable tools (the picker reads the catalog,
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
import { NotFoundError } from '../../../usecases/shared/errors';
import { answerFor, badRequest, fail } from '../envelope';
import { forgePortalDeps, type PortalResolverDeps } from '../compose';
import { PARSE } from '../../../domain/zod-messages';

const toolIdSchema = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), z.maxLength(64));
const draftSchema = z.strictObject({
  kind: z.optional(z.enum(['access', 'extension', 'hand_back'])),
  toolId: toolIdSchema,
  purpose: z.optional(z.string().check(z.maxLength(10_000))),
  days: z.optional(z.union([z.number(), z.string().check(z.maxLength(20))])),
});
const actSchema = z.strictObject({
  request: z.string().check(z.regex(/^(\d{1,18}|[A-Z][A-Z0-9_]{0,49}-[1-9]\d{0,9})$/)),
  action: z.enum(['cancel', 'hand_back', 'do_not_renew']),
});
const none = z._default(z.optional(z.strictObject({})), {});

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

  // The panel shows on every request type of every portal
  // (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-service-management-portal-request-create-property-panel/,
  // "Extension context": portal.id, request.typeId): its first call asks which of the app's request types
  // this is, so it asks for what that type needs, or stays out of the way.
  define('portal.context', none, async (_p, _a, store, context) => {
    const [{ loadProvisioning }, { kindOfRequestType }] = await Promise.all([
      catalogRepo(),
      import('../../../usecases/shared/request-source'),
    ]);
    const typeId = context.extension?.request?.typeId;
    if (typeId === undefined || typeId === null) return { kind: 'none' };
    const stored = await loadProvisioning(store);
    let kind = kindOfRequestType(stored, String(typeId));
    if (kind === undefined) {
      // A site provisioned by the CLI: storage may not know the request types yet; discovery (cached) does.
      const discovery = await import('../../../usecases/shared/provisioning-discovery');
      if (!discovery.isStoredComplete(stored))
        kind = kindOfRequestType(await discovery.loadTicketProvisioning(await deps.core()), String(typeId));
    }
    return { kind: kind === undefined || kind === 'ignore' ? 'none' : kind };
  });

  define('portal.tools', none, async (_p, _a, store) => {
    const { listRequestable, loadPolicySet, policyOf } = await catalogRepo();
    const [tools, policySet] = await Promise.all([listRequestable(store), loadPolicySet(store)]);
    return {
      tools: tools.map((t) => {
        const p = policyOf(policySet, t);
        return {
          id: t.id,
          name: t.name,
          risk: t.risk,
          defaultDays: p.defaultDays,
          maxDays: p.maxDays,
          autoApproval: p.autoApprovalAllowed ? p.autoApprovalMaxDays : 0,
        };
      }),
      policyVersion: policySet.version,
    };
  });

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

  define('portal.myAccess', none, async (_p, accountId, store) => {
    const { isLive } = await import('../../../domain/grant/types');
    const [grants, requests] = await Promise.all([
      store.query<Record<string, unknown>>({ index: 'by-owner', partition: ['grant', accountId], limit: 100 }),
      store.query<Record<string, unknown>>({ index: 'by-owner', partition: ['request', accountId], limit: 100 }),
    ]);
    return {
      grants: grants.items.map((g) => ({
        id: g.id,
        issueKey: g.issueKey,
        toolId: g.toolId,
        toolName: g.doc.toolName,
        status: g.status,
        live: isLive(g.status as never),
        expiresAt: g.doc.expiresAt,
      })),
      requests: requests.items.map((r) => ({
        id: r.id,
        issueKey: r.issueKey,
        toolId: r.toolId,
        toolName: r.doc.toolName,
        status: r.status,
        kind: r.doc.kind,
      })),
    };
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
