// One tool: every attribute as it is stored, the form that edits them (catalog-edit-form.tsx) and the
// lifecycle actions (catalog-lifecycle.tsx). A suspend or retire answers what it did: pending requests
// declined, live grants flagged or revoked.
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import { useState } from 'react';
import { RiskLozenge, StatusLozenge } from '../agent/bits';
import { flag } from '../shared/flags';
import { call, messageOf } from '../shared/invoke';
import { ToolEditForm } from './catalog-edit-form';
import { LifecycleActions } from './catalog-lifecycle';
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

function consequenceText(c: Consequences | undefined): string {
  if (!c) return '';
  return ` Pending requests declined: ${c.declined.length}; live access flagged for review: ${c.flagged.length}; revoked: ${c.revoked.length}${
    c.failed.length ? `; not done (runs again): ${c.failed.length}` : ''
  }.`;
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

export function ToolDetail({
  entry,
  onClose,
  onChanged,
}: {
  entry: CatalogEntry;
  onClose: () => void;
  onChanged: () => void;
}) {
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function run(name: string, payload: Record<string, unknown>, what: string) {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
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
            <dd className="aic-row">
              <RiskLozenge risk={entry.risk} />
              <span>{entry.riskRationale}</span>
            </dd>
            <dt>Durations</dt>
            <dd>{`default ${entry.defaultDays} days, at most ${entry.maxDays}; review window ${entry.reviewWindowDays} days`}</dd>
            <dt>Data handling</dt>
            <dd>
              {`Trains on customer data: ${d.trainsOnCustomerData}; retention: ${d.retention}; SSO ${yesNo(d.sso)}; SOC 2 ${yesNo(d.soc2)}; ISO 27001 ${yesNo(d.iso27001)}; ISO 42001 ${yesNo(d.iso42001)}; residency ${d.dataResidency.join(', ') || 'none'}`}
            </dd>
            <dt>Connector</dt>
            <dd>
              {`${entry.connector ? `${entry.connector.provider} group ${entry.connector.groupId}` : 'none (manual)'}; bind or unbind under Connectors`}
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
          {entry.status === 'retired' ? (
            <p className="aic-muted">A retired tool is kept as history and cannot be edited.</p>
          ) : (
            <section className="aic-stack" aria-labelledby="aic-tool-edit">
              <h3 id="aic-tool-edit">Edit</h3>
              <ToolEditForm
                key={`${entry.id}:${entry.version}`}
                entry={entry}
                busy={busy}
                onSave={(changes, expectedVersion) => void run('catalog.edit', { changes, expectedVersion }, 'saved')}
              />
            </section>
          )}
          <LifecycleActions entry={entry} busy={busy} run={(name, payload, what) => void run(name, payload, what)} />
        </div>
      </ModalBody>
      <ModalFooter>
        <Button onClick={onClose}>Close</Button>
      </ModalFooter>
    </Modal>
  );
}
