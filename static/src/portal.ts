// The request-create panel on the JSM portal (jiraServiceManagement:portalRequestCreatePropertyPanel):
// the employee picks a tool, states the purpose and the duration; the panel
// hands the values to the portal form with view.submit, and Jira stores the
// submitted fields on the new ticket as ONE issue property keyed by the UUID of
// the app's id, e.g. {aiClearanceRequest: {...}}, which the app's intake reads
// (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-service-management-portal-request-create-property-panel/).
// The panel shows on every request type: its first call asks the resolver
// which of the app's request types this is (access, extension, hand back), or
// whether the panel has nothing to do here. Values are checked live against
// the catalog and policy.
import { invoke, view } from '@forge/bridge';
import { errorOf, h, mount } from './dom';

type Kind = 'access' | 'extension' | 'hand_back';

interface Tool {
  id: string;
  name: string;
  risk?: string;
  defaultDays?: number;
  maxDays?: number;
  autoApproval?: number;
}

interface Problem {
  field: string;
  message: string;
}

/** The panel's field key (intake's PANEL_FIELD_KEY). */
const FIELD_KEY = 'aiClearanceRequest';

const TEXT: Record<Kind, { loading: string; empty: string; tool: string }> = {
  access: {
    loading: 'Loading the approved AI tools…',
    empty: 'No AI tools can be requested yet. Use "Propose an AI tool for the catalog" to suggest one.',
    tool: 'AI tool',
  },
  extension: {
    loading: 'Loading your AI tool access…',
    empty: 'You have no AI tool access to extend.',
    tool: 'Access to extend',
  },
  hand_back: {
    loading: 'Loading your AI tool access…',
    empty: 'You have no AI tool access to hand back.',
    tool: 'Access to hand back',
  },
};

async function toolsFor(kind: Kind): Promise<{ tools: Tool[]; error?: string }> {
  if (kind === 'access') {
    const result = (await invoke('portal.tools', {})) as { tools?: Tool[] };
    return { tools: result.tools ?? [], ...(errorOf(result) ? { error: errorOf(result) } : {}) };
  }
  // Extending or handing back is about access the person holds now.
  const [mine, requestable] = (await Promise.all([invoke('portal.myAccess', {}), invoke('portal.tools', {})])) as [
    { grants?: Array<{ toolId: string; toolName?: string; live?: boolean }> },
    { tools?: Tool[] },
  ];
  const error = errorOf(mine) ?? errorOf(requestable);
  const policy = new Map((requestable.tools ?? []).map((t) => [t.id, t]));
  const tools = (mine.grants ?? [])
    .filter((g) => g.live)
    .map((g) => ({ ...policy.get(g.toolId), id: g.toolId, name: g.toolName ?? g.toolId }));
  return { tools, ...(error ? { error } : {}) };
}

async function main(): Promise<void> {
  const context = (await invoke('portal.context', {})) as { kind?: Kind | 'none' };
  const contextError = errorOf(context);
  if (contextError) return mount(h('p', { class: 'error' }, contextError));
  if (!context.kind || context.kind === 'none') {
    // Not one of the app's request types: nothing to ask, nothing to store, never in the way of the form.
    await view.submit({ fields: [], isValid: true });
    return mount();
  }
  const kind = context.kind;
  mount(h('p', { class: 'muted' }, TEXT[kind].loading));
  const { tools, error } = await toolsFor(kind);
  if (error) return mount(h('p', { class: 'error' }, error));
  if (tools.length === 0) return mount(h('p', {}, TEXT[kind].empty));

  const select = h(
    'select',
    { id: 'tool' },
    h('option', { value: '' }, 'Choose a tool…'),
    ...tools.map((t) => h('option', { value: t.id }, t.risk ? `${t.name} (${t.risk} risk)` : t.name)),
  );
  const purpose = h('textarea', {
    id: 'purpose',
    rows: '3',
    maxlength: '2000',
    placeholder:
      kind === 'hand_back' ? 'Anything we should know? (optional)' : 'What will you use it for? A sentence or two.',
  });
  const days = h('input', { id: 'days', type: 'number', min: '1', step: '1' });
  const hint = h('p', { class: 'muted' }, '');
  const problems = h('ul', { class: 'error' });

  const draft = () => ({
    v: 1,
    kind,
    toolId: select.value,
    purpose: purpose.value.trim(),
    days: kind === 'hand_back' || days.value === '' ? null : Number(days.value),
  });

  let seq = 0;
  const update = async (): Promise<void> => {
    const tool = tools.find((t) => t.id === select.value);
    hint.textContent =
      tool && kind !== 'hand_back' && tool.maxDays
        ? `Up to ${tool.maxDays} days (usually ${tool.defaultDays}).${kind === 'access' && tool.autoApproval ? ` Requests up to ${tool.autoApproval} days are approved automatically.` : ' An approver decides.'}`
        : '';
    if (tool?.defaultDays && kind !== 'hand_back' && days.value === '') days.value = String(tool.defaultDays);
    const value = draft();
    const mine = ++seq;
    const checked = value.toolId
      ? ((await invoke('portal.validate', {
          kind,
          toolId: value.toolId,
          purpose: value.purpose,
          ...(value.days !== null ? { days: value.days } : {}),
        })) as { ok?: boolean; problems?: Problem[] })
      : { ok: false, problems: [] };
    if (mine !== seq) return; // a newer edit is being checked
    problems.replaceChildren(...(checked.problems ?? []).map((p) => h('li', {}, p.message)));
    // Jira keeps the last submission and stores its fields in the app's issue property when the form is sent.
    await view.submit({ fields: [{ key: FIELD_KEY, value }], isValid: checked.ok === true });
  };
  for (const el of [select, purpose, days]) el.addEventListener('change', () => void update());
  purpose.addEventListener('blur', () => void update());

  mount(
    h('label', { for: 'tool' }, TEXT[kind].tool),
    h('div', {}, select),
    hint,
    h('label', { for: 'purpose' }, kind === 'hand_back' ? 'Note' : 'Business purpose'),
    h('div', {}, purpose),
    kind === 'hand_back'
      ? null
      : h('label', { for: 'days' }, kind === 'extension' ? 'Extend by (days)' : 'Access duration (days)'),
    kind === 'hand_back' ? null : h('div', {}, days),
    problems,
  );
}

void main();
