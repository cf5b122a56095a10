// The emulated KVS service: one JSON-over-POST endpoint per SDK call
// (/api/v1/{get,set,delete,query}, /secret/*, /entity/*, /batch/*,
// /transaction), answering with the statuses and bodies @forge/kvs expects.
import { KvsError, KvsErrors } from '../errors';
import type { EntityDef } from '../manifest';
import { queryEntities, EntityQuerySchema } from './entity-query';
import {
  checkEntityValue,
  checkKey,
  checkRequestSize,
  checkValue,
  DEFAULT_QUERY_LIMIT,
  MAX_BATCH_ITEMS,
  MAX_KEY_QUERY_LIMIT,
  ttlMs,
} from './limits';
import * as S from './schemas';
import { entitySpace, toWire, type KvsStore, type MetadataField, type Space } from './store';
import { runTransaction } from './transaction';

export interface KvsResponse {
  status: number;
  body?: unknown;
}

type Handler = (text: string) => KvsResponse;

const ok = (body: unknown): KvsResponse => ({ status: 200, body });
const noContent: KvsResponse = { status: 204 };

export class KvsService {
  private readonly routes: Record<string, Handler>;

  constructor(
    private readonly store: KvsStore,
    private readonly entities: ReadonlyMap<string, EntityDef>,
    /** How a failed transaction condition is answered (faults `kvs.conditionFailure`). */
    private readonly conditionFailure?: () => { status: number; code: string; message?: string },
    /** True when this transaction must be refused as rate limited (faults `kvs.rateLimitTransactions`). */
    private readonly rateLimited?: () => boolean,
  ) {
    this.routes = {
      '/api/v1/get': (t) => this.get('k', S.parseBody(S.GetBody, t)),
      '/api/v1/set': (t) => this.set('k', S.parseBody(S.SetBody, t)),
      '/api/v1/delete': (t) => this.del('k', S.parseBody(S.KeyBody, t).key),
      '/api/v1/query': (t) => this.query(S.parseBody(S.QueryBody, t)),
      '/api/v1/secret/get': (t) => this.get('s', S.parseBody(S.GetBody, t)),
      '/api/v1/secret/set': (t) => this.set('s', S.parseBody(S.SetBody, t)),
      '/api/v1/secret/delete': (t) => this.del('s', S.parseBody(S.KeyBody, t).key),
      '/api/v1/entity/get': (t) => {
        const b = S.parseBody(S.EntityGetBody, t);
        return this.get(this.space(b.entityName), b);
      },
      '/api/v1/entity/set': (t) => {
        const b = S.parseBody(S.EntitySetBody, t);
        return this.set(this.space(b.entityName), b, this.entity(b.entityName));
      },
      '/api/v1/entity/delete': (t) => {
        const b = S.parseBody(S.EntityKeyBody, t);
        return this.del(this.space(b.entityName), b.key);
      },
      '/api/v1/entity/query': (t) => {
        const q = S.parseBody(EntityQuerySchema, t);
        const space = entitySpace(q.entityName);
        return ok(
          queryEntities(
            this.entity(q.entityName),
            (index, partition, range) => this.store.indexCandidates(space, index, partition, range),
            q,
          ),
        );
      },
      '/api/v1/batch/get': (t) => this.batchGet(S.parseBody(S.BatchGetBody, t)),
      '/api/v1/batch/set': (t) => this.batchSet(t),
      '/api/v1/batch/delete': (t) => this.batchDelete(S.parseBody(S.BatchDeleteBody, t)),
      '/api/v1/transaction': (t) => {
        checkRequestSize(t);
        if (this.rateLimited?.()) throw KvsErrors.rateLimited();
        runTransaction(
          this.store,
          (name) => this.entity(name),
          S.parseBody(S.TransactionBody, t),
          this.conditionFailure?.(),
        );
        return noContent;
      },
    };
  }

