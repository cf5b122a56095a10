// Provisioning: what the JSM templates would create or change (the plan, with the manual steps an admin
// does in Jira's UI and whether each is done), applying it with progress (provision.apply starts a queued
// run; provision.status is polled until it ends), and drift (what differs from the templates now).
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { useEffect, useState } from 'react';
import { useLoad } from '../shared/hooks';
import { call, messageOf } from '../shared/invoke';
import { Await } from '../shared/shell';
import type { Plan, PlanItem, ProvisionStatus } from './types';

const POLL_MS = 2000;

function Item({ item }: { item: PlanItem }) {
  const check = item.manual?.check;
  return (
    <li>
      <span className="aic-row">
        <Lozenge
          appearance={item.action === 'unchanged' ? 'success' : item.action === 'manual' ? 'inprogress' : 'moved'}
        >
          {item.action}
        </Lozenge>
        <span>{item.sentence}</span>
        {check ? (
          <Lozenge appearance={check.status === 'pass' ? 'success' : 'removed'}>{`check: ${check.status}`}</Lozenge>
        ) : null}
      </span>
      {item.manual && check?.status !== 'pass' ? (
        <ol>
          {item.manual.instructions.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      ) : null}
    </li>
  );
}

function PlanView({ title, plan }: { title: string; plan: Plan }) {
  const counts = Object.entries(plan.counts)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  return (
    <section className="aic-stack" aria-label={title}>
      <h2>{title}</h2>
      <p>{`Project ${plan.projectKey}: ${counts}. Manual steps still open: ${plan.manualOpen}.`}</p>
      <ul className="aic-results">
        {plan.items.map((i) => (
          <Item key={i.key} item={i} />
        ))}
      </ul>
    </section>
  );
}

function RunProgress() {
  const [status, setStatus] = useState<ProvisionStatus | undefined>();
  const [error, setError] = useState<string | undefined>();
  const running = status?.run?.state === 'running';
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const s = await call<ProvisionStatus>('provision.status');
        if (stop) return;
        setStatus(s);
        if (s.run?.state === 'running') timer = setTimeout(() => void poll(), POLL_MS);
      } catch (e) {
        if (!stop) setError(messageOf(e));
      }
    };
    void poll();
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
  }, [running]);
  async function apply() {
    setError(undefined);
    try {
      await call('provision.apply');
      setStatus(await call<ProvisionStatus>('provision.status'));
    } catch (e) {
      setError(messageOf(e));
    }
  }
  const run = status?.run;
  return (
    <section className="aic-stack" aria-labelledby="aic-apply-heading">
      <h2 id="aic-apply-heading">Apply</h2>
      <div className="aic-row">
        <Button appearance="primary" isDisabled={running} onClick={() => void apply()}>
          {run?.state === 'failed' ? 'Resume applying' : 'Apply the templates'}
        </Button>
        {run ? (
          <span role="status">
            {`Run ${run.runId}: ${run.state}, ${run.stepsDone} of ${run.total} steps${run.current ? ` — ${run.current}` : ''}`}
          </span>
        ) : (
          <span className="aic-muted">No run yet from this page.</span>
        )}
      </div>
      {run?.total ? <progress max={run.total} value={run.stepsDone} aria-label="Provisioning progress" /> : null}
      {run?.error ? (
        <SectionMessage appearance={run.state === 'failed' ? 'error' : 'warning'} title={run.error.code}>
          <p>{run.error.message}</p>
        </SectionMessage>
      ) : null}
      {status?.ids.problems.length ? (
        <SectionMessage appearance="warning" title="Field ids the app could not resolve">
          <ul>
            {status.ids.problems.map((p) => (
              <li key={p.sentence}>{p.sentence}</li>
            ))}
          </ul>
        </SectionMessage>
      ) : null}
      {error ? <p className="aic-error">{error}</p> : null}
    </section>
  );
}

export function ProvisioningTab() {
  const plan = useLoad(() => call<{ plan: Plan }>('provision.plan'));
  const [drift, setDrift] = useState<{ report: { drifted: boolean; items: PlanItem[] } } | string | undefined>();
  return (
    <div className="aic-stack">
      <RunProgress />
      <section className="aic-stack" aria-labelledby="aic-drift-heading">
        <h2 id="aic-drift-heading">Drift</h2>
        <Button
          onClick={() =>
            void call<{ report: { drifted: boolean; items: PlanItem[] } }>('provision.drift').then(
              setDrift,
              (e: unknown) => setDrift(messageOf(e)),
            )
          }
        >
          Check for drift
        </Button>
        {typeof drift === 'string' ? <p className="aic-error">{drift}</p> : null}
        {drift && typeof drift !== 'string' ? (
          drift.report.drifted ? (
            <ul className="aic-results">
              {drift.report.items.map((i) => (
                <Item key={i.key} item={i} />
              ))}
            </ul>
          ) : (
            <p role="status">No drift: the site matches the templates.</p>
          )
        ) : null}
      </section>
      <Await value={plan} label="Loading the plan" onRetry={plan.reload}>
        {({ plan: p }) => <PlanView title="Plan" plan={p} />}
      </Await>
    </div>
  );
}
