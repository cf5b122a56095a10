// What the panel needs before it can render, in one call: which request type this is, the tools to offer
// and, for an extension or a hand-back, the access the person holds now.
import { view } from '@forge/bridge';
import { call } from '../shared/invoke';
import type { RequestableTool, RequestKind } from '../shared/types';

export type PanelData = { kind: 'none' } | { kind: RequestKind; tools: RequestableTool[] };

type PanelContext =
  | { kind: 'none' }
  | {
      kind: RequestKind;
      tools: RequestableTool[];
      grants?: Array<{ toolId: string; toolName: string; live: boolean }>;
    };

export async function loadPanel(): Promise<PanelData> {
  const context = await call<PanelContext>('portal.context', { withTools: true });
  if (context.kind === 'none') {
    // Not one of the app's request types: nothing to ask, nothing to store, never in the way of the form.
    await view.submit({ fields: [], isValid: true });
    return { kind: 'none' };
  }
  if (context.kind === 'access') return { kind: 'access', tools: context.tools };
  // Extending or handing back is about access the person holds now.
  const policy = new Map(context.tools.map((t) => [t.id, t]));
  const tools = (context.grants ?? [])
    .filter((g) => g.live)
    .map((g) => ({ ...policy.get(g.toolId), id: g.toolId, name: g.toolName }));
  return { kind: context.kind, tools };
}
