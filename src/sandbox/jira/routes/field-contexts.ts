// Custom field contexts and their select-list options (admin only, as on
// Cloud). Disabled options stay on issues but cannot be chosen again.
import * as z from 'zod';
import { FIELD_TYPES } from '../field-types';
import { intParam, jiraError, noContent, ok, parseBody } from '../http';
import type { StoredField, StoredFieldContext, StoredFieldOption } from '../model';
import { requireAdmin } from '../permissions';
import { ISSUE_TYPES, PROJECT } from '../site-data';
import type { Call, Route, Site } from '../site';
import { fieldOr404 } from './fields';

const CreateContext = z.object({
  name: z.string().trim().min(1, 'The name of the context is required.'),
  description: z.string().optional(),
  projectIds: z.array(z.string()).optional(),
  issueTypeIds: z.array(z.string()).optional(),
});
const UpdateContext = z.object({ name: z.string().trim().min(1).optional(), description: z.string().optional() });
const CreateOptions = z.object({
  options: z
    .array(
      z.object({
        value: z.string().trim().min(1, 'The option value is required.').max(255),
        disabled: z.boolean().optional(),
        optionId: z.string().optional(),
      }),
    )
    .min(1),
});
const UpdateOptions = z.object({
  options: z
    .array(
      z.object({
        id: z.string(),
        value: z.string().trim().min(1).max(255).optional(),
        disabled: z.boolean().optional(),
      }),
    )
    .min(1),
});

function page<T>(values: T[], startAt: number, maxResults: number) {
  const slice = values.slice(startAt, startAt + maxResults);
  return { maxResults, startAt, total: values.length, isLast: startAt + slice.length >= values.length, values: slice };
}

function contextOr404(site: Site, field: StoredField, contextId: string): StoredFieldContext {
  const ctx = site.store.docGet<StoredFieldContext>('fieldContext', contextId);
  if (!ctx || ctx.fieldId !== field.id) throw jiraError(404, [`The context was not found.`]);
  return ctx;
}

function contextJson(c: StoredFieldContext) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    isGlobalContext: c.projectIds.length === 0,
    isAnyIssueType: c.issueTypeIds.length === 0,
  };
}

function optionJson(o: StoredFieldOption) {
  return { id: o.id, value: o.value, disabled: o.disabled };
}

function listContexts({ site, actor, req, params }: Call) {
  requireAdmin(actor);
  const field = fieldOr404(site, params.fieldId);
  const only = req.query.getAll('contextId');
  const all = site.store
    .docList<StoredFieldContext>('fieldContext', field.id)
    .filter((c) => only.length === 0 || only.includes(c.id));
  return ok(
    page(all.map(contextJson), intParam(req.query, 'startAt', 0, 0), intParam(req.query, 'maxResults', 50, 1, 100)),
  );
}

function createContext({ site, actor, req, params }: Call) {
  requireAdmin(actor);
  const field = fieldOr404(site, params.fieldId);
  const body = parseBody(CreateContext, req.body);
  for (const p of body.projectIds ?? [])
    if (p !== PROJECT.id) throw jiraError(404, [`The project with id '${p}' was not found.`]);
  for (const t of body.issueTypeIds ?? [])
    if (!ISSUE_TYPES.some((x) => x.id === t)) throw jiraError(404, [`The issue type with id '${t}' was not found.`]);
  const id = String(site.store.nextId('fieldContext', 10100));
  const ctx: StoredFieldContext = {
    id,
    fieldId: field.id,
    name: body.name,
    description: body.description ?? '',
    projectIds: body.projectIds ?? [],
    issueTypeIds: body.issueTypeIds ?? [],
  };
  site.store.docPut('fieldContext', id, ctx, field.id);
  return ok(
    { id, name: ctx.name, description: ctx.description, projectIds: ctx.projectIds, issueTypeIds: ctx.issueTypeIds },
    201,
  );
}

function updateContext({ site, actor, req, params }: Call) {
  requireAdmin(actor);
  const ctx = contextOr404(site, fieldOr404(site, params.fieldId), params.contextId);
  const body = parseBody(UpdateContext, req.body);
  site.store.docPut('fieldContext', ctx.id, { ...ctx, ...body }, ctx.fieldId);
  return noContent();
}

