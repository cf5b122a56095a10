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

export const ResolverRequestSchema = z.object({
  /** UI module key (e.g. a jira:issuePanel); its resolver.function is called. */
  moduleKey: z.string().optional(),
  /** Or call a function key directly. */
  functionKey: z.string().optional(),
  /** The resolver definition key (resolver.define('<name>', ...)). */
  functionName: z.string().min(1),
  payload: z.unknown().optional(),
  accountId: z.string().optional(),
  /** Extra frontend context (extension data such as issue key), merged into `context`. */
  context: z.record(z.string(), z.unknown()).optional(),
  jobId: z.string().optional(),
});
export type ResolverRequest = z.infer<typeof ResolverRequestSchema>;

export async function invokeResolver(
  deps: { model: AppModel; invoker: Invoker; log: InvocationLog; identity: AppIdentity },
  input: ResolverRequest,
): Promise<unknown> {
  const req = ResolverRequestSchema.parse(input);
  const { model, identity } = deps;
  let functionKey: string;
  let moduleKey: string;
  let moduleType = 'function';
  if (req.moduleKey !== undefined) {
    const mod = model.resolverModules.get(req.moduleKey);
    if (!mod) {
      throw new ForgePlatformError('UNKNOWN_MODULE', `no UI module "${req.moduleKey}" with a resolver in manifest.yml (modules with resolvers: ${[...model.resolverModules.keys()].join(', ') || 'none'})`);
    }
    functionKey = mod.functionKey;
    moduleKey = mod.key;
    moduleType = mod.moduleType;
  } else if (req.functionKey !== undefined) {
    if (!model.functions.has(req.functionKey)) throw new ForgePlatformError('UNKNOWN_FUNCTION', `no function "${req.functionKey}" in manifest.yml`);
    functionKey = req.functionKey;
    moduleKey = req.functionKey;
  } else {
    throw new ForgePlatformError('UNKNOWN_MODULE', 'invokeResolver needs a moduleKey (UI module) or a functionKey');
  }

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
        extension: { type: moduleType },
        ...req.context,
      },
    },
    contextArg: { installContext, ...(req.accountId ? { principal: { accountId: req.accountId } } : {}) },
  });
  const result = outcome.status === 'returned' ? 'ok' : 'error';
  deps.log.record({
    id: outcome.invocationId,
    kind: 'resolver',
    key: moduleKey,
    functionKey,
    resolverName: req.functionName,
    attempt: 1,
    duplicate: false,
    result,
    error: outcome.error,
    startedAt: outcome.startedAt,
    durationMs: outcome.durationMs,
    counters: outcome.counters,
  });
  if (outcome.status !== 'returned') {
    throw new ForgePlatformError('RESOLVER_FAILED', `resolver ${moduleKey}/${req.functionName} failed: ${outcome.error}`, { cause: outcome.thrown });
  }
  return outcome.value;
}
