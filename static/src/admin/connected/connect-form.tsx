// Connect (or replace the credentials of) one provider. The credential fields are password inputs that
// start empty — the console never receives a stored credential to pre-fill them with — and are cleared
// after every submit, accepted or refused. The connection object is built here as connectors.connect
// parses it (src/domain/connectors/connection.ts); the resolver checks it and proves it works before
// anything is saved, and its refusal is shown as it says.
import Button from '@atlaskit/button/new';
import Select from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { flag } from '../../shared/flags';
import { call } from '../../shared/invoke';
import { Refusal } from './confirm';
import { PROVIDER_NAMES, type ConnectAnswer, type Provider } from './types';
import { useAction } from './use-action';

type AuthType = 'api_token' | 'private_key_jwt' | 'client_secret' | 'certificate';
const AUTH: Record<Provider, Array<{ label: string; value: AuthType }>> = {
  okta: [
    { label: 'API token', value: 'api_token' },
    { label: 'OAuth 2.0 service app (private key JWT)', value: 'private_key_jwt' },
  ],
  entra: [
    { label: 'Client secret', value: 'client_secret' },
    { label: 'Certificate', value: 'certificate' },
  ],
};
/** Fields that hold a credential: never pre-filled, cleared after submit. */
const SECRET_FIELDS = ['token', 'privateKeyPem', 'secret'] as const;

function Field(props: { id: string; label: string; value: string; onChange: (v: string) => void; secret?: boolean }) {
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <Textfield
        id={props.id}
        value={props.value}
        autoComplete="off"
        {...(props.secret ? { type: 'password' } : {})}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      />
    </div>
  );
}

/** A pasted PEM, masked on screen like a password (page.css .aic-secret). */
function PemField(props: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  return (
    <div className="aic-secret">
      <label htmlFor={props.id}>{props.label}</label>
      <TextArea
        id={props.id}
        value={props.value}
        minimumRows={4}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => props.onChange(e.currentTarget.value)}
      />
    </div>
  );
}

/** The payload connectors.connect takes, from the form's values. */
export function connectionOf(provider: Provider, auth: AuthType, v: Record<string, string>): Record<string, unknown> {
  const t = (k: string) => (v[k] ?? '').trim();
  if (provider === 'okta')
    return {
      provider,
      orgUrl: t('orgUrl'),
      auth:
        auth === 'private_key_jwt'
          ? {
              type: auth,
              clientId: t('clientId'),
              privateKeyPem: v.privateKeyPem ?? '',
              ...(t('keyId') ? { keyId: t('keyId') } : {}),
            }
          : { type: 'api_token', token: t('token') },
    };
  return {
    provider,
    tenantId: t('tenantId'),
    clientId: t('clientId'),
    auth:
      auth === 'certificate'
        ? { type: auth, certificatePem: v.certificatePem ?? '', privateKeyPem: v.privateKeyPem ?? '' }
        : { type: 'client_secret', secret: v.secret ?? '' },
  };
}

export function ConnectForm(props: { provider: Provider; replacing: boolean; onConnected: () => void }) {
  const { provider, onConnected } = props;
  const [auth, setAuth] = useState<AuthType>(provider === 'okta' ? 'api_token' : 'client_secret');
  const [v, setV] = useState<Record<string, string>>({});
  const { busy, error, run } = useAction();
  const set = (k: string) => (value: string) => setV((old) => ({ ...old, [k]: value }));
  const id = (k: string) => `aic-connect-${provider}-${k}`;
  async function submit() {
    const connection = connectionOf(provider, auth, v);
    // The credentials leave the form with this call and nowhere else.
    setV((old) => {
      const kept = { ...old };
      for (const k of SECRET_FIELDS) delete kept[k];
      if (provider === 'entra') delete kept.certificatePem;
      return kept;
    });
    await run(async () => {
      const r = await call<ConnectAnswer>('connectors.connect', { connection });
      flag('success', `${PROVIDER_NAMES[provider]} connected`, r.proof.detail);
      onConnected();
    });
  }
  const options = AUTH[provider];
  return (
    <form
      className="aic-stack"
      aria-label={`Connect ${PROVIDER_NAMES[provider]}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Refusal
        title={props.replacing ? 'Credentials not replaced' : `${PROVIDER_NAMES[provider]} not connected`}
        message={error}
      />
      {provider === 'okta' ? (
        <Field
          id={id('orgUrl')}
          label="Okta org URL (https://your-org.okta.com)"
          value={v.orgUrl ?? ''}
          onChange={set('orgUrl')}
        />
      ) : (
        <>
          <Field
            id={id('tenantId')}
            label="Directory (tenant) id"
            value={v.tenantId ?? ''}
            onChange={set('tenantId')}
          />
          <Field
            id={id('clientId')}
            label="Application (client) id"
            value={v.clientId ?? ''}
            onChange={set('clientId')}
          />
        </>
      )}
      <div>
        <label htmlFor={`${id('auth')}-input`}>How the app signs in</label>
        <Select
          inputId={`${id('auth')}-input`}
          options={options}
          value={options.find((o) => o.value === auth)}
          onChange={(o) => o && setAuth(o.value)}
        />
      </div>
      {auth === 'api_token' ? (
        <Field id={id('token')} label="API token" value={v.token ?? ''} onChange={set('token')} secret />
      ) : null}
      {auth === 'private_key_jwt' ? (
        <>
          <Field
            id={id('clientId')}
            label="Service app client id"
            value={v.clientId ?? ''}
            onChange={set('clientId')}
          />
          <PemField
            id={id('privateKeyPem')}
            label="Private key (PEM)"
            value={v.privateKeyPem ?? ''}
            onChange={set('privateKeyPem')}
          />
          <Field id={id('keyId')} label="Key id (kid), optional" value={v.keyId ?? ''} onChange={set('keyId')} />
        </>
      ) : null}
      {auth === 'client_secret' ? (
        <Field
          id={id('secret')}
          label="Client secret (the secret's value)"
          value={v.secret ?? ''}
          onChange={set('secret')}
          secret
        />
      ) : null}
      {auth === 'certificate' ? (
        <>
          <PemField
            id={id('certificatePem')}
            label="Certificate (PEM)"
            value={v.certificatePem ?? ''}
            onChange={set('certificatePem')}
          />
          <PemField
            id={id('privateKeyPem')}
            label="Private key (PEM)"
            value={v.privateKeyPem ?? ''}
            onChange={set('privateKeyPem')}
          />
        </>
      ) : null}
      <p className="aic-muted">
        The credentials go to Forge secret storage after they prove they can read groups and change members; this page
        never shows them again.
      </p>
      <div>
        <Button type="submit" appearance="primary" isDisabled={busy}>
          {props.replacing
            ? `Save the new ${PROVIDER_NAMES[provider]} credentials`
            : `Connect ${PROVIDER_NAMES[provider]}`}
        </Button>
      </div>
    </form>
  );
}
