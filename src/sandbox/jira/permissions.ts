// Who may do what on the sandbox site, mirroring a JSM permission scheme:
// customers see only requests they raised or participate in, agents work all
// requests, admins (and the app) also change configuration.
import { issueNotFound, jiraError, notAdmin } from './http';
import type { StoredIssue } from './model';
import type { Actor, Site } from './site';

export function canBrowse(actor: Actor, issue: StoredIssue): boolean {
  return actor.isAgent || issue.reporter === actor.accountId || issue.participants.includes(actor.accountId);
}

/** Loads an issue the actor may see; anything else is Jira's 404 (never 403, which would leak existence). */
export function visibleIssue(site: Site, actor: Actor, idOrKey: string): StoredIssue {
  const issue = site.store.issueByIdOrKey(idOrKey);
  if (!issue || !canBrowse(actor, issue)) throw issueNotFound();
  return issue;
}

export function requireEdit(actor: Actor): void {
  if (!actor.isAgent) throw jiraError(403, ['You do not have permission to edit issues in this project.']);
}

export function requireTransition(actor: Actor): void {
  if (!actor.isAgent) throw jiraError(403, ['You do not have permission to transition this issue.']);
}

export function requireAdmin(actor: Actor): void {
  if (!actor.isAdmin) throw notAdmin();
}

/** Global and project permission keys answered by /rest/api/3/mypermissions. */
export function hasPermission(actor: Actor, key: string): boolean {
  switch (key) {
    case 'ADMINISTER':
    case 'ADMINISTER_PROJECTS':
    case 'MANAGE_GROUP_FILTER_SUBSCRIPTIONS':
      return actor.isAdmin;
    case 'BROWSE_PROJECTS':
    case 'EDIT_ISSUES':
    case 'TRANSITION_ISSUES':
    case 'ASSIGN_ISSUES':
    case 'ASSIGNABLE_USER':
    case 'DELETE_ISSUES':
    case 'SERVICEDESK_AGENT':
    case 'CREATE_ISSUES':
    case 'ADD_COMMENTS':
    case 'EDIT_ALL_COMMENTS':
    case 'DELETE_ALL_COMMENTS':
    case 'CREATE_SHARED_OBJECTS':
    case 'USER_PICKER':
      return actor.isAgent;
    case 'EDIT_OWN_COMMENTS':
    case 'DELETE_OWN_COMMENTS':
      return true;
    default:
      return false;
  }
}
