// Raising a customer request, shared by POST /rest/servicedeskapi/request and
// the sandbox's portal emulation (which also stores the portal panel's
// issue property in the same step, as the JSM portal does).
import * as z from 'zod';
import { activeField } from './field-values';
import { serviceDeskError } from './http';
import { blankIssue, createIssue } from './issue-ops';
import type { StoredIssue, StoredRequestType } from './model';
import { PROJECT, SERVICE_DESK } from './site-data';
import type { Actor, Site } from './site';
import { userByEmail, userById } from './users';

export const CreateRequestBody = z.looseObject({
  serviceDeskId: z.union([z.string(), z.number()]).transform(String),
  requestTypeId: z.union([z.string(), z.number()]).transform(String),
  requestFieldValues: z.record(z.string(), z.unknown()).default({}),
  raiseOnBehalfOf: z.string().optional(),
  requestParticipants: z.array(z.string()).optional(),
  isAdfRequest: z.boolean().optional(),
});
export type CreateRequestBody = z.infer<typeof CreateRequestBody>;

export function requestTypeOr404(site: Site, serviceDeskId: string, requestTypeId: string): StoredRequestType {
  const rt = site.store.docGet<StoredRequestType>('requestType', requestTypeId);
  if (!rt || rt.serviceDeskId !== serviceDeskId)
    throw serviceDeskError(
      404,
      `The request type ${requestTypeId} does not exist in service desk ${serviceDeskId}.`,
      'sd.request.type.not.found',
    );
  return rt;
}

export function serviceDeskOr404(id: string): void {
  if (id !== SERVICE_DESK.id)
    throw serviceDeskError(
      404,
      `The service desk ${id} does not exist or you do not have permission to access it.`,
      'sd.servicedesk.not.found',
    );
}

function resolveUser(site: Site, ref: string): string {
  const u = userById(site.store, ref) ?? userByEmail(site.store, ref);
  if (!u) throw serviceDeskError(400, `The user '${ref}' does not exist.`, 'sd.user.not.found');
  return u.accountId;
}

/**
 * `channel: 'email'` is a JSM email channel: the request lands in the channel's request type with only a
 * summary and description, whatever the portal form requires.
 */
export function createCustomerRequest(
  site: Site,
  actor: Actor,
  body: CreateRequestBody,
  properties: Array<{ key: string; value: unknown }> = [],
  channel: 'portal' | 'email' = 'portal',
): StoredIssue {
  serviceDeskOr404(body.serviceDeskId);
  const rt = requestTypeOr404(site, body.serviceDeskId, body.requestTypeId);
  let reporter = actor.accountId;
  if (body.raiseOnBehalfOf !== undefined) {
    reporter = resolveUser(site, body.raiseOnBehalfOf);
    if (reporter !== actor.accountId && !actor.isAgent)
      throw serviceDeskError(
        403,
        'You do not have permission to raise a request on behalf of another customer.',
        'sd.request.create.onbehalf.forbidden',
      );
  }
  // JSM accepts only the request type's portal fields, and requires the required ones.
  const allowed = new Map(
    channel === 'email'
      ? [
          ['summary', { fieldId: 'summary', required: true }],
          ['description', { fieldId: 'description', required: false }],
        ]
      : rt.fields.map((f) => [f.fieldId, f]),
  );
  for (const fieldId of Object.keys(body.requestFieldValues)) {
    if (!allowed.has(fieldId))
      throw serviceDeskError(
        400,
        `The field '${fieldId}' is not a field of request type '${rt.name}'. Add it to the request type's portal form first.`,
        'sd.request.create.field.not.in.requesttype',
      );
  }
  for (const f of channel === 'email' ? [] : rt.fields) {
    const v = body.requestFieldValues[f.fieldId];
    if (f.required && (v === undefined || v === null || v === '')) {
      const label =
        f.name ?? (f.fieldId === 'summary' ? 'Summary' : (activeField(site.store, f.fieldId)?.name ?? f.fieldId));
      throw serviceDeskError(400, `${label}: this field is required.`, 'sd.request.create.field.required');
    }
  }
  const draft = blankIssue(site, actor, PROJECT.id, rt.issueTypeId);
  draft.reporter = reporter;
  draft.requestTypeId = rt.id;
  draft.participants = (body.requestParticipants ?? []).map((p) => resolveUser(site, p)).filter((a) => a !== reporter);
  return createIssue(
    site,
    actor,
    draft,
    { fields: body.requestFieldValues, properties },
    { mode: body.isAdfRequest ? 'rest' : 'jsm' },
  );
}
