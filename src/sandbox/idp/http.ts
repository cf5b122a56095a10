// The request/response shape the IdP emulators answer, whether a request came over the
// sandbox's HTTP front door (/__idp/...) or from the app's egress fetch to the real host.
export interface IdpRequest {
  method: string;
  /** The path below the emulator's root, e.g. /api/v1/groups or /v1.0/groups (not decoded). */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  bodyText: string;
  /** The URL prefix the caller used for this IdP (links and nextLinks are built on it). */
  origin: string;
}

export interface IdpResponse {
  status: number;
  /** Header name → value; an array sends the header once per value (Okta's two `Link` headers). */
  headers: Record<string, string | string[]>;
  body?: unknown;
}

export function json(status: number, body: unknown, headers: Record<string, string | string[]> = {}): IdpResponse {
  return { status, body, headers: { 'content-type': 'application/json', ...headers } };
}

export function noContent(headers: Record<string, string | string[]> = {}): IdpResponse {
  return { status: 204, headers };
}

/** As a WHATWG Response (egress): repeated headers are appended, so Headers.get joins them with ", ". */
export function toFetchResponse(res: IdpResponse): Response {
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headers))
    for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
  const empty = res.body === undefined || res.status === 204;
  return new Response(empty ? null : typeof res.body === 'string' ? res.body : JSON.stringify(res.body), {
    status: res.status,
    headers,
  });
}

/** Splits `a/b/c` into decoded segments; undefined when a segment is not valid percent-encoding. */
export function pathSegments(path: string): string[] | undefined {
  try {
    return path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

export function bearerToken(headers: Record<string, string>, scheme: string): string | undefined {
  const h = headers.authorization;
  if (!h) return undefined;
  const i = h.indexOf(' ');
  if (i < 0 || h.slice(0, i).toLowerCase() !== scheme.toLowerCase()) return undefined;
  return h.slice(i + 1).trim();
}
