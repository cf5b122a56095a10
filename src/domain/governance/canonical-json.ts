// RFC 8785 (JSON Canonicalization Scheme) serialisation and sha256 helpers.
//
// Why our own: canonicalize@4 ships ESM-only with an `exports` map that has no
// `require` condition, so neither CommonJS (Forge backend) nor jest can load
// it. JCS for the JSON subset we store (objects, arrays, strings, finite
// numbers, booleans, null) is small: keys sorted by UTF-16 code units,
// ECMAScript number formatting and JSON.stringify string escaping. A test
// checks byte equality with the canonicalize package on varied inputs.
import { createHash } from 'node:crypto';
import { GovernanceError } from './errors';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function canonicalJson(value: unknown): string {
  return serialise(value, 0);
}

// Deeper than any record we write; also how cycles are caught without a Set (hot path).
const MAX_DEPTH = 200;

function serialise(value: unknown, depth: number): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value))
        throw new GovernanceError(
          'GOV_NOT_CANONICAL',
          `cannot canonicalise the number ${value}; only finite numbers can be hashed`,
        );
      return JSON.stringify(value);
    case 'string':
      if (!isWellFormed(value))
        throw new GovernanceError(
          'GOV_NOT_CANONICAL',
          'cannot canonicalise a string with a lone UTF-16 surrogate; sanitise the text first',
        );
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new GovernanceError(
        'GOV_NOT_CANONICAL',
        `cannot canonicalise a value of type ${typeof value}; only JSON data can be hashed`,
      );
  }
  if (depth >= MAX_DEPTH)
    throw new GovernanceError(
      'GOV_NOT_CANONICAL',
      `cannot canonicalise a circular structure or one nested deeper than ${MAX_DEPTH} levels`,
    );
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const v: unknown = value[i];
      out += serialise(v === undefined ? null : v, depth + 1);
    }
    return `${out}]`;
  }
  const rec = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, exactly what RFC 8785 §3.2.3 asks.
  const keys = Object.keys(rec).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = rec[k];
    if (v === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += `${serialise(k, depth)}:${serialise(v, depth + 1)}`;
  }
  return `${out}}`;
}

// String#isWellFormed exists on Node 20 but not in the ES2022 lib typings.
const wellFormed = (String.prototype as { isWellFormed?: () => boolean }).isWellFormed;
function isWellFormed(s: string): boolean {
  return wellFormed
    ? wellFormed.call(s)
    : !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

/** Hex sha256 of a domain-separation label and a canonical JSON value. */
export function digestOf(label: string, value: unknown): string {
  return createHash('sha256').update(label).update('\n').update(canonicalJson(value)).digest('hex');
}
