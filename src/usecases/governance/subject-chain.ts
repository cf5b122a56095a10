// One subject's whole chain (every page), and that chain verified: what the
// admin's "verify" and the agent's evidence timeline show.
import type { SubjectRef } from '../../domain/governance/event';
import { verifySubjectChain, type VerifyResult } from '../../domain/governance/verify';
import type { AppStore, StoredGovernanceEvent } from '../../ports/store';

export async function pageAll<T>(page: (cursor?: string) => Promise<{ items: T[]; cursor?: string }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    out.push(...p.items);
    cursor = p.cursor;
  } while (cursor);
  return out;
}

export async function chainOf(store: AppStore, subject: string): Promise<StoredGovernanceEvent[]> {
  return pageAll((cursor) => store.eventsOf(subject, { limit: 100, ...(cursor ? { cursor } : {}) }));
}

export async function verifiedChain(
  store: AppStore,
  subject: SubjectRef,
): Promise<{ events: unknown[]; verification: VerifyResult }> {
  const events = (await chainOf(store, `${subject.type}:${subject.id}`)).map((e) => e.doc);
  return { events, verification: verifySubjectChain(events, subject) };
}
