// JiraTransport over @forge/api requestJira: what the app uses inside Forge.
//
// Imported from the two @forge/api modules that implement requestJira and
// routes, not from the package index: the index also loads web triggers,
// permissions, i18n (with lodash), privacy and egress filtering — ~34 KB of
// the ~48 KB @forge/api puts on every cold start — none of which the app uses.
// They are the very functions the index re-exports (test/contract/forge-api-
// modules.test.ts fails if an upgrade moves them; then import '@forge/api').
import { getFetchAPI } from '@forge/api/out/api/fetch';
import { assumeTrustedRoute } from '@forge/api/out/safeUrl';
import { toQueryString, type JiraRequest, type JiraResponse, type JiraTransport } from '../../ports/jira-transport';
import { toJiraResponse } from './response';

// As the index does: built once, on first use (it captures the runtime's fetch).
let api: ReturnType<typeof getFetchAPI> | undefined;

export function forgeJiraTransport(actor: { kind: 'app' } | { kind: 'user' } = { kind: 'app' }): JiraTransport {
  api ??= getFetchAPI();
  const requester = actor.kind === 'app' ? api.asApp() : api.asUser();
  return {
    async request<T>(req: JiraRequest): Promise<JiraResponse<T>> {
      // Paths are built with jiraRoute(), which validates every dynamic segment.
      const res = await requester.requestJira(assumeTrustedRoute(req.path + toQueryString(req.query)), {
        method: req.method,
        headers: {
          ...req.headers,
          Accept: 'application/json',
          ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
      });
      return toJiraResponse<T>(res, req.method, req.path);
    },
  };
}
