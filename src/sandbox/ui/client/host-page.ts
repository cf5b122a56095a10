// The host page's side of the bridge: the sandbox's stand-in for the product page around a Custom UI
// iframe. It answers the calls frame-bridge.ts forwards — invoke (the module's resolver, as the signed-in
// user, through the page's session), getContext, submit (the portal create panel), navigate/getUrl, showFlag,
// fetchProduct (requestJira as the user) — and, on the portal's create page, submits the portal form with
// the panel's last submission when the person presses Create, as JSM does.
// A module (not a global script): its names stay its own when the project is type-checked.
export {};
interface HostConfig {
  moduleKey: string;
  moduleType: string;
  user: { email: string };
  /** Where this page's calls go; the sandbox acts as the page's person there (no credential in the page). */
  session: string;
  context: { siteUrl: string; extension: Record<string, unknown> } & Record<string, unknown>;
  portal?: { serviceDeskId: string; requestTypeId: string; fields: Array<{ fieldId: string; kind: string }> };
}

interface Call {
  aic: 'call';
  id: number;
  type: string;
  payload?: unknown;
}

const config = JSON.parse(document.getElementById('aic-host-config')?.textContent ?? '{}') as HostConfig;
const frame = document.getElementById('module-frame') as HTMLIFrameElement;
/** What tests and people can inspect: the panel's last submission, navigations, flags shown. */
const state: { submitted?: unknown; navigations: unknown[]; flags: unknown[] } = { navigations: [], flags: [] };
(window as unknown as { __aicHost: typeof state }).__aicHost = state;

function status(text: string): void {
  const el = document.getElementById('host-status');
  if (el) el.textContent = text;
}

