// Calls the app's admin resolvers from the CLI. Admin changes must run inside
// the app (its storage, governance log and option sync), so against the local
// sandbox the CLI goes through POST /__sandbox/invoke with the calling user's
// Basic auth (the resolver checks that user is a Jira admin, exactly as on the
// admin page). A real site has no such endpoint: the caller explains where to
// go instead.
import * as z from 'zod/mini';
import type { CliContext } from './main';
import { DEFAULT_SITE, unreachableMessage, type SiteFlags } from './site-options';

const SANDBOX_ADMIN = { email: 'admin@example.com', token: 'sandbox-token' };

export class AdminCliError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** POST /__sandbox/invoke's answer: {result} (the resolver's return value), or an error body. */
const invokeAnswer = z.looseObject({
  result: z.optional(z.unknown()),
  error: z.optional(z.looseObject({ code: z.optional(z.string()), message: z.optional(z.string()) })),
  errorMessages: z.optional(z.array(z.string())),
});
/** A resolver's refusal (one envelope for every resolver: src/handlers/resolvers/envelope.ts). */
const resolverRefusal = z.looseObject({ error: z.looseObject({ code: z.string(), message: z.string() }) });

/** Calls one admin resolver; its answer is checked against `answer` (what the command reads of it). */
export async function invokeAdmin<T>(
  ctx: CliContext,
  flags: SiteFlags,
  functionName: string,
  payload: unknown,
  onRealSite: (origin: string) => string,
  answer: z.ZodMiniType<T>,
): Promise<T> {
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
    throw new AdminCliError('SITE_UNREACHABLE', unreachableMessage(site.origin, (e as Error).message));
  }
  const read = invokeAnswer.safeParse(await res.json().catch(() => ({})));
  const body = read.success ? read.data : {};
  if (!res.ok)
    throw new AdminCliError(
      body.error?.code ?? `HTTP_${res.status}`,
      body.error?.message ?? body.errorMessages?.[0] ?? `The sandbox answered ${res.status}.`,
    );
  const refusal = resolverRefusal.safeParse(body.result);
  if (refusal.success) throw new AdminCliError(refusal.data.error.code, refusal.data.error.message);
  const value = answer.safeParse(body.result);
  if (!value.success)
    throw new AdminCliError(
      'UNEXPECTED_ANSWER',
      `The sandbox's answer to ${functionName} did not have the expected shape (${value.error.issues[0]?.message ?? 'invalid'}).`,
    );
  return value.data;
}
