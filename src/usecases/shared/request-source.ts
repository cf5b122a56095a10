// Where a request's details come from:
//  1. the portal request-create panel: its view.submit() field `aiClearanceRequest`,
//     which Jira stores inside ONE issue property keyed by the UUID of the app's id
//     (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-service-management-portal-request-create-property-panel/,
//     "Portal Request Create Property Panel Lifecycle"); the UUID changes on
//     `forge register`, so the handler passes it in from the runtime. Read from the
//     created event when it carries that property, else with ONE
//     GET /rest/api/3/issue/{key}/properties/{uuid};
//  2. the JSM form's custom fields (*AI tool*, *Business purpose*, *Access
//     duration (days)*), whose ids are site-specific (provisioning record), so
//     the trigger cannot ask for them in payload.include: ONE read of
//     GET /rest/servicedeskapi/request/{key} gives the request type and the
//     form values by field id;
//  3. neither (email, API, a stale or foreign form): summary/description only.
import * as z from 'zod/mini';
import type { ProvisioningRecord } from '../../domain/provisioning/record';
import type { RawRequest } from '../../domain/request/intake';
import type { RequestKind } from '../../domain/request/types';
import type { JiraApi } from '../../ports/jira-api';

/** The panel's field key (view.submit fields[].key): the value sits under it in the app's issue property. */
export const PANEL_FIELD_KEY = 'aiClearanceRequest';

/** What the portal panel submits as its field's value. Kept small and strict: it is user input. */
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

/** What a request type of the app asks for; undefined for request types that are not the app's. */
export function kindOfRequestType(
  prov: ProvisioningRecord,
  requestTypeId: string | null | undefined,
): RequestKind | 'ignore' | undefined {
  const typeRef = Object.entries(prov.requestTypes).find(([, rt]) => rt.id === requestTypeId)?.[0];
  return typeRef ? KIND_BY_REQUEST_TYPE[typeRef] : undefined;
}

export type SourceResult =
  | {
      kind: 'request';
      raw: RawRequest;
      reporter?: { accountId: string; active?: boolean | undefined; displayName?: string | undefined };
    }
  | { kind: 'not_ours' };

/**
 * The request in the panel's issue property (`{aiClearanceRequest: {...}}`), or undefined when the property is
 * absent or holds no value of ours (a panel that had nothing to do on that request type may leave `{}`).
 */
export function fromPanelProperty(property: unknown): RawRequest | undefined {
  if (!property || typeof property !== 'object') return undefined;
  return fromPanelField((property as Record<string, unknown>)[PANEL_FIELD_KEY]);
}

function fromPanelField(value: unknown): RawRequest | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = portalRequestPropertySchema.safeParse(value);
  // A malformed property is still an attempt to file a request: treat what is there as missing.
  const p = parsed.success ? parsed.data : { kind: 'access' as const };
  return {
    kind: p.kind,
    source: 'portal_panel',
    toolRef: p.toolId ?? null,
    purpose: p.purpose ?? null,
    days: p.days ?? null,
  };
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

/** The form fields intake reads; without all three ids the form cannot be read. */
const FORM_FIELD_REFS = ['aiTool', 'businessPurpose', 'accessDurationDays'] as const;

/**
 * Why the form cannot be read with this record, or undefined when it can: a form field the site's provisioning
 * has no id for (never provisioned, or discovery found it missing or twice). Intake then waits rather than
 * reading the ticket as an email (which would reject it for naming no tool).
 */
export function formUnreadable(prov: ProvisioningRecord): string | undefined {
  const missing = FORM_FIELD_REFS.filter((ref) => !prov.fields[ref]?.id);
  if (!missing.length) return undefined;
  const problems = (prov.problems ?? [])
    .filter((p) => missing.some((ref) => ref === p.ref))
    .map((p) => `${p.name}: ${p.kind}${p.ids.length ? ` (${p.ids.join(', ')})` : ''}`);
  return `provisioning is incomplete: no field id for ${missing.join(', ')}${problems.length ? ` [${problems.join('; ')}]` : ''}`;
}

/** Our request types the record has no id for: a ticket of an unknown type may be one of them. */
export function unknownRequestTypes(prov: ProvisioningRecord): string[] {
  return Object.keys(KIND_BY_REQUEST_TYPE).filter(
    (ref) => KIND_BY_REQUEST_TYPE[ref] !== 'ignore' && !prov.requestTypes[ref]?.id,
  );
}

/** Reads the form's fields through servicedeskapi (one GET). */
export async function fromFields(jira: JiraApi, issueKey: string, prov: ProvisioningRecord): Promise<SourceResult> {
  const req = await jira.getCustomerRequest(issueKey);
  const mapped = kindOfRequestType(prov, req.requestTypeId);
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
  const reporter = req.reporter
    ? { accountId: req.reporter.accountId, active: req.reporter.active, displayName: req.reporter.displayName }
    : undefined;
  // Our request type with none of our fields filled in: it came by email (a JSM email channel files into a
  // request type with only a summary and description) or through the API.
  if (toolRef === null && purpose === null && days === null) {
    return {
      kind: 'request',
      raw: { kind: mapped, source: 'email', toolRef: null, purpose: null, days: null },
      ...(reporter ? { reporter } : {}),
    };
  }
  return {
    kind: 'request',
    raw: {
      kind: mapped,
      source: 'fields',
      toolRef,
      purpose: mapped === 'hand_back' ? (purpose ?? '') : purpose,
      days: mapped === 'hand_back' ? 0 : days,
    },
    ...(reporter ? { reporter } : {}),
  };
}
