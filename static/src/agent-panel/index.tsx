// The agent's issue panel (jira:issuePanel) on an AI access request: who asks for which tool, its risk and
// data handling, the duration against the policy, the duplicate check, who may approve, and the request's
// evidence with its chains verified. Approve (optionally shorter) and decline (with a rationale); whether
// this agent may do either, and why not, is asked before the click (approvals.preview).
import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';
import { mountPage, Await, ErrorMessage, Loading } from '../shared/shell';
import { useLoad } from '../shared/hooks';
import { call, ResolverError } from '../shared/invoke';
import { DecisionForm } from './decision-form';
import { RequestFacts } from './request-facts';
import { EvidenceTimeline } from './evidence-timeline';
import type { DecisionPreview, RequestDetail } from '../agent/types';

/** The issue the panel is on: @forge/bridge's view.getContext() (extension.issue.key for jira:issuePanel). */
function useIssueKey(): { key?: string; error?: string } {
  const [state, setState] = useState<{ key?: string; error?: string }>({});
  useEffect(() => {
    view.getContext().then(
      (ctx) => {
        const key = (ctx.extension as { issue?: { key?: unknown } } | undefined)?.issue?.key;
        setState(typeof key === 'string' ? { key } : { error: 'This panel only works on an issue.' });
      },
      () => setState({ error: 'AI Clearance could not read which issue this is. Reload the page.' }),
    );
  }, []);
  return state;
}

function Panel({ issueKey }: { issueKey: string }) {
  const loaded = useLoad(async () => {
    let detail: RequestDetail & { preview?: DecisionPreview };
    try {
      detail = await call<RequestDetail & { preview?: DecisionPreview }>('approvals.get', {
        request: issueKey,
        withPreview: true,
      });
    } catch (e) {
      // Not every issue is an AI access request (the panel can be opened on any issue).
      if (e instanceof ResolverError && e.code === 'REQUEST_NOT_FOUND') return undefined;
      throw e;
    }
    const { preview, ...rest } = detail;
    return { detail: rest, preview };
  });
  return (
    <Await value={loaded} label="Loading the request" onRetry={loaded.reload}>
      {(data) =>
        !data ? (
          <p>{`${issueKey} is not an AI tool access request, so AI Clearance has nothing to show here.`}</p>
        ) : (
          <div className="aic-stack">
            <RequestFacts detail={data.detail} preview={data.preview} />
            {data.preview ? (
              <DecisionForm issueKey={issueKey} preview={data.preview} onDecided={loaded.reload} />
            ) : null}
            <EvidenceTimeline detail={data.detail} />
          </div>
        )
      }
    </Await>
  );
}

function AgentPanel() {
  const issue = useIssueKey();
  if (issue.error) return <ErrorMessage message={issue.error} />;
  if (!issue.key) return <Loading label="Loading the request" />;
  return <Panel issueKey={issue.key} />;
}

mountPage(<AgentPanel />);
