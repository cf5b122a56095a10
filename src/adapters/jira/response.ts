import {
  JiraHttpError,
  parseRetryAfter,
  readJiraErrors,
  type HttpMethod,
  type JiraResponse,
} from '../../ports/jira-transport';

/** Minimal view of a fetch Response that both Node's fetch and @forge/api return. */
export interface FetchLikeResponse {
  status: number;
  headers: { get(name: string): string | null; forEach?(cb: (value: string, key: string) => void): void };
  text(): Promise<string>;
}

export async function toJiraResponse<T>(
  res: FetchLikeResponse,
  method: HttpMethod,
  path: string,
): Promise<JiraResponse<T>> {
  const text = res.status === 204 ? '' : await res.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  const headers: Record<string, string> = {};
  res.headers.forEach?.((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  if (res.status < 200 || res.status > 299) {
    const { errorMessages, errors } = readJiraErrors(body);
    throw new JiraHttpError(
      res.status,
      method,
      path,
      errorMessages,
      errors,
      parseRetryAfter(res.headers.get('retry-after')),
    );
  }
  return { status: res.status, headers, body: body as T };
}
