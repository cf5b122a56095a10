// Turns a parsed YAML import into the catalog changes it means, before
// anything is stored. Status changes go through the lifecycle functions (so an
// import obeys the same state machine as the admin page and logs the same
// events); everything else is one "edited" event with the diff. If any entry
// cannot be imported, the whole import is refused and every reason listed:
// nothing is half-imported. An import adds and updates; it never deletes
// (retire a tool by setting its status).
import { diffFields, type ChangeContext } from '../policy/event-draft';
import { err, ok, type RuleRefusal, type Result } from '../policy/result';
import { connectorNeedsBind, sameBinding } from './edit';
import { PROFILE_FIELDS } from './edit-profile';
import { catalogError, type CatalogChange, type CatalogError } from './errors';
import { approve, catalogSubject, creationEvent, retire, suspend } from './lifecycle';
import type { CatalogEntry, CatalogImportEntry } from './types';
import type { CatalogStatus } from './vocabulary';

export interface ImportPlan {
  /** In order: apply all of them in one storage transaction, appending each event. */
  readonly changes: readonly CatalogChange[];
  /** Ids present in the file whose entries it leaves exactly as they are. */
  readonly unchanged: readonly string[];
}

const IMPORTED_FIELDS = [
  ...PROFILE_FIELDS,
  'risk',
  'riskRationale',
  'defaultDays',
  'maxDays',
  'reviewWindowDays',
  'connector',
  'policyOverrides',
] as const satisfies ReadonlyArray<keyof CatalogImportEntry & keyof CatalogEntry>;

/** The whole import refused: every entry that could not be imported, each with its own reason. */
export interface CatalogImportRefused extends RuleRefusal<'CATALOG_IMPORT_REFUSED'> {
  readonly problems: readonly CatalogError[];
}

export function planCatalogImport(
  existing: readonly CatalogEntry[],
  imported: readonly CatalogImportEntry[],
  ctx: ChangeContext,
): Result<ImportPlan, CatalogImportRefused> {
  const byId = new Map(existing.map((e) => [e.id, e]));
  const changes: CatalogChange[] = [];
  const unchanged: string[] = [];
  const errors: CatalogError[] = [];
  for (const item of imported) {
    const current = byId.get(item.id);
    const steps = current ? updateSteps(current, item, ctx) : createSteps(item, ctx);
    if (!steps.ok) errors.push(steps.error);
    else if (steps.value.length === 0) unchanged.push(item.id);
    else changes.push(...steps.value);
  }
  if (errors.length === 0) return ok({ changes, unchanged });
  const lines = errors.map((e) => `${e.entryId}: ${e.message}`).join('\n');
  return err({
    code: 'CATALOG_IMPORT_REFUSED',
    message: `Nothing was imported; ${errors.length} of ${imported.length} entries cannot be imported:\n${lines}`,
    problems: errors,
  });
}

/** A new tool enters as proposed, then walks the lifecycle to the status the file gives it. */
function createSteps(item: CatalogImportEntry, ctx: ChangeContext): Result<CatalogChange[], CatalogError> {
  // A new tool is bound after it is imported, through connectors.bind (which checks the group).
  if (item.connector) return err(connectorNeedsBind(item.id, `"${item.name}"`));
  const entry: CatalogEntry = {
    ...copyFields(item),
    id: item.id,
    status: 'proposed',
    statusReason: null,
    origin: { kind: 'import' },
    updatedAt: ctx.now.toISOString(),
    version: 1,
  };
  const created: CatalogChange = { entry, event: { ...creationEvent(entry), actor: ctx.actor } };
  const walked = walkTo(entry, item, ctx);
  return walked.ok ? ok([created, ...walked.value]) : walked;
}

