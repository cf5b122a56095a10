// Seeds the sandbox site into an empty database. Idempotent: a marker in
// jira_meta says the site exists, so restarts keep everything as it was.
import {
  SEEDED_FIELDS,
  SEEDED_GROUPS,
  SEEDED_ISSUE_TYPE_SCREEN_SCHEMES,
  SEEDED_QUEUES,
  SEEDED_REQUEST_TYPES,
  SEEDED_SCREEN_SCHEMES,
  SEEDED_SCREENS,
  SEEDED_USERS,
} from './site-data';
import type { JiraStore } from './store/store';

const SEEDED_MARK = 'seeded';
const SCREENS_MARK = 'seeded:screens';

export function seedSite(store: JiraStore): boolean {
  seedScreens(store);
  if (store.getMeta(SEEDED_MARK)) return false;
  store.transaction(() => {
    for (const u of SEEDED_USERS) store.docPut('user', u.accountId, u);
    for (const f of SEEDED_FIELDS) store.docPut('field', f.id, f);
    for (const g of SEEDED_GROUPS) store.docPut('requestTypeGroup', g.id, g, g.serviceDeskId);
    for (const rt of SEEDED_REQUEST_TYPES) store.docPut('requestType', rt.id, rt, rt.serviceDeskId);
    for (const q of SEEDED_QUEUES) store.docPut('queue', q.id, q, q.serviceDeskId);
    // Counters continue after the seeded ids.
    store.setMeta('counter:requestType', String(SEEDED_REQUEST_TYPES.length));
    store.setMeta('counter:requestTypeGroup', String(SEEDED_GROUPS.length));
    store.setMeta('counter:queue', String(SEEDED_QUEUES.length));
    store.setMeta(SEEDED_MARK, new Date().toISOString());
  });
  return true;
}

/** The project's screens and schemes; also added to a site seeded before screens existed. */
function seedScreens(store: JiraStore): void {
  if (store.getMeta(SCREENS_MARK)) return;
  store.transaction(() => {
    for (const s of SEEDED_SCREENS) store.docPut('screen', s.id, s);
    for (const s of SEEDED_SCREEN_SCHEMES) store.docPut('screenScheme', s.id, s);
    for (const s of SEEDED_ISSUE_TYPE_SCREEN_SCHEMES) store.docPut('issueTypeScreenScheme', s.id, s);
    store.setMeta(SCREENS_MARK, new Date().toISOString());
  });
}
