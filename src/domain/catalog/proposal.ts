// An employee's "Propose an AI tool" request becomes a proposed catalog entry
// when an admin accepts it. Nothing about the tool is known yet, so every
// data-handling fact starts as unknown and the risk starts high until the
// admin assesses it: an unassessed tool must not look safer than it is.
import type { ChangeContext } from '../policy/event-draft';
import { err, ok, type Result } from '../policy/result';
import { isRequestableRisk, RISK_LEVELS, type PolicySet, type RiskLevel } from '../policy/risk-policy';
import { catalogError, type CatalogChange, type CatalogError } from './errors';
import { creationEvent } from './lifecycle';
import type { CatalogEntry } from './types';
import { TOOL_CATEGORIES, TOOL_ID_MAX_LENGTH, TOOL_TIERS, type ToolCategory, type ToolTier } from './vocabulary';

export interface ToolProposal {
  /** The Propose an AI tool request, e.g. AIC-42. */
  readonly issueKey: string;
  /** accountId of the employee who proposed it. */
  readonly proposedBy: string;
  readonly name: string;
  readonly vendor: string;
  readonly vendorUrl: string;
  /** The admin may classify the tool while accepting; otherwise these defaults apply: other, unknown, high. */
  readonly category?: ToolCategory;
  readonly tier?: ToolTier;
  readonly risk?: RiskLevel;
  readonly riskRationale?: string;
}

const MAX_NAME_LENGTH = 100;
const ISSUE_KEY = /^[A-Z][A-Z0-9_]+-[1-9]\d*$/;

export function acceptProposal(
  proposal: ToolProposal,
  catalog: ReadonlyArray<Pick<CatalogEntry, 'id' | 'name' | 'vendor' | 'status'>>,
  policies: PolicySet,
  ctx: ChangeContext,
): Result<CatalogChange, CatalogError> {
  const problems = proposalProblems(proposal);
  if (problems.length > 0)
    return err(
      catalogError(
        'CATALOG_PROPOSAL_INVALID',
        null,
        `The proposal ${proposal.issueKey} cannot be accepted: ${problems.join('; ')}.`,
      ),
    );
  const name = proposal.name.trim();
  const vendor = proposal.vendor.trim();

  const same = catalog.find(
    (e) => e.status !== 'retired' && slugify(e.name) === slugify(name) && slugify(e.vendor) === slugify(vendor),
  );
  if (same)
    return err(
      catalogError(
        'CATALOG_DUPLICATE_TOOL',
        same.id,
        `"${name}" by ${vendor} is already in the catalog as "${same.id}" (${same.status}); no new entry was created.`,
      ),
    );

  const id = deriveToolId(name, vendor, new Set(catalog.map((e) => e.id)));
  const risk = proposal.risk ?? 'high';
  const level = isRequestableRisk(risk) ? policies.levels[risk] : undefined;
  const entry: CatalogEntry = {
    id,
    name,
    vendor,
    category: proposal.category ?? 'other',
    tier: proposal.tier ?? 'unknown',
    vendorUrl: proposal.vendorUrl.trim(),
    dataHandling: {
      trainsOnCustomerData: 'unknown',
      retention: 'Not yet assessed',
      sso: false,
      soc2: false,
      iso27001: false,
      iso42001: false,
      dataResidency: [],
    },
    riskRationale:
      proposal.riskRationale?.trim() ||
      `Not yet assessed: proposed in ${proposal.issueKey}; treated as high risk until an admin assesses it.`,
    defaultDays: level?.defaultDays ?? 0,
    maxDays: level?.maxDays ?? 0,
    reviewWindowDays: level?.reviewWindowDays ?? 0,
    connector: null,
    assessedOn: ctx.now.toISOString().slice(0, 10),
    risk,
    status: 'proposed',
    statusReason: null,
    policyOverrides: {},
    origin: { kind: 'proposal', issueKey: proposal.issueKey, proposedBy: proposal.proposedBy },
    updatedAt: ctx.now.toISOString(),
    version: 1,
  };
  return ok({ entry, event: { ...creationEvent(entry), actor: ctx.actor } });
}

function proposalProblems(p: ToolProposal): string[] {
  const problems: string[] = [];
  if (!ISSUE_KEY.test(p.issueKey ?? ''))
    problems.push(`issueKey must be a Jira issue key such as AIC-42; got ${JSON.stringify(p.issueKey)}`);
  if (!p.proposedBy?.trim()) problems.push("proposedBy (the proposer's accountId) is missing");
  for (const field of ['name', 'vendor'] as const) {
    const v = p[field]?.trim() ?? '';
    if (v.length === 0 || v.length > MAX_NAME_LENGTH || /[\r\n]/.test(v))
      problems.push(`${field} must be one line of 1 to ${MAX_NAME_LENGTH} characters`);
  }
  if (!isHttpsUrl(p.vendorUrl))
    problems.push(`vendorUrl must be the vendor's https:// address; got ${JSON.stringify(p.vendorUrl)}`);
  if (p.category !== undefined && !TOOL_CATEGORIES.includes(p.category))
    problems.push(`category must be one of ${TOOL_CATEGORIES.join(', ')}`);
  if (p.tier !== undefined && !TOOL_TIERS.includes(p.tier))
    problems.push(`tier must be one of ${TOOL_TIERS.join(', ')}`);
  if (p.risk !== undefined && !RISK_LEVELS.includes(p.risk))
    problems.push(`risk must be one of ${RISK_LEVELS.join(', ')}`);
  if (p.risk !== undefined && p.risk !== 'high' && !p.riskRationale?.trim())
    problems.push(`a risk of ${p.risk} needs a riskRationale saying why`);
  return problems;
}

export function isHttpsUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** Lower-case kebab-case, ASCII only (accents dropped), never longer than the id limit. */
export function slugify(text: string, maxLength = TOOL_ID_MAX_LENGTH): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  // Prefer cutting at a word boundary so ids stay readable.
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > maxLength / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '');
}

/**
 * An id from the tool's name (falling back to the vendor, then "tool"), with
 * -2, -3, ... appended while it collides with an existing id. Ids of retired
 * entries stay taken: they are history, and evidence refers to them.
 */
export function deriveToolId(name: string, vendor: string, taken: ReadonlySet<string>): string {
  const SUFFIX_ROOM = 5;
  const base =
    slugify(name, TOOL_ID_MAX_LENGTH - SUFFIX_ROOM) || slugify(vendor, TOOL_ID_MAX_LENGTH - SUFFIX_ROOM) || 'tool';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
