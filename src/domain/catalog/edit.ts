// An admin's edit of any attribute of a tool: its descriptive facts (name, vendor, category, tier,
// vendor address, data handling, assessment date; see edit-profile.ts), its risk, durations, connector
// binding and policy overrides. The YAML import changes the same fields with the same rules; status
// changes go through the lifecycle (approve, suspend, retire). One edit is one catalog.edited event
// whose before/after name exactly the fields that changed.
import { diffFields, type ChangeContext } from '../policy/event-draft';
import { err, ok, type Result } from '../policy/result';
import type { PolicyOverrides, RiskLevel } from '../policy/risk-policy';
import { catalogError, type CatalogChange, type CatalogError } from './errors';
import { applyProfile, assessmentIssue, PROFILE_FIELDS, type ProfileEdit } from './edit-profile';
import { catalogSubject } from './lifecycle';
import { toolRuleIssues, type ToolRuleIssue } from './tool-rules';
import type { CatalogEntry, ConnectorBinding } from './types';

export interface CatalogEdit extends ProfileEdit {
  /** The version the admin edited; a different current version refuses the edit (CATALOG_VERSION_CONFLICT). */
  readonly expectedVersion?: number;
  readonly risk?: RiskLevel;
  /** Required whenever risk changes: the log must say why a tool was reclassified. */
  readonly riskRationale?: string;
  readonly defaultDays?: number;
  readonly maxDays?: number;
  readonly reviewWindowDays?: number;
  /** null removes the binding. */
  readonly connector?: ConnectorBinding | null;
  /** Replaces the whole set of overrides; {} removes them. */
  readonly policyOverrides?: PolicyOverrides;
}

export const MAX_RATIONALE_LENGTH = 300;
const EDITABLE = [
  ...PROFILE_FIELDS,
  'risk',
  'riskRationale',
  'defaultDays',
  'maxDays',
  'reviewWindowDays',
  'connector',
  'policyOverrides',
  'version',
] as const;