  /** Operation name for counters: /api/v1/secret/get → secret.get. */
  static opName(path: string): string {
    return path.replace(/^\/api\/v1\//, '').replace(/\//g, '.');
  }

  handle(path: string, text: string): KvsResponse {
    const route = this.routes[path.split('?')[0] ?? path];
    try {
      if (!route) throw KvsErrors.notFound(path);
      return route(text);
    } catch (e) {
      if (e instanceof KvsError) return { status: e.status, body: e.toBody() };
      throw e;
    }
  }

  private entity(name: string): EntityDef {
    const def = this.entities.get(name);
    if (!def) {
      const known = [...this.entities.keys()].join(', ') || 'none';
      throw KvsErrors.badRequest(
        `entity ${name} is not declared in manifest.yml app.storage.entities (declared: ${known})`,
      );
    }
    return def;
  }

  private space(entityName: string): Space {
    this.entity(entityName);
    return entitySpace(entityName);
  }

  private get(space: Space, b: { key: string; options?: { metadataFields?: MetadataField[] } }): KvsResponse {
    checkKey(b.key);
    const item = this.store.get(space, b.key);
    if (!item) throw KvsErrors.keyNotFound();
    return ok(toWire(item, b.options?.metadataFields));
  }

  private set(
    space: Space,
    b: { key: string; value: unknown; options?: S.SetOptions },
    entity?: EntityDef,
  ): KvsResponse {
    checkKey(b.key);
    if (entity) checkEntityValue(entity, b.value);
    const json = checkValue(b.value);
    const opts = b.options;
    const ttl = opts?.ttl ? ttlMs(opts.ttl) : undefined;
    if (opts?.returnValue && opts.keyPolicy !== 'OVERRIDE')
      throw KvsErrors.badRequest('returnValue needs keyPolicy OVERRIDE');
    return this.store.atomically(() => {
      const previous = this.store.get(space, b.key);
      if (opts?.keyPolicy === 'FAIL_IF_EXISTS' && previous) throw KvsErrors.keyAlreadyExists(b.key);
      const latest = this.store.put(space, b.key, json, ttl);
      if (!opts?.returnValue) return noContent;
      const item = opts.returnValue === 'PREVIOUS' ? previous : latest;
      return item ? ok(toWire(item, opts.returnMetadataFields)) : noContent;
    });
  }

  private del(space: Space, key: string): KvsResponse {
    checkKey(key);
    this.store.delete(space, key);
    return noContent;
  }

  private query(b: S.QueryBodyType): KvsResponse {
    const limit = b.limit ?? DEFAULT_QUERY_LIMIT;
    if (limit < 1 || limit > MAX_KEY_QUERY_LIMIT)
      throw KvsErrors.limitExceeded(`limit must be between 1 and ${MAX_KEY_QUERY_LIMIT}, got ${limit}`);
    const prefix = b.where?.[0]?.values[0] ?? '';
    let after: string | undefined;
    if (b.after !== undefined) {
      const decoded = decodeKeyCursor(b.after);
      if (decoded.p !== prefix) throw KvsErrors.invalidCursor();
      after = decoded.k;
    }
    const rows = this.store.scanPrefix('k', prefix, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return ok({
      data: page.map((r) => toWire(r, b.options?.metadataFields)),
      ...(rows.length > limit && last ? { cursor: encodeKeyCursor({ p: prefix, k: last.key }) } : {}),
    });
  }

  private batchGet(
    items: ReadonlyArray<{ key: string; entityName?: string; options?: { metadataFields?: MetadataField[] } }>,
  ): KvsResponse {
    checkBatchSize(items.length);
    return ok(
      this.perItem(items, (it) => {
        checkKey(it.key);
        const item = this.store.get(it.entityName ? this.space(it.entityName) : 'k', it.key);
        if (!item) throw new KvsError(404, 'KEY_NOT_FOUND', 'Key does not exist');
        return toWire(item, it.options?.metadataFields, it.entityName ? { entityName: it.entityName } : {});
      }),
    );
  }

  private batchSet(text: string): KvsResponse {
    checkRequestSize(text);
    const items = S.parseBody(S.BatchSetBody, text);
    checkBatchSize(items.length);
    return ok(
      this.perItem(items, (it) => {
        checkKey(it.key);
        const entity = it.entityName ? this.entity(it.entityName) : undefined;
        if (entity) checkEntityValue(entity, it.value);
        const json = checkValue(it.value);
        this.store.put(
          it.entityName ? entitySpace(it.entityName) : 'k',
          it.key,
          json,
          it.options?.ttl ? ttlMs(it.options.ttl) : undefined,
        );
        return keyRef(it);
      }),
    );
  }

  private batchDelete(items: ReadonlyArray<{ key: string; entityName?: string }>): KvsResponse {
    checkBatchSize(items.length);
    return ok(
      this.perItem(items, (it) => {
        checkKey(it.key);
        this.store.delete(it.entityName ? this.space(it.entityName) : 'k', it.key);
        return keyRef(it);
      }),
    );
  }

  /** Batches succeed or fail per item: a bad item lands in failedKeys, the rest still apply. */
  private perItem<T extends { key: string; entityName?: string }>(
    items: ReadonlyArray<T>,
    fn: (item: T) => Record<string, unknown>,
  ) {
    const successfulKeys: Array<Record<string, unknown>> = [];
    const failedKeys: Array<Record<string, unknown>> = [];
    for (const it of items) {
      try {
        successfulKeys.push(fn(it));
      } catch (e) {
        if (!(e instanceof KvsError)) throw e;
        failedKeys.push({ ...keyRef(it), error: { code: e.code, message: e.message } });
      }
    }
    return { successfulKeys, failedKeys };
  }
}

function keyRef(it: { key: string; entityName?: string }): Record<string, unknown> {
  return it.entityName ? { key: it.key, entityName: it.entityName } : { key: it.key };
}

function checkBatchSize(n: number): void {
  if (n === 0) throw KvsErrors.badRequest('a batch needs at least one item');
  if (n > MAX_BATCH_ITEMS)
    throw KvsErrors.limitExceeded(`a batch may hold at most ${MAX_BATCH_ITEMS} items, got ${n}; split it`);
}

function encodeKeyCursor(c: { p: string; k: string }): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

function decodeKeyCursor(text: string): { p: string; k: string } {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { p?: unknown; k?: unknown };
    if (typeof c.p === 'string' && typeof c.k === 'string') return { p: c.p, k: c.k };
  } catch {
    // fall through
  }
  throw KvsErrors.invalidCursor();
}
