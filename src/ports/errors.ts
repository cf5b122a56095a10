// The base of what the outside world answered: Jira's HTTP errors and unexpected
// shapes, storage conflicts. In ports/ so that the ports' own errors and the
// adapters' share it (the family: domain/errors.ts).
import { AppError } from '../domain/errors';

export abstract class AdapterError extends AppError {
  readonly layer = 'adapter';
}
