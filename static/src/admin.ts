// The AI Clearance admin page: catalog curation, provisioning and the
// governance log check. Every action goes through the admin resolvers, which
// check that the caller is a Jira admin.
import { invoke } from '@forge/bridge';
import { errorOf, h, mount } from './dom';

interface Entry {
  id: string;
  name: string;
  vendor: string;
  status: string;
  risk: string;
}

const out = h('pre', { class: 'muted' }, '');

async function call(name: string, payload: Record<string, unknown> = {}): Promise<unknown> {
  out.textContent = `${name}…`;
  const result = await invoke<Record<string, unknown>, unknown>(name, payload);
  const error = errorOf(result);
  out.textContent = error ?? JSON.stringify(result, null, 2).slice(0, 20_000);
  out.className = error ? 'error' : 'muted';
  return result;
}

async function renderCatalog(filter: string): Promise<void> {
  const result = (await invoke<Record<string, unknown>, { entries?: Entry[] }>('catalog.list', filter ? { status: filter } : {})) as { entries?: Entry[] };
  const error = errorOf(result);
  const rows = (result.entries ?? []).map((e) =>
    h(
      'tr',
      {},
      h('td', {}, e.name, h('div', { class: 'muted' }, `${e.vendor} · ${e.id}`)),
      h('td', {}, e.risk),
      h('td', {}, e.status),
      h(
        'td',
        {},
        e.status === 'proposed' || e.status === 'suspended' ? h('button', { onclick: () => void act(e.status === 'proposed' ? 'catalog.approve' : 'catalog.reapprove', { toolId: e.id }) }, 'Approve') : null,
        e.status === 'requestable' ? h('button', { onclick: () => void withReason('catalog.suspend', e.id) }, 'Suspend') : null,
        e.status !== 'retired' && e.status !== 'requestable' ? h('button', { onclick: () => void withReason('catalog.retire', e.id) }, 'Retire') : null,
      ),
    ),
  );
  mount(
    h('h2', {}, 'AI Clearance'),
    h(
      'p',
      {},
      h('button', { onclick: () => void act('catalog.seed') }, 'Seed default catalog'),
      h('button', { onclick: () => void act('catalog.approveAllLowRisk') }, 'Approve all low-risk'),
      h('button', { onclick: () => void call('provision.plan') }, 'Provisioning plan'),
      h('button', { onclick: () => void call('provision.apply') }, 'Apply templates'),
      h('button', { onclick: () => void call('provision.drift') }, 'Drift'),
      h('button', { onclick: () => void call('catalog.export') }, 'Export catalog YAML'),
    ),
    h('p', {}, 'Show: ', ...['', 'proposed', 'requestable', 'suspended', 'retired'].map((s) => h('button', { onclick: () => void renderCatalog(s) }, s || 'all'))),
    error ? h('p', { class: 'error' }, error) : null,
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Tool'), h('th', {}, 'Risk'), h('th', {}, 'Status'), h('th', {}, ''))), h('tbody', {}, ...rows)),
    out,
  );
}

async function act(name: string, payload: Record<string, unknown> = {}): Promise<void> {
  await call(name, payload);
  await renderCatalog('');
}

async function withReason(name: string, toolId: string): Promise<void> {
  const reason = window.prompt('Why? (shown to requesters and kept as evidence)');
  if (reason && reason.trim()) await act(name, { toolId, reason: reason.trim() });
}

void renderCatalog('');
