// Appends governance events to a WriteSet: each subject's chain head is a
// 'gov-head' record written with its expected version in the same commit as
// the state change, so the event and the change land together, and two
// writers on one subject cannot both extend its chain (one gets a conflict
// and retries). Subjects are per request/grant, so concurrent tickets never
// contend on a shared head.
import type { RandomBytes } from '../../domain/governance/chain';
import type { EventDraft, SubjectHead } from '../../domain/governance/event';
import { appendEvent, headOf } from '../../domain/governance/chain';
import { subjectHeadSchema, subjectKeyOf } from '../../domain/governance/event';
import type { ExpectedVersion, RecordPut, StoredGovernanceEvent } from '../../ports/store';
import type { AppStore } from '../../ports/store';

export interface ChainedWrites {
  puts: RecordPut[];
  events: StoredGovernanceEvent[];
}

export interface HeadState {
  head: SubjectHead | undefined;
  expected: ExpectedVersion;
}

/**
 * Chains `drafts` onto their subjects' heads. Subjects listed in `fresh` are
 * known to be new (their record is created in the same commit), so their head
 * is not read: if one did exist, the 'absent' expectation makes the commit
 * fail and the caller retries with a fresh read.
 */
export async function chainEvents(
  store: AppStore,
  drafts: readonly EventDraft[],
  now: Date,
  random: RandomBytes,
  fresh: ReadonlySet<string> = new Set(),
): Promise<ChainedWrites> {
  const heads = new Map<string, HeadState>();
  for (const d of drafts) {
    const key = subjectKeyOf(d.subject);
    if (heads.has(key)) continue;
    if (fresh.has(key)) {
      heads.set(key, { head: undefined, expected: 'absent' });
      continue;
    }
    const rec = await store.get<unknown>('gov-head', key);
    heads.set(
      key,
      rec ? { head: subjectHeadSchema.parse(rec.doc), expected: rec.version } : { head: undefined, expected: 'absent' },
    );
  }
  const events: StoredGovernanceEvent[] = [];
  const latest = new Map<string, SubjectHead>();
  for (const d of drafts) {
    const key = subjectKeyOf(d.subject);
    const prev = latest.get(key) ?? heads.get(key)!.head;
    const ev = appendEvent(prev, d, now, random);
    latest.set(key, headOf(ev));
    const stored: StoredGovernanceEvent = {
      subject: key,
      seq: ev.seq,
      at: Math.floor(Date.parse(ev.at) / 1000),
      doc: ev,
    };
    if (ev.ticket?.key) stored.ticket = ev.ticket.key;
    events.push(stored);
  }
  const puts: RecordPut[] = [];
  for (const [key, head] of latest) {
    const state = heads.get(key)!;
    // dueAt on a head is the time it last moved (epoch s): the anchoring job finds changed heads by it.
    puts.push({
      record: {
        kind: 'gov-head',
        id: key,
        version: state.expected === 'absent' ? 1 : state.expected + 1,
        dueAt: Math.floor(Date.parse(head.at) / 1000),
        doc: head,
      },
      expected: state.expected,
    });
  }
  return { puts, events };
}
