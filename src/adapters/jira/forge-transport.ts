// JiraTransport over @forge/api requestJira: what the app uses inside Forge.
import api, { assumeTrustedRoute } from '@forge/api';
import { toQueryString, type JiraRequest, type JiraResponse, type JiraTransport } from '../../ports/jira-transport';
import { toJiraResponse } from './response';

export function forgeJiraTransport(actor: { kind: 'app' } | { kind: 'user' } = { kind: 'app' }): JiraTransport {
  const requester = actor.kind === 'app' ? api.asApp() : api.asUser();
  return {
    async request<T>(req: JiraRequest): Promise<JiraResponse<T>> {
      // Paths are built with jiraPath(), which validates every dynamic segment.
      const res = await requester.requestJira(assumeTrustedRoute(req.path + toQueryString(req.query)), {
        method: req.method,
        headers: { Accept: 'application/json', ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
      });
      return toJiraResponse<T>(res, req.method, req.path);
    },
  };
}
