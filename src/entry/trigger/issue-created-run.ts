// Intake for an issue of the app's project (issue-created.ts has parsed the
// event and applied the project gate): wire the Forge ports, run the use
// case, map its errors to the trigger's retry policy.
import { appUuid } from '../../adapters/forge/app-id';
import { intakeRequest, type CreatedIssue } from '../../usecases/intake-request';
import type { AppSettings } from '../../usecases/shared/app-settings';
import { coreDeps } from '../core-deps';
import { logOutcome } from '../log';
import { handleFailure, type Handoff } from './retry-policy';

export async function runIntake(
  issue: CreatedIssue,
  settings: AppSettings,
  retryCount: number,
  handoff?: Handoff,
): Promise<unknown> {
  try {
    // The portal panel's submission is stored under the app id's UUID, which `forge register` changes: ask the runtime.
    const report = await intakeRequest(
      coreDeps(),
      { ...issue, panelPropertyKey: issue.panelPropertyKey ?? appUuid() },
      settings,
    );
    logOutcome('onIssueCreated', { issue: issue.key, ...report });
    return undefined;
  } catch (err) {
    return handleFailure('onIssueCreated', issue.key, issue.id, retryCount, err, handoff);
  }
}
