// Providers: whether Okta and Entra ID are connected, where and how (never with what), the proof of the
// last test, Test connection, connect or replace the credentials, authoritative mode and disconnect —
// the last two each confirmed in a dialog that says what they do.
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { useState } from 'react';
import { flag } from '../../shared/flags';
import { call } from '../../shared/invoke';
import { ConfirmButton, Refusal } from './confirm';
import { ConnectForm } from './connect-form';
import { PROVIDER_NAMES, type ConnectAnswer, type Proof, type ProviderStatus } from './types';
import { useAction } from './use-action';

const AUTH_NAMES: Record<string, string> = {
  api_token: 'API token',
  private_key_jwt: 'OAuth 2.0 service app (private key JWT)',
  client_secret: 'client secret',
  certificate: 'certificate',
};

function ProofLine({ proof, when }: { proof: Proof; when: string }) {
  const ok = proof.canRead && proof.canChangeMembers;
  return (
    <span className="aic-row">
      <Lozenge appearance={ok ? 'success' : 'removed'}>{ok ? 'works' : 'cannot change members'}</Lozenge>
      <span>{`${ok ? 'Can read groups and change members: ' : ''}${proof.detail} (${when})`}</span>
    </span>
  );
}

function ProviderCard({ status, onChanged }: { status: ProviderStatus; onChanged: () => void }) {
  const name = PROVIDER_NAMES[status.provider];
  const [tested, setTested] = useState<{ proof: Proof; at: string } | undefined>();
  const { busy: testing, error: testError, run } = useAction();
  const [connecting, setConnecting] = useState(!status.connected);
  const test = () =>
    run(async () => {
      setTested(undefined);
      const r = await call<ConnectAnswer>('connectors.test', { provider: status.provider });
      setTested({ proof: r.proof, at: new Date().toLocaleString() });
    });
  const authoritative = status.authoritative === true;
  return (
    <section className="aic-stack aic-tool-facts" aria-labelledby={`aic-provider-${status.provider}`}>
      <h3 id={`aic-provider-${status.provider}`} className="aic-row">
        <span>{name}</span>
        <Lozenge appearance={status.connected ? 'success' : 'default'}>
          {status.connected ? 'connected' : 'not connected'}
        </Lozenge>
        {authoritative ? <Lozenge appearance="moved">authoritative</Lozenge> : null}
      </h3>
      {status.connected && status.view ? (
        <dl className="aic-facts">
          <dt>{status.provider === 'okta' ? 'Org' : 'Tenant'}</dt>
          <dd>{status.view.target}</dd>
          <dt>Signs in with</dt>
          <dd>{`${AUTH_NAMES[status.view.authType] ?? status.view.authType}${status.view.clientId ? ` (client id ${status.view.clientId})` : ''}`}</dd>
          <dt>Connected</dt>
          <dd>{status.connectedAt ? new Date(status.connectedAt).toLocaleString() : '—'}</dd>
          <dt>Last test</dt>
          <dd>
            <div role="status">
              {tested ? (
                <ProofLine proof={tested.proof} when={`tested ${tested.at}`} />
              ) : status.proof ? (
                <ProofLine proof={status.proof} when="when connected" />
              ) : (
                'not tested'
              )}
            </div>
          </dd>
          <dt>Reconciliation</dt>
          <dd>
            {authoritative
              ? 'Authoritative: members without a grant are removed from bound groups.'
              : 'Report only: members without a grant are reported, never removed.'}
          </dd>
        </dl>
      ) : (
        <p>{`${name} is not connected: tools bound to its groups wait for a person to fulfil them.`}</p>
      )}
      <Refusal title="Test failed" message={testError} />
      {status.connected ? (
        <div className="aic-row">
          <Button isDisabled={testing} onClick={() => void test()}>
            {`Test ${name} connection`}
          </Button>
          <Button appearance="subtle" onClick={() => setConnecting(!connecting)}>
            {connecting ? 'Hide the credentials form' : 'Replace the credentials'}
          </Button>
          <ConfirmButton
            label={authoritative ? 'Turn authoritative mode off' : 'Turn authoritative mode on'}
            title={authoritative ? `Report only for ${name}?` : `Authoritative mode for ${name}?`}
            appearance={authoritative ? 'default' : 'warning'}
            onConfirm={async () => {
              await call('connectors.setAuthoritative', { provider: status.provider, authoritative: !authoritative });
              flag('success', `${name}: authoritative mode ${authoritative ? 'off' : 'on'}`);
              onChanged();
            }}
          >
            <p>
              {authoritative
                ? `Reconciliation will only report ${name} group members who have no grant; it removes nobody.`
                : `Reconciliation will REMOVE every member of a bound ${name} group who has no live grant in AI Clearance, including people added by hand. Each removal is in the governance log.`}
            </p>
          </ConfirmButton>
          <ConfirmButton
            label={`Disconnect ${name}`}
            title={`Disconnect ${name}?`}
            appearance="danger"
            onConfirm={async () => {
              await call('connectors.disconnect', { provider: status.provider });
              flag('success', `${name} disconnected`);
              onChanged();
            }}
          >
            <p>
              {`The credentials are deleted from Forge secret storage. Until ${name} is connected again, new grants of tools bound to its groups wait for a person, and nobody is removed from those groups when access ends. Bindings and identity mappings are kept.`}
            </p>
          </ConfirmButton>
        </div>
      ) : null}
      {connecting ? (
        <ConnectForm
          provider={status.provider}
          replacing={status.connected}
          onConnected={() => {
            setConnecting(false);
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}

export function Providers({ providers, onChanged }: { providers: ProviderStatus[]; onChanged: () => void }) {
  return (
    <section className="aic-stack" aria-labelledby="aic-providers-heading">
      <h2 id="aic-providers-heading">Identity providers</h2>
      {providers.map((p) => (
        <ProviderCard key={`${p.provider}-${p.connectedAt ?? 'none'}`} status={p} onChanged={onChanged} />
      ))}
    </section>
  );
}
