// One tool: every attribute, an edit form for what the admin decides, and its lifecycle actions. A suspend
// or retire needs a reason (requesters read it) and answers what it did: pending requests declined, live
// grants flagged or revoked.
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { RiskLozenge, StatusLozenge } from '../agent/bits';
import { flag } from '../shared/flags';
import { call, messageOf } from '../shared/invoke';
import type { CatalogEntry } from './types';

interface Consequences {
  declined: string[];
  flagged: string[];
  revoked: string[];
  failed: Array<{ id: string; error: string }>;
}
interface ActionResult {
  entries: CatalogEntry[];
  consequences?: Consequences;
}

const RISKS = ['low', 'medium', 'high', 'prohibited'].map((r) => ({ label: r, value: r }));

function consequenceText(c: Consequences | undefined): string {
  if (!c) return '';
  return ` Pending requests declined: ${c.declined.length}; live access flagged for review: ${c.flagged.length}; revoked: ${c.revoked.length}${
    c.failed.length ? `; not done (runs again): ${c.failed.length}` : ''
  }.`;
}

function NumberField(props: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <Textfield
        id={props.id}
        type="number"
        width="small"
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      />
    </div>
  );
}

export function ToolDetail({
  entry,
  onClose,
  onChanged,
}: {
  entry: CatalogEntry;
  onClose: () => void;
  onChanged: () => void;
}) {
  const [risk, setRisk] = useState(entry.risk);
  const [rationale, setRationale] = useState(entry.riskRationale);
  const [days, setDays] = useState({
    defaultDays: String(entry.defaultDays),
    maxDays: String(entry.maxDays),
    reviewWindowDays: String(entry.reviewWindowDays),
  });
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function run(name: string, payload: Record<string, unknown>, what: string) {
    setBusy(true);
    setError(undefined);
    try {
      const r = await call<ActionResult>(name, { toolId: entry.id, ...payload });
      const text = `${entry.name}: ${what}.${consequenceText(r.consequences)}`;
      setDone(text);
      flag('success', text);
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const changes: Record<string, unknown> = {};
  if (risk !== entry.risk) changes.risk = risk;
  if (rationale !== entry.riskRationale) changes.riskRationale = rationale;
  for (const k of ['defaultDays', 'maxDays', 'reviewWindowDays'] as const)
    if (days[k] !== String(entry[k])) changes[k] = Number(days[k]);
  const d = entry.dataHandling;

  return (
    <Modal onClose={onClose} width="large">
      <ModalHeader>
        <ModalTitle>{entry.name}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <div className="aic-stack">
          {error ? (
            <SectionMessage appearance="error" title="Not changed">
              <p>{error}</p>
            </SectionMessage>
          ) : null}
          {done ? (
            <SectionMessage appearance="success" title="Done">
              <p>{done}</p>
            </SectionMessage>
          ) : null}
          <dl className="aic-facts">
            <dt>Id</dt>
            <dd>{entry.id}</dd>
            <dt>Vendor</dt>
            <dd>{`${entry.vendor} (${entry.vendorUrl})`}</dd>
            <dt>Category / tier</dt>
            <dd>{`${entry.category} / ${entry.tier}`}</dd>
            <dt>Status</dt>
            <dd className="aic-row">
              <StatusLozenge status={entry.status} />
              {entry.statusReason ? <span>{entry.statusReason}</span> : null}
            </dd>
            <dt>Risk</dt>
            <dd>
              <RiskLozenge risk={entry.risk} />
            </dd>
            <dt>Data handling</dt>
            <dd>
              {`Trains on customer data: ${d.trainsOnCustomerData}; retention: ${d.retention}; SSO ${d.sso ? 'yes' : 'no'}; SOC 2 ${d.soc2 ? 'yes' : 'no'}; ISO 27001 ${d.iso27001 ? 'yes' : 'no'}; ISO 42001 ${d.iso42001 ? 'yes' : 'no'}; residency ${d.dataResidency.join(', ') || 'none'}`}
            </dd>
            <dt>Connector</dt>
            <dd>
              {entry.connector ? `${entry.connector.provider} group ${entry.connector.groupId}` : 'none (manual)'}
            </dd>
            <dt>Policy overrides</dt>
            <dd>
              {Object.keys(entry.policyOverrides).length
                ? Object.entries(entry.policyOverrides)
                    .map(([k, v]) => `${k}: ${String(v)}`)
                    .join('; ')
                : 'none'}
            </dd>
            <dt>Assessed</dt>
            <dd>{`${entry.assessedOn} (version ${entry.version}, changed ${entry.updatedAt})`}</dd>
          </dl>
          <p className="aic-muted">Vendor facts and data handling change through a catalog import.</p>
          <h3>Edit</h3>
          <div>
            <label htmlFor="aic-tool-risk-input">Risk</label>
            <Select
              inputId="aic-tool-risk-input"
              options={RISKS}
              value={RISKS.find((r) => r.value === risk)}
              onChange={(o) => o && setRisk(o.value)}
            />
          </div>
          <div>
            <label htmlFor="aic-tool-rationale">Why this risk</label>
            <TextArea
              id="aic-tool-rationale"
              value={rationale}
              maxLength={300}
              onChange={(e) => setRationale(e.currentTarget.value)}
            />
          </div>
          <div className="aic-row">
            <NumberField
              id="aic-tool-default"
              label="Default days"
              value={days.defaultDays}
              onChange={(v) => setDays({ ...days, defaultDays: v })}
            />
            <NumberField
              id="aic-tool-max"
              label="Max days"
              value={days.maxDays}
              onChange={(v) => setDays({ ...days, maxDays: v })}
            />
            <NumberField
              id="aic-tool-review"
              label="Review window days"
              value={days.reviewWindowDays}
              onChange={(v) => setDays({ ...days, reviewWindowDays: v })}
            />
          </div>
          <Button
            isDisabled={busy || Object.keys(changes).length === 0}
            onClick={() => void run('catalog.edit', { changes }, 'saved')}
          >
            Save changes
          </Button>
          <h3>Lifecycle</h3>
          <div>
            <label htmlFor="aic-tool-reason">Reason (required to suspend or retire; requesters read it)</label>
            <TextArea id="aic-tool-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          </div>
          <div className="aic-row">
            {entry.status === 'proposed' ? (
              <Button
                appearance="primary"
                isDisabled={busy}
                onClick={() => void run('catalog.approve', {}, 'approved')}
              >
                Approve
              </Button>
            ) : null}
            {entry.status === 'suspended' ? (
              <Button isDisabled={busy} onClick={() => void run('catalog.reapprove', {}, 're-approved')}>
                Re-approve
              </Button>
            ) : null}
            {entry.status === 'requestable' ? (
              <Button
                appearance="warning"
                isDisabled={busy || reason.trim() === ''}
                onClick={() => void run('catalog.suspend', { reason: reason.trim() }, 'suspended')}
              >
                Suspend
              </Button>
            ) : null}
            {entry.status !== 'retired' ? (
              <Button
                appearance="danger"
                isDisabled={busy || reason.trim() === ''}
                onClick={() => void run('catalog.retire', { reason: reason.trim() }, 'retired')}
              >
                Retire
              </Button>
            ) : null}
          </div>
        </div>
      </ModalBody>
      <ModalFooter>
        <Button onClick={onClose}>Close</Button>
      </ModalFooter>
    </Modal>
  );
}
