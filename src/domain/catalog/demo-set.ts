// The tools a fresh sandbox approves on `npm start`, so the portal has
// something to request at once. They are approved through approve(), the same
// code path an admin's click takes, and each approval is logged as the app's.
//
//   chatgpt-enterprise       medium  needs an approver
//   claude-for-work          medium  needs an approver
//   github-copilot-business  medium  needs an approver
//   deepl-pro                low     auto-approved within the default duration
//   openai-api               high    routed to the security approvers
import type { ChangeContext } from '../policy/event-draft';
import { err, ok, type Result } from '../policy/result';
import { catalogError, type CatalogChange, type CatalogError } from './errors';
import { approve } from './lifecycle';
import type { CatalogEntry } from './types';

export const SANDBOX_DEMO_SET = [
  'chatgpt-enterprise',
  'claude-for-work',
  'github-copilot-business',
  'deepl-pro',
  'openai-api',
] as const;

/**
 * Approves the demo set. Idempotent: entries already requestable are skipped,
 * so restarting the sandbox changes nothing. A missing id is an error (the
 * seed and this list have drifted), not a silent skip.
 */
export function approveDemoSet(
  entries: readonly CatalogEntry[],
  ctx: ChangeContext,
  ids: readonly string[] = SANDBOX_DEMO_SET,
): Result<CatalogChange[], CatalogError> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const changes: CatalogChange[] = [];
  for (const id of ids) {
    const entry = byId.get(id);
    if (!entry)
      return err(
        catalogError(
          'CATALOG_UNKNOWN_TOOL',
          id,
          `Demo tool "${id}" is not in the catalog; check catalog-seed/ and SANDBOX_DEMO_SET.`,
        ),
      );
    if (entry.status === 'requestable') continue;
    const result = approve(entry, ctx);
    if (!result.ok) return result;
    changes.push(result.value);
  }
  return ok(changes);
}
