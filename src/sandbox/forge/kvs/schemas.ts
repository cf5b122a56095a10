// Request bodies of the KVS service, as @forge/kvs 1.6 sends them
// (node_modules/@forge/kvs/out/storage-api.js and interfaces/kvs-api.d.ts).
import * as z from 'zod';
import { KvsErrors } from '../errors';
import { FiltersSchema } from './conditions';

const Metadata = z.array(z.enum(['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME']));
export const GetOptions = z.object({ metadataFields: Metadata.optional() }).optional();
export const Ttl = z.object({ value: z.number(), unit: z.enum(['SECONDS', 'MINUTES', 'HOURS', 'DAYS']) });
export const SetOptions = z
  .object({
    ttl: Ttl.optional(),
    keyPolicy: z.enum(['OVERRIDE', 'FAIL_IF_EXISTS']).optional(),
    returnValue: z.enum(['PREVIOUS', 'LATEST']).optional(),
    returnMetadataFields: Metadata.optional(),
  })
  .optional();
export type SetOptions = z.infer<typeof SetOptions>;

export const KeyBody = z.object({ key: z.string() });
export const GetBody = z.object({ key: z.string(), options: GetOptions });
// `value` is required: JSON.stringify drops an undefined value, which the service rejects.
export const SetBody = z.object({
  key: z.string(),
  value: z.unknown().refine((v) => v !== undefined, 'value is required'),
  options: SetOptions,
});
export const EntityKeyBody = z.object({ entityName: z.string(), key: z.string() });
export const EntityGetBody = EntityKeyBody.extend({ options: GetOptions });
export const EntitySetBody = SetBody.extend({ entityName: z.string() });

export const QueryBody = z.object({
  limit: z.number().int().optional(),
  after: z.string().optional(),
  where: z
    .array(z.object({ property: z.literal('key'), condition: z.literal('BEGINS_WITH'), values: z.tuple([z.string()]) }))
    .max(1)
    .optional(),
  options: GetOptions,
});
export type QueryBodyType = z.infer<typeof QueryBody>;

const BatchKey = z.object({ key: z.string(), entityName: z.string().optional() });
export const BatchGetBody = z.array(BatchKey.extend({ options: GetOptions }));
export const BatchSetBody = z.array(
  BatchKey.extend({ value: z.unknown(), options: z.object({ ttl: Ttl.optional() }).optional() }),
);
export const BatchDeleteBody = z.array(BatchKey);

const TxKey = z.object({ key: z.string(), entityName: z.string().optional(), conditions: FiltersSchema.optional() });
export const TransactionBody = z.object({
  set: z.array(TxKey.extend({ value: z.unknown(), options: z.object({ ttl: Ttl.optional() }).optional() })).optional(),
  delete: z.array(TxKey).optional(),
  check: z.array(TxKey.extend({ entityName: z.string(), conditions: FiltersSchema })).optional(),
});
export type TransactionBody = z.infer<typeof TransactionBody>;

/** Parses JSON text with a schema; any failure is the service's 400 BAD_REQUEST. */
export function parseBody<S extends z.ZodType>(schema: S, text: string): z.infer<S> {
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    throw KvsErrors.badRequest('body is not JSON');
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    throw KvsErrors.badRequest(
      result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  }
  return result.data;
}