function deleteContext({ site, actor, params }: Call) {
  requireAdmin(actor);
  const ctx = contextOr404(site, fieldOr404(site, params.fieldId), params.contextId);
  site.store.docDeleteByParent('fieldOption', ctx.id);
  site.store.docDelete('fieldContext', ctx.id);
  return noContent();
}

function selectContext(call: Call): { field: StoredField; ctx: StoredFieldContext } {
  requireAdmin(call.actor);
  const field = fieldOr404(call.site, call.params.fieldId);
  const ctx = contextOr404(call.site, field, call.params.contextId);
  if (!FIELD_TYPES[field.type]?.options) throw jiraError(400, ["The custom field doesn't support options."]);
  return { field, ctx };
}

function listOptions(call: Call) {
  const { ctx } = selectContext(call);
  const only = call.req.query.get('optionId');
  const all = call.site.store.docList<StoredFieldOption>('fieldOption', ctx.id).filter((o) => !only || o.id === only);
  return ok(
    page(
      all.map(optionJson),
      intParam(call.req.query, 'startAt', 0, 0),
      intParam(call.req.query, 'maxResults', 100, 1, 1000),
    ),
  );
}

function createOptions(call: Call) {
  const { ctx } = selectContext(call);
  const body = parseBody(CreateOptions, call.req.body);
  const existing = new Set(
    call.site.store.docList<StoredFieldOption>('fieldOption', ctx.id).map((o) => o.value.toLowerCase()),
  );
  const created: StoredFieldOption[] = [];
  for (const o of body.options) {
    if (existing.has(o.value.toLowerCase()))
      throw jiraError(400, [`The option '${o.value}' already exists in this context.`]);
    existing.add(o.value.toLowerCase());
    const id = String(call.site.store.nextId('fieldOption', 10200));
    const opt: StoredFieldOption = { id, contextId: ctx.id, value: o.value, disabled: o.disabled ?? false };
    call.site.store.docPut('fieldOption', id, opt, ctx.id);
    created.push(opt);
  }
  return ok({ options: created.map(optionJson) });
}

function updateOptions(call: Call) {
  const { ctx } = selectContext(call);
  const body = parseBody(UpdateOptions, call.req.body);
  const all = call.site.store.docList<StoredFieldOption>('fieldOption', ctx.id);
  const updated: StoredFieldOption[] = [];
  for (const change of body.options) {
    const opt = all.find((o) => o.id === change.id);
    if (!opt) throw jiraError(400, [`The option with id '${change.id}' was not found in this context.`]);
    if (
      change.value !== undefined &&
      all.some((o) => o.id !== opt.id && o.value.toLowerCase() === change.value!.toLowerCase())
    ) {
      throw jiraError(400, [`The option '${change.value}' already exists in this context.`]);
    }
    Object.assign(opt, {
      ...(change.value !== undefined ? { value: change.value } : {}),
      ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
    });
    call.site.store.docPut('fieldOption', opt.id, opt, ctx.id);
    updated.push(opt);
  }
  return ok({ options: updated.map(optionJson) });
}

function deleteOption(call: Call) {
  const { ctx } = selectContext(call);
  const opt = call.site.store.docGet<StoredFieldOption>('fieldOption', call.params.optionId);
  if (!opt || opt.contextId !== ctx.id) throw jiraError(404, ['The option was not found.']);
  call.site.store.docDelete('fieldOption', opt.id);
  return noContent();
}

const CTX = '/rest/api/3/field/{fieldId}/context';
export const fieldContextRoutes: Route[] = [
  { method: 'GET', path: CTX, handler: listContexts },
  { method: 'POST', path: CTX, handler: createContext },
  { method: 'PUT', path: `${CTX}/{contextId}`, handler: updateContext },
  { method: 'DELETE', path: `${CTX}/{contextId}`, handler: deleteContext },
  { method: 'GET', path: `${CTX}/{contextId}/option`, handler: listOptions },
  { method: 'POST', path: `${CTX}/{contextId}/option`, handler: createOptions },
  { method: 'PUT', path: `${CTX}/{contextId}/option`, handler: updateOptions },
  { method: 'DELETE', path: `${CTX}/{contextId}/option/{optionId}`, handler: deleteOption },
];
