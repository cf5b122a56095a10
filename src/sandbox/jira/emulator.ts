// The Jira Cloud + JSM emulator: fault injection, authentication, routing,
// one SQLite transaction per call, and product events delivered after commit.
import type { SandboxClock } from '../clock';
import type { EmulatorRequest, EmulatorResponse, JiraEmulatorApi, JiraProductEvent, Principal } from '../contracts';
import type { SandboxDb } from '../db';
import type { FaultInjector } from '../faults';
import * as controls from './controls';
import { JiraHttpFailure, asServiceDeskError, jiraError } from './http';
import type { JqlCompileContext } from './jql';
import type { JqlEntityPropertyDef, JqlIssueView } from './jql/types';
import { Router } from './router';
import { ALL_ROUTES } from './routes';
import { seedSite } from './seed';
import { APP_ACCOUNT_ID } from './site-data';
import type { Actor, Site } from './site';
import { JiraStore } from './store/store';
import { actorFor, userByEmail } from './users';
import { ViewCache, jqlContext } from './views';
import { AIC_WORKFLOW, type WorkflowDefinition } from './workflow';

export interface JiraEmulatorOptions {
  db: SandboxDb;
  clock: SandboxClock;
  faults: FaultInjector;
  /** Site URL reported in serverInfo and self links, e.g. http://127.0.0.1:8080. */
  baseUrl: string;
  /** Indexed issue-property paths from manifest.yml jira:entityProperty (JQL issue.property and searchAlias). */
  entityProperties?: JqlEntityPropertyDef[];
  /**
   * The installed app's portal request-create panel stores its submission under this issue property key: the
   * UUID part of the manifest's app.id. Unset: the app has no such panel.
   */
  portalPanelPropertyKey?: string;
}

type EventBuilder = () => Omit<JiraProductEvent, 'timestamp'>;

const ANONYMOUS_ACTOR: Actor = { accountId: '', isApp: false, isAdmin: false, isAgent: false };

export class JiraEmulator implements JiraEmulatorApi {
  readonly appAccountId = APP_ACCOUNT_ID;
  readonly baseUrl: string;
  readonly workflow: WorkflowDefinition = AIC_WORKFLOW;
  private readonly store: JiraStore;
  private readonly site: Site;
  private readonly router = new Router(ALL_ROUTES);
  private readonly listeners = new Set<(event: JiraProductEvent) => void>();
  private outbox: EventBuilder[] | undefined;

  constructor(private readonly opts: JiraEmulatorOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.store = new JiraStore(opts.db);
    this.site = {
      store: this.store,
      clock: opts.clock,
      baseUrl: this.baseUrl,
      appAccountId: APP_ACCOUNT_ID,
      workflow: this.workflow,
      entityProperties: opts.entityProperties ?? [],
      views: new ViewCache(this.store, this.workflow),
      emit: (build) => {
        if (!this.outbox) throw new Error('Jira emulator: events can only be emitted inside a call');
        this.outbox.push(build);
      },
    };
  }

  /** Creates the seeded site on an empty database; a no-op when it exists. Returns true when it seeded. */
  seed(): boolean {
    return seedSite(this.store);
  }

  /** Drops the whole site and seeds it afresh. */
  reset(): void {
    this.store.wipe();
    this.seed();
  }

  authenticate(email: string, token: string): Principal | undefined {
    const u = userByEmail(this.store, email);
    if (!u || !u.active || !u.token || u.token !== token) return undefined;
    return { kind: 'user', accountId: u.accountId };
  }

