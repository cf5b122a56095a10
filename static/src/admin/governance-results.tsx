// The governance log's answers: one subject's or the whole log's verification, and the events found so far
// (oldest first) with what each changed, and a way to read on when the search has not reached the end.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { eventLabel, when } from '../agent/bits';
import type { GovernanceEvent, VerifyResult } from './types';

export function Verification({ result }: { result: VerifyResult }) {
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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields a change's before/after names (a catalog edit: the attributes changed); a creation has no before. */
function changedFields(e: GovernanceEvent): string {
  const after = e.after;
  if (!isRecord(e.before) || !isRecord(after)) return '—';
  const keys = Object.keys(after).filter((k) => k !== 'version');
  return keys.length ? keys.join(', ') : '—';
}

export function EventTable(props: {
  events: GovernanceEvent[];
  /** Where the search stopped reading when it has more to read. */
  more: { readThrough?: string } | undefined;
  busy: boolean;
  onMore: () => void;
}) {
  const { events, more } = props;
  return (
    <div className="aic-stack">
      {events.length === 0 ? (
        <p role="status">{more ? 'No events match so far.' : 'No events match.'}</p>
      ) : (
        <table className="aic-table">
          <caption>{`${events.length} events${more ? ' so far' : ''}`}</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">Subject</th>
              <th scope="col">Changed</th>
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
                <td>{changedFields(e)}</td>
                <td>{e.ticket?.key ?? '—'}</td>
                <td>{e.actor.type === 'user' ? (e.actor.accountId ?? 'a person') : e.actor.type}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more ? (
        <div className="aic-row">
          <span role="status">
            {more.readThrough ? `Searched up to ${when(more.readThrough)}; there is more to search.` : 'There is more.'}
          </span>
          <Button isDisabled={props.busy} onClick={props.onMore}>
            Load more
          </Button>
        </div>
      ) : null}
    </div>
  );
}
