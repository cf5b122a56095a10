// Bindings: which catalog tool grants membership of which IdP group. Binding checks the group in the IdP
// and refuses one the app must not change (dynamic or rule-based membership, synced from on-premises, an
// Okta app group), saying why; that refusal is shown as the resolver words it. Unbinding is confirmed.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { flag } from '../../shared/flags';
import { call } from '../../shared/invoke';
import type { CatalogEntry } from '../types';
import { ConfirmButton, Refusal } from './confirm';
import { PROVIDER_NAMES, PROVIDERS, type Binding, type Provider } from './types';
import { useAction } from './use-action';

const PROVIDER_OPTIONS = PROVIDERS.map((p) => ({ label: PROVIDER_NAMES[p], value: p }));

function BindForm({ tools, onBound }: { tools: CatalogEntry[]; onBound: () => void }) {
  const options = tools.map((t) => ({ label: `${t.name} (${t.id})`, value: t.id }));
  const [toolId, setToolId] = useState<string | undefined>();
  const [provider, setProvider] = useState<Provider>('okta');
  const [groupId, setGroupId] = useState('');
  const { busy, error, setError, run } = useAction();
  async function bind() {
    if (!toolId) return setError('Pick the tool to bind.');
    if (!groupId.trim()) return setError(`Enter the ${PROVIDER_NAMES[provider]} group id.`);
    await run(async () => {
      const r = await call<{ binding: Binding }>('connectors.bind', { toolId, provider, groupId: groupId.trim() });
      flag(
        'success',
        `${r.binding.toolId} bound`,
        `${PROVIDER_NAMES[r.binding.provider]} group "${r.binding.groupName}"`,
      );
      setGroupId('');
      onBound();
    });
  }
  return (
    <form
      className="aic-stack"
      aria-labelledby="aic-bind-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void bind();
      }}
    >
      <h3 id="aic-bind-heading">Bind a tool to a group</h3>
      <Refusal title="Not bound" message={error} />
      <div className="aic-filters">
        <div>
          <label htmlFor="aic-bind-tool-input">Tool</label>
          <Select
            inputId="aic-bind-tool-input"
            options={options}
            value={options.find((o) => o.value === toolId) ?? null}
            onChange={(o) => setToolId(o?.value)}
          />
        </div>
        <div>
          <label htmlFor="aic-bind-provider-input">Provider</label>
          <Select
            inputId="aic-bind-provider-input"
            options={PROVIDER_OPTIONS}
            value={PROVIDER_OPTIONS.find((o) => o.value === provider)}
            onChange={(o) => o && setProvider(o.value)}
          />
        </div>
        <div>
          <label htmlFor="aic-bind-group">Group id</label>
          <Textfield
            id="aic-bind-group"
            value={groupId}
            placeholder={provider === 'okta' ? '00g…' : 'object id (GUID)'}
            onChange={(e) => setGroupId(e.currentTarget.value)}
          />
        </div>
      </div>
      <div>
        <Button type="submit" appearance="primary" isDisabled={busy}>
          Bind
        </Button>
      </div>
    </form>
  );
}

export function Bindings(props: { bindings: Binding[]; tools: CatalogEntry[]; onChanged: () => void }) {
  const nameOf = (id: string) => props.tools.find((t) => t.id === id)?.name ?? id;
  return (
    <section className="aic-stack" aria-labelledby="aic-bindings-heading">
      <h2 id="aic-bindings-heading">Bindings</h2>
      <DynamicTable
        caption={`${props.bindings.length} tools bound to a group`}
        head={{
          cells: [
            { key: 'tool', content: 'Tool', isSortable: true },
            { key: 'provider', content: 'Provider' },
            { key: 'group', content: 'Group' },
            { key: 'kind', content: 'Kind' },
            { key: 'actions', content: 'Actions' },
          ],
        }}
        rows={props.bindings.map((b) => ({
          key: b.toolId,
          cells: [
            { key: nameOf(b.toolId), content: nameOf(b.toolId) },
            { key: 'provider', content: PROVIDER_NAMES[b.provider] },
            { key: 'group', content: `${b.groupName} (${b.groupId})` },
            { key: 'kind', content: b.groupKind },
            {
              key: 'actions',
              content: (
                <ConfirmButton
                  label={`Unbind ${nameOf(b.toolId)}`}
                  title={`Unbind ${nameOf(b.toolId)}?`}
                  appearance="danger"
                  onConfirm={async () => {
                    await call('connectors.unbind', { toolId: b.toolId });
                    flag('success', `${nameOf(b.toolId)} unbound`);
                    props.onChanged();
                  }}
                >
                  <p>
                    {`New grants of ${nameOf(b.toolId)} will be fulfilled by a person instead of joining "${b.groupName}". Nobody is removed from the group now; grants already given keep their membership until they end.`}
                  </p>
                </ConfirmButton>
              ),
            },
          ],
        }))}
        defaultSortKey="tool"
        defaultSortOrder="ASC"
        emptyView={<p>No tool is bound: grants are fulfilled by a person.</p>}
      />
      <BindForm tools={props.tools.filter((t) => t.status !== 'retired')} onBound={props.onChanged} />
    </section>
  );
}
