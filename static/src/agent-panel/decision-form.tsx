// Approve (optionally for fewer days) or decline with a rationale. What the rules would refuse is shown
// before the click, from approvals.preview (the same checks the decision makes), and the buttons that
// would be refused are disabled with the reason next to them.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { flag } from '../shared/flags';
import { call, messageOf } from '../shared/invoke';
import type { DecisionPreview, DecisionResult } from '../agent/types';

export function DecisionForm({
  issueKey,
  preview,
  onDecided,
}: {
  issueKey: string;
  preview: DecisionPreview;
  onDecided: () => void;
}) {
  const max = preview.approve.maxDays;
  const [days, setDays] = useState(max !== undefined ? String(max) : '');
  const [rationale, setRationale] = useState('');
  const [busy, setBusy] = useState<'approve' | 'decline' | undefined>();
  const [error, setError] = useState<string | undefined>();

  const daysNumber = Number(days);
  const daysProblem =
    days.trim() === ''
      ? undefined
      : !Number.isInteger(daysNumber) || daysNumber < 1
        ? 'Enter a whole number of days, 1 or more.'
        : max !== undefined && daysNumber > max
          ? `At most ${max} days: approval may shorten the request, never lengthen it.`
          : undefined;
  const rationaleShort = rationale.trim().length < preview.decline.rationaleMinChars;

  async function decide(action: 'approve' | 'decline') {
    setBusy(action);
    setError(undefined);
    try {
      const r = await call<DecisionResult>('approvals.decide', {
        request: issueKey,
        action,
        ...(action === 'approve' && days.trim() !== '' ? { days: daysNumber } : {}),
        ...(action === 'decline' ? { rationale: rationale.trim() } : {}),
      });
      flag(
        'success',
        `${r.issueKey} ${r.outcome}`,
        r.ticket === 'catching_up' ? 'Saved; Jira is busy, the ticket catches up in a minute.' : undefined,
      );
      onDecided();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section aria-labelledby="aic-decide-heading" className="aic-stack">
      <h3 id="aic-decide-heading">Decide</h3>
      {error ? (
        <SectionMessage appearance="error" title="Not decided">
          <p>{error}</p>
        </SectionMessage>
      ) : null}
      <div className="aic-stack">
        {preview.approve.allowed ? null : (
          <SectionMessage appearance="warning" title="You cannot approve this request">
            <p>{preview.approve.message}</p>
          </SectionMessage>
        )}
        <div className="aic-row">
          <label htmlFor="aic-days">Days to grant</label>
          <Textfield
            id="aic-days"
            name="days"
            type="number"
            width="small"
            value={days}
            isDisabled={!preview.approve.allowed}
            isInvalid={daysProblem !== undefined}
            aria-describedby="aic-days-help"
            onChange={(e) => setDays(e.currentTarget.value)}
          />
          <Button
            appearance="primary"
            isDisabled={!preview.approve.allowed || daysProblem !== undefined || busy !== undefined}
            isLoading={busy === 'approve'}
            onClick={() => void decide('approve')}
          >
            Approve
          </Button>
        </div>
        <p id="aic-days-help" className={daysProblem ? 'aic-error' : 'aic-muted'}>
          {daysProblem ??
            (max !== undefined ? `Up to ${max} days (what was asked, within the policy). Shorter is allowed.` : '')}
        </p>
      </div>
      <div className="aic-stack">
        {preview.decline.allowed ? null : (
          <SectionMessage appearance="warning" title="You cannot decline this request">
            <p>{preview.decline.message}</p>
          </SectionMessage>
        )}
        <label htmlFor="aic-rationale">Why decline? (the requester reads this)</label>
        <TextArea
          id="aic-rationale"
          name="rationale"
          value={rationale}
          isDisabled={!preview.decline.allowed}
          maxLength={4000}
          onChange={(e) => setRationale(e.currentTarget.value)}
        />
        <div className="aic-row">
          <Button
            appearance="danger"
            isDisabled={!preview.decline.allowed || rationaleShort || busy !== undefined}
            isLoading={busy === 'decline'}
            onClick={() => void decide('decline')}
          >
            Decline
          </Button>
          {rationaleShort ? (
            <span className="aic-muted">{`A rationale of at least ${preview.decline.rationaleMinChars} characters is required.`}</span>
          ) : null}
        </div>
      </div>
    </section>
  );
}
