// The one mapper from a thrown error to a resolver answer (answerFor): each class of the error family
// answers its own code; a busy Jira or a retry-later answers TRY_AGAIN; anything else UNEXPECTED.
import { AiToolFieldMissingError } from '../../../src/adapters/jira/field-options';
import { UnexpectedJiraResponseError } from '../../../src/adapters/jira/provisioning-client';
import { JiraShapeError } from '../../../src/adapters/jira/shape';
import { TransitionUnavailableError } from '../../../src/ports/jira-api';
import { ConfigError } from '../../../src/config/config-error';
import { AppError, DomainError } from '../../../src/domain/errors';
import { GovernanceError } from '../../../src/domain/governance/errors';
import { answerFor } from '../../../src/entry/resolver/envelope';
import { AdapterError } from '../../../src/ports/errors';
import { InvalidPathSegmentError, JiraHttpError } from '../../../src/ports/jira-transport';
import { StoreConflictError } from '../../../src/ports/store';
import { RenderError } from '../../../src/render/errors';
import { CatalogUseCaseError } from '../../../src/usecases/catalog/deps';
import { ExportError } from '../../../src/usecases/evidence/export';
import { ProvisionError } from '../../../src/usecases/provision/errors';
import {
  ForbiddenError,
  NotFoundError,
  RetryLaterError,
  UseCaseError,
  UseCaseRefusal,
} from '../../../src/usecases/shared/errors';
import { StoredDataError } from '../../../src/usecases/shared/stored-data';

const where = { resolver: 'test-resolver', functionName: 'test.call' };
const jira = (status: number) => new JiraHttpError(status, 'GET', '/rest/api/3/issue/AIC-1', ['said no'], {});

describe('answerFor: one code per error class', () => {
  const cases: Array<[string, Error, typeof AppError | undefined, string]> = [
    ['GovernanceError', new GovernanceError('GOV_HEAD_MISMATCH', 'head moved'), DomainError, 'GOV_HEAD_MISMATCH'],
    ['UseCaseRefusal', new UseCaseRefusal('ALREADY_DECIDED', 'decided'), UseCaseError, 'ALREADY_DECIDED'],
    ['NotFoundError', new NotFoundError('REQUEST_NOT_FOUND', 'no such request'), UseCaseError, 'REQUEST_NOT_FOUND'],
    ['ForbiddenError', new ForbiddenError('NOT_YOUR_REQUEST', 'not yours'), UseCaseError, 'NOT_YOUR_REQUEST'],
    [
      'CatalogUseCaseError',
      new CatalogUseCaseError('CATALOG_UNKNOWN_TOOL', 'no tool'),
      UseCaseError,
      'CATALOG_UNKNOWN_TOOL',
    ],
    ['ProvisionError', new ProvisionError('NEEDS_JIRA_ADMIN', 'ask an admin'), UseCaseError, 'NEEDS_JIRA_ADMIN'],
    ['ExportError (pack)', new ExportError('PACK_NOT_FOUND', 'no request AIC-12'), UseCaseError, 'PACK_NOT_FOUND'],
    ['ExportError (export)', new ExportError('EXPORT_NOT_FOUND', 'no export'), UseCaseError, 'EXPORT_NOT_FOUND'],
    ['StoredDataError', new StoredDataError('request', 'x: bad'), UseCaseError, 'STORED_DATA_INVALID'],
    ['JiraHttpError 4xx', jira(404), AdapterError, 'JIRA_HTTP'],
    ['JiraShapeError', new JiraShapeError('GET /x', 'id: missing'), AdapterError, 'JIRA_SHAPE'],
    ['InvalidPathSegmentError', new InvalidPathSegmentError('..'), AdapterError, 'INVALID_PATH_SEGMENT'],
    ['StoreConflictError', new StoreConflictError('request 1'), AdapterError, 'STORE_CONFLICT'],
    [
      'UnexpectedJiraResponseError',
      new UnexpectedJiraResponseError('GET', '/x', 'bad'),
      AdapterError,
      'JIRA_UNEXPECTED_RESPONSE',
    ],
    ['AiToolFieldMissingError', new AiToolFieldMissingError('is missing'), AdapterError, 'AI_TOOL_FIELD_MISSING'],
    [
      'TransitionUnavailableError',
      new TransitionUnavailableError('AIC-1', '21', 1),
      AdapterError,
      'TRANSITION_UNAVAILABLE',
    ],
    [
      'ConfigError',
      new ConfigError([{ file: 'f', line: 1, column: 1, path: 'a', message: 'bad' }]),
      AppError,
      'CONFIG_INVALID',
    ],
    ['RenderError', new RenderError('RENDER_TOO_LARGE', 'too large'), AppError, 'RENDER_TOO_LARGE'],
  ];
  it.each(cases)('%s answers its code with its message', (_name, error, layer, code) => {
    expect(error).toBeInstanceOf(layer!);
    expect(answerFor(error, where)).toEqual({ error: { code, message: error.message } });
  });

  it('keeps the details a catalog refusal carries', () => {
    const e = new CatalogUseCaseError('CATALOG_IMPORT_INVALID', 'Nothing was imported', { problems: ['line 3'] });
    expect(answerFor(e, where)).toEqual({
      error: { code: 'CATALOG_IMPORT_INVALID', message: 'Nothing was imported', details: { problems: ['line 3'] } },
    });
  });

  it.each([
    ['Jira 429', jira(429)],
    ['Jira 503', jira(503)],
    ['RetryLaterError', new RetryLaterError(30, 'storage_contention', 'busy')],
  ])('%s answers TRY_AGAIN: nothing was changed', (_name, error) => {
    const answer = answerFor(error, where);
    expect(answer.error.code).toBe('TRY_AGAIN');
    expect(answer.error.message).toMatch(/nothing was changed/);
  });

  it("anything outside the family answers the runtime's code or UNEXPECTED, and is logged without a payload", () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(answerFor(new TypeError('x is undefined'), where)).toEqual({
        error: { code: 'UNEXPECTED', message: 'x is undefined' },
      });
      expect(answerFor(Object.assign(new Error('no chunk'), { code: 'MODULE_NOT_FOUND' }), where).error.code).toBe(
        'MODULE_NOT_FOUND',
      );
      expect(logged).toHaveBeenCalledWith(
        JSON.stringify({
          event: 'test-resolver.failed',
          functionName: 'test.call',
          code: 'UNEXPECTED',
          message: 'x is undefined',
        }),
      );
    } finally {
      logged.mockRestore();
    }
  });

  it('lets a missing user consent through to Forge (it prompts the user), never answering it', () => {
    const consent = Object.assign(new Error('needs consent'), { name: 'NEEDS_AUTHENTICATION_ERR' });
    expect(() => answerFor(consent, where)).toThrow(consent);
  });
});
