// Platform limits of Forge KVS, enforced the way the service would: by
// rejecting the request, never by truncating. Sources (docs/platform-contract.md,
// rows KVS-20 to KVS-26): https://developer.atlassian.com/platform/forge/limits-kvs-ce/
// and https://developer.atlassian.com/platform/forge/runtime-reference/storage-api-query-complex/
import { KvsErrors } from '../errors';
import type { AttributeType, EntityDef } from '../manifest';

export const MAX_KEY_LENGTH = 500;
// `-` escaped explicitly: the documented class `[a-zA-Z0-9:._\s-#]` means a literal dash.
export const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
export const MAX_VALUE_BYTES = 240 * 1024;
export const MAX_BATCH_ITEMS = 25;
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
export const MAX_KEY_QUERY_LIMIT = 20;
/** "Every complex query returns up to 10 values by default. You can increase this to a maximum of 100" (storage-api-query-complex). */
export const MAX_ENTITY_QUERY_LIMIT = 100;
export const DEFAULT_QUERY_LIMIT = 10;
/** "Each transaction can contain a maximum of 25 operations" (limits-kvs-ce, "Transaction limits"). */
export const MAX_TRANSACTION_OPS = 25;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

export function checkKey(key: string): void {
  if (key.length === 0) throw KvsErrors.invalidKey(key, 'it is empty');
  if (key.length > MAX_KEY_LENGTH)
    throw KvsErrors.invalidKey(key, `it is ${key.length} characters long, the limit is ${MAX_KEY_LENGTH}`);
  if (!KEY_PATTERN.test(key))
    throw KvsErrors.invalidKey(key, 'it contains characters outside the allowed set, or only whitespace');
}

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

export function checkValue(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw KvsErrors.badRequest('value is missing or not JSON-serialisable');
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_VALUE_BYTES) throw KvsErrors.valueTooLarge(bytes, MAX_VALUE_BYTES);
  return text;
}

export function checkRequestSize(bodyText: string): void {
  const bytes = Buffer.byteLength(bodyText, 'utf8');
  if (bytes > MAX_REQUEST_BYTES) throw KvsErrors.payloadTooLarge(bytes, MAX_REQUEST_BYTES);
}

/** Checks an entity value against its manifest schema: declared attributes only, right types, 32-bit integers. */
export function checkEntityValue(entity: EntityDef, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw KvsErrors.validation(
      `Entity ${entity.name} values must be objects of attributes, got ${Array.isArray(value) ? 'an array' : typeof value}`,
    );
  }
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    const type = entity.attributes[name];
    if (!type) {
      throw KvsErrors.validation(
        `Attribute "${name}" is not declared for entity ${entity.name} (declared: ${Object.keys(entity.attributes).join(', ')}); add it to app.storage.entities in manifest.yml`,
      );
    }
    if (v === undefined || v === null) continue;
    const problem = typeProblem(type, v);
    if (problem) throw KvsErrors.validation(`Attribute "${name}" of entity ${entity.name} ${problem}`);
  }
}

function typeProblem(type: AttributeType, v: unknown): string | undefined {
  switch (type) {
    case 'string':
      return typeof v === 'string' ? undefined : `must be a string, got ${typeof v}`;
    case 'boolean':
      return typeof v === 'boolean' ? undefined : `must be a boolean, got ${typeof v}`;
    case 'float':
      return typeof v === 'number' && Number.isFinite(v) ? undefined : `must be a finite number, got ${typeof v}`;
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) return `must be an integer, got ${JSON.stringify(v)}`;
      return v < INT32_MIN || v > INT32_MAX
        ? `is ${v}, outside the 32-bit integer range (${INT32_MIN}..${INT32_MAX}); store epoch seconds, not milliseconds`
        : undefined;
    case 'any':
      return undefined;
  }
}

const TTL_UNIT_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;
export type TtlUnit = keyof typeof TTL_UNIT_MS;

export function ttlMs(ttl: { value: number; unit: TtlUnit }): number {
  if (!Number.isInteger(ttl.value) || ttl.value <= 0)
    throw KvsErrors.badRequest(`ttl.value must be a positive integer, got ${ttl.value}`);
  return ttl.value * TTL_UNIT_MS[ttl.unit];
}
