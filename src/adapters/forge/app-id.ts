// The running app's id (the UUID of manifest app.id), read from the Forge
// runtime: it changes on `forge register`, so it is never hard-coded.
// getAppContext() is what @forge/api's index re-exports (imported from its
// module, as forge-transport.ts does, to keep the index off the cold path;
// test/contract/forge-api-modules.test.ts pins that).
// https://developer.atlassian.com/platform/forge/runtime-reference/app-context-api/
import { getAppContext } from '@forge/api/out/api/runtime';

/** The app's UUID, or undefined outside a Forge invocation. */
export function appUuid(): string | undefined {
  try {
    return getAppContext().appAri.appId || undefined;
  } catch {
    return undefined;
  }
}
