// Contracts between the parts of the offline sandbox:
//   - the Jira/JSM REST emulator (src/sandbox/jira),
//   - the emulated Forge platform (src/sandbox/forge),
//   - the HTTP front door and control API (src/sandbox/server.ts).
// The app never imports this: it reaches the sandbox only through the real
// Forge SDKs (global __forge_fetch__) or over HTTP.

/** Who is calling the Jira emulator. The Forge app acts as its own app user. */
export type Principal =
  { kind: 'user'; accountId: string } | { kind: 'app'; accountId: string } | { kind: 'anonymous' };

export interface EmulatorRequest {
  method: string;
  /** Path without query string, e.g. /rest/api/3/issue/AIC-1 (already URL-decoded per segment by the router). */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
  principal: Principal;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialisable body; undefined for 204. */
  body?: unknown;
}

/** A Jira product event as the emulator emits it, before the Forge platform shapes it per trigger. */
export interface JiraProductEvent {
  eventType:
    | 'avi:jira:created:issue'
    | 'avi:jira:updated:issue'
    | 'avi:jira:deleted:issue'
    | 'avi:jira:commented:issue'
    | 'avi:jira:assigned:issue'
    | 'avi:jira:set:issue-property';
  /** accountId of the user (or app) whose action caused the event. */
  atlassianId: string;
  /** True when the app user caused it (the platform honours filter.ignoreSelf). */
  causedByApp: boolean;
  /** Full snapshot after the change: every field (system and customfield_*) and every issue property. */
  issue: {
    id: string;
    key: string;
    fields: Record<string, unknown>;
    properties: Record<string, unknown>;
  };
  changelog?: {
    id: string;
    items: Array<{
      field: string;
      fieldtype: string;
      fieldId?: string;
      from: string | null;
      fromString: string | null;
      to: string | null;
      toString: string | null;
    }>;
  };
  associatedStatuses?: {
    from: { id: string; name: string; statusCategory?: string };
    to: { id: string; name: string; statusCategory?: string };
  };
  comment?: { id: string; body: unknown; jsdPublic: boolean; author: { accountId: string } };
  property?: { key: string; value: unknown };
  /** Sandbox clock time of the change, ms since epoch. */
  timestamp: number;
}

export interface JiraEmulatorApi {
  /** Serves one REST call (in-process for requestJira, or from the HTTP front door). */
  handle(req: EmulatorRequest): Promise<EmulatorResponse>;
  /** Basic auth check: email + API token → principal, or undefined (→ 401). */
  authenticate(email: string, token: string): Principal | undefined;
  /** Subscribes to product events; the Forge platform dispatches them to manifest triggers. */
  onEvent(listener: (event: JiraProductEvent) => void): void;
  /** The Forge app's own account (actor of asApp() calls). */
  readonly appAccountId: string;
  /** Site base URL as the emulator reports it (serverInfo.baseUrl, self links). */
  readonly baseUrl: string;
}
