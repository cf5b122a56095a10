// What the panel needs before it can render: which request type this is, and the tools to offer.
import { view } from '@forge/bridge';
import { call } from '../shared/invoke';
import type { RequestableTool, RequestKind } from '../shared/types';

export type PanelData = { kind: 'none' } | { kind: RequestKind; tools: RequestableTool[] };

interface MyAccess {
  grants: Array<{ toolId: string; toolName: string; live: boolean }>;
}

export async function loadPanel(): Promise<PanelData> {
  const context = await call<{ kind: RequestKind | 'none' }>('portal.context');
  if (context.kind === 'none') {
    // Not one of the app's request types: nothing to ask, nothing to store, never in the way of the form.
    await view.submit({ fields: [], isValid: true });
    return { kind: 'none' };
  }
  const requestable = await call<{ tools: RequestableTool[] }>('portal.tools');
  if (context.kind === 'access') return { kind: 'access', tools: requestable.tools };
  // Extending or handing back is about access the person holds now.
  const mine = await call<MyAccess>('portal.myAccess');
  const policy = new Map(requestable.tools.map((t) => [t.id, t]));
  const tools = mine.grants
    .filter((g) => g.live)
    .map((g) => ({ ...policy.get(g.toolId), id: g.toolId, name: g.toolName }));
  return { kind: context.kind, tools };
}
