// Comments in the v3 shape (ADF body, jsdPublic) and the JSM visibility rule:
// customers never see internal notes.
import type { Version3Models } from 'jira.js';
import { jiraDateTime } from './http';
import type { StoredComment, StoredIssue } from './model';
import type { Actor, Site } from './site';
import { userJson } from './users';

export const SD_PUBLIC_COMMENT = 'sd.public.comment';

export function visibleComments(site: Site, issue: StoredIssue, actor?: Actor): StoredComment[] {
  const all = site.store.docList<StoredComment>('comment', issue.id);
  // Event snapshots (no actor) and agents see everything.
  return !actor || actor.isAgent ? all : all.filter((c) => c.jsdPublic);
}

export function commentJson(site: Site, c: StoredComment, withProperties = false): Version3Models.Comment {
  const out: Version3Models.Comment = {
    self: `${site.baseUrl}/rest/api/3/issue/${c.issueId}/comment/${c.id}`,
    id: c.id,
    author: userJson(site, c.author),
    body: c.body as Version3Models.Comment['body'],
    updateAuthor: userJson(site, c.updateAuthor),
    created: jiraDateTime(c.created),
    updated: jiraDateTime(c.updated),
    jsdPublic: c.jsdPublic,
  };
  if (withProperties) out.properties = c.jsdPublic ? [] : [{ key: SD_PUBLIC_COMMENT, value: { internal: true } }];
  return out;
}
