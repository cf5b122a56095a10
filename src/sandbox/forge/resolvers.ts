// UI resolver calls, made the way the Forge UI bridge makes them: the
// function exported with @forge/resolver's getDefinitions() receives
//   ({call: {functionKey, payload, jobId}, context: {accountId, cloudId, moduleKey, ...}},
//    {installContext, principal: {accountId}, license, installation})
// (see node_modules/@forge/resolver/out/index.js) and returns the value.
import * as z from 'zod';
import { ForgePlatformError } from './errors';
import type { InvocationLog } from './invocation-log';
import type { Invoker } from './invoker';
import type { AppModel } from './manifest';
import { installContextOf, type AppIdentity } from './runtime';
import type { ResolverModuleDef } from './manifest';

/**
 * The user types Forge tells apart; a module runs for `licensed` users, and for the others only when its
 * manifest entry lists them in `unlicensedAccess`.
 * https://developer.atlassian.com/platform/forge/access-to-forge-apps-for-unlicensed-users/ ("Opt in to
 * unlicensed access": "its absence means that the module does not allow unlicensed users"; "Customize app
 * behavior for different types of users": the resolver context's `accountType`).
 */
export const AccountType = z.enum(['licensed', 'unlicensed', 'customer', 'anonymous']);
export type AccountType = z.infer<typeof AccountType>;

export const PORTAL_PANEL_MODULE = 'jiraServiceManagement:portalRequestCreatePropertyPanel';

export const ResolverRequestSchema = z.object({
  /** UI module key (e.g. a jira:issuePanel); its resolver.function is called. */
  moduleKey: z.string().optional(),
  /** Or the resolver function of a UI module (only UI modules' resolvers are callable from the front end). */
  functionKey: z.string().optional(),
  /** The resolver definition key (resolver.define('<name>', ...)). */
  functionName: z.string().min(1),
  payload: z.unknown().optional(),
  accountId: z.string().optional(),
  /** The caller's user type (default licensed). */
  accountType: AccountType.optional(),
  /** The host page's extension context (module-specific, e.g. portal.id and request.typeId); merged into context.extension. */
  extension: z.record(z.string(), z.unknown()).optional(),
  /** Extra frontend context, merged into `context`. */
  context: z.record(z.string(), z.unknown()).optional(),
  jobId: z.string().optional(),
});
export type ResolverRequest = z.infer<typeof ResolverRequestSchema>;

/**
 * The UI module a front-end call is for: by module key, or by the function key of a UI module's resolver (the
 * bridge calls a module's resolver, never an arbitrary function such as a scheduled trigger's).
 */
function uiModuleOf(model: AppModel, req: ResolverRequest): ResolverModuleDef {
  if (req.moduleKey !== undefined) {
    const mod = model.resolverModules.get(req.moduleKey);
    if (!mod)
      throw new ForgePlatformError(
        'UNKNOWN_MODULE',
        `no UI module "${req.moduleKey}" with a resolver in manifest.yml (modules with resolvers: ${[...model.resolverModules.keys()].join(', ') || 'none'})`,
      );
    if (req.functionKey !== undefined && req.functionKey !== mod.functionKey)
      throw new ForgePlatformError(
        'NOT_A_UI_RESOLVER',
        `${req.functionKey} is not the resolver of UI module ${mod.key} (${mod.functionKey})`,
      );
    return mod;
  }
  if (req.functionKey === undefined)
    throw new ForgePlatformError(
      'UNKNOWN_MODULE',
      'invokeResolver needs a moduleKey (UI module) or the function key of a UI module resolver',
    );
  const mods = [...model.resolverModules.values()].filter((m) => m.functionKey === req.functionKey);
  if (mods.length === 0) {
    if (!model.functions.has(req.functionKey))
      throw new ForgePlatformError('UNKNOWN_FUNCTION', `no function "${req.functionKey}" in manifest.yml`);
    throw new ForgePlatformError(
      'NOT_A_UI_RESOLVER',
      `function "${req.functionKey}" is not the resolver of any UI module: the front end cannot call it (UI resolvers: ${[...new Set([...model.resolverModules.values()].map((m) => m.functionKey))].join(', ') || 'none'})`,
    );
  }
  if (mods.length > 1)
    throw new ForgePlatformError(
      'UNKNOWN_MODULE',
      `function "${req.functionKey}" resolves ${mods.length} UI modules (${mods.map((m) => m.key).join(', ')}): name the moduleKey`,
    );
  return mods[0];
}

const PortalPanelExtension = z.object({
  portal: z.object({ id: z.coerce.number().int().positive() }),
  request: z.object({ typeId: z.coerce.number().int().positive() }),
});

/**
 * The extension context the host page gives the module. The portal request-create panel's is documented as
 * `type`, `portal.id` (number), `request.typeId` (number) and `location` (the host page's URL):
 * https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-service-management-portal-request-create-property-panel/
 * ("Extension context"). The panel only renders on a request's create page, so a call without them is refused.
 */
function extensionContext(
  mod: ResolverModuleDef,
  given: Record<string, unknown> | undefined,
  siteUrl: string,
): Record<string, unknown> {
  if (mod.moduleType !== PORTAL_PANEL_MODULE) return { ...given };
  const parsed = PortalPanelExtension.safeParse(given ?? {});
  if (!parsed.success) {
    throw new ForgePlatformError(
      'MISSING_EXTENSION_CONTEXT',
      `${mod.key} renders on a portal's create-request page: give extension {"portal":{"id":N},"request":{"typeId":N}} (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')})`,
    );
  }
  const { portal, request } = parsed.data;
  return {
    portal: { id: portal.id },
    request: { typeId: request.typeId },
    location: `${siteUrl}/servicedesk/customer/portal/${portal.id}/create/${request.typeId}`,
  };
}

