// The portal request detail (jiraServiceManagement:portalRequestDetail): on the requester's own request,
// its status, the tool, the access's expiry and countdown, the policy version and the next review, and the
// actions that apply. The request is the one the page shows (extension context request.key, UI-12).
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { view } from '@forge/bridge';
import type { RequestDetail } from '../shared/access';
import { AccessActions } from '../shared/access-actions';
import { countdown, formatDate, statusLabel } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { call, ResolverError } from '../shared/invoke';
import { Await, mountPage } from '../shared/shell';

async function load(): Promise<RequestDetail> {
  const context = await view.getContext();
  const key = (context.extension as { request?: { key?: unknown } }).request?.key;
  if (typeof key !== 'string') throw new ResolverError('NO_REQUEST', 'This page shows no request.');
  return call<RequestDetail>('portal.request', { request: key });
}

function Detail({ data, reload }: { data: RequestDetail; reload: () => void }) {
  const { request, grant } = data;
  // Not an AI access request of this person's (another request type, or someone else's): nothing to show.
  if (!request) return <div data-empty="true" />;
  const live = grant?.live === true;
  return (
    <section className="aic-stack" aria-label="AI tool access">
      <div className="aic-row">
        <strong>{request.toolName ?? 'AI tool'}</strong>
        <Lozenge appearance={live ? 'success' : request.status === 'pending_approval' ? 'inprogress' : 'default'}>
          {statusLabel(grant ? grant.status : request.status)}
        </Lozenge>
      </div>
      {request.rejection ? <SectionMessage appearance="warning">{request.rejection}</SectionMessage> : null}
      <dl className="aic-facts">
        <dt>Request</dt>
        <dd>{statusLabel(request.status)}</dd>
        {grant ? (
          <>
            <dt>Access until</dt>
            <dd>
              {formatDate(grant.expiresAt)}
              {grant.live ? ` (${countdown(grant.daysLeft)})` : ''}
            </dd>
            <dt>Next review</dt>
            <dd>{grant.doNotRenew ? 'Not renewing' : formatDate(grant.nextReviewAt)}</dd>
            <dt>Policy version</dt>
            <dd>{grant.policyVersion}</dd>
          </>
        ) : (
          <>
            <dt>Duration asked</dt>
            <dd>{request.requestedDays ? `${request.requestedDays} days` : '—'}</dd>
            <dt>Policy version</dt>
            <dd>{request.policyVersion ?? '—'}</dd>
          </>
        )}
      </dl>
      <AccessActions
        issueKey={request.issueKey}
        toolName={request.toolName ?? 'AI tool'}
        actions={data.actions ?? []}
        onDone={reload}
      />
    </section>
  );
}

function App() {
  const loaded = useLoad(load);
  return (
    <Await value={loaded} label="Loading your AI tool access…" onRetry={loaded.reload}>
      {(data) => <Detail data={data} reload={loaded.reload} />}
    </Await>
  );
}

mountPage(<App />);
