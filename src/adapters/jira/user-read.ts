// Typed read of a Jira user over the thin JiraTransport (jira.js for types
// only): display names for comments, and group memberships for approvals.
import type { Version3Models } from 'jira.js';
import * as z from 'zod/mini';
import { isJiraHttpError, type JiraTransport } from '../../ports/jira-transport';
import type { JiraUser } from '../../ports/jira-api';
import { jiraRoute } from './routes';
import { parse } from './shape';

// `groups` is present only with expand=groups: Cloud's SimpleListWrapper, whose
// `items` may list fewer groups than `size` says the user has.
const userSchema = z.looseObject({
  accountId: z.string(),
  displayName: z.optional(z.string()),
  active: z.optional(z.boolean()),
  accountType: z.optional(z.string()),
  /** Shown only when the user's profile visibility lets the app see it. */
  emailAddress: z.optional(z.string()),
  groups: z.optional(
    z.looseObject({ size: z.optional(z.number()), items: z.array(z.looseObject({ name: z.string() })) }),
  ),
});

/** A user (display name for comments; with `groups: true` also their group memberships, in the same read); undefined when Jira will not say. */
export async function getUser(
  jira: JiraTransport,
  accountId: string,
  opts: { groups?: boolean } = {},
): Promise<JiraUser | undefined> {
  try {
    const res = await jira.request<Version3Models.User>({
      ...jiraRoute('GET /rest/api/3/user'),
      query: opts.groups ? { accountId, expand: 'groups' } : { accountId },
    });
    const { groups, ...user } = parse(userSchema, res.body, 'GET user');
    if (!groups) return user;
    const names = groups.items.map((g) => g.name);
    return { ...user, groups: { names, complete: groups.size === undefined || names.length >= groups.size } };
  } catch (e) {
    if (isJiraHttpError(e) && (e.status === 404 || e.status === 403)) return undefined;
    throw e;
  }
}

const myselfSchema = z.looseObject({ accountId: z.string() });

/** The account the app acts as (its own changes appear in changelogs under it). */
export async function getMyself(jira: JiraTransport): Promise<string> {
  const res = await jira.request(jiraRoute('GET /rest/api/3/myself'));
  return parse(myselfSchema, res.body, 'GET myself').accountId;
}
