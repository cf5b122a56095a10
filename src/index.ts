// The Forge entry points: only the named exports that manifest.yml points at.
export { onIssueCreated, onIssueUpdated, onIssueCommented } from './handlers/issue-events';
export { runLifecycleSweeps } from './handlers/scheduled';
export { consumeWork } from './handlers/work-consumer';
export { adminResolver, agentResolver, portalResolver } from './handlers/resolvers';
