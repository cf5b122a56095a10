// Discovery: the app's fields and request types found on the site by exact name
// (and, for fields, exact type), for a site provisioned by the CLI, whose record
// stays in a local file the deployed app cannot read. Pure: the caller reads
// the site (GET /rest/api/3/field, the service desk's request types).
//
// Two candidates for one ref is an error an admin must resolve (rename or
// trash one in Jira): the app never picks one.
import type { DesiredState } from './desired';
import type { ProvisioningRecord } from './record';
import type { SiteField, SiteRequestType } from './site';

export type DiscoveryProblem = NonNullable<ProvisioningRecord['problems']>[number];

export interface Discovered {
  fields: ProvisioningRecord['fields'];
  requestTypes: ProvisioningRecord['requestTypes'];
  problems: DiscoveryProblem[];
}

/** Refs of the desired state that `record` has no id for. */
export function missingRefs(
  record: ProvisioningRecord,
  desired: DesiredState,
): { fields: string[]; requestTypes: string[] } {
  return {
    fields: desired.fields.filter((f) => !record.fields[f.ref]?.id).map((f) => f.ref),
    requestTypes: desired.requestTypes.filter((r) => !record.requestTypes[r.ref]?.id).map((r) => r.ref),
  };
}

/** Every field and request type of the desired state has an id, and the record is of the desired project. */
export function isComplete(record: ProvisioningRecord, desired: DesiredState): boolean {
  const m = missingRefs(record, desired);
  return (
    m.fields.length === 0 &&
    m.requestTypes.length === 0 &&
    (record.projectKey === undefined || record.projectKey === desired.projectKey)
  );
}

/**
 * Matches the desired fields by exact name AND type key (`schema.custom`), the desired request types by exact
 * name (a request type has no type to compare; the service desk is the desired project's). System fields
 * (no type) never match.
 */
export function discover(
  desired: DesiredState,
  siteFields: readonly SiteField[],
  requestTypes: readonly SiteRequestType[],
): Discovered {
  const out: Discovered = { fields: {}, requestTypes: {}, problems: [] };
  for (const want of desired.fields) {
    const hits = siteFields.filter((f) => f.type !== undefined && f.type === want.type && f.name === want.name);
    if (hits.length === 1) out.fields[want.ref] = { id: hits[0].id, name: hits[0].name };
    else
      out.problems.push({
        what: 'field',
        ref: want.ref,
        name: want.name,
        kind: hits.length ? 'ambiguous' : 'missing',
        ids: hits.map((f) => f.id),
      });
  }
  for (const want of desired.requestTypes) {
    const hits = requestTypes.filter((r) => r.name === want.name);
    if (hits.length === 1) out.requestTypes[want.ref] = { id: hits[0].id, name: hits[0].name };
    else
      out.problems.push({
        what: 'requestType',
        ref: want.ref,
        name: want.name,
        kind: hits.length ? 'ambiguous' : 'missing',
        ids: hits.map((r) => r.id),
      });
  }
  return out;
}

/** One sentence per problem, for the admin page and the log. */
export function describeProblem(p: DiscoveryProblem): string {
  const what = p.what === 'field' ? `custom field "${p.name}"` : `request type "${p.name}"`;
  return p.kind === 'ambiguous'
    ? `The site has ${p.ids.length} of ${what} (${p.ids.join(', ')}), so AI Clearance cannot tell which is its own: rename or trash the others in Jira, or run provisioning from the admin page.`
    : `The site has no ${what}: run provisioning (the admin page, or ai-clearance provision apply).`;
}
