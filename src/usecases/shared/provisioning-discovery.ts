// The provisioning record tickets are read and written with: the one in the
// app's storage when it is complete (the hot path: one KVS read, no Jira call);
// otherwise the app discovers its fields and request types on the site by name
// (and type) and caches what it found in the same record, `source:
// 'discovered'`, with the time. A site provisioned by the CLI keeps its record
// in a local file the deployed app cannot read; this is how the app finds its
// fields there.
//
// Platform facts (docs/platform-contract.md PROV-20..):
// - GET /rest/api/3/field returns every field the caller may view, system and
//   custom, unpaged; a custom field's type key is `schema.custom`
//   (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get).
// - Jira does not keep custom field names unique: two fields may share a name
//   and a type. Then nothing is guessed: the record says which ref is ambiguous,
//   a `provisioning.drift_detected` event records it once, and tickets that need
//   the field wait (RetryLaterError) until an admin resolves it.
//
// A discovery that left something unresolved is repeated at most every
// DISCOVERY_RETRY_MS, so a broken site does not cost every event a GET /field.
import { BUNDLED_DESIRED_STATE } from '../../config/templates/bundled-desired';
import type { DesiredState } from '../../domain/provisioning/desired';
import { describeProblem, discover, isComplete, type DiscoveryProblem } from '../../domain/provisioning/discover';
import { ProvisioningRecord, emptyRecord, recordFor } from '../../domain/provisioning/record';
import { isJiraHttpError } from '../../ports/jira-transport';
import { isStoreConflict } from '../../ports/store';
import { PROVISIONING_RECORD_ID } from './catalog-repo';
import type { CoreDeps } from './deps';
import { chainEvents } from './governance';
import { parseStored } from './stored-data';

/** How long an incomplete discovery is trusted before the next event tries again. */
export const DISCOVERY_RETRY_MS = 5 * 60_000;

type DiscoveryDeps = Pick<CoreDeps, 'store' | 'jira' | 'clock' | 'random'>;

/** The record for ticket work: stored and complete, else discovered (and cached). Never throws for a 4xx of discovery. */
export async function loadTicketProvisioning(
  deps: DiscoveryDeps,
  desired: DesiredState = BUNDLED_DESIRED_STATE,
): Promise<ProvisioningRecord> {
  const rec = await deps.store.get<unknown>('provisioning', PROVISIONING_RECORD_ID);
  const stored = recordFor(
    rec ? parseStored(ProvisioningRecord, rec.doc, 'provisioning record') : emptyRecord(),
    desired.projectKey,
  );
  if (isComplete(stored, desired)) return stored;
  const now = deps.clock.now();
  if (stored.discoveredAt && now.getTime() - Date.parse(stored.discoveredAt) < DISCOVERY_RETRY_MS) return stored;
  return discoverAndCache(deps, desired, stored, rec ? rec.version : 'absent', now);
}

/** Whether a stored record needs no discovery (complete for the bundled templates). */
export function isStoredComplete(record: ProvisioningRecord, desired: DesiredState = BUNDLED_DESIRED_STATE): boolean {
  return isComplete(recordFor(record, desired.projectKey), desired);
}

async function discoverAndCache(
  deps: DiscoveryDeps,
  desired: DesiredState,
  stored: ProvisioningRecord,
  expected: number | 'absent',
  now: Date,
): Promise<ProvisioningRecord> {
  const client = deps.jira.provisioning();
  let found: ReturnType<typeof discover> & { serviceDeskId?: string };
  try {
    const fields = await client.listAllFields();
    const desks = await client.listServiceDesks();
    let desk = desks.find((d) => d.projectKey === desired.projectKey);
    if (!desk && desks.some((d) => d.projectKey === undefined)) {
      const project = await client.getProject(desired.projectKey);
      desk = desks.find((d) => d.projectId === project.id);
    }
    const requestTypes = desk ? await client.listRequestTypes(desk.id) : [];
    found = { ...discover(desired, fields, requestTypes), ...(desk ? { serviceDeskId: desk.id } : {}) };
  } catch (err) {
    // 429/5xx: the caller's retry policy applies. Anything else (no access, no such project) will not mend
    // by retrying: the record stays as it was and the caller sees it incomplete.
    if (isJiraHttpError(err) && !err.retryable) {
      console.warn(JSON.stringify({ at: 'provisioning.discovery', outcome: 'failed', message: err.message }));
      return stored;
    }
    throw err;
  }
  // Stored ids win (an apply recorded them; a renamed field keeps its id); discovery fills the gaps.
  const fields = { ...found.fields, ...stored.fields };
  const requestTypes = { ...found.requestTypes, ...stored.requestTypes };
  const problems = found.problems.filter((p) => !(p.what === 'field' ? fields[p.ref] : requestTypes[p.ref]));
  const serviceDeskId = stored.serviceDeskId ?? found.serviceDeskId;
  const record: ProvisioningRecord = {
    ...stored,
    version: 1,
    projectKey: desired.projectKey,
    ...(serviceDeskId ? { serviceDeskId } : {}),
    fields,
    requestTypes,
    source: 'discovered',
    discoveredAt: now.toISOString(),
  };
  delete record.problems;
  if (problems.length) record.problems = problems;
  if (problems.length)
    console.warn(
      JSON.stringify({
        at: 'provisioning.discovery',
        outcome: 'incomplete',
        problems: problems.map((p) => ({ ref: p.ref, kind: p.kind, ids: p.ids, message: describeProblem(p) })),
      }),
    );

  // The record and, when an ambiguity is new, its governance event: one transaction.
  const ambiguous = problems.filter((p) => p.kind === 'ambiguous');
  const newlyAmbiguous =
    ambiguous.length > 0 &&
    problemsKey(ambiguous) !== problemsKey((stored.problems ?? []).filter((p) => p.kind === 'ambiguous'));
  const chained = newlyAmbiguous
    ? await chainEvents(
        deps.store,
        [
          {
            subject: { type: 'provisioning', id: PROVISIONING_RECORD_ID },
            action: 'provisioning.drift_detected',
            actor: { type: 'app' },
            after: {
              source: 'discovery',
              problems: ambiguous.map((p) => ({
                what: p.what,
                ref: p.ref,
                name: p.name,
                kind: p.kind,
                ids: p.ids,
                sentence: describeProblem(p),
              })),
            },
          },
        ],
        now,
        deps.random,
      )
    : { puts: [], events: [] };
  try {
    await deps.store.commit({
      puts: [
        {
          expected,
          record: {
            kind: 'provisioning',
            id: PROVISIONING_RECORD_ID,
            version: expected === 'absent' ? 1 : expected + 1,
            doc: record,
          },
        },
        ...chained.puts,
      ],
      events: chained.events,
    });
  } catch (err) {
    // Another invocation (a concurrent discovery, an apply) wrote the record first: its answer is as good as ours.
    if (!isStoreConflict(err)) throw err;
  }
  return record;
}

function problemsKey(ps: readonly DiscoveryProblem[]): string {
  return ps
    .map((p) => `${p.what}:${p.ref}:${p.kind}:${[...p.ids].sort().join(',')}`)
    .sort()
    .join('|');
}
