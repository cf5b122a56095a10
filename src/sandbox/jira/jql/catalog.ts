// Optional additions to the JqlContext contract (types.ts is fixed). Jira rejects a
// query naming a status, project, option... that does not exist (400), and sorts
// statuses/options/users by their configured order and display name. The engine can
// only do that when the emulator tells it what exists; without a catalog unknown
// values simply match nothing, and sorting by a user field is refused.
import type { JqlContext } from './types';

export interface JqlCatalogProject {
  id: string;
  key: string;
  name: string;
}

export interface JqlCatalogNamed {
  id: string;
  name: string;
}

export interface JqlCatalogOption {
  id: string;
  value: string;
}

export interface JqlCatalog {
  projects?: readonly JqlCatalogProject[];
  /** In Jira's configured order (ORDER BY issuetype follows it). */
  issueTypes?: readonly JqlCatalogNamed[];
  /** In Jira's configured order (ORDER BY status follows it). */
  statuses?: readonly JqlCatalogNamed[];
  /** In Jira's configured order (ORDER BY resolution follows it). */
  resolutions?: readonly JqlCatalogNamed[];
  /** Options per custom field id (customfield_10010), in context order. */
  fieldOptions?: Readonly<Record<string, readonly JqlCatalogOption[]>>;
  /** Display name for ORDER BY on user fields (Jira sorts users by display name). */
  userDisplayName?: (accountId: string) => string | undefined;
}

/** What compileJql accepts: the contract's context plus an optional catalog. */
export interface JqlCompileContext extends JqlContext {
  catalog?: JqlCatalog;
}
