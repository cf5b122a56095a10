// The closed vocabularies of the catalog. Seeds, imports, the admin page and
// the JQL-facing fields all draw on these lists, so a typo anywhere is an
// error, not a new category.

export const TOOL_CATEGORIES = [
  'assistant',
  'coding',
  'meeting',
  'writing',
  'translation',
  'image',
  'search',
  'model-api',
  'other',
] as const;
export type ToolCategory = (typeof TOOL_CATEGORIES)[number];

/** `unknown` exists for employee proposals an admin has not yet classified. */
export const TOOL_TIERS = ['enterprise', 'business', 'team', 'consumer', 'api', 'unknown'] as const;
export type ToolTier = (typeof TOOL_TIERS)[number];

export const TRAINING_POSTURES = ['yes', 'no', 'opt-out', 'unknown'] as const;
/** yes: trains on customer content; no: contractually does not; opt-out: does unless someone turns it off; unknown: not confirmed. */
export type TrainingPosture = (typeof TRAINING_POSTURES)[number];

export const CATALOG_STATUSES = ['proposed', 'requestable', 'suspended', 'retired'] as const;
export type CatalogStatus = (typeof CATALOG_STATUSES)[number];

export const CONNECTOR_PROVIDERS = ['okta', 'entra'] as const;
export type ConnectorProvider = (typeof CONNECTOR_PROVIDERS)[number];

/** Catalog ids are kebab-case so they are safe in JQL, URLs, issue properties and YAML keys. */
export const TOOL_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const TOOL_ID_MAX_LENGTH = 64;

/** Real group id formats, so a mistyped binding fails at save time rather than at the first grant. */
export const GROUP_ID_PATTERNS: Readonly<
  Record<ConnectorProvider, { pattern: RegExp; example: string; what: string }>
> = {
  okta: {
    pattern: /^00g[A-Za-z0-9]{17}$/,
    example: '00g1emaKYZTWRYYRRTSK',
    what: 'an Okta group id (20 characters starting with 00g)',
  },
  entra: {
    pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    example: '6f3c2a1e-0b4d-4f7a-9c2e-1d5b8a7e9f01',
    what: 'a Microsoft Entra group object id (a GUID)',
  },
};

/** Region codes such as US, EU, UK, JP: upper case, short. */
export const REGION_PATTERN = /^[A-Z]{2,3}$/;