export function edit(
  entry: CatalogEntry,
  changes: CatalogEdit,
  ctx: ChangeContext,
): Result<CatalogChange, CatalogError> {
  const name = `"${entry.name}"`;
  if (entry.status === 'retired')
    return err(
      catalogError(
        'CATALOG_TRANSITION_NOT_ALLOWED',
        entry.id,
        `${name} is retired and kept as history; it cannot be edited.`,
      ),
    );
  if (changes.expectedVersion !== undefined && changes.expectedVersion !== entry.version)
    return err(
      catalogError(
        'CATALOG_VERSION_CONFLICT',
        entry.id,
        `${name} was changed (now version ${entry.version}) after you loaded version ${changes.expectedVersion}; reload it and make your change again.`,
      ),
    );
  const dateIssue = assessmentIssue(entry, changes, ctx.now);
  if (dateIssue) return invalid(entry, [{ path: [], message: dateIssue }]);
  const risk = changes.risk ?? entry.risk;
  const riskChanged = risk !== entry.risk;
  if (riskChanged && risk === 'prohibited' && entry.status === 'requestable') {
    return err(
      catalogError(
        'CATALOG_PROHIBITED_NOT_REQUESTABLE',
        entry.id,
        `${name} is requestable; suspend it first (that declines pending requests and handles live grants), then mark it prohibited.`,
      ),
    );
  }
  const rationale = changes.riskRationale?.trim();
  if (riskChanged && !rationale)
    return err(
      catalogError(
        'CATALOG_INVALID_EDIT',
        entry.id,
        `Changing the risk of ${name} from ${entry.risk} to ${risk} needs a riskRationale saying why.`,
      ),
    );
  if (
    rationale !== undefined &&
    (rationale.length === 0 || rationale.length > MAX_RATIONALE_LENGTH || /[\r\n]/.test(rationale))
  ) {
    return err(
      catalogError(
        'CATALOG_INVALID_EDIT',
        entry.id,
        `riskRationale must be one line of 1 to ${MAX_RATIONALE_LENGTH} characters.`,
      ),
    );
  }

  let next: CatalogEntry;
  if (risk === 'prohibited') {
    const given = toolRuleIssues({
      risk,
      defaultDays: changes.defaultDays,
      maxDays: changes.maxDays,
      reviewWindowDays: changes.reviewWindowDays,
      connector: changes.connector,
      policyOverrides: changes.policyOverrides,
    });
    if (given.length > 0) return invalid(entry, given);
    // A prohibited tool has no duration, binding or policy; clearing them is part of the reclassification and shows in the event diff.
    next = {
      ...entry,
      risk,
      riskRationale: rationale ?? entry.riskRationale,
      defaultDays: 0,
      maxDays: 0,
      reviewWindowDays: 0,
      connector: null,
      policyOverrides: {},
    };
  } else {
    // Leaving prohibited, the old zeros mean "not set": the edit must supply real durations.
    const days = (field: 'defaultDays' | 'maxDays' | 'reviewWindowDays'): number | undefined =>
      changes[field] ?? (entry.risk === 'prohibited' ? undefined : entry[field]);
    const candidate = {
      risk,
      defaultDays: days('defaultDays'),
      maxDays: days('maxDays'),
      reviewWindowDays: days('reviewWindowDays'),
      connector: changes.connector === undefined ? entry.connector : changes.connector,
      policyOverrides: changes.policyOverrides ?? entry.policyOverrides,
      status: entry.status,
    };
    const issues = toolRuleIssues(candidate);
    if (issues.length > 0) return invalid(entry, issues);
    next = {
      ...entry,
      risk,
      riskRationale: rationale ?? entry.riskRationale,
      defaultDays: candidate.defaultDays!,
      maxDays: candidate.maxDays!,
      reviewWindowDays: candidate.reviewWindowDays!,
      connector: candidate.connector,
      policyOverrides: { ...candidate.policyOverrides },
    };
  }
  next = { ...next, ...applyProfile(entry, changes), updatedAt: ctx.now.toISOString(), version: entry.version + 1 };
  const diff = diffFields(entry, next, EDITABLE);
  if (Object.keys(diff.after).length === 1)
    return err(
      catalogError('CATALOG_NO_CHANGE', entry.id, `The edit sets every field of ${name} to its current value.`),
    );
  return ok({
    entry: next,
    event: {
      action: 'catalog.edited',
      subject: catalogSubject(entry.id),
      actor: ctx.actor,
      before: diff.before,
      after: diff.after,
    },
  });
}

/** Same group of the same provider, or both unbound. */
export function sameBinding(a: ConnectorBinding | null, b: ConnectorBinding | null): boolean {
  return a === null || b === null ? a === b : a.provider === b.provider && a.groupId === b.groupId;
}

/**
 * The refusal for a catalog edit or import that changes a tool's connector binding: binding goes through
 * connectors.bind, which checks that the group exists and that the app may change its members.
 */
export function connectorNeedsBind(entryId: string, name: string): CatalogError {
  return catalogError(
    'CATALOG_CONNECTOR_NEEDS_BIND',
    entryId,
    `${name}: the connector binding is not changed by a catalog edit or import. Bind or unbind the tool under Connectors (connectors.bind / connectors.unbind, or \`ai-clearance connector bind\`), which checks that the group exists and that the app may change its members; leave connector as it is here.`,
  );
}

/** An admin's catalog edit: any field but the connector binding, which only connectors.bind changes. */
export function editKeepingBinding(
  entry: CatalogEntry,
  changes: CatalogEdit,
  ctx: ChangeContext,
): Result<CatalogChange, CatalogError> {
  if (changes.connector !== undefined && !sameBinding(entry.connector, changes.connector))
    return err(connectorNeedsBind(entry.id, `"${entry.name}"`));
  return edit(entry, changes, ctx);
}

function invalid(entry: CatalogEntry, issues: readonly ToolRuleIssue[]): Result<never, CatalogError> {
  return err(
    catalogError(
      'CATALOG_INVALID_EDIT',
      entry.id,
      `"${entry.name}" not changed: ${issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')}.`,
    ),
  );
}
