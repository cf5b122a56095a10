// Every attribute of a tool the admin may edit: the vendor's facts, data handling and assessment date, the
// risk and its rationale, durations and policy overrides. Save sends only what changed, with the version the
// form was loaded from, so an edit made over someone else's is refused rather than silently applied. The
// connector binding is changed under Connectors, which checks the group.
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Select from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { TOOL_CATEGORIES, TOOL_TIERS, TRAINING_POSTURES } from '../../../src/domain/catalog/vocabulary';
import { RISK_LEVELS } from '../../../src/domain/policy/risk-policy';
import {
  CERTIFICATIONS,
  OVERRIDE_FIELDS,
  changesOf,
  dataHandlingChanged,
  draftOf,
  type Draft,
  type OverrideField,
} from './catalog-draft';
import type { CatalogEntry } from './types';

const options = (values: readonly string[]) => values.map((v) => ({ label: v, value: v }));
const RISKS = options(RISK_LEVELS);
const CATEGORIES = options(TOOL_CATEGORIES);
const TIERS = options(TOOL_TIERS);
const POSTURES = options(TRAINING_POSTURES);
const AUTO = [
  { label: "the level's setting", value: '' },
  { label: 'yes', value: 'yes' },
  { label: 'no', value: 'no' },
];
const CERT_LABELS: Record<(typeof CERTIFICATIONS)[number], string> = {
  sso: 'Single sign-on (SSO)',
  soc2: 'SOC 2',
  iso27001: 'ISO/IEC 27001',
  iso42001: 'ISO/IEC 42001',
};

type TextKey = {
  [K in keyof Draft]: Draft[K] extends string ? K : never;
}[keyof Draft];

export function ToolEditForm(props: {
  entry: CatalogEntry;
  busy: boolean;
  onSave: (changes: Record<string, unknown>, expectedVersion: number) => void;
}) {
  const { entry } = props;
  const [d, setD] = useState<Draft>(() => draftOf(entry));
  const set = (patch: Partial<Draft>) => setD({ ...d, ...patch });
  const setOverride = (f: OverrideField, v: string) => setD({ ...d, overrides: { ...d.overrides, [f]: v } });
  const id = (k: string) => `aic-tool-${k}`;
  const text = (k: TextKey, label: string, type?: 'date' | 'number' | 'url') => (
    <div>
      <label htmlFor={id(k)}>{label}</label>
      <Textfield
        id={id(k)}
        {...(type ? { type } : {})}
        width={type === 'number' ? 'small' : undefined}
        value={d[k]}
        onChange={(e) => set({ [k]: e.currentTarget.value })}
      />
    </div>
  );
  const select = (k: TextKey, label: string, opts: Array<{ label: string; value: string }>) => (
    <div>
      <label htmlFor={`${id(k)}-input`}>{label}</label>
      <Select
        inputId={`${id(k)}-input`}
        options={opts}
        value={opts.find((o) => o.value === d[k])}
        onChange={(o) => o && set({ [k]: o.value })}
      />
    </div>
  );
  const changes = changesOf(entry, d);
  const factsChanged = dataHandlingChanged(entry, d);

  return (
    <form
      className="aic-stack"
      aria-label={`Edit ${entry.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave(changes, entry.version);
      }}
    >
      <fieldset className="aic-stack">
        <legend>Vendor</legend>
        <div className="aic-filters">
          {text('name', 'Name')}
          {text('vendor', 'Vendor')}
          {text('vendorUrl', 'Vendor address (https://)', 'url')}
          {select('category', 'Category', CATEGORIES)}
          {select('tier', 'Tier', TIERS)}
        </div>
      </fieldset>
      <fieldset className="aic-stack">
        <legend>Data handling</legend>
        <div className="aic-filters">
          {select('trainsOnCustomerData', 'Trains on customer data', POSTURES)}
          {text('retention', 'Retention')}
          {text('dataResidency', 'Data residency (region codes, e.g. EU, US)')}
        </div>
        <div className="aic-row">
          {CERTIFICATIONS.map((c) => (
            <Checkbox
              key={c}
              name={c}
              label={CERT_LABELS[c]}
              isChecked={d[c]}
              onChange={(e) => set({ [c]: e.currentTarget.checked })}
            />
          ))}
        </div>
        {text('assessedOn', 'Assessed on', 'date')}
        {factsChanged && d.assessedOn === entry.assessedOn ? (
          <p className="aic-muted" role="status">
            The data-handling facts changed: set “Assessed on” to the day you reassessed them.
          </p>
        ) : null}
      </fieldset>
      <fieldset className="aic-stack">
        <legend>Risk and durations</legend>
        {select('risk', 'Risk', RISKS)}
        <div>
          <label htmlFor={id('rationale')}>Why this risk</label>
          <TextArea
            id={id('rationale')}
            value={d.riskRationale}
            maxLength={300}
            onChange={(e) => set({ riskRationale: e.currentTarget.value })}
          />
        </div>
        <div className="aic-row">
          {text('defaultDays', 'Default days', 'number')}
          {text('maxDays', 'Max days', 'number')}
          {text('reviewWindowDays', 'Review window days', 'number')}
        </div>
      </fieldset>
      <fieldset className="aic-stack">
        <legend>Policy overrides (empty: the risk level’s setting)</legend>
        <div className="aic-filters">
          {OVERRIDE_FIELDS.map((f) =>
            f === 'autoApprovalAllowed' ? (
              <div key={f}>
                <label htmlFor={`${id(f)}-input`}>Auto-approval allowed</label>
                <Select
                  inputId={`${id(f)}-input`}
                  options={AUTO}
                  value={AUTO.find((o) => o.value === d.overrides[f])}
                  onChange={(o) => o && setOverride(f, o.value)}
                />
              </div>
            ) : (
              <div key={f}>
                <label htmlFor={id(f)}>{f}</label>
                <Textfield id={id(f)} value={d.overrides[f]} onChange={(e) => setOverride(f, e.currentTarget.value)} />
              </div>
            ),
          )}
        </div>
      </fieldset>
      <div className="aic-row">
        <Button type="submit" appearance="primary" isDisabled={props.busy || Object.keys(changes).length === 0}>
          Save changes
        </Button>
        <Button isDisabled={props.busy} onClick={() => setD(draftOf(entry))}>
          Undo edits
        </Button>
      </div>
    </form>
  );
}
