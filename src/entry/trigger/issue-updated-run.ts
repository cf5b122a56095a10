// A status change of an issue in the app's project (issue-updated.ts has
// parsed the event and applied the project gate): wire the Forge ports, run
// the decision use case, map its errors to the trigger's retry policy.
import { decideFromTransition, type TransitionEvent } from '../../usecases/decide-request';
import type { AppSettings } from '../../usecases/shared/app-settings';
import { coreDeps } from '../core-deps';
import { logOutcome } from '../log';
import { handleFailure, type Handoff } from './retry-policy';

export async function runDecision(
  transition: TransitionEvent,
  settings: AppSettings,
  handoff?: Handoff,
): Promise<unknown> {
  const { key, id } = transition.issue;
  try {
    const report = await decideFromTransition(coreDeps(), transition, settings);
    logOutcome('onIssueUpdated', { issue: key, ...report });
    return undefined;
  } catch (err) {
    return handleFailure('onIssueUpdated', key, id, transition.retryCount, err, handoff);
  }
}