async function sandboxInvoke(payload: { functionKey: string; payload?: unknown }): Promise<unknown> {
  const res = await fetch(`${config.session}/invoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ functionKey: payload.functionKey, payload: payload.payload ?? {} }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message?: string }; errorMessages?: string[] };
  if (!res.ok) throw new Error(body.error?.message ?? body.errorMessages?.join(' ') ?? `invoke failed (${res.status})`);
  return body.result;
}

async function fetchProduct(p: {
  product: string;
  restPath: string;
  fetchRequestInit?: { method?: string; body?: string | null; headers?: Array<[string, string]> };
}): Promise<unknown> {
  if (p.product !== 'jira') throw new Error(`the sandbox hosts Jira only, not ${p.product}`);
  if (!p.restPath.startsWith('/rest/')) throw new Error(`requestJira takes a REST path (/rest/...), got ${p.restPath}`);
  const headers = new Headers(p.fetchRequestInit?.headers ?? []);
  const res = await fetch(`${config.session}${p.restPath}`, {
    method: p.fetchRequestInit?.method ?? 'GET',
    headers,
    ...(p.fetchRequestInit?.body ? { body: p.fetchRequestInit.body } : {}),
  });
  const out: Record<string, string> = {};
  res.headers.forEach((v, k) => (out[k] = v));
  return { body: await res.text(), headers: out, status: res.status, statusText: res.statusText };
}

function showFlag(p: { id: string; title?: string; description?: string; type?: string }): boolean {
  state.flags.push(p);
  const box = document.getElementById('host-flags');
  if (!box) return false;
  const el = document.createElement('div');
  el.className = `host-flag host-flag-${p.type ?? 'info'}`;
  el.setAttribute('role', p.type === 'error' ? 'alert' : 'status');
  el.dataset.flagId = p.id;
  const title = document.createElement('strong');
  title.textContent = p.title ?? '';
  el.append(title);
  if (p.description) {
    const d = document.createElement('p');
    d.textContent = p.description;
    el.append(d);
  }
  box.append(el);
  return true;
}

function urlOf(p: { url?: string; target?: string; issueKey?: string; moduleKey?: string }): string {
  if (p.url) return p.url;
  if (p.target === 'issue' && p.issueKey) return `${config.context.siteUrl}/browse/${p.issueKey}`;
  if (p.target === 'module' && p.moduleKey)
    return `/__sandbox/ui/${p.moduleKey}?user=${encodeURIComponent(config.user.email)}`;
  throw new Error(`the sandbox host cannot build a URL for target ${p.target ?? '(none)'}`);
}

async function handle(call: Call): Promise<unknown> {
  switch (call.type) {
    case 'invoke':
      return sandboxInvoke(call.payload as { functionKey: string; payload?: unknown });
    case 'getContext':
      return config.context;
    case 'submit':
      // Only the portal's create panel is submittable here; @forge/bridge throws on false.
      if (config.moduleType !== 'jiraServiceManagement:portalRequestCreatePropertyPanel') return false;
      state.submitted = call.payload;
      return true;
    case 'navigate': {
      const p = call.payload as { type?: string };
      const url = urlOf(call.payload as { url?: string });
      state.navigations.push({ url, type: p.type });
      if (p.type === 'same-tab' && url.startsWith('/__sandbox/ui/')) window.location.assign(url);
      else status(`The app opened ${url} (${p.type === 'new-tab' ? 'new tab' : 'same tab'})`);
      return undefined;
    }
    case 'getUrl':
      return new URL(urlOf(call.payload as { target?: string }), window.location.href).toString();
    case 'showFlag':
      return showFlag(call.payload as { id: string });
    case 'closeFlag': {
      const id = (call.payload as { id: string }).id;
      document.querySelector(`[data-flag-id="${CSS.escape(id)}"]`)?.remove();
      return undefined;
    }
    case 'fetchProduct':
      return fetchProduct(call.payload as { product: string; restPath: string });
    case 'enableTheming':
      return undefined; // the pages ship the design tokens' light theme in their own style.css
    case 'reload':
      frame.contentWindow?.location.reload();
      return undefined;
    default:
      throw new Error(`@forge/bridge call "${call.type}" is not emulated by the sandbox host`);
  }
}

window.addEventListener('message', (event: MessageEvent<Call | { aic: 'resize'; height: number }>) => {
  if (event.source !== frame.contentWindow || event.origin !== window.location.origin) return;
  const data = event.data;
  if (data?.aic === 'resize') {
    frame.style.height = `${Math.max(120, data.height)}px`;
    return;
  }
  if (data?.aic !== 'call') return;
  const reply = (msg: { ok: boolean; value?: unknown; error?: string }) =>
    frame.contentWindow?.postMessage({ aic: 'reply', id: data.id, ...msg }, window.location.origin);
  handle(data).then(
    (value) => reply({ ok: true, value }),
    (e: unknown) => reply({ ok: false, error: e instanceof Error ? e.message : String(e) }),
  );
});

// The portal's Create button: the form's fields plus the panel's last view.submit, as JSM sends them.
const form = document.getElementById('portal-form') as HTMLFormElement | null;
form?.addEventListener('submit', (event) => {
  event.preventDefault();
  const portal = config.portal;
  if (!portal) return;
  const values: Record<string, unknown> = {};
  for (const f of portal.fields) {
    const el = form.elements.namedItem(f.fieldId) as HTMLInputElement | HTMLSelectElement | null;
    const raw = el?.value.trim() ?? '';
    if (raw === '') continue;
    values[f.fieldId] = f.kind === 'number' ? Number(raw) : f.kind === 'option' ? { id: raw } : raw;
  }
  const button = form.querySelector('button[type="submit"]') as HTMLButtonElement;
  button.disabled = true;
  status('Creating your request…');
  void fetch(`${config.session}/portal-request`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      serviceDeskId: portal.serviceDeskId,
      requestTypeId: portal.requestTypeId,
      requestFieldValues: values,
      ...(state.submitted ? { panel: state.submitted } : {}),
    }),
  })
    .then(async (res) => {
      const body = (await res.json()) as { issueKey?: string; errorMessages?: string[] };
      if (!res.ok) throw new Error(body.errorMessages?.join(' ') ?? `the portal answered ${res.status}`);
      const done = document.getElementById('portal-created');
      if (done && body.issueKey) {
        const link = document.createElement('a');
        link.href = `/__sandbox/ui/${encodeURIComponent(document.body.dataset.detailModule ?? '')}?user=${encodeURIComponent(config.user.email)}&issue=${encodeURIComponent(body.issueKey)}`;
        link.textContent = body.issueKey;
        done.replaceChildren('Request created: ', link);
      }
      status(`Request ${body.issueKey ?? ''} created`);
    })
    .catch((e: unknown) => status(e instanceof Error ? e.message : String(e)))
    .finally(() => (button.disabled = false));
});