/** Why the module does not run for a user of `accountType` (its manifest entry does not list it), or undefined. */
export function unlicensedRefusal(
  mod: Pick<ResolverModuleDef, 'key' | 'moduleType' | 'unlicensedAccess'>,
  accountType: AccountType,
): string | undefined {
  if (accountType === 'licensed' || mod.unlicensedAccess.includes(accountType)) return undefined;
  return `${mod.moduleType} ${mod.key} does not run for ${accountType} users: its manifest entry lists unlicensedAccess [${mod.unlicensedAccess.join(', ')}]`;
}

/**
 * Forge's front-end invocation limits (`invoke` through @forge/bridge):
 * https://developer.atlassian.com/platform/forge/limits-invocation/ › "Additional invocation limits" —
 * "Front-end invocation request payload size: 500KB", "Front-end invocation response payload size: 5MB".
 * The page does not say whether KB/MB are decimal or binary, nor what the bridge answers past them: the sandbox
 * takes the smaller (decimal) reading, so an app that fits here fits either way, and refuses with its own
 * codes (platform-contract.md EXP-1).
 */
export const FRONTEND_REQUEST_MAX_BYTES = 500_000;
export const FRONTEND_RESPONSE_MAX_BYTES = 5_000_000;

/** Size of a value as the bridge carries it: its JSON in UTF-8 (undefined carries nothing). */
export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value) as string | undefined;
  return json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
}

export async function invokeResolver(
  deps: { model: AppModel; invoker: Invoker; log: InvocationLog; identity: AppIdentity },
  input: ResolverRequest,
): Promise<unknown> {
  const req = ResolverRequestSchema.parse(input);
  const { model, identity } = deps;
  const mod = uiModuleOf(model, req);
  const functionKey = mod.functionKey;
  const moduleKey = mod.key;
  const accountType = req.accountType ?? 'licensed';
  const refusal = unlicensedRefusal(mod, accountType);
  if (refusal) throw new ForgePlatformError('UNLICENSED_ACCESS_DENIED', refusal);
  const extension = { ...extensionContext(mod, req.extension, identity.siteUrl), type: mod.moduleType };
  // What the bridge sends: the resolver's name and the payload. Refused before the function runs.
  const requestBytes = jsonBytes({ functionKey: req.functionName, payload: req.payload });
  if (requestBytes > FRONTEND_REQUEST_MAX_BYTES)
    throw new ForgePlatformError(
      'INVOCATION_PAYLOAD_TOO_LARGE',
      `the call to ${moduleKey}/${req.functionName} carries ${requestBytes} bytes; a front-end invocation request may carry at most ${FRONTEND_REQUEST_MAX_BYTES} (500KB): send less per call`,
    );

  const installContext = installContextOf(identity);
  const outcome = await deps.invoker.invoke({
    kind: 'resolver',
    functionKey,
    moduleKey,
    accountId: req.accountId,
    payload: {
      call: { functionKey: req.functionName, payload: req.payload, ...(req.jobId ? { jobId: req.jobId } : {}) },
      context: {
        accountId: req.accountId,
        cloudId: identity.cloudId,
        siteUrl: identity.siteUrl,
        moduleKey,
        localId: `${moduleKey}-sandbox`,
        environmentId: identity.environmentId,
        environmentType: identity.environmentType,
        accountType,
        ...req.context,
        extension,
      },
    },
    contextArg: { installContext, ...(req.accountId ? { principal: { accountId: req.accountId } } : {}) },
  });
  // The function ran (its writes stand); an answer over the limit does not reach the page.
  const responseBytes = outcome.status === 'returned' ? jsonBytes(outcome.value) : 0;
  const tooLarge =
    responseBytes > FRONTEND_RESPONSE_MAX_BYTES
      ? `resolver ${moduleKey}/${req.functionName} answered ${responseBytes} bytes; a front-end invocation response may carry at most ${FRONTEND_RESPONSE_MAX_BYTES} (5MB): answer less per call (pages, chunks)`
      : undefined;
  const result = outcome.status === 'returned' && !tooLarge ? 'ok' : 'error';
  deps.log.record({
    id: outcome.invocationId,
    kind: 'resolver',
    key: moduleKey,
    functionKey,
    resolverName: req.functionName,
    attempt: 1,
    duplicate: false,
    result,
    error: tooLarge ?? outcome.error,
    startedAt: outcome.startedAt,
    durationMs: outcome.durationMs,
    counters: outcome.counters,
  });
  if (
    outcome.status !== 'returned' &&
    (outcome.thrown as { name?: unknown } | undefined)?.name === 'NEEDS_AUTHENTICATION_ERR'
  ) {
    // asUser() for a user who has not allowed the app access yet: Forge shows the user the consent prompt
    // ("Follow the onscreen prompts to allow your app to access Atlassian apps on your behalf",
    // https://developer.atlassian.com/platform/forge/call-a-bitbucket-api/); the sandbox answers that prompt's cue.
    throw new ForgePlatformError(
      'NEEDS_AUTHENTICATION',
      `resolver ${moduleKey}/${req.functionName} needs the user's consent: the UI shows the "Allow access" prompt`,
      { cause: outcome.thrown },
    );
  }
  if (tooLarge) throw new ForgePlatformError('INVOCATION_RESPONSE_TOO_LARGE', tooLarge);
  if (outcome.status !== 'returned') {
    throw new ForgePlatformError(
      'RESOLVER_FAILED',
      `resolver ${moduleKey}/${req.functionName} failed: ${outcome.error}`,
      { cause: outcome.thrown },
    );
  }
  return outcome.value;
}
