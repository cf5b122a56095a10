// The request-create panel on the JSM portal (jiraServiceManagement:portalRequestCreatePropertyPanel):
// the employee picks one requestable tool, states the purpose and the duration;
// the panel hands the values to the portal form with view.submit, and Jira
// stores the submitted fields on the new ticket as ONE issue property keyed by
// the UUID of the app's id, e.g. {aiClearanceRequest: {...}}, which the app's
// intake reads
// (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-service-management-portal-request-create-property-panel/).
// Values are checked live against the catalog and policy.
import { invoke, view } from '@forge/bridge';
import { errorOf, h, installStyle, mount } from './dom';

interface Tool {
  id: string;
  name: string;
  risk: string;
  defaultDays: number;
  maxDays: number;
  autoApproval: number;
}

interface Problem {
  field: string;
  message: string;
}

/** The panel's field key (intake's PANEL_FIELD_KEY). */
const FIELD_KEY = 'aiClearanceRequest';

async function main(): Promise<void> {
  installStyle();
  mount(h('p', { class: 'muted' }, 'Loading the approved AI tools…'));
  const result = (await invoke('portal.tools', {})) as { tools?: Tool[] };
  const error = errorOf(result);
  if (error) return mount(h('p', { class: 'error' }, error));
  const tools = result.tools ?? [];
  if (tools.length === 0) return mount(h('p', {}, 'No AI tools can be requested yet. Use "Propose an AI tool for the catalog" to suggest one.'));

  const select = h('select', { id: 'tool' }, h('option', { value: '' }, 'Choose a tool…'), ...tools.map((t) => h('option', { value: t.id }, `${t.name} (${t.risk} risk)`)));
  const purpose = h('textarea', { id: 'purpose', rows: '3', maxlength: '2000', placeholder: 'What will you use it for? A sentence or two.' });
  const days = h('input', { id: 'days', type: 'number', min: '1', step: '1' });
  const hint = h('p', { class: 'muted' }, '');
  const problems = h('ul', { class: 'error' });

  const draft = () => ({ v: 1, kind: 'access', toolId: select.value, purpose: purpose.value.trim(), days: days.value === '' ? null : Number(days.value) });

  let seq = 0;
  const update = async (): Promise<void> => {
    const tool = tools.find((t) => t.id === select.value);
    hint.textContent = tool ? `Up to ${tool.maxDays} days (usually ${tool.defaultDays}).${tool.autoApproval ? ` Requests up to ${tool.autoApproval} days are approved automatically.` : ' An approver decides.'}` : '';
    if (tool && days.value === '') days.value = String(tool.defaultDays);
    const value = draft();
    const mine = ++seq;
    const checked = value.toolId ? ((await invoke('portal.validate', { toolId: value.toolId, purpose: value.purpose, ...(value.days !== null ? { days: value.days } : {}) })) as { ok?: boolean; problems?: Problem[] }) : { ok: false, problems: [] };
    if (mine !== seq) return; // a newer edit is being checked
    problems.replaceChildren(...(checked.problems ?? []).map((p) => h('li', {}, p.message)));
    // Jira keeps the last submission and stores its fields in the app's issue property when the form is sent.
    await view.submit({ fields: [{ key: FIELD_KEY, value }], isValid: checked.ok === true });
  };
  for (const el of [select, purpose, days]) el.addEventListener('change', () => void update());
  purpose.addEventListener('blur', () => void update());

  mount(
    h('label', { for: 'tool' }, 'AI tool'),
    h('div', {}, select),
    hint,
    h('label', { for: 'purpose' }, 'Business purpose'),
    h('div', {}, purpose),
    h('label', { for: 'days' }, 'Access duration (days)'),
    h('div', {}, days),
    problems,
  );
}

void main();
