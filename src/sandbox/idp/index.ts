// The sandbox's emulated identity providers: an Okta org and a Microsoft Entra tenant with
// Microsoft Graph. Reached two ways, with the same answers:
//   - over the sandbox's HTTP front door: ${base}/__idp/okta/…, ${base}/__idp/graph/v1.0/…,
//     ${base}/__idp/login/{tenant}/oauth2/v2.0/token;
//   - from the app's outbound fetch inside a Forge function, addressed to the real hosts
//     (https://clearance-sandbox.okta.com, https://graph.microsoft.com, https://login.microsoftonline.com):
//     the Forge platform emulation routes that egress here after checking manifest.yml's
//     permissions.external.fetch.backend, as Forge does.
// State persists in the sandbox database (state.ts); faults come from /__sandbox/faults {"idp":…}.
import type { SandboxClock } from '../clock';
import type { SandboxDb } from '../db';
import type { FaultInjector } from '../faults';
import { ForgePlatformError } from '../forge/errors';
import { bodyText, headerRecord } from '../forge/transport';
import { EntraLogin } from './graph/login';
import { SANDBOX_CERTIFICATE_PEM } from './graph/sandbox-certificate';
import { GraphEmulator } from './graph/emulator';
import { toFetchResponse, type IdpRequest, type IdpResponse } from './http';
import { OktaEmulator } from './okta/emulator';
import { RateWindows } from './rate-window';
import { sandboxCertificate, seedIdpState, type SeedPerson } from './seed';
import { IdpStore } from './state';

export { SANDBOX_IDP } from './seed';
export type { IdpResponse } from './http';

/** What an admin would type into the app to connect it to the sandbox's IdPs (sandbox secrets only). */
export interface IdpConnectionDetails {
  okta: {
    orgUrl: string;
    apiToken: string;
    serviceApp: { clientId: string; keyId: string; alg: 'ES256'; privateKeyPem: string; scopes: string[] };
  };
  graph: {
    tenantId: string;
    tenantName: string;
    clientId: string;
    clientSecret: string;
    certificate: { thumbprint: string; alg: 'RS256'; certificatePem: string; privateKeyPem: string };
    roles: string[];
  };
}

/** The Okta hosts an org lives under (https://developer.okta.com/docs/guides/find-your-domain/main/). */
const OKTA_HOST = /\.(okta|oktapreview|okta-emea)\.com$/i;
export const GRAPH_HOST = 'graph.microsoft.com';
/** Okta's per-endpoint, per-minute limit in the sandbox (ledger OKTA-9: the number is the sandbox's). */
const DEFAULT_OKTA_PER_MINUTE = 600;
export const LOGIN_HOST = 'login.microsoftonline.com';

export interface IdpEmulators {
  readonly store: IdpStore;
  readonly okta: OktaEmulator;
  readonly graph: GraphEmulator;
  readonly login: EntraLogin;
  readonly oktaRate: RateWindows;
  /** Seeds both IdPs when this data folder has none yet; true when it did. */
  seedIfEmpty(people: SeedPerson[]): boolean;
  /** Wipes and seeds again (POST /__sandbox/reset). */
  reset(people: SeedPerson[]): void;
  /** The credentials and URLs the app is connected with (first-start hook, tests, the startup banner). */
  connectionDetails(): IdpConnectionDetails;
  /** Sandbox time as ISO 8601, for controls that stamp records. */
  nowIso(): string;
  /** The Forge egress target: a fetch to a real IdP host, answered by the emulator. */
  egress(url: string, init: RequestInit): Promise<Response>;
  /** Answers a request under /__idp/ on the front door, or undefined when the path is not an IdP's. */
  handleHttp(req: Omit<IdpRequest, 'origin'> & { baseUrl: string }): IdpResponse | undefined;
}

