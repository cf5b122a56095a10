// The one permission check of the resolvers: the admin page needs a Jira
// administrator, the queue page an agent of the app's project. Asked of Jira
// AS THE USER (asUser), never trusted from the payload. Jira saying no is a
// FORBIDDEN answer and a log line (account id and function only — no payload,
// no tokens); Jira unable to answer (429/5xx) is TRY_AGAIN ("nothing was
// changed"), never FORBIDDEN: a busy Jira does not make an admin a stranger.
import * as z from 'zod/mini';
import { jiraRoute } from '../../adapters/jira/routes';
import { isJiraHttpError, type JiraTransport } from '../../ports/jira-transport';
import { needsUserConsent } from './user-consent';
import { fail, tryAgain, type ResolverError } from './envelope';

const permissionsSchema = z.object({ permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })) });

/** What the caller must hold: a global permission, or a project permission in `projectKey`. */
export type Required = { permission: 'ADMINISTER' } | { permission: 'TRANSITION_ISSUES'; projectKey: string };

/**
 * Whether the calling user holds the permission (GET /rest/api/3/mypermissions).
 * @throws the JiraHttpError of a 429/5xx (Jira cannot answer now), and @forge/api's NeedsAuthenticationError
 *   (Forge asks the user to allow access). Any other failure is a no (fail closed).
 */
export async function hasPermission(asUser: JiraTransport, required: Required): Promise<boolean> {
  try {
    const res = await asUser.request({
      ...jiraRoute('GET /rest/api/3/mypermissions'),
      query: {
        permissions: required.permission,
        ...('projectKey' in required ? { projectKey: required.projectKey } : {}),
      },
    });
    return permissionsSchema.parse(res.body).permissions[required.permission]?.havePermission === true;
  } catch (e) {
    if (needsUserConsent(e)) throw e; // Forge asks the user to allow access; not a refusal
    if (isJiraHttpError(e) && e.retryable) throw e; // Jira busy: the caller says "try again", not "forbidden"
    return false; // cannot tell → no (fail closed)
  }
}

export interface Caller {
  /** The resolver function (`admin-resolver`, `agent-resolver`), for the log line. */
  resolver: string;
  functionName: string;
  accountId: string | undefined;
}

/**
 * The guard of a resolver call: undefined when the caller may go on, else the answer to give —
 * FORBIDDEN (`refusal` says who may) when Jira says no or nobody is signed in, TRY_AGAIN when Jira is busy.
 */
export async function refusalFor(
  asUser: () => JiraTransport,
  required: Required,
  caller: Caller,
  refusal: string,
): Promise<ResolverError | undefined> {
  let allowed = false;
  if (caller.accountId) {
    try {
      allowed = await hasPermission(asUser(), required);
    } catch (e) {
      if (isJiraHttpError(e) && e.retryable) return tryAgain(e);
      throw e;
    }
  }
  if (allowed) return undefined;
  console.warn(
    JSON.stringify({
      event: `${caller.resolver}.forbidden`,
      functionName: caller.functionName,
      accountId: caller.accountId ?? null,
    }),
  );
  return fail('FORBIDDEN', refusal);
}
