// Which Jira site to talk to, and as whom: --site/--email/--token or
// AIC_SITE/AIC_EMAIL/AIC_TOKEN. The token goes into the Authorization header
// and nowhere else: never printed, never in an error message.
import type { Command } from 'commander';
import { basicAuthJiraTransport } from '../adapters/jira/basic-auth-transport';
import type { JiraTransport } from '../ports/jira-transport';
import type { CliIo } from './io';

export const DEFAULT_SITE = 'http://127.0.0.1:8080';
/** The sandbox's own admin (src/sandbox/jira/site-data.ts): valid on the local sandbox only. */
const SANDBOX_ADMIN = { email: 'admin@example.com', token: 'sandbox-token' };

export interface SiteFlags {
  site?: string;
  email?: string;
  token?: string;
}

export function addSiteOptions(cmd: Command): Command {
  return cmd
    .option('--site <url>', `Jira site URL (env AIC_SITE; default ${DEFAULT_SITE}, the sandbox)`)
    .option('--email <email>', 'Atlassian account email (env AIC_EMAIL)')
    .option(
      '--token <token>',
      'Atlassian API token (env AIC_TOKEN; prefer the env var: flags show up in shell history)',
    );
}

/**
 * What to say when nothing answers at `origin`: the sandbox may be stopped, or listening on another port than
 * the CLI's default (SANDBOX_PORT, or 0 for a free one), which `npm start` prints ("… is running at <URL>").
 */
export function unreachableMessage(origin: string, cause: string): string {
  return `Cannot reach the site at ${origin} (${cause}). Is the sandbox running (npm start)? If npm start printed another URL than ${origin} ("AI Clearance sandbox is running at <URL>"), set AIC_SITE=<that URL> (or pass --site <that URL>).`;
}

export class SiteOptionsError extends Error {
  readonly code = 'SITE_OPTIONS';
}

export interface ResolvedSite {
  siteUrl: string;
  email: string;
  transport: JiraTransport;
  /** True when the sandbox admin account was used because nothing was given. */
  sandboxDefaults: boolean;
}

export function resolveSite(flags: SiteFlags, io: CliIo): ResolvedSite {
  const siteUrl = flags.site ?? io.env.AIC_SITE ?? DEFAULT_SITE;
  let url: URL;
  try {
    url = new URL(siteUrl);
  } catch {
    throw new SiteOptionsError(`--site "${siteUrl}" is not a URL; use e.g. https://your-domain.atlassian.net`);
  }
  let email = flags.email ?? io.env.AIC_EMAIL;
  let token = flags.token ?? io.env.AIC_TOKEN;
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  const sandboxDefaults = !email && !token && loopback;
  if (sandboxDefaults) ({ email, token } = SANDBOX_ADMIN);
  if (!email || !token) {
    throw new SiteOptionsError(
      `${!email ? 'an email (--email or AIC_EMAIL)' : 'an API token (--token or AIC_TOKEN)'} is needed for ${url.origin}; create a token at https://id.atlassian.com/manage-profile/security/api-tokens`,
    );
  }
  try {
    return {
      siteUrl: url.origin + url.pathname.replace(/\/+$/, ''),
      email,
      transport: basicAuthJiraTransport({ siteUrl, email, token }),
      sandboxDefaults,
    };
  } catch (err) {
    throw new SiteOptionsError((err as Error).message);
  }
}
