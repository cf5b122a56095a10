// Validates ADF against @atlaskit/adf-schema's JSON schema. Compiling the
// schema takes ~0.5 s, so this is for tests, the CLI and the sandbox — never
// import it from a Forge handler.
import fs from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { RenderError } from './errors';

let validator: ValidateFunction | undefined;

function compile(): ValidateFunction {
  // Read by path: the package has no exports entry for its JSON schema.
  const file = require
    .resolve('@atlaskit/adf-schema')
    .replace(/dist[\\/]cjs[\\/]index\.js$/, 'dist/json-schema/v1/full.json');
  const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete schema.$schema; // draft-04 marker; the schema uses nothing ajv's default draft lacks
  return new Ajv({ strict: false, allErrors: false }).compile(schema);
}

export interface AdfCheck {
  ok: boolean;
  /** The most specific error, with its JSON pointer. */
  message?: string;
}

export function checkAdf(doc: unknown): AdfCheck {
  validator ??= compile();
  if (validator(doc)) return { ok: true };
  return { ok: false, message: summarise(validator.errors ?? []) };
}

export function assertValidAdf(doc: unknown, what = 'document'): void {
  const r = checkAdf(doc);
  if (!r.ok) throw new RenderError('ADF_INVALID', `${what} is not valid ADF: ${r.message}`);
}

// anyOf over all node types yields dozens of errors; the deepest one points at the culprit.
function summarise(errors: ErrorObject[]): string {
  const deepest = [...errors].sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length)[0];
  return deepest ? `${deepest.instancePath || '/'} ${deepest.message ?? 'is invalid'}` : 'unknown error';
}
