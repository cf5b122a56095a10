// Product events as the emulator emits them: a full snapshot of the issue
// (every field, every property) plus what changed.
import type { JiraProductEvent } from '../contracts';
import type { ChangelogItem, StoredComment, StoredIssue } from './model';
import { allFields } from './render-issue';
import type { Actor, Site } from './site';
import { statusById } from './workflow';

type EventBody = Omit<JiraProductEvent, 'timestamp'>;

export function snapshot(site: Site, issue: StoredIssue): JiraProductEvent['issue'] {
  return { id: issue.id, key: issue.key, fields: allFields(site, issue), properties: site.store.properties(issue.id) };
}

/** Re-reads the issue when the event is built, so the snapshot is the state after the whole call. */
function latest(site: Site, issue: StoredIssue): JiraProductEvent['issue'] {
  return snapshot(site, site.store.issueByIdOrKey(issue.id) ?? issue);
}

function base(
  actor: Actor,
  eventType: EventBody['eventType'],
): Pick<EventBody, 'eventType' | 'atlassianId' | 'causedByApp'> {
  return { eventType, atlassianId: actor.accountId, causedByApp: actor.isApp };
}

export function emitCreated(site: Site, actor: Actor, issue: StoredIssue): void {
  site.emit(() => ({ ...base(actor, 'avi:jira:created:issue'), issue: latest(site, issue) }));
}

export function emitUpdated(
  site: Site,
  actor: Actor,
  issue: StoredIssue,
  changelogId: string,
  items: ChangelogItem[],
  statusChange?: { from: string; to: string },
): void {
  const status = (id: string) => {
    const s = statusById(id, site.workflow);
    return { id, name: s?.name ?? id, statusCategory: s?.category ?? 'new' };
  };
  site.emit(() => ({
    ...base(actor, 'avi:jira:updated:issue'),
    issue: latest(site, issue),
    changelog: { id: changelogId, items },
    ...(statusChange ? { associatedStatuses: { from: status(statusChange.from), to: status(statusChange.to) } } : {}),
  }));
  if (items.some((i) => i.fieldId === 'assignee')) {
    site.emit(() => ({
      ...base(actor, 'avi:jira:assigned:issue'),
      issue: latest(site, issue),
      changelog: { id: changelogId, items: items.filter((i) => i.fieldId === 'assignee') },
    }));
  }
}

export function emitCommented(site: Site, actor: Actor, issue: StoredIssue, c: StoredComment): void {
  site.emit(() => ({
    ...base(actor, 'avi:jira:commented:issue'),
    issue: latest(site, issue),
    comment: { id: c.id, body: c.body, jsdPublic: c.jsdPublic, author: { accountId: c.author } },
  }));
}

export function emitPropertySet(site: Site, actor: Actor, issue: StoredIssue, key: string, value: unknown): void {
  site.emit(() => ({
    ...base(actor, 'avi:jira:set:issue-property'),
    issue: latest(site, issue),
    property: { key, value },
  }));
}

export function emitDeleted(site: Site, actor: Actor, issue: StoredIssue): void {
  // Taken now: after the call the issue is gone.
  const snap = snapshot(site, issue);
  site.emit(() => ({ ...base(actor, 'avi:jira:deleted:issue'), issue: snap }));
}
