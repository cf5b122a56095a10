// The sandbox UI host: `GET /__sandbox/ui/<module-key>?user=<email>[&issue=<KEY>][&requestType=<id>]` is a
// page that stands in for the product around the module's Custom UI iframe; the iframe loads the module's
// resource from /__sandbox/ui-frame/<module-key>/ (static/<resource>/), with the bridge script injected
// first, under the Content Security Policy Forge applies to Custom UI plus what the manifest's
// `permissions.content` declares (platform-contract.md UI-9..UI-12).
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { EmulatorResponse, Principal } from '../contracts';
import { unlicensedRefusal, type AccountType } from '../forge/resolvers';
import type { UiModuleDef } from '../forge/manifest';
import type { Sandbox } from '../sandbox';
import { REPO_ROOT } from '../sandbox';
import { extensionFor, type ModuleExtension } from './extension-context';

const CLIENT_DIR = path.join(__dirname, 'client');
const scripts = new Map<string, string>();

/** The host's browser scripts, compiled once from client/*.ts. */
function clientScript(name: 'frame-bridge' | 'host-page'): string {
  let js = scripts.get(name);
  if (js === undefined) {
    const out = buildSync({
      entryPoints: [path.join(CLIENT_DIR, `${name}.ts`)],
      bundle: true,
      format: 'iife',
      target: ['es2020'],
      write: false,
      logLevel: 'error',
    });
    js = out.outputFiles[0]?.text ?? '';
    scripts.set(name, js);
  }
  return js;
}

/**
 * Forge serves Custom UI under a Content Security Policy that allows the app's own origin and adds what
 * `permissions.content` declares (https://developer.atlassian.com/platform/forge/manifest-reference/permissions/,
 * "Content permissions": "`style-src 'unsafe-inline'` is included in the CSP header for all modules using
 * Custom UI"). The base policy itself is not published; this one is the strictest that lets a page load
 * its own files (UI-10).
 */
export function customUiCsp(content: { styles: string[]; scripts: string[] }): string {
  const quote = (s: string) => (s.startsWith('unsafe-') || /^sha(256|384|512)-/.test(s) ? `'${s}'` : s);
  return [
    "default-src 'self'",
    `script-src ${["'self'", ...content.scripts.map(quote)].join(' ')}`,
    `style-src ${["'self'", ...content.styles.map(quote)].join(' ')}`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/**
 * A host page's session: the person it was opened for, so the page's calls act as them without any
 * credential reaching the browser (the page holds only this random id).
 */
interface UiSession {
  accountId: string;
  moduleKey: string;
  invokeExtension: Record<string, unknown>;
}
const sessions = new Map<string, UiSession>();
const MAX_SESSIONS = 1000;

function openSession(s: UiSession): string {
  const id = randomUUID();
  sessions.set(id, s);
  if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
  return `/__sandbox/ui-session/${id}`;
}

const SessionInvoke = z.object({ functionKey: z.string().min(1), payload: z.unknown().optional() }).strict();

/**
 * A call from a host page, as its person: `POST invoke` (the module's resolver), `POST portal-request`
 * (the portal's Create), or any Jira REST call under `rest/` (requestJira).
 */
export async function uiSessionCall(
  sandbox: Sandbox,
  sessionId: string,
  req: { method: string; path: string; query: URLSearchParams; headers: Record<string, string>; body: unknown },
  accountType: (accountId: string) => AccountType,
): Promise<EmulatorResponse> {
  const s = sessions.get(sessionId);
  if (!s)
    return { status: 404, body: { error: { code: 'UNKNOWN_SESSION', message: 'This page has expired: reload it.' } } };
  if (req.method === 'POST' && req.path === '/invoke') {
    const parsed = SessionInvoke.safeParse(req.body);
    if (!parsed.success)
      return { status: 400, body: { error: { code: 'BAD_REQUEST', message: parsed.error.message } } };
    const result = await sandbox.forge.invokeResolver({
      moduleKey: s.moduleKey,
      functionName: parsed.data.functionKey,
      payload: parsed.data.payload ?? {},
      accountId: s.accountId,
      accountType: accountType(s.accountId),
      extension: s.invokeExtension,
    });
    return { status: 200, body: { result } };
  }
  if (req.method === 'POST' && req.path === '/portal-request') {
    const body = req.body && typeof req.body === 'object' ? req.body : {};
    return { status: 201, body: sandbox.jira.submitPortalRequest({ ...body, accountId: s.accountId }) };
  }
  if (req.path.startsWith('/rest/'))
    return sandbox.jira.handle({ ...req, principal: { kind: 'user', accountId: s.accountId } });
  return { status: 404, body: { error: { code: 'NOT_FOUND', message: `no host call ${req.method} ${req.path}` } } };
}

const HOST_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; frame-src 'self'; object-src 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, csp?: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(csp ? { 'Content-Security-Policy': csp } : {}),
  });
  res.end(body);
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
/** JSON inside <script type="application/json">: no "</script>" can close it early. */
const jsonInScript = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

