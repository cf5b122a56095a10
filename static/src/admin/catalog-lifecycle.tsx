// A tool's lifecycle actions: approve a proposed tool, re-approve a suspended one, suspend or retire with a
// reason (requesters read it; it is kept as evidence). Only the moves the catalog allows are offered: a
// requestable tool is suspended before it can be retired (CATALOG_TRANSITIONS in src/domain/catalog).
import Button from '@atlaskit/button/new';
import TextArea from '@atlaskit/textarea';
import { useState } from 'react';
import type { CatalogEntry } from './types';

export type Run = (name: string, payload: Record<string, unknown>, what: string) => void;

export function LifecycleActions({ entry, busy, run }: { entry: CatalogEntry; busy: boolean; run: Run }) {
  const [reason, setReason] = useState('');
  const why = reason.trim();
  return (
    <section className="aic-stack" aria-labelledby="aic-tool-lifecycle">
      <h3 id="aic-tool-lifecycle">Lifecycle</h3>
      <div>
        <label htmlFor="aic-tool-reason">Reason (required to suspend or retire; requesters read it)</label>
        <TextArea id="aic-tool-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
      </div>
      <div className="aic-row">
        {entry.status === 'proposed' ? (
          <Button appearance="primary" isDisabled={busy} onClick={() => run('catalog.approve', {}, 'approved')}>
            Approve
          </Button>
        ) : null}
        {entry.status === 'suspended' ? (
          <Button isDisabled={busy} onClick={() => run('catalog.reapprove', {}, 're-approved')}>
            Re-approve
          </Button>
        ) : null}
        {entry.status === 'requestable' ? (
          <Button
            appearance="warning"
            isDisabled={busy || why === ''}
            onClick={() => run('catalog.suspend', { reason: why }, 'suspended')}
          >
            Suspend
          </Button>
        ) : null}
        {/* A requestable tool is suspended first (its pending requests are declined), then retired. */}
        {entry.status === 'proposed' || entry.status === 'suspended' ? (
          <Button
            appearance="danger"
            isDisabled={busy || why === ''}
            onClick={() => run('catalog.retire', { reason: why }, 'retired')}
          >
            Retire
          </Button>
        ) : null}
      </div>
      {entry.status === 'requestable' ? (
        <p className="aic-muted">To retire this tool, suspend it first; then Retire is offered.</p>
      ) : null}
    </section>
  );
}
