// Any outbound network call that the sandbox does not handle fails the test.
// The sandbox serves Jira over loopback; everything else is a bug.
import http from 'node:http';
import https from 'node:https';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)$/;

function hostOf(input: unknown): string | undefined {
  try {
    if (typeof input === 'string') return new URL(input).hostname;
    if (input instanceof URL) return input.hostname;
    if (input && typeof input === 'object' && 'url' in input)
      return new URL(String((input as { url: string }).url)).hostname;
  } catch {
    return undefined;
  }
  return undefined;
}

const realFetch = globalThis.fetch;
globalThis.fetch = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
  const host = hostOf(input);
  if (!host || !LOOPBACK.test(host))
    throw new Error(
      `Unhandled outbound fetch to ${host ?? (input instanceof Request ? input.url : input.toString())} — tests may only reach the sandbox on loopback`,
    );
  return realFetch(input, init);
};

for (const mod of [http, https]) {
  const realRequest = mod.request;
  const guard = ((...args: unknown[]) => {
    const first = args[0];
    const host =
      typeof first === 'string' || first instanceof URL
        ? hostOf(first)
        : ((first as { hostname?: string; host?: string } | undefined)?.hostname ??
          (first as { host?: string } | undefined)?.host ??
          'localhost');
    if (host && !LOOPBACK.test(host.replace(/:\d+$/, '')))
      throw new Error(`Unhandled outbound request to ${host} — tests may only reach the sandbox on loopback`);
    return (realRequest as (...a: unknown[]) => http.ClientRequest)(...args);
  }) as typeof http.request;
  mod.request = guard;
}
