// GRAPH-50: the app's Entra client decides "already a member" after a 400 on
// `POST /groups/{id}/members/$ref` from the group's member list, never from the error's message text
// (https://learn.microsoft.com/en-us/graph/errors: code "should not branch based on `message` values").
// The client runs against the emulated Graph over HTTP; a relay in front of it rewrites one answer the
// way Graph may (another wording, or a 400 that is not about membership at all).
import { graphDirectory } from '../../../src/adapters/idp/graph';
import type { HttpFetch } from '../../../src/adapters/idp/http';
import { systemClock } from '../../../src/adapters/clock';
import { DirectoryError } from '../../../src/ports/group-directory';
import { SANDBOX_IDP, servedIdpForEachTest } from './served-idp';

const G = SANDBOX_IDP.graph;
const served = servedIdpForEachTest();

type Rewrite = (url: string, method: string) => { status: number; body: unknown } | undefined;

/** Graph's and Entra's hosts, served by the sandbox; `rewrite` may answer one call itself. */
function relay(rewrite: Rewrite = () => undefined): HttpFetch {
  return async (url, init) => {
    const s = served();
    const local = url
      .replace('https://graph.microsoft.com/v1.0', s.graph)
      .replace('https://login.microsoftonline.com', s.login);
    // A rewritten call never reaches the emulator: Graph refused it, nothing changed.
    const over = rewrite(url, init.method);
    if (over)
      return { status: over.status, headers: new Headers(), text: () => Promise.resolve(JSON.stringify(over.body)) };
    const real = await fetch(local, init);
    return { status: real.status, headers: real.headers, text: () => real.text() };
  };
}

const directory = (fetch: HttpFetch) =>
  graphDirectory(
    {
      provider: 'entra',
      tenantId: G.tenantId,
      clientId: G.clientId,
      auth: { type: 'client_secret', secret: G.clientSecret },
    },
    fetch,
    systemClock,
  );

const badRequest = (message: string) => ({
  status: 400,
  body: { error: { code: 'Request_BadRequest', message, innerError: { 'request-id': 'x' } } },
});
const isAdd = (url: string, method: string) => method === 'POST' && url.endsWith('/members/$ref');

async function alice(): Promise<string> {
  const [u] = await directory(relay()).findUsersByEmail('alice@example.com');
  return u.id;
}

describe('GRAPH-50 adding a member: a 400 means "already a member" only when the member list says so', () => {
  it('adds (204), then answers already_member for the documented 400', async () => {
    const d = directory(relay());
    const id = await alice();
    expect(await d.addMember(G.groups.claude, id)).toBe('added');
    expect(await d.addMember(G.groups.claude, id)).toBe('already_member');
    expect(await d.isMember(G.groups.claude, id)).toBe(true);
  });

  it('a member already there is success whatever the 400 says', async () => {
    const id = await alice();
    expect(await directory(relay()).addMember(G.groups.claude, id)).toBe('added');
    // The same refusal in other words (a localised or reworded message).
    const reworded = relay((url, method) =>
      isAdd(url, method) ? badRequest('Der Verweis ist bereits vorhanden.') : undefined,
    );
    expect(await directory(reworded).addMember(G.groups.claude, id)).toBe('already_member');
  });

  it('a 400 for a user who is not a member is a failure, even if its message says "already exist"', async () => {
    const id = await alice();
    // Graph refused the add (nothing written) with a message that happens to contain the words.
    const refused = relay((url, method) =>
      isAdd(url, method)
        ? badRequest(
            "One or more added object references already exist for the following modified properties: 'owners'.",
          )
        : undefined,
    );
    const error = await directory(refused)
      .addMember(G.groups.claude, id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DirectoryError);
    expect(error).toMatchObject({ kind: 'invalid', status: 400 });
    expect(await directory(relay()).isMember(G.groups.claude, id)).toBe(false);
  });
});
