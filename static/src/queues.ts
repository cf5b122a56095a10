// The AI Clearance queue page (jiraServiceManagement:queuePage): requests
// waiting for a decision (approve / decline with a rationale, here or with the
// workflow transitions) and the shared filters provisioning made, one per queue.
import { invoke, router } from '@forge/bridge';
import { errorOf, h, mount } from './dom';

interface QueueFilterView {
  ref: string;
  name: string;
  filterId?: string;
  jql?: string;
}

interface PendingItem {
  id: string;
  issueKey?: string;
  toolName?: string;
  requester?: string;
  days?: number;
  risk?: string;
}

const status = h('p', { class: 'muted' }, '');

async function decide(item: PendingItem, action: 'approve' | 'decline'): Promise<void> {
  const rationale = action === 'decline' ? window.prompt('Why is this declined? (shown to the requester)') : undefined;
  if (action === 'decline' && !rationale?.trim()) return;
  const result = await invoke('approvals.decide', {
    request: item.issueKey ?? item.id,
    action,
    ...(rationale ? { rationale: rationale.trim() } : {}),
  });
  status.textContent =
    errorOf(result) ?? `${item.issueKey ?? item.id}: ${action === 'approve' ? 'approved' : 'declined'}.`;
  status.className = errorOf(result) ? 'error' : 'muted';
  await render();
}

async function render(): Promise<void> {
  const [pending, filters] = (await Promise.all([invoke('approvals.list', {}), invoke('queues.list', {})])) as [
    { items?: PendingItem[] },
    { queues?: QueueFilterView[] },
  ];
  const error = errorOf(pending) ?? errorOf(filters);
  if (error) return mount(h('p', { class: 'error' }, error));
  const items = pending.items ?? [];
  const queues = filters.queues ?? [];
  mount(
    h('h2', {}, 'Waiting for a decision'),
    status,
    items.length === 0
      ? h('p', { class: 'muted' }, 'Nothing is waiting for a decision.')
      : h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, 'Request'),
              h('th', {}, 'Tool'),
              h('th', {}, 'Days'),
              h('th', {}, 'Risk'),
              h('th', {}, ''),
            ),
          ),
          h(
            'tbody',
            {},
            ...items.map((i) =>
              h(
                'tr',
                {},
                h(
                  'td',
                  {},
                  i.issueKey
                    ? h(
                        'button',
                        { onclick: () => void router.navigate(`/browse/${encodeURIComponent(i.issueKey as string)}`) },
                        i.issueKey,
                      )
                    : i.id,
                ),
                h('td', {}, i.toolName ?? ''),
                h('td', {}, String(i.days ?? '')),
                h('td', {}, i.risk ?? ''),
                h(
                  'td',
                  {},
                  h('button', { onclick: () => void decide(i, 'approve') }, 'Approve'),
                  h('button', { onclick: () => void decide(i, 'decline') }, 'Decline'),
                ),
              ),
            ),
          ),
        ),
    h('h2', {}, 'Queues'),
    queues.length === 0
      ? h('p', {}, 'No queues yet: an admin applies the templates on the AI Clearance admin page.')
      : h(
          'table',
          {},
          h('thead', {}, h('tr', {}, h('th', {}, 'Queue'), h('th', {}, 'JQL'), h('th', {}, ''))),
          h(
            'tbody',
            {},
            ...queues.map((q) =>
              h(
                'tr',
                {},
                h('td', {}, q.name),
                h('td', {}, h('code', {}, q.jql ?? '')),
                h(
                  'td',
                  {},
                  q.filterId
                    ? h(
                        'button',
                        {
                          onclick: () =>
                            void router.navigate(`/issues/?filter=${encodeURIComponent(q.filterId as string)}`),
                        },
                        'Open',
                      )
                    : h('span', { class: 'muted' }, 'filter missing — run drift'),
                ),
              ),
            ),
          ),
        ),
  );
}

mount(h('p', { class: 'muted' }, 'Loading…'));
void render();