export function createIdpEmulators(deps: { db: SandboxDb; clock: SandboxClock; faults: FaultInjector }): IdpEmulators {
  const store = new IdpStore(deps.db);
  const oktaRate = new RateWindows(() => deps.clock.nowMs(), DEFAULT_OKTA_PER_MINUTE);
  const okta = new OktaEmulator({ store, clock: deps.clock, faults: deps.faults, rate: oktaRate });
  const graph = new GraphEmulator({ store, clock: deps.clock, faults: deps.faults });
  const login = new EntraLogin(store, deps.clock);

  const route = (
    host: string,
  ): { origin: string; handle: (r: IdpRequest) => IdpResponse } | 'unknown-okta-org' | undefined => {
    const h = host.toLowerCase();
    if (h === GRAPH_HOST) return { origin: `https://${GRAPH_HOST}`, handle: (r) => graph.handle(r) };
    if (h === LOGIN_HOST) return { origin: `https://${LOGIN_HOST}`, handle: (r) => login.handle(r) };
    if (OKTA_HOST.test(h)) {
      if (h !== store.read().okta.orgHost.toLowerCase()) return 'unknown-okta-org';
      return { origin: `https://${h}`, handle: (r) => okta.handle(r) };
    }
    return undefined;
  };

  return {
    store,
    okta,
    graph,
    login,
    oktaRate,
    seedIfEmpty(people) {
      if (store.exists()) return false;
      store.write(seedIdpState(people, deps.clock.now().toISOString()));
      return true;
    },
    reset(people) {
      store.clear();
      oktaRate.reset();
      oktaRate.perMinute = DEFAULT_OKTA_PER_MINUTE;
      store.write(seedIdpState(people, deps.clock.now().toISOString()));
    },
    connectionDetails() {
      if (store.read().graph.apps[0]?.sandboxPrivateKeyPem === undefined) {
        const cert = sandboxCertificate();
        store.update((st) => {
          const app = st.graph.apps[0];
          if (!app) return;
          app.certificates.push({
            thumbprint: cert.thumbprint,
            thumbprintS256: cert.thumbprintS256,
            publicKeyPem: cert.publicKeyPem,
          });
          app.sandboxPrivateKeyPem = cert.privateKeyPem;
        });
      }
      const s = store.read();
      const oktaApp = s.okta.serviceApps[0];
      const graphApp = s.graph.apps[0];
      if (!oktaApp || !graphApp) throw new Error('the sandbox IdPs have no app registered; POST /__sandbox/reset');
      return {
        okta: {
          orgUrl: `https://${s.okta.orgHost}`,
          apiToken: s.okta.apiTokens[0]?.token ?? '',
          serviceApp: {
            clientId: oktaApp.clientId,
            keyId: oktaApp.jwks[0]?.kid ?? '',
            alg: 'ES256',
            privateKeyPem: oktaApp.sandboxPrivateKeyPem ?? '',
            scopes: oktaApp.scopes,
          },
        },
        graph: {
          tenantId: s.graph.tenantId,
          tenantName: s.graph.tenantAliases[0] ?? s.graph.tenantId,
          clientId: graphApp.clientId,
          clientSecret: graphApp.secrets[0] ?? '',
          certificate: {
            thumbprint: graphApp.certificates[0]?.thumbprint ?? '',
            alg: 'RS256',
            certificatePem: graphApp.certificates[0]?.thumbprintS256 ? SANDBOX_CERTIFICATE_PEM : '',
            privateKeyPem: graphApp.sandboxPrivateKeyPem ?? '',
          },
          roles: graphApp.roles,
        },
      };
    },
    nowIso: () => deps.clock.now().toISOString(),
    async egress(url, init) {
      const u = new URL(url);
      const target = route(u.hostname);
      if (target === 'unknown-okta-org')
        return new Response(
          `The sandbox has one Okta org, https://${store.read().okta.orgHost}; there is none at ${u.hostname}.`,
          { status: 404, headers: { 'content-type': 'text/plain' } },
        );
      if (!target)
        throw new ForgePlatformError(
          'EGRESS_NOT_HANDLED',
          `fetch to ${u.hostname}: the sandbox emulates only the Okta org ${store.read().okta.orgHost}, ${GRAPH_HOST} and ${LOGIN_HOST}`,
        );
      if (u.protocol !== 'https:') throw new TypeError(`fetch failed: the sandbox's ${u.hostname} answers https only`);
      const res = target.handle({
        method: (init.method ?? 'GET').toUpperCase(),
        path: u.pathname,
        query: u.searchParams,
        headers: headerRecord(init.headers),
        bodyText: await bodyText(init.body),
        origin: target.origin,
      });
      return toFetchResponse(res);
    },
    handleHttp(req) {
      const m = /^\/__idp\/(okta|graph|login)(\/.*)?$/.exec(req.path);
      if (!m) return undefined;
      const which = m[1] as 'okta' | 'graph' | 'login';
      const r: IdpRequest = { ...req, path: m[2] ?? '/', origin: `${req.baseUrl}/__idp/${which}` };
      return which === 'okta' ? okta.handle(r) : which === 'graph' ? graph.handle(r) : login.handle(r);
    },
  };
}
