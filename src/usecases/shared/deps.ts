// What the request/grant use cases need from the outside world: ports only.
import type { RandomBytes } from '../../domain/governance';
import type { Clock } from '../../ports/clock';
import type { JiraTransport } from '../../ports/jira-transport';
import type { AppStore } from '../../ports/store';
import type { CommentTemplates } from '../../render/templates';
import type { WorkQueue } from './work-jobs';

export interface CoreDeps {
  store: AppStore;
  /** Acts as the app (asApp): the app writes stamps, comments and transitions. */
  jira: JiraTransport;
  clock: Clock;
  random: RandomBytes;
  comments: CommentTemplates;
  queue: WorkQueue;
}
