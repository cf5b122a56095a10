// Tasks: what connected mode handed to a person — a grant whose add could not be done (an unmapped
// requester, a refused or failing IdP call, an add whose queued job never ran), a removal or check that failed — with the ticket, the reason
// and the attempts so far. Once the cause is fixed (for an unmapped requester: confirm a suggested user
// right here), Retry now queues the job again (connectors.retry); the list shows what is still waiting.
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { router } from '@forge/bridge';
import { flag } from '../../shared/flags';
import { call } from '../../shared/invoke';
import { Refusal } from './confirm';
import { SuggestMatch } from './suggest';
import { PROVIDER_NAMES, type GrantTask, type JobTask, type RetryAnswer, type Tasks } from './types';
import { useAction } from './use-action';

function IssueLink({ issueKey }: { issueKey: string }) {
  const url = `/browse/${encodeURIComponent(issueKey)}`;
  return (
    <a
      className="aic-text-link"
      href={url}
      onClick={(e) => {
        e.preventDefault();
        void router.navigate(url);
      }}
    >
      {issueKey}
    </a>
  );
}

function RetryButton({ what, payload, onDone }: { what: string; payload: Record<string, string>; onDone: () => void }) {
  const { busy, error, run } = useAction();
  const retry = () =>
    run(async () => {
      const r = await call<RetryAnswer>('connectors.retry', payload);
      flag('success', `Queued again: ${what}`, r.alreadyQueued ? 'An earlier retry had queued it already.' : undefined);
      onDone();
    });
  return (
    <div className="aic-stack">
      <Button appearance="primary" isDisabled={busy} onClick={() => void retry()}>
        {`Retry now: ${what}`}
      </Button>
      <Refusal title="Not retried" message={error} />
    </div>
  );
}

function GrantTaskItem({ task, onChanged }: { task: GrantTask; onChanged: () => void }) {
  const provider = task.provider;
  return (
    <li className="aic-stack aic-tool-facts">
      <span className="aic-row">
        <IssueLink issueKey={task.issueKey} />
        <span>{`${task.toolId}: access approved, not given yet`}</span>
        {task.notRun ? (
          <Lozenge appearance="moved">add not run yet</Lozenge>
        ) : (
          <Lozenge appearance="removed">manual action required</Lozenge>
        )}
        {provider && !task.mapped ? <Lozenge appearance="moved">requester not mapped</Lozenge> : null}
      </span>
      <dl className="aic-facts">
        <dt>Requester</dt>
        <dd>{task.requester}</dd>
        <dt>Provider</dt>
        <dd>{provider ? PROVIDER_NAMES[provider] : 'none (the tool is not bound)'}</dd>
        <dt>Reason</dt>
        <dd>
          {task.notRun
            ? `approved ${new Date(task.notRun.since).toLocaleString()}; its add job has not run (the hourly sweep queues it again)`
            : (task.lastError ?? 'manual action required')}
        </dd>
        <dt>Attempts</dt>
        <dd>{task.attempts}</dd>
      </dl>
      {provider && !task.mapped ? (
        <SuggestMatch accountId={task.requester} provider={provider} onMapped={onChanged} />
      ) : null}
      <RetryButton what={`${task.issueKey} add`} payload={{ grantId: task.grantId }} onDone={onChanged} />
    </li>
  );
}

function JobTaskItem({ task, onChanged }: { task: JobTask; onChanged: () => void }) {
  const op = task.type.slice('connector.'.length);
  return (
    <li className="aic-stack aic-tool-facts">
      <span className="aic-row">
        {task.issueKey ? <IssueLink issueKey={task.issueKey} /> : <span>{`grant ${task.grantId}`}</span>}
        <span>{`${task.toolId}: ${op === 'remove' ? 'removal from' : 'check of'} the ${PROVIDER_NAMES[task.provider]} group failed`}</span>
      </span>
      <dl className="aic-facts">
        <dt>Account</dt>
        <dd>{task.accountId}</dd>
        <dt>Reason</dt>
        <dd>{task.lastError ?? task.outcome ?? 'manual action required'}</dd>
        <dt>Attempts</dt>
        <dd>{task.attempts}</dd>
      </dl>
      <RetryButton what={`${task.issueKey ?? task.grantId} ${op}`} payload={{ jobKey: task.key }} onDone={onChanged} />
    </li>
  );
}

export function TaskList({ tasks, onChanged }: { tasks: Tasks; onChanged: () => void }) {
  const count = tasks.grants.length + tasks.jobs.length;
  return (
    <section className="aic-stack" aria-labelledby="aic-tasks-heading">
      <h2 id="aic-tasks-heading">Tasks</h2>
      <div className="aic-row">
        <span role="status">{count ? `${count} waiting for a person.` : 'Nothing waits for a person.'}</span>
        <Button appearance="subtle" onClick={onChanged}>
          Refresh
        </Button>
      </div>
      {count ? (
        <ul className="aic-results" aria-label="Connected-mode tasks">
          {tasks.grants.map((t) => (
            <GrantTaskItem key={t.grantId} task={t} onChanged={onChanged} />
          ))}
          {tasks.jobs.map((t) => (
            <JobTaskItem key={t.key} task={t} onChanged={onChanged} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
