// The site's user directory: REST user shapes, actors with their roles, and
// the resolver JQL uses for user values (accountId, email or display name).
import type { Version3Models } from 'jira.js';
import type { Principal } from '../contracts';
import { jiraError } from './http';
import type { JqlUserDirectory } from './jql/types';
import type { StoredUser } from './model';
import { SEEDED_USERS } from './site-data';
import type { Actor, Site } from './site';
import type { JiraStore } from './store/store';

export function allUsers(store: JiraStore): StoredUser[] {
  return store.docList<StoredUser>('user');
}

export function userById(store: JiraStore, accountId: string): StoredUser | undefined {
  return store.docGet<StoredUser>('user', accountId);
}

export function userByEmail(store: JiraStore, email: string): StoredUser | undefined {
  const wanted = email.toLowerCase();
  return allUsers(store).find((u) => u.email.toLowerCase() === wanted);
}

export function actorFor(store: JiraStore, principal: Principal): Actor | undefined {
  if (principal.kind === 'anonymous') return undefined;
  if (principal.kind === 'app') return { accountId: principal.accountId, isApp: true, isAdmin: true, isAgent: true };
  const u = userById(store, principal.accountId);
  if (!u || !u.active) return undefined;
  return {
    accountId: u.accountId,
    isApp: false,
    isAdmin: u.roles.includes('admin'),
    isAgent: u.roles.includes('agent') || u.roles.includes('admin'),
  };
}

function avatarUrls(accountId: string): Version3Models.AvatarUrls {
  const base = `https://avatar-management.sandbox.invalid/${encodeURIComponent(accountId)}`;
  return { '16x16': `${base}/16`, '24x24': `${base}/24`, '32x32': `${base}/32`, '48x48': `${base}/48` };
}

/** The user as Jira Cloud renders it in issue fields and user endpoints. */
export function userJson(site: Site, accountId: string): Version3Models.User {
  const u = userById(site.store, accountId);
  const self = `${site.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`;
  if (!u)
    return {
      self,
      accountId,
      accountType: 'atlassian',
      active: false,
      displayName: 'Former user',
      avatarUrls: avatarUrls(accountId),
    };
  return {
    self,
    accountId: u.accountId,
    accountType: u.accountType,
    emailAddress: u.email,
    avatarUrls: avatarUrls(u.accountId),
    displayName: u.displayName,
    active: u.active,
    timeZone: u.timeZone,
  };
}

export function userOrNull(site: Site, accountId: string | null): Version3Models.User | null {
  return accountId ? userJson(site, accountId) : null;
}

/** servicedeskapi's user shape. */
export function sdUserJson(site: Site, accountId: string): Record<string, unknown> {
  const u = userJson(site, accountId);
  return {
    accountId: u.accountId,
    emailAddress: u.emailAddress,
    displayName: u.displayName,
    active: u.active,
    timeZone: u.timeZone,
    _links: { jiraRest: u.self, avatarUrls: u.avatarUrls, self: u.self },
  };
}

/** The groups roles imply (product access, admin), then the ones the user was added to. */
export function groupsOf(u: StoredUser): string[] {
  const groups: string[] = [];
  if (u.roles.includes('admin')) groups.push('jira-admins-sandbox', 'site-admins');
  if (u.roles.includes('agent') || u.roles.includes('admin')) groups.push('jira-servicemanagement-users-sandbox');
  // A site stored before users had groups: the seeded users keep their seeded memberships.
  const added = u.groups ?? SEEDED_USERS.find((s) => s.accountId === u.accountId)?.groups ?? [];
  for (const g of added) if (!groups.includes(g)) groups.push(g);
  return groups;
}

/** `expand=groups` on the user endpoints: Cloud's SimpleListWrapper of group names. */
export function groupsJson(
  site: Site,
  u: StoredUser | undefined,
): { size: number; items: Array<{ name: string; self: string }> } {
  const groups = u ? groupsOf(u) : [];
  return {
    size: groups.length,
    items: groups.map((name) => ({
      name,
      self: `${site.baseUrl}/rest/api/3/group?groupname=${encodeURIComponent(name)}`,
    })),
  };
}

/** Reads `{accountId}` from a user-valued input; throws Jira's field error when unknown. */
export function requireUserRef(site: Site, fieldId: string, input: unknown): string {
  const accountId = input && typeof input === 'object' ? (input as { accountId?: unknown }).accountId : undefined;
  if (typeof accountId !== 'string' || !userById(site.store, accountId)) {
    throw jiraError(400, [], { [fieldId]: 'Specified user does not exist or you do not have required permissions' });
  }
  return accountId;
}

export function userDirectory(store: JiraStore): JqlUserDirectory {
  const users = allUsers(store);
  return {
    resolve(value: string): string | undefined {
      const v = value.toLowerCase();
      return (
        users.find((u) => u.accountId === value) ??
        users.find((u) => u.email.toLowerCase() === v) ??
        users.find((u) => u.displayName.toLowerCase() === v)
      )?.accountId;
    },
  };
}
