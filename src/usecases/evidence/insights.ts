// insights.overview: reads the request and grant records page by page and
// hands them to the pure computeInsights (domain/evidence/insights.ts).
import { computeInsights, type InsightsOverview, type InsightsQuery } from '../../domain/evidence/insights';
import { grantDocSchema, type GrantDoc } from '../../domain/grant/types';
import { requestDocSchema, type RequestDoc } from '../../domain/request/types';
import type { AppStore } from '../../ports/store';
import { loadSettings } from '../shared/app-settings';
import { parseStored } from '../shared/stored-data';
import { pageAll } from '../governance/subject-chain';

async function allDocs<T>(
  store: AppStore,
  kind: 'request' | 'grant',
  parse: (doc: unknown, id: string) => T,
): Promise<T[]> {
  const records = await pageAll((cursor) =>
    store.query<unknown>({ index: 'by-kind-due', partition: [kind], limit: 100, ...(cursor ? { cursor } : {}) }),
  );
  return records.map((r) => parse(r.doc, r.id));
}

export async function insightsOverview(store: AppStore, q: InsightsQuery, now: Date): Promise<InsightsOverview> {
  const [requests, grants, settings] = await Promise.all([
    allDocs<RequestDoc>(store, 'request', (d, id) => parseStored(requestDocSchema, d, `request ${id}`)),
    allDocs<GrantDoc>(store, 'grant', (d, id) => parseStored(grantDocSchema, d, `grant ${id}`)),
    loadSettings(store),
  ]);
  return computeInsights({ requests, grants, projectKey: settings.projectKey }, q, now);
}
