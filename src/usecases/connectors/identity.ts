// The identity mapping an admin keeps: set one, remove one, list, import a
// CSV (every row checked, nothing imported while any row is wrong), and
// SUGGEST a match by the account's email as Jira shows it — a suggestion
// the admin confirms with identity.set, never a mapping by itself.
import { parse } from 'csv-parse/sync';
import {
  CSV_COLUMNS,
  identityId,
  accountIdSchema,
  validateMappingRows,
  type IdentityMappingDoc,
  type IdentityMappingInput,
  type RowError,
} from '../../domain/connectors/identity';
import { connectorEvent } from '../../domain/connectors/events';
import { PROVIDER_NAMES, type ConnectorProvider } from '../../domain/connectors/provider';
import type { DirectoryUser } from '../../ports/group-directory';
import type { RecordPut } from '../../ports/store';
import { UseCaseRefusal } from '../shared/errors';
import { chainEvents } from '../shared/governance';
import { allMappings, loadMapping, mappingPut } from './records';
import type { AdminActor, ConnectorAdminDeps } from './deps';

/** Mappings per transaction: each is one put, plus the provider's chain head and its event (KVS: ≤ 25 operations). */
const CHUNK = 20;
/** A CSV larger than this is refused (a resolver payload; split the file). */
export const MAX_CSV_ROWS = 5000;

export async function setMapping(
  deps: ConnectorAdminDeps,
  input: IdentityMappingInput,
  actor: AdminActor,
  source: IdentityMappingDoc['source'] = 'admin',
): Promise<{ mapping: IdentityMappingDoc; changed: boolean }> {
  const r = await writeMappings(deps, [input], actor, source);
  const mapping = (await loadMapping(deps.store, input.provider, input.accountId))?.doc;
  if (!mapping) throw new Error('mapping vanished after it was written');
  return { mapping, changed: r.changed > 0 };
}

async function writeMappings(
  deps: ConnectorAdminDeps,
  inputs: readonly IdentityMappingInput[],
  actor: AdminActor,
  source: IdentityMappingDoc['source'],
): Promise<{ changed: number; unchanged: number }> {
  let changed = 0;
  let unchanged = 0;
  for (let i = 0; i < inputs.length; i += CHUNK) {
    const now = deps.clock.now();
    const puts: RecordPut[] = [];
    const byProvider = new Map<ConnectorProvider, Array<{ accountId: string; idpUserId: string }>>();
    for (const m of inputs.slice(i, i + CHUNK)) {
      const prior = await loadMapping(deps.store, m.provider, m.accountId);
      if (prior && prior.doc.idpUserId === m.idpUserId && prior.doc.idpLogin === m.idpLogin) {
        unchanged++;
        continue;
      }
      const doc: IdentityMappingDoc = {
        v: 1,
        accountId: m.accountId,
        provider: m.provider,
        idpUserId: m.idpUserId,
        ...(m.idpLogin ? { idpLogin: m.idpLogin } : {}),
        source,
        mappedBy: actor.accountId,
        mappedAt: now.toISOString(),
      };
      puts.push(mappingPut(doc, prior?.version ?? 'absent'));
      const list = byProvider.get(m.provider) ?? [];
      list.push({ accountId: m.accountId, idpUserId: m.idpUserId });
      byProvider.set(m.provider, list);
    }
    if (!puts.length) continue;
    const drafts = [...byProvider].map(([provider, mappings]) => ({
      ...connectorEvent('connector.identity_mapped', provider, actor, { count: mappings.length, source }),
      // Account ids and IdP user ids are personal data: retention may drop them, the digest stays.
      personal: { mappings },
    }));
    const chained = await chainEvents(deps.store, drafts, now, deps.random);
    await deps.store.commit({ puts: [...puts, ...chained.puts], events: chained.events });
    changed += puts.length;
  }
  return { changed, unchanged };
}

