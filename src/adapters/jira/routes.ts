// The request line of a Jira or JSM REST route the app calls, built from the
// route table's key (route-scopes.ts holds the table with each route's scopes
// and sources; it is imported here as a type only, so a Forge function loads
// none of its text).
import { encodePathSegment, type HttpMethod } from '../../ports/jira-transport';
import type { JIRA_ROUTES } from './route-scopes';

export type JiraRouteKey = keyof typeof JIRA_ROUTES;

type MethodOf<K extends string> = K extends `${infer M extends HttpMethod} ${string}` ? M : never;
type PathOf<K extends string> = K extends `${string} ${infer P}` ? P : never;
type ParamsOf<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamsOf<Rest> : never;
type ParamArgs<K extends JiraRouteKey> = [ParamsOf<PathOf<K>>] extends [never]
  ? []
  : [params: { readonly [N in ParamsOf<PathOf<K>>]: string | number }];

/** A method and path built from a table entry; spread it into a JiraRequest. */
export interface JiraRouteCall<M extends HttpMethod = HttpMethod> {
  readonly method: M;
  readonly path: string;
}

/**
 * Builds the request line of a table route. Every `{param}` of the template must be given
 * (checked by the compiler) and is encoded by encodePathSegment, so ids from events and
 * users never steer a request to another endpoint.
 */
export function jiraRoute<K extends JiraRouteKey>(key: K, ...args: ParamArgs<K>): JiraRouteCall<MethodOf<K>> {
  const space = key.indexOf(' ');
  const params = (args[0] ?? {}) as Readonly<Record<string, string | number>>;
  const path = key.slice(space + 1).replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`jiraRoute(${key}): missing {${name}}`);
    return encodePathSegment(value);
  });
  return { method: key.slice(0, space) as MethodOf<K>, path };
}
