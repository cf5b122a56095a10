export {};
// Runs inside the module's iframe before the app's own script, as the product's bridge script does on
// Forge: it defines window.__bridge.callBridge(type, payload), which every @forge/bridge API calls
// (node_modules/@forge/bridge/out/bridge.js, getCallBridge), and carries each call to the host page
// with postMessage; the host answers with the result or an error message.
interface Reply {
  aic: 'reply';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextId = 0;

window.addEventListener('message', (event: MessageEvent<Reply>) => {
  if (event.source !== window.parent || event.data?.aic !== 'reply') return;
  const call = pending.get(event.data.id);
  if (!call) return;
  pending.delete(event.data.id);
  if (event.data.ok) call.resolve(event.data.value);
  else call.reject(new Error(event.data.error ?? 'the host refused the call'));
});

(window as unknown as { __bridge: unknown }).__bridge = {
  callBridge(type: string, payload?: unknown): Promise<unknown> {
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      window.parent.postMessage({ aic: 'call', id, type, payload }, window.location.origin);
    });
  },
};

// The product sizes the iframe to its content (Forge uses iframe-resizer); report the height. The content's
// height, not the document element's: with the CSS reset's `html { height: 100% }` that one is the iframe's
// own height, so the frame would never grow.
const report = () => {
  const body = document.body;
  const bottom = Math.max(...Array.from(body.children, (c) => c.getBoundingClientRect().bottom), 0);
  const padding = parseFloat(getComputedStyle(body).paddingBottom) || 0;
  window.parent.postMessage(
    { aic: 'resize', height: Math.ceil(bottom + window.scrollY + padding) },
    window.location.origin,
  );
};
let queued = false;
const schedule = () => {
  if (queued) return;
  queued = true;
  requestAnimationFrame(() => {
    queued = false;
    report();
  });
};
const resized = new ResizeObserver(schedule);
const watch = () => {
  resized.observe(document.body);
  for (const c of Array.from(document.body.children)) resized.observe(c);
};
// The bridge runs before the app's script (the body may still be parsing); pages render into #root and
// the design system's layers (modals, menus) into new children of the body.
document.addEventListener('DOMContentLoaded', () => {
  watch();
  new MutationObserver(() => {
    watch();
    schedule();
  }).observe(document.body, { childList: true });
  schedule();
});
