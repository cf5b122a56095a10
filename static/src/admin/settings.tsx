// Settings: the project, the portal, who escalations go to, retention, what happens to live access when a
// tool leaves the catalog (settings.update), and the approver group per risk level (a policy change).
// Each field is checked here first, and the resolver's message names the field when it refuses.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { flag } from '../shared/flags';
import { useLoad } from '../shared/hooks';
import { call, messageOf } from '../shared/invoke';
import { Await } from '../shared/shell';
import type { PolicySet, Settings } from './types';

const LEAVE = [
  { label: 'Flag live access for review', value: 'flag' as const },
  { label: 'Revoke live access', value: 'revoke' as const },
];
const LEVELS = ['low', 'medium', 'high'] as const;

/** The problem with each field, or nothing. */
export function settingsProblems(v: Record<string, string>): Record<string, string> {
  const p: Record<string, string> = {};
  if (!/^[A-Z][A-Z0-9_]{1,9}$/.test(v.projectKey ?? ''))
    p.projectKey = 'A Jira project key: capital letters and digits, like AIC.';
  if (v.portalId && !/^\d{1,18}$/.test(v.portalId))
    p.portalId = 'The numeric help-center portal id, or leave it empty.';
  const days = Number(v.retentionDays);
  if (!Number.isInteger(days) || days < 1 || days > 36500)
    p.retentionDays = 'Whole days from 1 to 36500 (closed records keep personal data this long).';
  if ((v.escalationTarget ?? '').length > 255) p.escalationTarget = 'A Jira group name is at most 255 characters.';
  for (const l of LEVELS) if (!(v[`group-${l}`] ?? '').trim()) p[`group-${l}`] = 'Name the Jira group that approves.';
  return p;
}

function Field(props: {
  id: string;
  label: string;
  value: string;
  problem?: string | undefined;
  onChange: (v: string) => void;
}) {
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <Textfield
        id={props.id}
        value={props.value}
        isInvalid={props.problem !== undefined}
        aria-describedby={props.problem ? `${props.id}-problem` : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      />
      {props.problem ? (
        <p id={`${props.id}-problem`} className="aic-error">
          {props.problem}
        </p>
      ) : null}
    </div>
  );
}

function SettingsForm({ settings, policy, onSaved }: { settings: Settings; policy: PolicySet; onSaved: () => void }) {
  const [v, setV] = useState<Record<string, string>>({
    projectKey: settings.projectKey,
    portalId: settings.portalId ?? '',
    escalationTarget: settings.escalationTarget ?? '',
    retentionDays: String(settings.retentionDays),
    ...Object.fromEntries(LEVELS.map((l) => [`group-${l}`, policy.levels[l].approverGroup])),
  });
  const [leave, setLeave] = useState(settings.liveGrantsOnLeave);
  const [error, setError] = useState<string | undefined>();
  const [touched, setTouched] = useState(false);
  const problems = settingsProblems(v);
  const set = (k: string) => (value: string) => {
    setTouched(true);
    setV({ ...v, [k]: value });
  };
  async function save() {
    setError(undefined);
    if (Object.keys(problems).length) return;
    try {
      await call('settings.update', {
        projectKey: v.projectKey,
        portalId: v.portalId ? v.portalId : null,
        escalationTarget: v.escalationTarget?.trim() ? v.escalationTarget.trim() : null,
        retentionDays: Number(v.retentionDays),
        liveGrantsOnLeave: leave,
      });
      const groups = Object.fromEntries(
        LEVELS.filter((l) => v[`group-${l}`] !== policy.levels[l].approverGroup).map((l) => [
          l,
          { approverGroup: (v[`group-${l}`] ?? '').trim() },
        ]),
      );
      if (Object.keys(groups).length)
        await call('policy.update', {
          levels: groups,
          expectedVersion: policy.version,
          reason: 'Approver groups changed in Settings',
        });
      flag('success', 'Settings saved');
      onSaved();
    } catch (e) {
      setError(messageOf(e));
    }
  }
  const shown = (k: string) => (touched ? problems[k] : undefined);
  return (
    <form
      className="aic-stack"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        void save();
      }}
    >
      {error ? (
        <SectionMessage appearance="error" title="Settings not saved">
          <p>{error}</p>
        </SectionMessage>
      ) : null}
      <Field
        id="aic-set-project"
        label="Jira project key"
        value={v.projectKey ?? ''}
        problem={shown('projectKey')}
        onChange={set('projectKey')}
      />
      <Field
        id="aic-set-portal"
        label="Help-center portal id"
        value={v.portalId ?? ''}
        problem={shown('portalId')}
        onChange={set('portalId')}
      />
      <Field
        id="aic-set-escalation"
        label="Escalation target (Jira group)"
        value={v.escalationTarget ?? ''}
        problem={shown('escalationTarget')}
        onChange={set('escalationTarget')}
      />
      <Field
        id="aic-set-retention"
        label="Retention of personal data after a record closes (days)"
        value={v.retentionDays ?? ''}
        problem={shown('retentionDays')}
        onChange={set('retentionDays')}
      />
      <div>
        <label htmlFor="aic-set-leave-input">When a tool is suspended or retired</label>
        <Select
          inputId="aic-set-leave-input"
          options={LEAVE}
          value={LEAVE.find((o) => o.value === leave)}
          onChange={(o) => o && setLeave(o.value)}
        />
      </div>
      <h2>Approver groups</h2>
      {LEVELS.map((l) => (
        <Field
          key={l}
          id={`aic-set-group-${l}`}
          label={`Approves ${l}-risk tools`}
          value={v[`group-${l}`] ?? ''}
          problem={shown(`group-${l}`)}
          onChange={set(`group-${l}`)}
        />
      ))}
      <div>
        <Button type="submit" appearance="primary">
          Save settings
        </Button>
      </div>
    </form>
  );
}

export function SettingsTab() {
  const data = useLoad(async () => {
    const [settings, { policy }] = await Promise.all([
      call<Settings>('settings.get'),
      call<{ policy: PolicySet }>('policy.get'),
    ]);
    return { settings, policy };
  });
  return (
    <Await value={data} label="Loading settings" onRetry={data.reload}>
      {({ settings, policy }) => (
        <SettingsForm
          key={`${settings.version}-${policy.version}`}
          settings={settings}
          policy={policy}
          onSaved={data.reload}
        />
      )}
    </Await>
  );
}