  /** Subscribes to product events; returns an unsubscribe function. */
  onEvent(listener: (event: JiraProductEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async handle(req: EmulatorRequest): Promise<EmulatorResponse> {
    const response = await this.respond(req);
    // JSM answers its own error shape on every servicedeskapi path (http.ts asServiceDeskError).
    return req.path.startsWith('/rest/servicedeskapi/') ? asServiceDeskError(response) : response;
  }

  private async respond(req: EmulatorRequest): Promise<EmulatorResponse> {
    if (req.path.startsWith('/rest/')) {
      const fault = this.opts.faults.nextJiraFault();
      if (fault?.kind === '429')
        return {
          status: 429,
          headers: { 'Retry-After': String(fault.retryAfterSeconds) },
          body: { errorMessages: ['Rate limit exceeded.'], errors: {} },
        };
      if (fault?.kind === '5xx')
        return {
          status: fault.status,
          body: { errorMessages: ['Service Unavailable: the sandbox injected this fault.'], errors: {} },
        };
      const latency = this.opts.faults.jiraLatencyMs();
      if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    }
    let response = this.dispatch(req);
    if (
      req.path.startsWith('/rest/') &&
      req.method.toUpperCase() !== 'GET' &&
      response.status < 300 &&
      this.opts.faults.loseJiraResponse()
    ) {
      // The change is committed and its events are out; only the answer is lost.
      response = {
        status: 503,
        body: {
          errorMessages: [
            'Service Unavailable: the sandbox applied this write and then lost its response (injected fault).',
          ],
          errors: {},
        },
      };
    }
    return response;
  }

  private dispatch(req: EmulatorRequest): EmulatorResponse {
    const method = req.method.toUpperCase();
    const match = this.router.match(method, req.path);
    if (match.kind === 'none')
      return failure(
        jiraError(404, [
          `No REST resource at ${method} ${req.path} in the sandbox (it follows Jira Cloud's paths exactly).`,
        ]),
      );
    if (match.kind === 'method')
      return {
        ...failure(jiraError(405, [`Method ${method} is not allowed here; use ${match.allowed.join(', ')}.`])),
        headers: { Allow: match.allowed.join(', ') },
      };
    const actor = match.route.anonymous
      ? (actorFor(this.store, req.principal) ?? ANONYMOUS_ACTOR)
      : actorFor(this.store, req.principal);
    if (!actor)
      return failure(jiraError(401, ['You are not authenticated. Authentication required to perform this operation.']));
    try {
      return this.execute(() => match.route.handler({ req, params: match.params, actor, site: this.site }));
    } catch (e) {
      if (e instanceof JiraHttpFailure) return failure(e);
      throw e;
    }
  }

  /** Runs fn in one transaction; queued events are built inside it and delivered after commit. */
  private execute<T>(fn: () => T): T {
    const outbox: EventBuilder[] = [];
    let events: JiraProductEvent[] = [];
    this.outbox = outbox;
    let result: T;
    try {
      result = this.store.transaction(() => {
        const r = fn();
        events = outbox.map((build) => ({ ...build(), timestamp: this.opts.clock.nowMs() }));
        return r;
      });
    } finally {
      this.outbox = undefined;
    }
    for (const event of events) this.deliver(event);
    return result;
  }

  private deliver(event: JiraProductEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (e) {
        // The REST call already succeeded; a failing subscriber must not turn it into an error.
        process.emitWarning(`Jira emulator event listener failed on ${event.eventType}: ${(e as Error).message}`);
      }
    }
  }

  // ---- sandbox controls (mounted under /__sandbox/ by the HTTP front door)

  private asApp(): Actor {
    return { accountId: APP_ACCOUNT_ID, isApp: true, isAdmin: true, isAgent: true };
  }

  listUsers(): controls.SandboxUserInfo[] {
    return controls.listUsers(this.site);
  }

  /** `{ email, displayName, roles?, groups? }` → the new user (sandbox token `sandbox-token`). */
  createUser(input: unknown): controls.SandboxUserInfo {
    return this.execute(() => controls.createUser(this.site, input));
  }

  /** `{ displayName?, roles?, groups?, active? }`; `groups` replaces the groups the user was added to. */
  updateUser(accountId: string, input: unknown): controls.SandboxUserInfo {
    return this.execute(() => controls.updateUser(this.site, accountId, input));
  }

  createQueue(input: unknown) {
    return this.execute(() => controls.createQueue(this.site, this.asApp(), input));
  }

  updateQueue(queueId: string, input: unknown) {
    return this.execute(() => controls.updateQueue(this.site, this.asApp(), queueId, input));
  }

  deleteQueue(queueId: string): void {
    this.execute(() => controls.deleteQueue(this.site, queueId));
  }

  /** The admin's manual step of giving a workflow transition a screen with these fields. */
  setTransitionScreen(transitionId: string, input: unknown) {
    return this.execute(() => controls.setTransitionScreen(this.site, transitionId, input));
  }

  setRequestTypePortal(requestTypeId: string, input: unknown) {
    return this.execute(() => controls.setRequestTypePortal(this.site, requestTypeId, input));
  }

  submitPortalRequest(input: unknown) {
    return this.execute(() => controls.submitPortalRequest(this.site, input, this.opts.portalPanelPropertyKey));
  }

  /** A customer's email on a JSM email channel (summary and description only, in the channel's request type). */
  receiveEmail(input: unknown) {
    return this.execute(() => controls.receiveEmail(this.site, input));
  }

  /** The JQL engine's inputs for `principal`: the issues it may see and the context to compile with. */
  jqlSnapshot(principal: Principal): { views: JqlIssueView[]; context: JqlCompileContext } {
    const actor = actorFor(this.store, principal);
    const views = actor ? this.site.views.all().filter((v) => this.site.views.visible(actor, v)) : [];
    return { views, context: jqlContext(this.site, actor) };
  }
}

function failure(e: JiraHttpFailure): EmulatorResponse {
  return e.headers ? { status: e.status, body: e.body, headers: e.headers } : { status: e.status, body: e.body };
}

/** servicedeskapi errors carry errorMessage/i18nErrorMessage; add them where a shared helper produced Jira's shape. */
export function createJiraEmulator(opts: JiraEmulatorOptions): JiraEmulator {
  const emulator = new JiraEmulator(opts);
  emulator.seed();
  return emulator;
}
