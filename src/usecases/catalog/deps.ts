// What the catalog use cases need from the outside world. Jira is called as
// the app (option changes are site configuration the app owns).
import { UseCaseRefusal } from '../shared/errors';
import type { RandomBytes } from '../../domain/governance/chain';
import type { Actor } from '../../domain/policy/event-draft';
import type { LiveGrantSetting } from '../../domain/catalog/consequences';
import type { JiraApi } from '../../ports/jira-api';
import type { AppStore } from '../../ports/store';
import type { WorkQueue } from '../shared/work-jobs';

export interface CatalogDeps {
  store: AppStore;
  /** As the app. */
  jira: JiraApi;
  now: () => Date;
  random: RandomBytes;
  /** ticket.sync / connector.remove jobs after consequences; absent → stamps stay pending for the core loop's sweep. */
  queue?: WorkQueue | undefined;
  /** What happens to live grants of a tool that leaves the catalog (default: flag for review). */
  liveGrantSetting?: LiveGrantSetting | undefined;
}

export type { Actor };

/** A refusal the caller can show: domain codes pass through unchanged. */
export class CatalogUseCaseError extends UseCaseRefusal {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, details);
    this.name = 'CatalogUseCaseError';
  }
}
