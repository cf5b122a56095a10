// Display names for comments ("approved by …"). The governance log records
// account ids; names are cosmetic, so they come from a small per-user cache
// (marker/name:<accountId>) and, on a miss, one Jira read — after which a
// decision needs no read for its actor's name.
import { getUser } from '../../adapters/jira/ticket-read';
import type { ApproverGroups } from '../../domain/request/approver-group';
import { isStoreConflict } from '../../ports/store';
import type { CoreDeps } from './deps';

export const UNKNOWN_NAME = 'an approver';

export async function displayName(deps: CoreDeps, accountId: string, hint?: string | undefined): Promise<string> {
  if (hint) return hint;
  const id = `name:${accountId}`;
  const rec = await deps.store.get<{ displayName?: unknown }>('marker', id);
  if (typeof rec?.doc.displayName === 'string') return rec.doc.displayName;
  const user = await getUser(deps.jira, accountId);
  const name = user?.displayName;
  if (!name) return UNKNOWN_NAME;
  try {
    await deps.store.commit({ puts: [{ expected: rec ? rec.version : 'absent', record: { kind: 'marker', id, version: rec ? rec.version + 1 : 1, owner: accountId, dueAt: 2_147_483_647, doc: { displayName: name } } }] });
  } catch (e) {
    if (!isStoreConflict(e)) throw e; // someone cached it first
  }
  return name;
}

/**
 * Who is approving: their name and their groups from ONE Jira read (so an
 * approval stays at one read and one write). Membership is never cached: it
 * is read for every approval, because a removal from the group must take
 * effect at once. groups is undefined when Jira would not say (403/404, or
 * no `groups` in the answer); the domain then refuses.
 */
export async function approverIdentity(deps: CoreDeps, accountId: string): Promise<{ name: string; groups: ApproverGroups | undefined }> {
  const user = await getUser(deps.jira, accountId, { groups: true });
  if (user?.displayName) return { name: user.displayName, groups: user.groups };
  // No name from Jira: the cache may still have one; no second read.
  const rec = await deps.store.get<{ displayName?: unknown }>('marker', `name:${accountId}`);
  return { name: typeof rec?.doc.displayName === 'string' ? rec.doc.displayName : UNKNOWN_NAME, groups: user?.groups };
}