function updateSteps(
  current: CatalogEntry,
  item: CatalogImportEntry,
  ctx: ChangeContext,
): Result<CatalogChange[], CatalogError> {
  const sameStatus = item.status === current.status;
  // With the status unchanged, a new suspension reason is an edit like any other field.
  const fields = sameStatus ? [...IMPORTED_FIELDS, 'statusReason' as const] : IMPORTED_FIELDS;
  const target: CatalogEntry = {
    ...current,
    ...copyFields(item),
    ...(sameStatus ? { statusReason: item.statusReason } : {}),
  };
  const hasEdits = Object.keys(diffFields(current, target, fields).after).length > 0;
  if (current.status === 'retired' && (hasEdits || !sameStatus)) {
    return err(
      catalogError(
        'CATALOG_TRANSITION_NOT_ALLOWED',
        current.id,
        `"${current.name}" is retired and kept as history; the import may not change it. Give the tool a new id to add it again.`,
      ),
    );
  }
  if (!sameBinding(current.connector, item.connector)) return err(connectorNeedsBind(current.id, `"${current.name}"`));
  const steps: CatalogChange[] = [];
  let entry = current;
  const applyEdit = () => {
    if (!hasEdits) return;
    const next: CatalogEntry = {
      ...entry,
      ...copyFields(item),
      ...(sameStatus ? { statusReason: item.statusReason } : {}),
      updatedAt: ctx.now.toISOString(),
      version: entry.version + 1,
    };
    const d = diffFields(entry, next, [...fields, 'version']);
    steps.push({
      entry: next,
      event: {
        action: 'catalog.edited',
        subject: catalogSubject(entry.id),
        actor: ctx.actor,
        before: d.before,
        after: d.after,
      },
    });
    entry = next;
  };
  // Becoming requestable: edit first (a risk lifted from prohibited must be in place before approval).
  // Otherwise move first (a requestable tool must be suspended before it may become prohibited).
  const editFirst = item.status === 'requestable';
  if (editFirst) applyEdit();
  const walked = walkTo(entry, item, ctx);
  if (!walked.ok) return walked;
  steps.push(...walked.value);
  entry = walked.value.at(-1)?.entry ?? entry;
  if (!editFirst) applyEdit();
  return ok(steps);
}

type Move = 'approve' | 'suspend' | 'retire';

/** How an import reaches a status from another: the shortest walk along the lifecycle. */
const PATHS: Readonly<Record<CatalogStatus, Partial<Record<CatalogStatus, readonly Move[]>>>> = {
  proposed: { requestable: ['approve'], suspended: ['approve', 'suspend'], retired: ['retire'] },
  requestable: { suspended: ['suspend'], retired: ['suspend', 'retire'] },
  suspended: { requestable: ['approve'], retired: ['retire'] },
  retired: {},
};

/** The lifecycle moves from the entry's status to the file's; a refusal names the entry. */
function walkTo(
  start: CatalogEntry,
  item: CatalogImportEntry,
  ctx: ChangeContext,
): Result<CatalogChange[], CatalogError> {
  if (start.status === item.status) return ok([]);
  const path = PATHS[start.status][item.status];
  if (!path)
    return err(
      catalogError(
        'CATALOG_TRANSITION_NOT_ALLOWED',
        start.id,
        `"${start.name}" is ${start.status}; an import cannot make it ${item.status}.`,
      ),
    );
  const reason = item.statusReason ?? '';
  const steps: CatalogChange[] = [];
  let entry = start;
  for (const move of path) {
    const r =
      move === 'approve'
        ? approve(entry, ctx)
        : move === 'suspend'
          ? suspend(entry, reason, ctx)
          : retire(entry, reason, ctx);
    if (!r.ok) return r;
    steps.push(r.value);
    entry = r.value.entry;
  }
  return ok(steps);
}

function copyFields(item: CatalogImportEntry): Pick<CatalogEntry, (typeof IMPORTED_FIELDS)[number]> {
  return Object.fromEntries(IMPORTED_FIELDS.map((f) => [f, item[f]])) as Pick<
    CatalogEntry,
    (typeof IMPORTED_FIELDS)[number]
  >;
}
