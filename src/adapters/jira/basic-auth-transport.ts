// JiraTransport over fetch with basic auth (email + API token): the CLI uses
// it against a real Jira Cloud site or the sandbox. The token never leaves
// the Authorization header.
import { toQueryString, type JiraRequest, type JiraResponse, type JiraTransport } from '../../ports/jira-transport';
import { toJiraResponse } from './response';

export interface BasicAuthSite {
  /** e.g. https://your-domain.atlassian.net or http://127.0.0.1:8080 */
  siteUrl: string;
  email: string;
  token: string;
}

export function basicAuthJiraTransport(site: BasicAuthSite): JiraTransport {
  const base = new URL(site.siteUrl);
  if (base.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) {
    throw new Error(
      `refusing to send credentials to ${base.origin} over plain HTTP; use https:// (plain http is allowed only for the local sandbox)`,
    );
  }
  const authorization = `Basic ${Buffer.from(`${site.email}:${site.token}`).toString('base64')}`;
  const origin = base.origin + base.pathname.replace(/\/+$/, '');
  return {
    async request<T>(req: JiraRequest): Promise<JiraResponse<T>> {
      const res = await fetch(origin + req.path + toQueryString(req.query), {
        method: req.method,
        headers: {
          ...req.headers,
          Authorization: authorization,
          Accept: 'application/json',
          ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
      });
      return toJiraResponse<T>(res, req.method, req.path);
    },
  };
}
