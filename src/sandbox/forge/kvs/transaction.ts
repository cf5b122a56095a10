// KVS transactions: every set/delete/check is validated first, then all
// conditions are evaluated and all writes applied inside one SQLite
// transaction. The emulator runs this synchronously in one process, so two
// concurrent transactions are serialised: the second sees the first's writes.
// If any condition fails nothing changes and the caller gets an error: 409
// CONDITION_CHECK_FAILED unless the sandbox is told to answer otherwise (the
// platform documents no code: platform-contract.md KVS-1).
import { KvsErrors } from '../errors';
import type { EntityDef } from '../manifest';
import { checkFilters, matchesFilters, type Filters } from './conditions';
import { checkEntityValue, checkKey, checkValue, MAX_TRANSACTION_OPS, ttlMs } from './limits';
import type { TransactionBody } from './schemas';
import { entitySpace, type KvsStore, type Space } from './store';

interface PreparedOp {
  kind: 'set' | 'delete' | 'check';
  space: Space;
  label: string;
  key: string;
  conditions?: Filters;
  json?: string;
  ttlMs?: number;
}

export function runTransaction(
  store: KvsStore,
  entityOf: (name: string) => EntityDef,
  tx: TransactionBody,
  conditionFailure?: { status: number; code: string; message?: string },
): void {
  const raw = [
    ...(tx.set ?? []).map((op) => ({ kind: 'set' as const, ...op })),
    ...(tx.delete ?? []).map((op) => ({ kind: 'delete' as const, ...op, value: undefined, options: undefined })),
    ...(tx.check ?? []).map((op) => ({ kind: 'check' as const, ...op, value: undefined, options: undefined })),
  ];
  if (raw.length === 0) throw KvsErrors.badRequest('a transaction needs at least one set, delete or check');
  if (raw.length > MAX_TRANSACTION_OPS)
    throw KvsErrors.limitExceeded(
      `a transaction may hold at most ${MAX_TRANSACTION_OPS} operations, got ${raw.length}`,
    );

  const seen = new Set<string>();
  const ops: PreparedOp[] = raw.map((op) => {
    checkKey(op.key);
    const label = op.entityName ? `${op.entityName}/${op.key}` : op.key;
    if (seen.has(label))
      throw KvsErrors.badRequest(`${label} appears more than once in the transaction; each item may be touched once`);
    seen.add(label);
    if (op.conditions && !op.entityName)
      throw KvsErrors.badRequest(`${op.kind} ${label}: conditions apply to entity attributes and need an entityName`);
    const entity = op.entityName ? entityOf(op.entityName) : undefined;
    if (op.conditions) checkFilters(op.conditions, `${op.kind} ${label} conditions`);
    const prepared: PreparedOp = {
      kind: op.kind,
      space: entity ? entitySpace(entity.name) : 'k',
      label,
      key: op.key,
      conditions: op.conditions,
    };
    if (op.kind === 'set') {
      if (op.value === undefined) throw KvsErrors.badRequest(`set ${label}: value is required`);
      if (entity) checkEntityValue(entity, op.value);
      prepared.json = checkValue(op.value);
      if (op.options?.ttl) prepared.ttlMs = ttlMs(op.options.ttl);
    }
    return prepared;
  });

  store.atomically(() => {
    const failed = ops.filter((op) => {
      if (!op.conditions) return false;
      const current = store.get(op.space, op.key);
      // A missing item has every attribute absent: NOT_EXISTS holds, EQUAL_TO does not.
      return !matchesFilters(op.conditions, current?.value as Record<string, unknown> | undefined);
    });
    if (failed.length > 0)
      throw KvsErrors.conditionFailed(
        `condition not met for ${failed.map((op) => `${op.kind} ${op.label}`).join(', ')}`,
        conditionFailure,
      );
    for (const op of ops) {
      if (op.kind === 'set') store.put(op.space, op.key, op.json!, op.ttlMs);
      else if (op.kind === 'delete') store.delete(op.space, op.key);
    }
  });
}
