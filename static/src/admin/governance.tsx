// Governance log: the events of one subject (request, grant, tool, policy…), of one ticket, or of a time
// window; verify one subject's chain or the whole log and see the result.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { eventLabel, when } from '../agent/bits';
import { call, messageOf } from '../shared/invoke';
import type { GovernanceEvent, VerifyResult } from './types';

const SUBJECTS = ['request', 'grant', 'catalog', 'policy', 'settings'].map((s) => ({ label: s, value: s }));
const DAY = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function Verification({ result }: { result: VerifyResult }) {
  return result.ok ? (
    <SectionMessage appearance="success" title="Chain intact">
      <p>{`${result.counts.events} events over ${result.counts.subjects} subjects verify (${result.counts.redacted} redacted by retention).`}</p>
    </SectionMessage>
  ) : (
    <SectionMessage appearance="error" title="Chain broken">
      <p>{result.message}</p>
    </SectionMessage>
  );
}

export function GovernanceTab() {
  const [subjectType, setSubjectType] = useState(SUBJECTS[0] ?? { label: 'request', value: 'request' });
  const [subjectId, setSubjectId] = useState('');
  const [ticket, setTicket] = useState('');
  const [from, setFrom] = useState(isoDay(Date.now() - 30 * DAY));
  const [to, setTo] = useState(isoDay(Date.now()));
  const [events, setEvents] = useState<GovernanceEvent[] | undefined>();
  const [verified, setVerified] = useState<VerifyResult | undefined>();
  const [error, setError] = useState<string | undefined>();

  async function attempt(work: () => Promise<void>) {
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(messageOf(e));
    }
  }
  const bySubject = () =>
    attempt(async () => {
      const r = await call<{ events: GovernanceEvent[] }>('governance.list', {
        subjectType: subjectType.value,
        subjectId: subjectId.trim(),
      });
      setEvents(r.events);
    });
  const byTime = () =>
    attempt(async () => {
      const r = await call<{ events: GovernanceEvent[] }>('governance.search', {
        from: `${from}T00:00:00.000Z`,
        to: `${to}T23:59:59.999Z`,
        ...(ticket.trim() ? { ticket: ticket.trim().toUpperCase() } : {}),
      });
      setEvents(r.events);
    });
  const verifySubject = () =>
    attempt(async () => {
      setVerified(
        await call<VerifyResult>('governance.verify', { subjectType: subjectType.value, subjectId: subjectId.trim() }),
      );
    });
  const verifyAll = () =>
    attempt(async () => {
      setVerified(await call<VerifyResult>('governance.verifyAll'));
    });

  return (
    <div className="aic-stack">
      <section className="aic-stack" aria-labelledby="aic-gov-subject">
        <h2 id="aic-gov-subject">By subject</h2>
        <div className="aic-filters">
          <div>
            <label htmlFor="aic-gov-type-input">Subject type</label>
            <Select
              inputId="aic-gov-type-input"
              options={SUBJECTS}
              value={subjectType}
              onChange={(o) => o && setSubjectType(o)}
            />
          </div>
          <div>
            <label htmlFor="aic-gov-id">Subject id (issue id, tool id, risk-policy, app)</label>
            <Textfield id="aic-gov-id" value={subjectId} onChange={(e) => setSubjectId(e.currentTarget.value)} />
          </div>
        </div>
        <div className="aic-row">
          <Button isDisabled={!subjectId.trim()} onClick={() => void bySubject()}>
            Show events
          </Button>
          <Button isDisabled={!subjectId.trim()} onClick={() => void verifySubject()}>
            Verify this chain
          </Button>
        </div>
      </section>
      <section className="aic-stack" aria-labelledby="aic-gov-time">
        <h2 id="aic-gov-time">By ticket and time</h2>
        <div className="aic-filters">
          <div>
            <label htmlFor="aic-gov-ticket">Ticket (optional)</label>
            <Textfield
              id="aic-gov-ticket"
              value={ticket}
              placeholder="AIC-12"
              onChange={(e) => setTicket(e.currentTarget.value)}
            />
          </div>
          <div>
            <label htmlFor="aic-gov-from">From</label>
            <Textfield id="aic-gov-from" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          </div>
          <div>
            <label htmlFor="aic-gov-to">To</label>
            <Textfield id="aic-gov-to" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          </div>
        </div>
        <div className="aic-row">
          <Button onClick={() => void byTime()}>Show events</Button>
          <Button appearance="primary" onClick={() => void verifyAll()}>
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
        events.length === 0 ? (
          <p role="status">No events match.</p>
        ) : (
          <table className="aic-table">
            <caption>{`${events.length} events`}</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Subject</th>
                <th scope="col">Ticket</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>{when(e.at)}</td>
                  <td>{eventLabel(e.action)}</td>
                  <td>{`${e.subject.type}:${e.subject.id} #${e.seq}`}</td>
                  <td>{e.ticket?.key ?? '—'}</td>
                  <td>{e.actor.type === 'user' ? (e.actor.accountId ?? 'a person') : e.actor.type}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </div>
  );
}
