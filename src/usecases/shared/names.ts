// Display names for comments ("approved by …"). The governance log records
// account ids; names are cosmetic, so they come from a small per-user cache
// (marker/name:<accountId>) and, on a miss, one Jira read — after which a
// decision needs no read for its actor's name.
import type { ApproverGroups } from '../../domain/request/approver-group';
import { isStoreConflict, type StoredRecord } from '../../ports/store';
import type { CoreDeps } from './deps';

export const UNKNOWN_NAME = 'an approver';

type NameRecord = StoredRecord<{ displayName?: unknown }> | undefined;

const cached = (rec: NameRecord): string | undefined =>
  typeof rec?.doc.displayName === 'string' ? rec.doc.displayName : undefined;
const loadName = (deps: CoreDeps, accountId: string): Promise<NameRecord> =>
  deps.store.get<{ displayName?: unknown }>('marker', `name:${accountId}`);

async function rememberName(deps: CoreDeps, accountId: string, rec: NameRecord, name: string): Promise<void> {
  try {
    await deps.store.commit({
      puts: [
        {
          expected: rec ? rec.version : 'absent',
          record: {
            kind: 'marker',
            id: `name:${accountId}`,
            version: rec ? rec.version + 1 : 1,
            owner: accountId,
            dueAt: 2_147_483_647,
            doc: { displayName: name },
          },
        },
      ],
    });
  } catch (e) {
    if (!isStoreConflict(e)) throw e; // someone cached it first
  }
}

export async function displayName(deps: CoreDeps, accountId: string, hint?: string): Promise<string> {
  if (hint) return hint;
  const rec = await loadName(deps, accountId);
  const known = cached(rec);
  if (known) return known;
  const name = (await deps.jira.getUser(accountId))?.displayName;
  if (!name) return UNKNOWN_NAME;
  await rememberName(deps, accountId, rec, name);
  return name;
}

/**
 * Who is approving: their name and their groups from ONE Jira read (so an
 * approval stays at one read and one write). Membership is never cached: it
 * is read for every approval, because a removal from the group must take
 * effect at once. groups is undefined when Jira would not say (403/404, or
 * no `groups` in the answer); the domain then refuses. The name still goes
 * to the cache, so the approver's later decisions need no read for it.
 */
export async function approverIdentity(
  deps: CoreDeps,
  accountId: string,
): Promise<{ name: string; groups: ApproverGroups | undefined }> {
  const [user, rec] = await Promise.all([deps.jira.getUser(accountId, { groups: true }), loadName(deps, accountId)]);
  const name = user?.displayName;
  if (name && name !== cached(rec)) await rememberName(deps, accountId, rec, name);
  return { name: name ?? cached(rec) ?? UNKNOWN_NAME, groups: user?.groups };
}
