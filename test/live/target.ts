// Where the end-to-end "site suite" runs: the sandbox started by `npm start`
// (inside `npm test`), or a real Jira Cloud site with the app deployed and
// installed (`npm run test:live`). The suite uses only what a real site
// offers — Jira/JSM REST with basic auth and polling for the app's outcome —
// never the sandbox's /__sandbox controls, so the same code proves both.
export interface Credential {
  email: string;
  token: string;
}

export interface SiteTarget {
  kind: 'sandbox' | 'live';
  url: string;
  /** Files the requests (any user who may raise requests in the service project). */
  requester: Credential;
  /** An agent in the tool's approver group; without one the decision steps are reported as not run. */
  agent?: Credential | undefined;
  /** The JSM project the app was provisioned into. */
  projectKey: string;
  /** The display name of a requestable tool that needs a person's approval (medium or high risk). */
  tool: string;
  /** How long to wait for the app's outcome on a ticket (Forge events can be minutes late). */
  outcomeTimeoutMs: number;
  pollMs: number;
}

export const LIVE_ENV = {
  site: 'AIC_LIVE_SITE',
  email: 'AIC_LIVE_EMAIL',
  token: 'AIC_LIVE_TOKEN',
  agentEmail: 'AIC_LIVE_AGENT_EMAIL',
  agentToken: 'AIC_LIVE_AGENT_TOKEN',
  project: 'AIC_LIVE_PROJECT',
  tool: 'AIC_LIVE_TOOL',
  timeout: 'AIC_LIVE_TIMEOUT_S',
} as const;

export type LiveTargetResult = { ok: true; target: SiteTarget } | { ok: false; missing: string[]; problems: string[] };

/** Reads the live target from the environment; says exactly what is missing or wrong. */
export function liveTargetFromEnv(env: NodeJS.ProcessEnv = process.env): LiveTargetResult {
  const missing = [LIVE_ENV.site, LIVE_ENV.email, LIVE_ENV.token].filter((k) => !env[k]);
  const problems: string[] = [];
  const site = env[LIVE_ENV.site] ?? '';
  // https for a site; plain http only on loopback, to rehearse live mode against `npm start`.
  const siteOk =
    /^https:\/\/[a-z0-9-]+(\.[a-z0-9-]+)+\/?$/i.test(site) || /^http:\/\/(127\.0\.0\.1|localhost):\d+\/?$/.test(site);
  if (site && !siteOk)
    problems.push(
      `${LIVE_ENV.site} must be the site's https URL, e.g. https://your-domain.atlassian.net (got ${JSON.stringify(site)})`,
    );
  const agentEmail = env[LIVE_ENV.agentEmail];
  const agentToken = env[LIVE_ENV.agentToken];
  if (Boolean(agentEmail) !== Boolean(agentToken))
    problems.push(`set both ${LIVE_ENV.agentEmail} and ${LIVE_ENV.agentToken}, or neither`);
  const timeoutS = env[LIVE_ENV.timeout] ? Number(env[LIVE_ENV.timeout]) : 600;
  if (!Number.isInteger(timeoutS) || timeoutS < 10 || timeoutS > 3600)
    problems.push(`${LIVE_ENV.timeout} must be a whole number of seconds from 10 to 3600`);
  if (missing.length || problems.length) return { ok: false, missing, problems };
  return {
    ok: true,
    target: {
      kind: 'live',
      url: site.replace(/\/$/, ''),
      requester: { email: env[LIVE_ENV.email] as string, token: env[LIVE_ENV.token] as string },
      agent: agentEmail && agentToken ? { email: agentEmail, token: agentToken } : undefined,
      projectKey: env[LIVE_ENV.project] ?? 'AIC',
      tool: env[LIVE_ENV.tool] ?? 'ChatGPT Enterprise',
      outcomeTimeoutMs: timeoutS * 1000,
      pollMs: 5000,
    },
  };
}
