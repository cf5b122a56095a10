// What the agent decides on: requester, tool (risk, data handling), duration against the policy, duplicate
// check, approver group and policy version.
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { RiskLozenge, StatusLozenge, waitingFor } from '../agent/bits';
import type { DataHandling, DecisionPreview, RequestDetail } from '../agent/types';

function dataHandlingLine(d: DataHandling): string {
  const certs = [d.soc2 && 'SOC 2', d.iso27001 && 'ISO 27001', d.iso42001 && 'ISO 42001'].filter(Boolean).join(', ');
  return [
    `Trains on customer data: ${d.trainsOnCustomerData.replace(/_/g, ' ')}`,
    `retention: ${d.retention}`,
    `SSO: ${d.sso ? 'yes' : 'no'}`,
    `certifications: ${certs || 'none confirmed'}`,
    `data residency: ${d.dataResidency.length ? d.dataResidency.join(', ') : 'none offered'}`,
  ].join('; ');
}

export function RequestFacts({ detail, preview }: { detail: RequestDetail; preview: DecisionPreview | undefined }) {
  const r = detail.request;
  const policy = preview?.policy;
  const requested = r.requestedDays ?? policy?.defaultDays;
  const overPolicy = policy && requested !== undefined && requested > policy.maxDays;
  return (
    <section aria-labelledby="aic-request-heading" className="aic-stack">
      <div className="aic-row">
        <Heading size="medium" as="h2" id="aic-request-heading">
          {`${r.toolName ?? 'Unknown tool'} for ${r.requesterName ?? r.requester}`}
        </Heading>
        <StatusLozenge status={detail.status} />
      </div>
      <dl className="aic-facts">
        <dt>Requester</dt>
        <dd>{r.requesterName ?? r.requester}</dd>
        <dt>Tool</dt>
        <dd className="aic-row">
          <span>{detail.tool ? `${detail.tool.name} (${detail.tool.vendor})` : (r.toolName ?? 'none')}</span>
          <RiskLozenge risk={detail.tool?.risk ?? r.risk} />
          {detail.tool && detail.tool.status !== 'requestable' ? (
            <Lozenge appearance="removed">{`catalog: ${detail.tool.status}`}</Lozenge>
          ) : null}
        </dd>
        {detail.tool ? (
          <>
            <dt>Why this risk</dt>
            <dd>{detail.tool.riskRationale}</dd>
            <dt>Data handling</dt>
            <dd>{dataHandlingLine(detail.tool.dataHandling)}</dd>
          </>
        ) : null}
        <dt>Purpose</dt>
        <dd>{r.purpose ?? '—'}</dd>
        <dt>Duration</dt>
        <dd>
          {requested === undefined ? 'not given' : `${requested} days requested`}
          {policy ? `; policy allows up to ${policy.maxDays} days (default ${policy.defaultDays})` : ''}
          {overPolicy ? ' — longer than the policy allows; approve a shorter duration' : ''}
        </dd>
        {r.status === 'pending_approval' ? (
          <>
            <dt>Waiting</dt>
            <dd>{waitingFor(r.submittedAt)}</dd>
          </>
        ) : null}
        <dt>Duplicate check</dt>
        <dd>{preview?.duplicate.message ?? (r.status === 'blocked_duplicate' ? 'Blocked as a duplicate' : '—')}</dd>
        <dt>Approver group</dt>
        <dd>{policy?.approverGroup ?? r.escalation?.approverGroup ?? '—'}</dd>
        <dt>Policy version</dt>
        <dd>{policy?.version ?? r.policyVersion ?? detail.grant?.policyVersion ?? '—'}</dd>
        {r.decision ? (
          <>
            <dt>Decision</dt>
            <dd>
              {`${r.decision.auto ? 'Automatic' : 'By an approver'}${r.decision.days ? `, ${r.decision.days} days` : ''}${
                r.decision.rationale ? `: ${r.decision.rationale}` : ''
              }`}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
