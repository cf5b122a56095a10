// What the request/grant use cases need from the outside world: ports only.
import type { RandomBytes } from '../../domain/governance/chain';
import type { Clock } from '../../ports/clock';
import type { JiraApi } from '../../ports/jira-api';
import type { AppStore } from '../../ports/store';
import type { CommentTemplates } from '../../render/templates';
import type { WorkQueue } from './work-jobs';

export interface CoreDeps {
  store: AppStore;
  /** Acts as the app (asApp): the app writes stamps, comments and transitions. */
  jira: JiraApi;
  clock: Clock;
  random: RandomBytes;
  comments: CommentTemplates;
  queue: WorkQueue;
}
