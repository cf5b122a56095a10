// The request's and its grant's governance events in time order, with whether each chain verifies.
import Lozenge from '@atlaskit/lozenge';
import { eventLabel, when } from '../agent/bits';
import type { ChainStatus, RequestDetail } from '../agent/types';

function Chain({ name, status }: { name: string; status: ChainStatus }) {
  return status.ok ? (
    <Lozenge appearance="success">{`${name} chain intact (${status.events} events)`}</Lozenge>
  ) : (
    <span className="aic-row">
      <Lozenge appearance="removed">{`${name} chain broken`}</Lozenge>
      <span>{status.message}</span>
    </span>
  );
}

export function EvidenceTimeline({ detail }: { detail: RequestDetail }) {
  return (
    <section aria-labelledby="aic-evidence-heading" className="aic-stack">
      <h3 id="aic-evidence-heading">Evidence</h3>
      <div className="aic-row">
        <Chain name="Request" status={detail.chains.request} />
        {detail.chains.grant ? <Chain name="Grant" status={detail.chains.grant} /> : null}
      </div>
      <ol className="aic-timeline">
        {detail.timeline.map((e) => (
          <li key={e.id}>
            <span className="aic-muted">{when(e.at)}</span> {eventLabel(e.action)}
            <span className="aic-muted">{` — ${e.subject.type} #${e.seq}, by ${e.actor.type === 'user' ? 'a person' : e.actor.type}`}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
