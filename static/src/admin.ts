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
  const result = (await invoke<Record<string, unknown>, { entries?: Entry[] }>(
    'catalog.list',
    filter ? { status: filter } : {},
  )) as { entries?: Entry[] };
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
        e.status === 'proposed' || e.status === 'suspended'
          ? h(
              'button',
              {
                onclick: () =>
                  void act(e.status === 'proposed' ? 'catalog.approve' : 'catalog.reapprove', { toolId: e.id }),
              },
              'Approve',
            )
          : null,
        e.status === 'requestable'
          ? h('button', { onclick: () => void withReason('catalog.suspend', e.id) }, 'Suspend')
          : null,
        e.status !== 'retired' && e.status !== 'requestable'
          ? h('button', { onclick: () => void withReason('catalog.retire', e.id) }, 'Retire')
          : null,
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
      h('button', { onclick: () => void applyTemplates() }, 'Apply templates'),
      h('button', { onclick: () => void pollProvisioning() }, 'Provisioning status'),
      h('button', { onclick: () => void call('provision.drift') }, 'Drift'),
      h('button', { onclick: () => void call('catalog.export') }, 'Export catalog YAML'),
    ),
    h(
      'p',
      {},
      'Show: ',
      ...['', 'proposed', 'requestable', 'suspended', 'retired'].map((s) =>
        h('button', { onclick: () => void renderCatalog(s) }, s || 'all'),
      ),
    ),
    error ? h('p', { class: 'error' }, error) : null,
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Tool'), h('th', {}, 'Risk'), h('th', {}, 'Status'), h('th', {}, ''))),
      h('tbody', {}, ...rows),
    ),
    out,
  );
}

interface ProvisionRun {
  runId: string;
  state: 'running' | 'done' | 'failed';
  stepsDone: number;
  total: number;
  current?: string;
  error?: { code: string; message: string };
  manualOpen?: number;
}

/** Apply runs as queue jobs (a resolver has 25 s): start the run, then poll its progress. */
async function applyTemplates(): Promise<void> {
  const started = await call('provision.apply');
  if (!errorOf(started)) await pollProvisioning();
}

async function pollProvisioning(): Promise<void> {
  for (;;) {
    const result = (await invoke<Record<string, unknown>, { run?: ProvisionRun | null }>('provision.status', {})) as {
      run?: ProvisionRun | null;
    };
    const error = errorOf(result);
    const run = result.run;
    out.className = error || run?.state === 'failed' ? 'error' : 'muted';
    // textContent: step sentences and Jira's messages are never markup.
    out.textContent = error ?? (run ? provisionText(run) : 'No provisioning run yet.');
    if (error || !run || run.state !== 'running') return;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function provisionText(run: ProvisionRun): string {
  const lines = [`Provisioning ${run.runId}: ${run.state}, ${run.stepsDone} of ${run.total} steps done`];
  if (run.current) lines.push(`${run.state === 'failed' ? 'Failed at' : 'Last step'}: ${run.current}`);
  if (run.error)
    lines.push(`${run.state === 'failed' ? 'Error' : 'Retrying after'} ${run.error.code}: ${run.error.message}`);
  if (run.state === 'failed')
    lines.push('Fix the cause, then Apply templates again: the run resumes where it stopped.');
  if (run.state === 'done' && run.manualOpen)
    lines.push(`${run.manualOpen} manual step(s) left: see Provisioning plan.`);
  return lines.join('\n');
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
