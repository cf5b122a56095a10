// Where a request's details come from:
//  1. the portal request-create panel's issue property `aiClearanceRequest`:
//     its scalar leaves ride on the created event (payload.include.propertyPaths,
//     PANEL_PROPERTY_PATHS — no read); the feature is Preview and may be stale,
//     so when none arrived intake reads the property once (REST) after the form;
//  2. the JSM form's custom fields (*AI tool*, *Business purpose*, *Access
//     duration (days)*), whose ids are site-specific (provisioning record), so
//     the trigger cannot ask for them in payload.include: ONE read of
//     GET /rest/servicedeskapi/request/{key} gives the request type and the
//     form values by field id;
//  3. neither (email, API, a stale or foreign form): summary/description only.
import * as z from 'zod/mini';
import { getCustomerRequest } from '../../adapters/jira/ticket-read';
import type { ProvisioningRecord } from '../../domain/provisioning/record';
import type { RawRequest } from '../../domain/request/intake';
import type { RequestKind } from '../../domain/request/types';
import type { JiraTransport } from '../../ports/jira-transport';
import { includedValue, issuePropertyPath, type IncludedProperties } from './included-properties';

export const REQUEST_PROPERTY_KEY = 'aiClearanceRequest';

/**
 * The panel property's scalar leaves the created trigger asks for. A path that
 * resolves to an object is delivered as null, so the property itself cannot be
 * asked for (https://developer.atlassian.com/platform/forge/events-reference/product_events/
 * § "Filtering by entity properties", key point 5).
 */
export const PANEL_PROPERTY_PATHS = {
  kind: issuePropertyPath(REQUEST_PROPERTY_KEY, 'kind'),
  toolId: issuePropertyPath(REQUEST_PROPERTY_KEY, 'toolId'),
  purpose: issuePropertyPath(REQUEST_PROPERTY_KEY, 'purpose'),
  days: issuePropertyPath(REQUEST_PROPERTY_KEY, 'days'),
} as const;

/** The panel's values as the event carried them; undefined when none arrived (not a panel request, or stale). */
export function fromIncluded(included: IncludedProperties): RawRequest | undefined {
  const entries = Object.entries(PANEL_PROPERTY_PATHS).flatMap(([field, path]) => {
    const v = includedValue(included, path);
    return v === undefined ? [] : [[field, v] as const];
  });
  return entries.length > 0 ? fromProperty(Object.fromEntries(entries)) : undefined;
}

/** What the portal panel writes. Kept small and strict: it is user input. */
export const portalRequestPropertySchema = z.object({
  v: z.optional(z.literal(1)),
  kind: z._default(z.enum(['access', 'extension', 'hand_back']), 'access'),
  toolId: z.optional(z.nullable(z.string().check(z.maxLength(200)))),
  purpose: z.optional(z.nullable(z.string().check(z.maxLength(10_000)))),
  days: z.optional(z.nullable(z.union([z.number(), z.string().check(z.maxLength(20))]))),
});
export type PortalRequestProperty = z.infer<typeof portalRequestPropertySchema>;

/** Request types (template refs) and what they ask for. `proposeAiTool` is the catalog's, not intake's. */
const KIND_BY_REQUEST_TYPE: Readonly<Record<string, RequestKind | 'ignore'>> = {
  requestAiAccess: 'access',
  extendAiAccess: 'extension',
  handBackAiAccess: 'hand_back',
  proposeAiTool: 'ignore',
};

export type SourceResult = { kind: 'request'; raw: RawRequest; reporter?: { accountId: string; active?: boolean | undefined; displayName?: string | undefined } } | { kind: 'not_ours' };

export function fromProperty(value: unknown): RawRequest | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = portalRequestPropertySchema.safeParse(value);
  // A malformed property is still an attempt to file a request: treat what is there as missing.
  const p = parsed.success ? parsed.data : { kind: 'access' as const };
  return { kind: p.kind, source: 'portal_panel', toolRef: p.toolId ?? null, purpose: p.purpose ?? null, days: p.days ?? null };
}

function optionText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = (value as { value?: unknown; name?: unknown }).value ?? (value as { name?: unknown }).name;
    if (typeof v === 'string') return v;
  }
  return null;
}

function plainText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'doc') return adfText(value);
  return null;
}

function adfText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const n = node as { text?: unknown; content?: unknown };
  const own = typeof n.text === 'string' ? n.text : '';
  const kids = Array.isArray(n.content) ? n.content.map(adfText).join(n.content.length > 1 ? ' ' : '') : '';
  return own + kids;
}

/** Reads the form's fields through servicedeskapi (one GET). */
export async function fromFields(jira: JiraTransport, issueKey: string, prov: ProvisioningRecord): Promise<SourceResult> {
  const req = await getCustomerRequest(jira, issueKey);
  const typeRef = Object.entries(prov.requestTypes).find(([, rt]) => rt.id === req.requestTypeId)?.[0];
  const mapped = typeRef ? KIND_BY_REQUEST_TYPE[typeRef] : undefined;
  // The app lives in an existing service project: tickets of other request types are not ours to judge.
  if (mapped === undefined || mapped === 'ignore') return { kind: 'not_ours' };
  const value = (ref: string) => {
    const id = prov.fields[ref]?.id;
    return id ? req.requestFieldValues.find((f) => f.fieldId === id)?.value : undefined;
  };
  const toolRef = optionText(value('aiTool'));
  const purpose = plainText(value('businessPurpose'));
  const daysValue = value('accessDurationDays');
  const days = typeof daysValue === 'number' || typeof daysValue === 'string' ? daysValue : null;
  const reporter = req.reporter ? { accountId: req.reporter.accountId, active: req.reporter.active, displayName: req.reporter.displayName } : undefined;
  // Our request type with none of our fields filled in: it came by email (a JSM email channel files into a
  // request type with only a summary and description) or through the API.
  if (toolRef === null && purpose === null && days === null) {
    return { kind: 'request', raw: { kind: mapped, source: 'email', toolRef: null, purpose: null, days: null }, ...(reporter ? { reporter } : {}) };
  }
  return { kind: 'request', raw: { kind: mapped, source: 'fields', toolRef, purpose: mapped === 'hand_back' ? (purpose ?? '') : purpose, days: mapped === 'hand_back' ? 0 : days }, ...(reporter ? { reporter } : {}) };
}
