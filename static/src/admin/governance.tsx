// Governance log: filter by subject (a kind, or one subject by id), ticket and time window; read a page at a
// time (Load more follows the resolver's cursor; a filter the store has no index for can need several reads,
// and the page says how far it has searched); verify one subject's chain or the whole log and see the result.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { SUBJECT_TYPES } from '../../../src/domain/governance/subject-types';
import { ANY, FilterSelect, withAny } from '../agent/filter-select';
import { call, messageOf } from '../shared/invoke';
import { EventTable, Verification } from './governance-results';
import type { GovernanceEvent, VerifyResult } from './types';

const SUBJECTS = withAny(SUBJECT_TYPES);
const DAY = 86_400_000;

interface SearchPage {
  events: GovernanceEvent[];
  cursor?: string;
  readThrough?: string;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function textField(id: string, label: string, value: string, set: (v: string) => void, more: object = {}) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <Textfield id={id} value={value} onChange={(e) => set(e.currentTarget.value)} {...more} />
    </div>
  );
}

export function GovernanceTab() {
  const [subjectType, setSubjectType] = useState(ANY);
  const [subjectId, setSubjectId] = useState('');
  const [ticket, setTicket] = useState('');
  const [from, setFrom] = useState(isoDay(Date.now() - 30 * DAY));
  const [to, setTo] = useState(isoDay(Date.now()));
  const [events, setEvents] = useState<GovernanceEvent[] | undefined>();
  const [next, setNext] = useState<{ query: Record<string, string>; cursor: string; readThrough?: string }>();
  const [verified, setVerified] = useState<VerifyResult | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function attempt(work: () => Promise<void>) {
    setError(undefined);
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  /** One page of the query; the query is kept with the cursor so Load more reads on with the same filters. */
  const read = (query: Record<string, string>, cursor: string | undefined, sofar: GovernanceEvent[]) =>
    attempt(async () => {
      const page = await call<SearchPage>('governance.search', { ...query, ...(cursor ? { cursor } : {}) });
      setEvents([...sofar, ...page.events]);
      setNext(
        page.cursor
          ? { query, cursor: page.cursor, ...(page.readThrough ? { readThrough: page.readThrough } : {}) }
          : undefined,
      );
    });
  const id = subjectId.trim();
  const search = () => {
    const query: Record<string, string> = { from: `${from}T00:00:00.000Z`, to: `${to}T23:59:59.999Z` };
    if (subjectType.value) query.subjectType = subjectType.value;
    if (subjectType.value && id) query.subjectId = id;
    if (ticket.trim()) query.ticket = ticket.trim().toUpperCase();
    return read(query, undefined, []);
  };
  const verifySubject = () =>
    attempt(async () => {
      setVerified(await call<VerifyResult>('governance.verify', { subjectType: subjectType.value, subjectId: id }));
    });
  const verifyAll = () =>
    attempt(async () => {
      setVerified(await call<VerifyResult>('governance.verifyAll'));
    });

  return (
    <div className="aic-stack">
      <section className="aic-stack" aria-labelledby="aic-gov-filter">
        <h2 id="aic-gov-filter">Find events</h2>
        <div className="aic-filters">
          <FilterSelect
            id="aic-gov-type"
            label="Subject type"
            options={SUBJECTS}
            value={subjectType}
            onChange={setSubjectType}
          />
          {textField('aic-gov-id', 'Subject id (issue id, tool id, risk-policy, app)', subjectId, setSubjectId)}
          {textField('aic-gov-ticket', 'Ticket', ticket, setTicket, { placeholder: 'AIC-12' })}
          {textField('aic-gov-from', 'From', from, setFrom, { type: 'date' })}
          {textField('aic-gov-to', 'To', to, setTo, { type: 'date' })}
        </div>
        {id && !subjectType.value ? (
          <p className="aic-muted">Choose the subject type of that id to search one subject or verify its chain.</p>
        ) : null}
        <div className="aic-row">
          <Button appearance="primary" isDisabled={busy} onClick={() => void search()}>
            Show events
          </Button>
          <Button isDisabled={busy || !id || !subjectType.value} onClick={() => void verifySubject()}>
            Verify this chain
          </Button>
          <Button isDisabled={busy} onClick={() => void verifyAll()}>
            Verify the whole log
          </Button>
        </div>
      </section>
      {error ? (
        <SectionMessage appearance="error" title="That did not work">
          <p>{error}</p>
        </SectionMessage>
      ) : null}
      {verified ? <Verification result={verified} /> : null}
      {events ? (
        <EventTable
          events={events}
          more={next}
          busy={busy}
          onMore={() => next && void read(next.query, next.cursor, events)}
        />
      ) : null}
    </div>
  );
}
