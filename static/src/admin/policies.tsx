// Policies: the rules per risk level in force, an edit form per level (each save is a new version), and
// every earlier version with what changed (the policy.updated events' before and after).
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { when } from '../agent/bits';
import { flag } from '../shared/flags';
import { useLoad } from '../shared/hooks';
import { call, messageOf } from '../shared/invoke';
import { Await } from '../shared/shell';
import type { GovernanceEvent, LevelPolicy, PolicySet } from './types';

const LEVELS = ['low', 'medium', 'high'] as const;
const FIELDS: Array<[keyof LevelPolicy, string]> = [
  ['defaultDays', 'Default days'],
  ['maxDays', 'Max days'],
  ['maxTotalDays', 'Max total days (with extensions)'],
  ['reviewWindowDays', 'Review window (days before expiry)'],
  ['secondReminderDays', 'Second reminder (days before expiry)'],
  ['autoApprovalAllowed', 'Auto-approval allowed'],
  ['autoApprovalMaxDays', 'Auto-approval up to days'],
  ['approverGroup', 'Approver group'],
  ['escalationAfterHours', 'Escalate after hours'],
  ['lapseAfterDays', 'Lapse after days'],
];

type LevelsDoc = Partial<Record<string, Partial<LevelPolicy>>>;

/** "medium.maxDays 90 → 60" for each field that differs between two versions. */
export function policyChanges(before: unknown, after: unknown): string[] {
  const b = (before as { levels?: LevelsDoc } | undefined)?.levels ?? {};
  const a = (after as { levels?: LevelsDoc } | undefined)?.levels ?? {};
  const out: string[] = [];
  for (const level of LEVELS)
    for (const [field] of FIELDS) {
      const x = b[level]?.[field];
      const y = a[level]?.[field];
      if (x !== y && y !== undefined) out.push(`${level}: ${field} ${String(x)} → ${String(y)}`);
    }
  return out;
}

function LevelEditor({
  level,
  policy,
  version,
  onSaved,
}: {
  level: string;
  policy: LevelPolicy;
  version: number;
  onSaved: () => void;
}) {
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(FIELDS.map(([k]) => [k, String(policy[k])])),
  );
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  async function save() {
    setError(undefined);
    const change: Record<string, unknown> = {};
    for (const [k] of FIELDS) {
      const v = values[k] ?? '';
      if (v === String(policy[k])) continue;
      change[k] = k === 'approverGroup' ? v : k === 'autoApprovalAllowed' ? v === 'true' : Number(v);
    }
    try {
      await call('policy.update', {
        levels: { [level]: change },
        expectedVersion: version,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      flag('success', `Policy for ${level} risk saved as a new version`);
      onSaved();
    } catch (e) {
      setError(messageOf(e));
    }
  }
  return (
    <details>
      <summary>{`Edit ${level} risk`}</summary>
      <div className="aic-stack">
        {FIELDS.map(([k, label]) => (
          <div key={k}>
            <label htmlFor={`aic-policy-${level}-${k}`}>{label}</label>
            <Textfield
              id={`aic-policy-${level}-${k}`}
              value={values[k] ?? ''}
              onChange={(e) => setValues({ ...values, [k]: e.currentTarget.value })}
            />
          </div>
        ))}
        <div>
          <label htmlFor={`aic-policy-${level}-reason`}>Why (kept with the version)</label>
          <Textfield
            id={`aic-policy-${level}-reason`}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        </div>
        {error ? (
          <SectionMessage appearance="error" title="Not saved">
            <p>{error}</p>
          </SectionMessage>
        ) : null}
        <Button appearance="primary" onClick={() => void save()}>
          {`Save ${level} risk`}
        </Button>
      </div>
    </details>
  );
}

export function PoliciesTab() {
  const data = useLoad(async () => {
    const [{ policy }, history] = await Promise.all([
      call<{ policy: PolicySet }>('policy.get'),
      call<{ events: GovernanceEvent[] }>('governance.list', { subjectType: 'policy', subjectId: 'risk-policy' }),
    ]);
    return { policy, history: history.events };
  });
  return (
    <Await value={data} label="Loading the policies" onRetry={data.reload}>
      {({ policy, history }) => (
        <div className="aic-stack">
          <p>
            {policy.updatedBy.type === 'app' && policy.version === 1
              ? 'Version 1, as installed.'
              : `Version ${policy.version}, in force since ${when(policy.updatedAt)}.`}
          </p>
          <table className="aic-table">
            <caption>Rules per risk level</caption>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                {LEVELS.map((l) => (
                  <th key={l} scope="col">{`${l} risk`}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {FIELDS.map(([k, label]) => (
                <tr key={k}>
                  <th scope="row">{label}</th>
                  {LEVELS.map((l) => (
                    <td key={l}>{String(policy.levels[l][k])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {LEVELS.map((l) => (
            <LevelEditor
              key={`${l}-${policy.version}`}
              level={l}
              policy={policy.levels[l]}
              version={policy.version}
              onSaved={data.reload}
            />
          ))}
          <h2>Versions</h2>
          {history.length === 0 ? (
            <p>Version 1 as installed; no change yet.</p>
          ) : (
            <ol reversed>
              {[...history].reverse().map((e) => {
                const after = e.after as { version?: number; reason?: string } | undefined;
                return (
                  <li key={e.id}>
                    <strong>{`Version ${after?.version ?? '?'}`}</strong>
                    {` — ${when(e.at)}${after?.reason ? ` — “${after.reason}”` : ''}`}
                    <ul>
                      {policyChanges(e.before, e.after).map((c) => (
                        <li key={c}>{c}</li>
                      ))}
                    </ul>
                  </li>
                );
              })}
            </ol>
          )}
        </div>
      )}
    </Await>
  );
}
