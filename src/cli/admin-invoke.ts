// Calls the app's admin resolvers from the CLI. Admin changes must run inside
// the app (its storage, governance log and option sync), so against the local
// sandbox the CLI goes through POST /__sandbox/invoke with the calling user's
// Basic auth (the resolver checks that user is a Jira admin, exactly as on the
// admin page). A real site has no such endpoint: the caller explains where to
// go instead.
import type { CliContext } from './main';
import { DEFAULT_SITE, type SiteFlags } from './site-options';

const SANDBOX_ADMIN = { email: 'admin@example.com', token: 'sandbox-token' };

export class AdminCliError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function invokeAdmin(
  ctx: CliContext,
  flags: SiteFlags,
  functionName: string,
  payload: unknown,
  onRealSite: (origin: string) => string,
): Promise<any> {
  const site = new URL(flags.site ?? ctx.io.env.AIC_SITE ?? DEFAULT_SITE);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(site.hostname))
    throw new AdminCliError('REAL_SITE', onRealSite(site.origin));
  const email = flags.email ?? ctx.io.env.AIC_EMAIL ?? SANDBOX_ADMIN.email;
  const token = flags.token ?? ctx.io.env.AIC_TOKEN ?? SANDBOX_ADMIN.token;
  let res: Response;
  try {
    res = await fetch(new URL('/__sandbox/invoke', site), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`,
      },
      body: JSON.stringify({ functionKey: 'admin-resolver', functionName, payload }),
    });
  } catch (e) {
    throw new AdminCliError(
      'SITE_UNREACHABLE',
      `Cannot reach the sandbox at ${site.origin} (${(e as Error).message}). Is it running (npm start)?`,
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const body = (await res.json().catch(() => ({}))) as any;
  if (!res.ok)
    throw new AdminCliError(
      body?.error?.code ?? `HTTP_${res.status}`,
      body?.error?.message ?? body?.errorMessages?.[0] ?? `The sandbox answered ${res.status}.`,
    );
  // POST /__sandbox/invoke answers {result: <the resolver's return value>}.
  const value = body?.result;
  if (value?.error) throw new AdminCliError(value.error.code, value.error.message);
  return value;
}
