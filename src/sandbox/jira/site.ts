// What every route handler receives: the site (store, clock, event outbox)
// and the calling actor with its resolved roles.
import type { SandboxClock } from '../clock';
import type { EmulatorRequest, EmulatorResponse, JiraProductEvent } from '../contracts';
import type { JqlEntityPropertyDef } from './jql/types';
import type { JiraStore } from './store/store';
import type { WorkflowDefinition } from './workflow';
import type { ViewCache } from './views';

export interface Actor {
  accountId: string;
  isApp: boolean;
  /** Jira administrator (the app counts as one: it holds admin-level app permissions). */
  isAdmin: boolean;
  /** Service desk agent: may browse all requests, transition, edit, add internal comments. */
  isAgent: boolean;
}

export interface Site {
  store: JiraStore;
  clock: SandboxClock;
  baseUrl: string;
  appAccountId: string;
  workflow: WorkflowDefinition;
  entityProperties: JqlEntityPropertyDef[];
  views: ViewCache;
  /**
   * Queues an event. The builder runs when the call has finished (so snapshots
   * show the state after the whole call); the emulator delivers the events
   * once the transaction has committed.
   */
  emit(build: () => Omit<JiraProductEvent, 'timestamp'>): void;
}

export interface Call {
  req: EmulatorRequest;
  params: Record<string, string>;
  actor: Actor;
  site: Site;
}

export type Handler = (call: Call) => EmulatorResponse;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path with {param} segments, exactly as Jira Cloud documents it. */
  path: string;
  handler: Handler;
  /** Served without authentication (serverInfo). */
  anonymous?: boolean;
}