function notFound(res: ServerResponse, message: string): void {
  send(res, 404, 'text/plain; charset=utf-8', message);
}

function uiModule(sandbox: Sandbox, key: string): UiModuleDef | undefined {
  return sandbox.forge.model.uiModules.find((m) => m.key === key);
}

/** Who opens a module in the printed examples: the admin page's admin, the agents' pages' agent, else a customer. */
function exampleUser(m: UiModuleDef): string {
  if (m.moduleType === 'jira:adminPage') return 'admin@example.com';
  if (
    m.moduleType === 'jira:issuePanel' ||
    m.moduleType === 'jiraServiceManagement:queuePage' ||
    m.moduleType === 'jira:globalPage'
  )
    return 'agent@example.com';
  return 'alice@example.com';
}

/** The URL of each Custom UI module's host page (what `npm start` prints). */
export function uiModuleUrls(sandbox: Sandbox, baseUrl: string): Array<{ title: string; url: string }> {
  return sandbox.forge.model.uiModules.map((m) => ({
    title: `${m.title} (${m.moduleType})`,
    url: `${baseUrl}/__sandbox/ui/${m.key}?user=${exampleUser(m)}${needsIssue(m) ? '&issue=<KEY>' : ''}`,
  }));
}

export function needsIssue(m: UiModuleDef): boolean {
  return m.moduleType === 'jira:issuePanel' || m.moduleType === 'jiraServiceManagement:portalRequestDetail';
}

/**
 * Serves /__sandbox/ui/..., /__sandbox/ui-frame/... and /__sandbox/ui-assets/...; false when the path is not one.
 * `accountType` is the Forge user type of a sandbox account (a host page is refused to a user type the
 * module's `unlicensedAccess` does not list, as the product does not show it to them; UI-4).
 */
