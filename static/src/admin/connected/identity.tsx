// Identity mapping: which IdP user each Atlassian account is, per provider — kept by the admin (never
// matched by email on its own): add or remove one, import a CSV (all rows or none), or ask for a
// suggestion by email and confirm it.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Select from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { flag } from '../../shared/flags';
import { useLoad } from '../../shared/hooks';
import { call } from '../../shared/invoke';
import { Await } from '../../shared/shell';
import { ConfirmButton, Refusal } from './confirm';
import { SuggestMatch } from './suggest';
import { PROVIDER_NAMES, PROVIDERS, type CsvImportAnswer, type Mapping, type Provider } from './types';
import { useAction } from './use-action';

const PROVIDER_OPTIONS = PROVIDERS.map((p) => ({ label: PROVIDER_NAMES[p], value: p }));
const CSV_HEADER = 'atlassian_account_id,provider,idp_user_id,idp_login';

function AddMapping({ provider, onAdded }: { provider: Provider; onAdded: () => void }) {
  const [v, setV] = useState({ accountId: '', idpUserId: '', idpLogin: '' });
  const { busy, error, run } = useAction();
  const set = (k: keyof typeof v) => (e: { currentTarget: { value: string } }) =>
    setV({ ...v, [k]: e.currentTarget.value });
  const add = () =>
    run(async () => {
      await call('identity.set', {
        provider,
        accountId: v.accountId.trim(),
        idpUserId: v.idpUserId.trim(),
        ...(v.idpLogin.trim() ? { idpLogin: v.idpLogin.trim() } : {}),
      });
      flag('success', 'Mapping saved');
      setV({ accountId: '', idpUserId: '', idpLogin: '' });
      onAdded();
    });
  return (
    <form
      className="aic-stack"
      aria-labelledby="aic-map-add-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <h3 id="aic-map-add-heading">{`Map an account to its ${PROVIDER_NAMES[provider]} user`}</h3>
      <Refusal title="Not mapped" message={error} />
      <div className="aic-filters">
        <div>
          <label htmlFor="aic-map-account">Atlassian account id</label>
          <Textfield id="aic-map-account" value={v.accountId} onChange={set('accountId')} />
        </div>
        <div>
          <label htmlFor="aic-map-user">{`${PROVIDER_NAMES[provider]} user id`}</label>
          <Textfield id="aic-map-user" value={v.idpUserId} onChange={set('idpUserId')} />
        </div>
        <div>
          <label htmlFor="aic-map-login">Login (optional, shown only)</label>
          <Textfield id="aic-map-login" value={v.idpLogin} onChange={set('idpLogin')} />
        </div>
      </div>
      <div>
        <Button type="submit" isDisabled={busy}>
          Save mapping
        </Button>
      </div>
    </form>
  );
}

function ImportCsv({ onImported }: { onImported: () => void }) {
  const [csv, setCsv] = useState('');
  const [answer, setAnswer] = useState<CsvImportAnswer | undefined>();
  const { busy, error, run } = useAction();
  const importCsv = () =>
    run(async () => {
      setAnswer(undefined);
      const r = await call<CsvImportAnswer>('identity.import', { csv });
      setAnswer(r);
      if (!r.errors.length) {
        setCsv('');
        onImported();
      }
    });
  return (
    <section className="aic-stack" aria-labelledby="aic-map-import-heading">
      <h3 id="aic-map-import-heading">Import a CSV</h3>
      <p>{`Columns ${CSV_HEADER} (a header line first; provider okta or entra). If any row is wrong, nothing is imported.`}</p>
      <div>
        <label htmlFor="aic-map-file">CSV file</label>
        <input
          id="aic-map-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void file.text().then(setCsv);
          }}
        />
      </div>
      <div>
        <label htmlFor="aic-map-csv">Or paste the rows</label>
        <TextArea id="aic-map-csv" value={csv} minimumRows={4} onChange={(e) => setCsv(e.currentTarget.value)} />
      </div>
      <div>
        <Button isDisabled={busy || !csv.trim()} onClick={() => void importCsv()}>
          Import
        </Button>
      </div>
      <Refusal title="Not imported" message={error} />
      {answer?.errors.length ? (
        <Refusal title="Nothing was imported" message={answer.errors.map((e) => e.message).join(' · ')} />
      ) : null}
      {answer && !answer.errors.length ? (
        <p role="status">{`${answer.imported} mapped, ${answer.unchanged} unchanged.`}</p>
      ) : null}
    </section>
  );
}

