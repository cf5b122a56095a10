// Errors provisioning stops with. Each has a code and says what to do next.
import { isJiraHttpError, type JiraHttpError } from '../../ports/jira-transport';
import { UseCaseError } from '../shared/errors';

export type ProvisionErrorCode =
  | 'NEEDS_JIRA_ADMIN'
  | 'BAD_CREDENTIALS'
  | 'PROJECT_NOT_FOUND'
  | 'NOT_A_SERVICE_DESK'
  | 'JIRA_REJECTED'
  | 'JIRA_UNAVAILABLE'
  | 'RATE_LIMITED';

export class ProvisionError extends UseCaseError {
  constructor(
    readonly code: ProvisionErrorCode,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'ProvisionError';
  }
}

export function isProvisionError(e: unknown): e is ProvisionError {
  return e instanceof ProvisionError;
}

/**
 * Turns a Jira answer into the error a Jira admin can act on.
 * @param nothingChanged true when the failure came before any write (says so in the message).
 */
export function toProvisionError(err: unknown, projectKey: string, nothingChanged = false): unknown {
  if (!isJiraHttpError(err)) return err;
  const e: JiraHttpError = err;
  if (e.status === 401) {
    return new ProvisionError(
      'BAD_CREDENTIALS',
      `Jira rejected the credentials (401 to ${e.method} ${e.path}): check --email and --token (an API token from id.atlassian.com) or AIC_EMAIL/AIC_TOKEN.`,
      e,
    );
  }
  if (e.status === 403)
    return needsAdmin(
      projectKey,
      `${e.method} ${e.path} answered 403${e.errorMessages.length ? ` (${e.errorMessages.join(' ')})` : ''}`,
      nothingChanged,
      e,
    );
  if (e.status === 429) {
    return new ProvisionError(
      'RATE_LIMITED',
      `Jira kept rate-limiting ${e.method} ${e.path}${e.retryAfterSeconds !== undefined ? ` (Retry-After ${e.retryAfterSeconds} s)` : ''}; nothing is lost — run apply again later and it resumes.`,
      e,
    );
  }
  if (e.status >= 500)
    return new ProvisionError(
      'JIRA_UNAVAILABLE',
      `Jira kept failing (${e.status}) on ${e.method} ${e.path} after retries; run apply again later and it resumes.`,
      e,
    );
  return new ProvisionError('JIRA_REJECTED', `${e.message}. Fix the template or the site, then run apply again.`, e);
}

export function needsAdmin(
  projectKey: string,
  detail: string,
  nothingChanged: boolean,
  cause?: unknown,
): ProvisionError {
  return new ProvisionError(
    'NEEDS_JIRA_ADMIN',
    `Provisioning needs a Jira administrator: creating custom fields and contexts needs the "Administer Jira" global permission, and request types need "Administer projects" on ${projectKey}. Run it as a Jira admin (or ask one to grant the permission).${nothingChanged ? ' Nothing was changed.' : ''} (${detail})`,
    cause,
  );
}