export async function serveUi(
  sandbox: Sandbox,
  url: URL,
  res: ServerResponse,
  accountType: (accountId: string) => AccountType,
): Promise<boolean> {
  const p = url.pathname;
  if (p === '/__sandbox/ui-assets/bridge.js') {
    send(res, 200, TYPES['.js'], clientScript('frame-bridge'));
    return true;
  }
  if (p === '/__sandbox/ui-assets/host.js') {
    send(res, 200, TYPES['.js'], clientScript('host-page'));
    return true;
  }
  if (p === '/__sandbox/ui-assets/host.css') {
    send(res, 200, TYPES['.css'], fs.readFileSync(path.join(CLIENT_DIR, 'host.css')));
    return true;
  }
  const frame = /^\/__sandbox\/ui-frame\/([^/]+)\/(.*)$/.exec(p);
  if (frame) {
    serveResource(sandbox, decodeURIComponent(frame[1]), decodeURIComponent(frame[2] || 'index.html'), res);
    return true;
  }
  const page = /^\/__sandbox\/ui\/([^/]+)$/.exec(p);
  if (page) {
    await serveHostPage(sandbox, decodeURIComponent(page[1]), url.searchParams, res, accountType);
    return true;
  }
  if (p === '/__sandbox/ui' || p === '/__sandbox/ui/') {
    const items = uiModuleUrls(sandbox, '')
      .map((m) => `<li><a href="${esc(m.url.replace('&issue=<KEY>', ''))}">${esc(m.title)}</a></li>`)
      .join('');
    send(
      res,
      200,
      TYPES['.html'],
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>AI Clearance sandbox UI</title></head><body><main><h1>Custom UI modules</h1><ul>${items}</ul></main></body></html>`,
      HOST_CSP,
    );
    return true;
  }
  return false;
}

function serveResource(sandbox: Sandbox, key: string, file: string, res: ServerResponse): void {
  const mod = uiModule(sandbox, key);
  if (!mod) return notFound(res, `no Custom UI module ${key} in manifest.yml`);
  const dir = path.resolve(REPO_ROOT, mod.resourcePath);
  const target = path.resolve(dir, file);
  if (!target.startsWith(dir + path.sep) || !fs.existsSync(target) || !fs.statSync(target).isFile())
    return notFound(res, `${mod.resourcePath}/${file} does not exist (run npm run build:ui)`);
  const type = TYPES[path.extname(target)] ?? 'application/octet-stream';
  const csp = customUiCsp(sandbox.forge.model.content);
  if (path.basename(target) === 'index.html') {
    // The product's bridge script runs before the app's (window.__bridge must exist when @forge/bridge loads).
    const html = fs
      .readFileSync(target, 'utf8')
      .replace('<head>', '<head><script src="/__sandbox/ui-assets/bridge.js"></script>');
    return send(res, 200, type, html, csp);
  }
  send(res, 200, type, fs.readFileSync(target), csp);
}

/** The module's bundled icon, as the product shows it by the module's title (served from its resource folder). */
function iconHtml(mod: UiModuleDef): string {
  if (mod.icon?.kind !== 'resource') return '';
  const src = `/__sandbox/ui-frame/${encodeURIComponent(mod.key)}/${mod.icon.path.split('/').map(encodeURIComponent).join('/')}`;
  return `<img class="host-icon" src="${esc(src)}" alt="" width="24" height="24">`;
}

async function serveHostPage(
  sandbox: Sandbox,
  key: string,
  q: URLSearchParams,
  res: ServerResponse,
  accountType: (accountId: string) => AccountType,
): Promise<void> {
  const mod = uiModule(sandbox, key);
  if (!mod) return notFound(res, `no Custom UI module ${key} in manifest.yml; see /__sandbox/ui`);
  const email = q.get('user') ?? '';
  const user = sandbox.jira.listUsers().find((u) => u.email.toLowerCase() === email.toLowerCase());
  if (!user || user.roles.includes('app'))
    return notFound(res, `no sandbox user with email "${email}" (add ?user=alice@example.com)`);
  const resolverModule = sandbox.forge.model.resolverModules.get(mod.key);
  const refusal = resolverModule && unlicensedRefusal(resolverModule, accountType(user.accountId));
  if (refusal) return send(res, 403, 'text/plain; charset=utf-8', `${user.email} cannot open this page: ${refusal}`);
  const principal: Principal = { kind: 'user', accountId: user.accountId };
  let ext: ModuleExtension;
  try {
    ext = await extensionFor(sandbox, mod, principal, q);
  } catch (e) {
    return send(res, 400, 'text/plain; charset=utf-8', e instanceof Error ? e.message : String(e));
  }
  const identity = sandbox.forge.identity;
  const context = {
    accountId: user.accountId,
    cloudId: identity.cloudId,
    siteUrl: identity.siteUrl,
    localId: `${mod.key}-sandbox`,
    moduleKey: mod.key,
    locale: 'en-US',
    timezone: 'UTC',
    extension: { type: mod.moduleType, ...ext.extension, location: ext.location },
  };
  const detailModule = sandbox.forge.model.uiModules.find(
    (m) => m.moduleType === 'jiraServiceManagement:portalRequestDetail',
  )?.key;
  const config = {
    moduleKey: mod.key,
    moduleType: mod.moduleType,
    user: { email: user.email },
    session: openSession({ accountId: user.accountId, moduleKey: mod.key, invokeExtension: ext.extension }),
    context,
    ...(ext.portal ? { portal: ext.portal } : {}),
  };
  const frame = `<iframe id="module-frame" title="${esc(mod.title)}" src="/__sandbox/ui-frame/${encodeURIComponent(mod.key)}/index.html" sandbox="allow-downloads allow-forms allow-modals allow-pointer-lock allow-same-origin allow-scripts allow-popups"></iframe>`;
  const body = ext.portal
    ? `<form id="portal-form" novalidate>${ext.portal.formHtml}<div class="host-panel">${frame}</div><button type="submit" class="host-create">Create</button><p id="portal-created" role="status"></p></form>`
    : frame;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(mod.title)} · AI Clearance sandbox</title><link rel="stylesheet" href="/__sandbox/ui-assets/host.css"></head>
<body data-detail-module="${esc(detailModule ?? '')}">
<header class="host-bar"><span>Sandbox stand-in for ${esc(ext.product)}</span><span>Signed in as ${esc(user.displayName)} (${esc(user.email)})</span></header>
<main class="host-main"><h1>${iconHtml(mod)}${esc(ext.heading ?? mod.title)}</h1>${body}<p id="host-status" class="host-status" role="status"></p></main>
<div id="host-flags" class="host-flags" aria-live="polite"></div>
<script type="application/json" id="aic-host-config">${jsonInScript(config)}</script>
<script src="/__sandbox/ui-assets/host.js"></script>
</body></html>`;
  send(res, 200, TYPES['.html'], html, HOST_CSP);
}
