// The AI Clearance queue page (jiraServiceManagement:queuePage): the requests waiting for a decision, with
// bulk decisions, and the shared filters provisioning made, one per queue.
import Button from '@atlaskit/button/new';
import { router } from '@forge/bridge';
import { Approvals } from '../agent/approvals';
import { useLoad } from '../shared/hooks';
import { call } from '../shared/invoke';
import { Await, mountPage, PageHeading } from '../shared/shell';

interface QueueFilter {
  ref: string;
  name: string;
  filterId?: string;
  jql?: string;
}

function Queues() {
  const queues = useLoad(() => call<{ queues: QueueFilter[] }>('queues.list'));
  return (
    <section aria-labelledby="aic-queues-heading" className="aic-stack">
      <h2 id="aic-queues-heading">Queues</h2>
      <Await value={queues} label="Loading queues" onRetry={queues.reload}>
        {({ queues: list }) =>
          list.length === 0 ? (
            <p>No queues yet: an admin applies the templates on the AI Clearance admin page.</p>
          ) : (
            <ul className="aic-results">
              {list.map((q) => (
                <li key={q.ref} className="aic-row">
                  {q.filterId ? (
                    <Button
                      appearance="subtle"
                      onClick={() => void router.navigate(`/issues/?filter=${encodeURIComponent(q.filterId ?? '')}`)}
                    >
                      {q.name}
                    </Button>
                  ) : (
                    <span>{`${q.name} (filter missing: an admin runs drift)`}</span>
                  )}
                  <code>{q.jql ?? ''}</code>
                </li>
              ))}
            </ul>
          )
        }
      </Await>
    </section>
  );
}

function QueuePage() {
  return (
    <div className="aic-stack">
      <PageHeading>Waiting for a decision</PageHeading>
      <Approvals />
      <Queues />
    </div>
  );
}

mountPage(<QueuePage />);
