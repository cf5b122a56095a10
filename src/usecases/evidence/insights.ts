// insights.overview: reads the request and grant records page by page (100 a
// page) into the pure InsightsAccumulator (domain/evidence/insights.ts), which
// keeps counters and a histogram, never the records: memory holds one page
// whatever the number of requests (`npm run bench:insights`).
import { InsightsAccumulator, type InsightsOverview, type InsightsQuery } from '../../domain/evidence/insights';
import { grantDocSchema } from '../../domain/grant/types';
import { requestDocSchema } from '../../domain/request/types';
import type { AppStore } from '../../ports/store';
import { loadSettings } from '../shared/app-settings';
import { recordsOf } from '../shared/records';
import { parseStored } from '../shared/stored-data';

export async function insightsOverview(store: AppStore, q: InsightsQuery, now: Date): Promise<InsightsOverview> {
  const acc = new InsightsAccumulator(q, now); // checks the window before anything is read
  for await (const r of recordsOf(store, 'request'))
    acc.addRequest(parseStored(requestDocSchema, r.doc, `request ${r.id}`));
  for await (const g of recordsOf(store, 'grant')) acc.addGrant(parseStored(grantDocSchema, g.doc, `grant ${g.id}`));
  return acc.result((await loadSettings(store)).projectKey);
}
