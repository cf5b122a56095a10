// The Forge entry points: only the named exports that manifest.yml points at.
// Each handler module is loaded with import() on its first call. `forge deploy`
// (webpack) turns each import() into its own chunk file next to index.cjs, so a
// cold invocation parses and initialises only the module graph it runs: intake
// never loads the decision use cases, a trigger never loads the admin page's.
import type * as AccessResolver from './entry/resolver/global-page/handler';
import type * as AdminResolver from './entry/resolver/admin-page/handler';
import type * as AgentResolver from './entry/resolver/queue-page/handler';
import type * as IssueCreated from './entry/trigger/issue-created';
import type * as IssueUpdated from './entry/trigger/issue-updated';
import type * as PortalResolver from './entry/resolver/portal-panel/handler';
import type * as Scheduled from './entry/scheduledTrigger/lifecycle-sweeps';
import type * as WorkConsumer from './entry/consumer/work-consumer';

type Handler = (...args: never[]) => unknown;

/** A handler that loads its module on its first call (concurrent first calls share one load). */
function lazy<M, K extends keyof M>(load: () => Promise<M>, name: K): M[K] {
  let loading: Promise<Handler> | undefined;
  const handler = async (...args: never[]) => {
    // A failed load (e.g. a module that throws while initialising) is retried on the next call.
    loading ??= load().then(
      (m) => m[name] as Handler,
      (e: unknown) => {
        loading = undefined;
        throw e;
      },
    );
    return (await loading)(...args);
  };
  return handler as M[K];
}

export const onIssueCreated = lazy(
  (): Promise<typeof IssueCreated> => import('./entry/trigger/issue-created'),
  'onIssueCreated',
);
export const onIssueUpdated = lazy(
  (): Promise<typeof IssueUpdated> => import('./entry/trigger/issue-updated'),
  'onIssueUpdated',
);
export const runLifecycleSweeps = lazy(
  (): Promise<typeof Scheduled> => import('./entry/scheduledTrigger/lifecycle-sweeps'),
  'runLifecycleSweeps',
);
export const consumeWork = lazy(
  (): Promise<typeof WorkConsumer> => import('./entry/consumer/work-consumer'),
  'consumeWork',
);
export const adminResolver = lazy(
  (): Promise<typeof AdminResolver> => import('./entry/resolver/admin-page/handler'),
  'adminResolver',
);
export const agentResolver = lazy(
  (): Promise<typeof AgentResolver> => import('./entry/resolver/queue-page/handler'),
  'agentResolver',
);
export const portalResolver = lazy(
  (): Promise<typeof PortalResolver> => import('./entry/resolver/portal-panel/handler'),
  'portalResolver',
);
export const accessResolver = lazy(
  (): Promise<typeof AccessResolver> => import('./entry/resolver/global-page/handler'),
  'accessResolver',
);
