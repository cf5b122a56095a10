// Transitions available from an issue's current status, per the workflow.
// Like Jira, a user without the Transition Issues permission sees none.
import type { Version3Models } from 'jira.js';
import type { StoredIssue } from './model';
import { statusJson } from './render-common';
import type { Actor, Site } from './site';
import { transitionScreen } from './screens';
import { transitionsFrom } from './workflow';

export function transitionsJson(site: Site, issue: StoredIssue, actor: Actor): Version3Models.IssueTransition[] {
  if (!actor.isAgent) return [];
  return transitionsFrom(issue.statusId, site.workflow).map((t) => ({
    id: t.id,
    name: t.name,
    to: statusJson(site, t.to),
    hasScreen: transitionScreen(site.store, t.id) !== undefined,
    isGlobal: false,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  }));
}