export async function removeMapping(
  deps: ConnectorAdminDeps,
  provider: ConnectorProvider,
  accountId: string,
  actor: AdminActor,
): Promise<{ removed: boolean }> {
  const prior = await loadMapping(deps.store, provider, accountId);
  if (!prior) return { removed: false };
  const chained = await chainEvents(
    deps.store,
    [
      {
        ...connectorEvent('connector.identity_mapped', provider, actor, { count: 0, removed: 1 }),
        personal: { removed: [{ accountId, idpUserId: prior.doc.idpUserId }] },
      },
    ],
    deps.clock.now(),
    deps.random,
  );
  await deps.store.commit({
    puts: chained.puts,
    deletes: [{ kind: 'identity', id: identityId(provider, accountId), expected: prior.version }],
    events: chained.events,
  });
  return { removed: true };
}

export async function listMappings(
  deps: Pick<ConnectorAdminDeps, 'store'>,
  provider: ConnectorProvider,
): Promise<{ mappings: IdentityMappingDoc[] }> {
  const mappings = await allMappings(deps.store, provider);
  return { mappings: mappings.sort((a, b) => a.accountId.localeCompare(b.accountId)) };
}

export interface CsvImportAnswer {
  imported: number;
  unchanged: number;
  errors: RowError[];
}

/**
 * Imports `atlassian_account_id,provider,idp_user_id[,idp_login]` rows (a header line first). Parsed with
 * csv-parse (quoting, BOM, CRLF); every row validated; if any row is wrong nothing is imported and every
 * wrong row is named with its line.
 */
export async function importMappingsCsv(
  deps: ConnectorAdminDeps,
  csv: string,
  actor: AdminActor,
): Promise<CsvImportAnswer> {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    // With info: true each row is { record, info }, which csv-parse's types do not model.
    records = parse(csv, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
    }) as unknown as Array<{ record: Record<string, string>; info: { lines: number } }>;
  } catch (e) {
    const line = (e as { lines?: unknown }).lines;
    return {
      imported: 0,
      unchanged: 0,
      errors: [
        { line: typeof line === 'number' ? line : 0, message: `the file is not valid CSV: ${(e as Error).message}` },
      ],
    };
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const missing = CSV_COLUMNS.slice(0, 3).filter((c) => records.length > 0 && !header.includes(c));
  if (missing.length)
    return {
      imported: 0,
      unchanged: 0,
      errors: [
        {
          line: 1,
          message: `line 1: the header must name the columns ${CSV_COLUMNS.join(',')} (missing: ${missing.join(', ')})`,
        },
      ],
    };
  if (records.length > MAX_CSV_ROWS)
    return {
      imported: 0,
      unchanged: 0,
      errors: [{ line: 0, message: `at most ${MAX_CSV_ROWS} rows per file; split it` }],
    };
  const { valid, errors } = validateMappingRows(records.map((r) => ({ line: r.info.lines, record: r.record })));
  if (errors.length) return { imported: 0, unchanged: 0, errors };
  const r = await writeMappings(
    deps,
    valid.map(({ line: _line, ...m }) => m),
    actor,
    'csv',
  );
  return { imported: r.changed, unchanged: r.unchanged, errors: [] };
}

/** IdP users with the account's email: candidates for the admin to confirm (identity.set), never mapped here. */
export async function suggestMapping(
  deps: ConnectorAdminDeps,
  provider: ConnectorProvider,
  accountId: string,
): Promise<{ accountId: string; email?: string; suggestions: DirectoryUser[]; note: string }> {
  accountIdSchema.parse(accountId);
  const directory = await deps.directories.get(provider);
  if (!directory) throw new UseCaseRefusal('NOT_CONNECTED', `${PROVIDER_NAMES[provider]} is not connected.`);
  const email = await deps.accountEmail(accountId);
  if (!email)
    return {
      accountId,
      suggestions: [],
      note: 'Jira does not show this account\u2019s email to the app (profile visibility); map the user by hand.',
    };
  const suggestions = await directory.findUsersByEmail(email);
  return {
    accountId,
    email,
    suggestions,
    note: 'Suggestions only, nothing was mapped: confirm one in the admin console (Connected mode → Identity mapping) or with `ai-clearance identity set <accountId> --provider <p> --user <id> --confirmed-suggestion`.',
  };
}
