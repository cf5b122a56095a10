import type { PolicyOverrides, RiskLevel } from '../policy/risk-policy';
import type { CatalogStatus, ConnectorProvider, ToolCategory, ToolTier, TrainingPosture } from './vocabulary';

/** What a security team records about how a vendor treats company data. */
export interface DataHandling {
  readonly trainsOnCustomerData: TrainingPosture;
  /** Short, plain-language summary of how long the vendor keeps prompts and outputs. */
  readonly retention: string;
  readonly sso: boolean;
  /** Certification flags: true only where the vendor publicly lists it; false means "not confirmed". */
  readonly soc2: boolean;
  readonly iso27001: boolean;
  readonly iso42001: boolean;
  /** Regions where data at rest can be pinned (US, EU, ...); empty when none is offered or confirmed. */
  readonly dataResidency: readonly string[];
}

/** An optional binding of a tool to one identity-provider group (connected mode). */
export interface ConnectorBinding {
  readonly provider: ConnectorProvider;
  readonly groupId: string;
}

/** The descriptive part of a tool, shared by the seed, the import format and the live entry. */
export interface ToolProfile {
  readonly id: string;
  readonly name: string;
  readonly vendor: string;
  readonly category: ToolCategory;
  readonly tier: ToolTier;
  readonly vendorUrl: string;
  readonly dataHandling: DataHandling;
  /** One line saying why the tool has its risk level. */
  readonly riskRationale: string;
  /** Duration settings of this tool; all 0 for a prohibited tool (it has no duration). */
  readonly defaultDays: number;
  readonly maxDays: number;
  readonly reviewWindowDays: number;
  readonly connector: ConnectorBinding | null;
  /** YYYY-MM-DD: when the data-handling facts and the risk were last assessed. */
  readonly assessedOn: string;
}

/** A seeded tool: a default assessment to review before approving. */
export interface CatalogSeedEntry extends ToolProfile {
  readonly defaultRisk: RiskLevel;
}

/** How an entry came to be in the catalog (evidence for "who put this tool here?"). */
export type EntryOrigin =
  | { readonly kind: 'seed' }
  | { readonly kind: 'import' }
  | { readonly kind: 'proposal'; readonly issueKey: string; readonly proposedBy: string };

/** A tool as the admin manages it. */
export interface CatalogEntry extends ToolProfile {
  /** The risk level in force (starts as the seed's defaultRisk). */
  readonly risk: RiskLevel;
  readonly status: CatalogStatus;
  /** Why the tool was last suspended or retired; null otherwise. */
  readonly statusReason: string | null;
  readonly policyOverrides: PolicyOverrides;
  readonly origin: EntryOrigin;
  /** ISO-8601 instant of the last change. */
  readonly updatedAt: string;
  /** Starts at 1, +1 per change; use cases compare it to refuse stale writes. */
  readonly version: number;
}

/** One entry of the admin YAML import/export: the profile plus the state an admin sets. */
export interface CatalogImportEntry extends ToolProfile {
  readonly risk: RiskLevel;
  readonly status: CatalogStatus;
  readonly statusReason: string | null;
  readonly policyOverrides: PolicyOverrides;
}
