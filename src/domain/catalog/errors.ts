import type { EventDraft } from '../policy/event-draft';
import type { RuleRefusal } from '../policy/result';
import type { CatalogEntry } from './types';

export type CatalogErrorCode =
  /** The lifecycle does not allow this move (e.g. requestable → retired without suspending). */
  | 'CATALOG_TRANSITION_NOT_ALLOWED'
  /** A prohibited tool was asked to become requestable. */
  | 'CATALOG_PROHIBITED_NOT_REQUESTABLE'
  /** The entry is already in the requested state, or an edit changes nothing; safe to treat as done. */
  | 'CATALOG_NO_CHANGE'
  | 'CATALOG_REASON_REQUIRED'
  | 'CATALOG_REASON_TOO_LONG'
  | 'CATALOG_INVALID_EDIT'
  /** The edit was made on an older version of the entry than the stored one (someone else changed it). */
  | 'CATALOG_VERSION_CONFLICT'
  /** A catalog edit or import tried to change a tool's connector binding, which only connectors.bind may do. */
  | 'CATALOG_CONNECTOR_NEEDS_BIND'
  | 'CATALOG_PROPOSAL_INVALID'
  /** The proposed tool is already in the catalog. */
  | 'CATALOG_DUPLICATE_TOOL'
  /** Consequences were asked for a tool that has not left the catalog. */
  | 'CATALOG_STILL_LISTED'
  | 'CATALOG_UNKNOWN_TOOL';

export interface CatalogError extends RuleRefusal<CatalogErrorCode> {
  readonly entryId: string | null;
}

/** A successful catalog change: the entry to store and the event to append with it. */
export interface CatalogChange {
  readonly entry: CatalogEntry;
  readonly event: EventDraft;
}

export function catalogError(code: CatalogErrorCode, entryId: string | null, message: string): CatalogError {
  return { code, entryId, message };
}
