// The composition root of the core loop: the Forge implementations of its
// ports, in one place, so that every entry point wires the same ones. The
// triggers and the queue consumer run on it as it is; the scheduled trigger
// (scheduledTrigger/compose.ts) and the resolvers (resolver/compose.ts) build
// their own deps from it.
import { randomBytes } from 'node:crypto';
import { systemClock } from '../adapters/clock';
import { forgeJiraTransport } from '../adapters/jira/forge-transport';
import { jiraApi } from '../adapters/jira/jira-api';
import { kvsStore } from '../adapters/kvs/kvs-store';
import { forgeWorkQueue } from '../adapters/queue/forge-queue';
import { precompiledCommentTemplates } from '../render/precompiled';
import type { CoreDeps } from '../usecases/shared/deps';

export function coreDeps(): CoreDeps {
  return {
    store: kvsStore(),
    jira: jiraApi(forgeJiraTransport({ kind: 'app' })),
    clock: systemClock,
    random: (n) => new Uint8Array(randomBytes(n)),
    comments: precompiledCommentTemplates(),
    queue: forgeWorkQueue(() => import('@forge/events')),
  };
}
