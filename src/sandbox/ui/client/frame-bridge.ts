// Runs inside the module's iframe before the app's own script, as the product's bridge script does on
// Forge: it defines window.__bridge.callBridge(type, payload), which every @forge/bridge API calls
// (node_modules/@forge/bridge/out/bridge.js, getCallBridge), and carries each call to the host page
// with postMessage; the host answers with the result or an error message.
// A module (not a global script): its names stay its own when the project is type-checked.
export {};
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

// The product sizes the iframe to its content (Forge uses iframe-resizer); report the height of the content
// (the lowest bottom of the body's elements plus the body's bottom padding), which does not follow the
// iframe's own height as `scrollHeight` of a 100%-high body would.
function contentHeight(): number {
  const bottoms = Array.from(document.body.children)
    .filter((el) => el.tagName !== 'SCRIPT')
    .map((el) => el.getBoundingClientRect().bottom);
  const padding = parseFloat(getComputedStyle(document.body).paddingBottom) || 0;
  return Math.ceil(Math.max(0, ...bottoms) + padding + window.scrollY);
}
const report = () => window.parent.postMessage({ aic: 'resize', height: contentHeight() }, window.location.origin);
document.addEventListener('DOMContentLoaded', () => {
  const resize = new ResizeObserver(report);
  new MutationObserver(() => {
    for (const child of Array.from(document.body.children)) resize.observe(child);
    report();
  }).observe(document.body, { childList: true, subtree: true });
});
