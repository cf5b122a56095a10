// The Forge entry points: only the named exports that manifest.yml points at.
// Each handler module is loaded on its first call, so an invocation initialises
// only what it runs (a trigger never builds the admin page's schemas): the cold
// start pays for parsing the bundle, not for setting up every module in it.
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as IssueEvents from './handlers/issue-events';
import type * as Resolvers from './handlers/resolvers';
import type * as Scheduled from './handlers/scheduled';
import type * as WorkConsumer from './handlers/work-consumer';

type Handler = (...args: never[]) => unknown;

function lazy<M, K extends keyof M>(load: () => M, name: K): M[K] {
  let fn: Handler | undefined;
  return ((...args: never[]) => (fn ??= load()[name] as Handler)(...args)) as M[K];
}

const issueEvents = () => require('./handlers/issue-events') as typeof IssueEvents;
const resolvers = () => require('./handlers/resolvers') as typeof Resolvers;

export const onIssueCreated = lazy(issueEvents, 'onIssueCreated');
export const onIssueUpdated = lazy(issueEvents, 'onIssueUpdated');
export const onIssueCommented = lazy(issueEvents, 'onIssueCommented');
export const runLifecycleSweeps = lazy(() => require('./handlers/scheduled') as typeof Scheduled, 'runLifecycleSweeps');
export const consumeWork = lazy(() => require('./handlers/work-consumer') as typeof WorkConsumer, 'consumeWork');
export const adminResolver = lazy(resolvers, 'adminResolver');
export const agentResolver = lazy(resolvers, 'agentResolver');
export const portalResolver = lazy(resolvers, 'portalResolver');
