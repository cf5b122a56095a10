// The Forge entry points: only the named exports that manifest.yml points at.
// Each handler module is loaded with import() on its first call. `forge deploy`
// (webpack) turns each import() into its own chunk file next to index.cjs, so a
// cold invocation parses and initialises only the module graph it runs: intake
// never loads the decision use cases, a trigger never loads the admin page's.
import type * as AccessResolver from './handlers/access-resolver';
import type * as AdminResolver from './handlers/admin-resolver';
import type * as AgentResolver from './handlers/agent-resolver';
import type * as IssueCreated from './handlers/issue-created';
import type * as IssueUpdated from './handlers/issue-updated';
import type * as PortalResolver from './handlers/portal-resolver';
import type * as Scheduled from './handlers/scheduled';
import type * as WorkConsumer from './handlers/work-consumer';

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
  (): Promise<typeof IssueCreated> => import('./handlers/issue-created'),
  'onIssueCreated',
);
export const onIssueUpdated = lazy(
  (): Promise<typeof IssueUpdated> => import('./handlers/issue-updated'),
  'onIssueUpdated',
);
export const runLifecycleSweeps = lazy(
  (): Promise<typeof Scheduled> => import('./handlers/scheduled'),
  'runLifecycleSweeps',
);
export const consumeWork = lazy((): Promise<typeof WorkConsumer> => import('./handlers/work-consumer'), 'consumeWork');
export const adminResolver = lazy(
  (): Promise<typeof AdminResolver> => import('./handlers/admin-resolver'),
  'adminResolver',
);
export const agentResolver = lazy(
  (): Promise<typeof AgentResolver> => import('./handlers/agent-resolver'),
  'agentResolver',
);
export const portalResolver = lazy(
  (): Promise<typeof PortalResolver> => import('./handlers/portal-resolver'),
  'portalResolver',
);
export const accessResolver = lazy(
  (): Promise<typeof AccessResolver> => import('./handlers/access-resolver'),
  'accessResolver',
);
