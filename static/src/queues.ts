// The AI Clearance queue page (jiraServiceManagement:queuePage): lists the
// shared filters that provisioning created, one per agent queue template.
import { invoke, router } from '@forge/bridge';
import { errorOf, h, installStyle, mount } from './dom';

interface QueueFilterView {
  ref: string;
  name: string;
  filterId?: string;
  jql: string;
}

async function main(): Promise<void> {
  installStyle();
  mount(h('p', { class: 'muted' }, 'Loading queues…'));
  const result = (await invoke('queues.list', {})) as { queues?: QueueFilterView[] };
  const error = errorOf(result);
  if (error) return mount(h('p', { class: 'error' }, error));
  const queues = result.queues ?? [];
  if (queues.length === 0) return mount(h('p', {}, 'No queues yet: an admin applies the templates on the AI Clearance admin page (Provisioning → Apply).'));
  mount(
    h('h2', {}, 'AI Clearance queues'),
    h(
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
            h('td', {}, h('code', {}, q.jql)),
            h('td', {}, q.filterId ? h('button', { onclick: () => void router.navigate(`/issues/?filter=${encodeURIComponent(q.filterId as string)}`) }, 'Open') : h('span', { class: 'muted' }, 'filter missing — run drift')),
          ),
        ),
      ),
    ),
  );
}

void main();
