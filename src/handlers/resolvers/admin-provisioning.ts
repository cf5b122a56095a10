// The admin page's provisioning calls as they run inside Forge. resolvers/admin.ts
// loads this module with import() when one of them runs, so site-ops and the
// bundled desired state (7 KB of templates) are not parsed by the other calls.
import { BUNDLED_DESIRED_STATE } from '../../config/templates/bundled-desired';
import type { JiraTransport } from '../../ports/jira-transport';
import type { AppStore } from '../../ports/store';
// Not the provision index: it re-exports the file-based loaders (the YAML parser), which Forge functions never need.
import { applyDesired, driftDesired, planDesired, type SiteOpsOptions } from '../../usecases/provision/site-ops';
import { appStoreProvisioningState } from '../../usecases/shared/provisioning-state';

// Inside Forge there is no repository on disk: the templates are bundled, already validated.
// The app's rights come from its scopes, so Jira's own 403s are the permission check.
function bundled(asApp: JiraTransport, store: AppStore): SiteOpsOptions {
  return { transport: asApp, desired: BUNDLED_DESIRED_STATE, store: appStoreProvisioningState(store), permissionCheck: 'none' };
}

export const planBundled = (asApp: JiraTransport, store: AppStore) => planDesired(bundled(asApp, store));
export const applyBundled = (asApp: JiraTransport, store: AppStore) => applyDesired(bundled(asApp, store));
export const driftBundled = (asApp: JiraTransport, store: AppStore) => driftDesired(bundled(asApp, store));
