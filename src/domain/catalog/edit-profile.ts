// The descriptive half of an admin's catalog edit: name, vendor, category, tier, vendor address, data
// handling and the assessment date. Their formats are checked where the payload is parsed, by the same
// zod schemas the YAML import uses (config/catalog-schema.ts); what is checked here needs the entry or
// the date: the assessment date.
//
// A changed data-handling fact changes nothing automatically: live grants, pending requests and the
// tool's risk stay as they are, because whether "now retains prompts for 30 days" makes a tool riskier
// is the security team's judgement (they change the risk in the same or a later edit, with a
// rationale). What the edit does enforce is that the record says when the facts were last assessed:
// an edit of data handling must also move assessedOn to the day of that reassessment (today, or a
// later day than the one recorded), so the catalog never shows new facts under an old date. The
// governance event carries the before/after of every changed fact.
import type { CatalogEntry, DataHandling } from './types';
import type { ToolCategory, ToolTier } from './vocabulary';
import { sameValue } from '../policy/event-draft';

export interface ProfileEdit {
  readonly name?: string;
  readonly vendor?: string;
  readonly category?: ToolCategory;
  readonly tier?: ToolTier;
  readonly vendorUrl?: string;
  /** Replaces the whole record of data-handling facts. */
  readonly dataHandling?: DataHandling;
  /** YYYY-MM-DD; never earlier than the recorded date, never after today (UTC). */
  readonly assessedOn?: string;
}

export const PROFILE_FIELDS = [
  'name',
  'vendor',
  'category',
  'tier',
  'vendorUrl',
  'dataHandling',
  'assessedOn',
] as const satisfies ReadonlyArray<keyof ProfileEdit & keyof CatalogEntry>;

/** The entry's descriptive fields with the edit applied. */
export function applyProfile(entry: CatalogEntry, changes: ProfileEdit): Pick<CatalogEntry, keyof ProfileEdit> {
  return {
    name: changes.name ?? entry.name,
    vendor: changes.vendor ?? entry.vendor,
    category: changes.category ?? entry.category,
    tier: changes.tier ?? entry.tier,
    vendorUrl: changes.vendorUrl ?? entry.vendorUrl,
    dataHandling: changes.dataHandling
      ? { ...changes.dataHandling, dataResidency: [...changes.dataHandling.dataResidency] }
      : entry.dataHandling,
    assessedOn: changes.assessedOn ?? entry.assessedOn,
  };
}

/** Why the edit's assessment date cannot stand, or undefined. */
export function assessmentIssue(entry: CatalogEntry, changes: ProfileEdit, now: Date): string | undefined {
  const today = now.toISOString().slice(0, 10);
  const assessedOn = changes.assessedOn ?? entry.assessedOn;
  // YYYY-MM-DD strings compare as dates.
  if (changes.assessedOn !== undefined && assessedOn < entry.assessedOn)
    return `assessedOn: ${assessedOn} is before the recorded assessment (${entry.assessedOn}); an assessment date only moves forward`;
  if (changes.assessedOn !== undefined && assessedOn > today)
    return `assessedOn: ${assessedOn} is in the future; today is ${today}`;
  const factsChanged = changes.dataHandling !== undefined && !sameValue(changes.dataHandling, entry.dataHandling);
  if (factsChanged && assessedOn <= entry.assessedOn && assessedOn !== today)
    return `assessedOn: the data-handling facts changed, so set assessedOn to the day they were reassessed (today is ${today}; the recorded assessment is ${entry.assessedOn})`;
  return undefined;
}

/**
 * Why a new name cannot be used, or undefined: the AI tool field's options are the tools' names and Jira
 * compares them case-insensitively (usecases/catalog/option-sync.ts), so two tools may not share one.
 */
export function nameClash(entry: CatalogEntry, newName: string, catalog: readonly CatalogEntry[]): string | undefined {
  const wanted = newName.trim().toLowerCase();
  const other = catalog.find((e) => e.id !== entry.id && e.name.toLowerCase() === wanted);
  return other
    ? `name: "${other.name}" is already the name of "${other.id}" (${other.status}); tool names are the AI tool field's options and must be unique`
    : undefined;
}