function SuggestFor({ provider, onMapped }: { provider: Provider; onMapped: () => void }) {
  const [accountId, setAccountId] = useState('');
  const [asked, setAsked] = useState<string | undefined>();
  return (
    <section className="aic-stack" aria-labelledby="aic-map-suggest-heading">
      <h3 id="aic-map-suggest-heading">Suggest a match by email</h3>
      <form
        className="aic-row"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(accountId.trim() || undefined);
        }}
      >
        <div>
          <label htmlFor="aic-map-suggest-account">Atlassian account id</label>
          <Textfield
            id="aic-map-suggest-account"
            value={accountId}
            onChange={(e) => setAccountId(e.currentTarget.value)}
          />
        </div>
        <Button type="submit">Look up</Button>
      </form>
      {asked ? (
        <SuggestMatch key={`${provider}-${asked}`} accountId={asked} provider={provider} onMapped={onMapped} />
      ) : null}
    </section>
  );
}

function MappingTable({ provider, onChanged }: { provider: Provider; onChanged: () => void }) {
  const mappings = useLoad(() => call<{ mappings: Mapping[] }>('identity.list', { provider }));
  return (
    <Await value={mappings} label="Loading the identity mapping" onRetry={mappings.reload}>
      {({ mappings: rows }) => (
        <DynamicTable
          caption={`${rows.length} accounts mapped to ${PROVIDER_NAMES[provider]} users`}
          head={{
            cells: [
              { key: 'account', content: 'Atlassian account', isSortable: true },
              { key: 'user', content: `${PROVIDER_NAMES[provider]} user` },
              { key: 'source', content: 'Mapped by' },
              { key: 'actions', content: 'Actions' },
            ],
          }}
          rows={rows.map((m) => ({
            key: m.accountId,
            cells: [
              { key: m.accountId, content: m.accountId },
              { key: 'user', content: `${m.idpLogin ?? ''} (${m.idpUserId})` },
              { key: 'source', content: `${m.source}, ${new Date(m.mappedAt).toLocaleDateString()}` },
              {
                key: 'actions',
                content: (
                  <ConfirmButton
                    label={`Remove ${m.idpLogin ?? m.idpUserId}`}
                    title="Remove this mapping?"
                    appearance="danger"
                    onConfirm={async () => {
                      await call('identity.remove', { provider, accountId: m.accountId });
                      flag('success', 'Mapping removed');
                      onChanged();
                    }}
                  >
                    <p>
                      {`New grants for ${m.accountId} will wait for a person until the account is mapped again. Memberships already given stay.`}
                    </p>
                  </ConfirmButton>
                ),
              },
            ],
          }))}
          rowsPerPage={20}
          defaultSortKey="account"
          defaultSortOrder="ASC"
          emptyView={<p>{`No account is mapped to a ${PROVIDER_NAMES[provider]} user yet.`}</p>}
        />
      )}
    </Await>
  );
}

export function IdentityMapping({ onChanged }: { onChanged: () => void }) {
  const [provider, setProvider] = useState<Provider>('okta');
  // Every change remounts the table, which loads the mapping again.
  const [version, setVersion] = useState(0);
  const changed = () => {
    setVersion((n) => n + 1);
    onChanged();
  };
  return (
    <section className="aic-stack" aria-labelledby="aic-identity-heading">
      <h2 id="aic-identity-heading">Identity mapping</h2>
      <div className="aic-filters">
        <div>
          <label htmlFor="aic-identity-provider-input">Provider</label>
          <Select
            inputId="aic-identity-provider-input"
            options={PROVIDER_OPTIONS}
            value={PROVIDER_OPTIONS.find((o) => o.value === provider)}
            onChange={(o) => o && setProvider(o.value)}
          />
        </div>
      </div>
      <MappingTable key={`${provider}-${version}`} provider={provider} onChanged={changed} />
      <AddMapping provider={provider} onAdded={changed} />
      <SuggestFor provider={provider} onMapped={changed} />
      <ImportCsv onImported={changed} />
    </section>
  );
}
