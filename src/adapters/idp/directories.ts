// Production wiring of connected mode: credentials from Forge secret storage
// (@forge/kvs kvs.setSecret/getSecret — encrypted, never returned by a query:
// https://developer.atlassian.com/platform/forge/runtime-reference/storage-api-secret/),
// the IdP calls through @forge/api `fetch`, which Forge lets reach only the
// hosts in manifest.yml permissions.external.fetch.backend.
import { getFetchAPI } from '@forge/api/out/api/fetch';
import { kvs } from '@forge/kvs';
import { connectionSchema, type Connection } from '../../domain/connectors/connection';
import type { ConnectorProvider } from '../../domain/connectors/provider';
import type { ConnectionSecrets, DirectoryProvider, GroupDirectory } from '../../ports/group-directory';
import { graphDirectory } from './graph';
import { newDpopKeyPem } from './dpop';
import type { HttpFetch } from './http';
import type { Clock } from '../../ports/clock';
import { systemClock } from '../clock';
import { oktaDirectory } from './okta';

const secretKey = (p: ConnectorProvider) => `connector-credentials:${p}`;

export function kvsConnectionSecrets(): ConnectionSecrets {
  return {
    async get(provider) {
      const raw = await kvs.getSecret<unknown>(secretKey(provider));
      if (raw === undefined) return undefined;
      const parsed = connectionSchema.safeParse(raw);
      // A stored value that no longer parses is treated as "not connected" (the admin connects again); its content is never echoed.
      return parsed.success && parsed.data.provider === provider ? parsed.data : undefined;
    },
    async set(c) {
      await kvs.setSecret(secretKey(c.provider), c);
    },
    async delete(provider) {
      await kvs.deleteSecret(secretKey(provider));
    },
  };
}

export function directoryFor(c: Connection, fetch: HttpFetch, clock: Clock): GroupDirectory {
  return c.provider === 'okta' ? oktaDirectory(c, fetch, clock) : graphDirectory(c, fetch, clock);
}

export function directoryProvider(secrets: ConnectionSecrets, fetch: HttpFetch, clock: Clock): DirectoryProvider {
  const cache = new Map<ConnectorProvider, GroupDirectory>();
  return {
    async get(provider) {
      const hit = cache.get(provider);
      if (hit) return hit;
      const c = await secrets.get(provider);
      if (!c) return undefined;
      const d = directoryFor(c, fetch, clock);
      cache.set(provider, d);
      return d;
    },
    forConnection: (c) => directoryFor(c, fetch, clock),
    prepare: (c) =>
      c.provider === 'okta' && c.auth.type === 'private_key_jwt'
        ? { ...c, auth: { ...c.auth, dpopKeyPem: newDpopKeyPem() } }
        : c,
  };
}

/**
 * Forge's egress fetch, from the @forge/api module the index builds it with (as the Jira transport does:
 * the index costs ~34 KB more on a cold start; test/contract/forge-api-modules.test.ts pins the module).
 */
export const forgeFetch: HttpFetch = async (url, init) => {
  const { fetch } = getFetchAPI();
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, text: () => res.text() };
};

export function forgeDirectories(clock: Clock = systemClock): DirectoryProvider {
  return directoryProvider(kvsConnectionSecrets(), forgeFetch, clock);
}
