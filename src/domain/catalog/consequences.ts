// What has to happen once a tool leaves the requestable catalog (suspended or
// retired). The use case carries it out and records evidence; this function
// only decides, so the same plan is shown to the admin before confirming and
// executed after.
import { err, ok, type Result } from '../policy/result';
import { catalogError, type CatalogError } from './errors';
import type { CatalogEntry } from './types';

/** Admin setting: what happens to live grants of a tool that leaves the catalog. */
export type LiveGrantSetting = 'flag' | 'revoke';

export interface LeavingCatalogPlan {
  readonly toolId: string;
  readonly toolName: string;
  readonly leftAs: 'suspended' | 'retired';
  /** New requests are refused at once (intake only accepts requestable tools). */
  readonly newRequests: 'refused';
  /** The AI tool field option is disabled, never deleted, so history stays searchable. */
  readonly aiToolOption: 'disable';
  readonly pendingRequests: { readonly action: 'decline'; readonly reason: string };
  readonly liveGrants: { readonly action: 'flag-for-review' | 'revoke'; readonly reason: string };
}

export function consequencesOfLeavingCatalog(
  entry: CatalogEntry,
  setting: LiveGrantSetting,
): Result<LeavingCatalogPlan, CatalogError> {
  if (entry.status !== 'suspended' && entry.status !== 'retired') {
    return err(
      catalogError(
        'CATALOG_STILL_LISTED',
        entry.id,
        `"${entry.name}" is ${entry.status}, not suspended or retired; there is nothing to decline or revoke.`,
      ),
    );
  }
  // The admin's reason is part of the message people read; suspend/retire require one, so it is present.
  const why = `AI tool "${entry.name}" was ${entry.status}${entry.statusReason ? `: ${entry.statusReason}` : ''}.`;
  return ok({
    toolId: entry.id,
    toolName: entry.name,
    leftAs: entry.status,
    newRequests: 'refused',
    aiToolOption: 'disable',
    pendingRequests: {
      action: 'decline',
      reason: `${why} It can no longer be requested, so this request is declined. Ask your AI governance team which approved tool to use instead.`,
    },
    liveGrants:
      setting === 'revoke'
        ? { action: 'revoke', reason: `${why} Access granted for it is revoked.` }
        : { action: 'flag-for-review', reason: `${why} Your access stays in place until an approver reviews it.` },
  });
}
