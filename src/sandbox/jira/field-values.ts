// Custom field values: REST input → stored form (with Jira's per-field
// errors), stored form → REST output, → JQL view value, → changelog strings.
import { adfToText, isAdfDoc, textToAdf } from './adf';
import { FIELD_TYPES } from './field-types';
import { jiraDateTime, jiraError } from './http';
import type { StoredField, StoredFieldContext, StoredFieldOption, StoredFieldValue } from './model';
import type { Site } from './site';
import type { JiraStore } from './store/store';
import { requireUserRef, userById, userJson } from './users';

export const NOT_ON_SCREEN = (id: string) =>
  `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
export const ADF_REQUIRED = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';

export function activeFields(store: JiraStore): StoredField[] {
  return store.docList<StoredField>('field').filter((f) => f.state === 'active');
}

export function activeField(store: JiraStore, id: string): StoredField | undefined {
  const f = store.docGet<StoredField>('field', id);
  return f && f.state === 'active' ? f : undefined;
}

/** Options of a field usable in a project: from its global contexts and those naming the project. */
export function fieldOptions(store: JiraStore, fieldId: string, projectId?: string): StoredFieldOption[] {
  const contexts = store
    .docList<StoredFieldContext>('fieldContext', fieldId)
    .filter((c) => !projectId || c.projectIds.length === 0 || c.projectIds.includes(projectId));
  return contexts.flatMap((c) => store.docList<StoredFieldOption>('fieldOption', c.id));
}

/** 'rest' is /rest/api/3 (rich text must be ADF); 'jsm' is requestFieldValues (plain text is accepted). */
export type InputMode = 'rest' | 'jsm';

export function coerceCustomValue(
  site: Site,
  field: StoredField,
  input: unknown,
  mode: InputMode,
  projectId: string,
): StoredFieldValue | null {
  if (input === null || input === undefined) return null;
  const kind = FIELD_TYPES[field.type]?.kind;
  const bad = (message: string) => jiraError(400, [], { [field.id]: message });
  switch (kind) {
    case 'option':
      return { t: 'option', id: resolveOption(site, field, input, mode, projectId) };
    case 'options': {
      if (!Array.isArray(input))
        throw bad(`Field '${field.name}' expects an array of options, e.g. [{"value": "..."}]`);
      return { t: 'options', ids: input.map((i) => resolveOption(site, field, i, mode, projectId)) };
    }
    case 'string':
      if (typeof input !== 'string') throw bad(`Field '${field.name}' expects a string.`);
      if (input.length > 255)
        throw bad('The entered text is too long. It exceeds the allowed limit of 255 characters.');
      return { t: 'string', v: input };
    case 'adf':
      if (mode === 'jsm' && typeof input === 'string') return { t: 'adf', doc: textToAdf(input) };
      if (!isAdfDoc(input)) throw bad(ADF_REQUIRED);
      return { t: 'adf', doc: input };
    case 'number': {
      const n = typeof input === 'string' && mode === 'jsm' ? Number(input) : input;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw bad(`Field '${field.name}' expects a number.`);
      return { t: 'number', v: n };
    }
    case 'datetime': {
      const ms = typeof input === 'string' ? Date.parse(input.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN;
      if (Number.isNaN(ms))
        throw bad(
          `Invalid date format for '${field.name}'. Use an ISO-8601 date-time such as 2026-01-31T09:00:00.000+0000.`,
        );
      return { t: 'datetime', ms };
    }
    case 'date':
      if (typeof input !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(input) || Number.isNaN(Date.parse(input)))
        throw bad(`Invalid date format for '${field.name}'. Use yyyy-MM-dd.`);
      return { t: 'date', v: input };
    case 'user':
      return {
        t: 'user',
        accountId: requireUserRef(
          site,
          field.id,
          typeof input === 'string' && mode === 'jsm' ? { accountId: input } : input,
        ),
      };
    default:
      throw bad(NOT_ON_SCREEN(field.id));
  }
}

function resolveOption(site: Site, field: StoredField, input: unknown, mode: InputMode, projectId: string): string {
  const options = fieldOptions(site.store, field.id, projectId);
  const ref =
    typeof input === 'string' && mode === 'jsm'
      ? { id: input, value: input }
      : (input as { id?: unknown; value?: unknown } | null);
  const byId = typeof ref?.id === 'string' ? options.find((o) => o.id === ref.id) : undefined;
  const byValue = !byId && typeof ref?.value === 'string' ? options.find((o) => o.value === ref.value) : undefined;
  const found = byId ?? byValue;
  // Disabled options stay on issues that have them but cannot be newly chosen.
  if (found && !found.disabled) return found.id;
  const shown =
    typeof ref?.id === 'string'
      ? `id '${ref.id}'`
      : typeof ref?.value === 'string'
        ? `value '${ref.value}'`
        : `'${JSON.stringify(input)}'`;
  throw jiraError(400, [], { [field.id]: `Option ${shown} is not valid` });
}

function optionById(store: JiraStore, id: string): StoredFieldOption | undefined {
  return store.docGet<StoredFieldOption>('fieldOption', id);
}

export function renderCustomValue(site: Site, v: StoredFieldValue): unknown {
  const option = (id: string) => ({
    self: `${site.baseUrl}/rest/api/3/customFieldOption/${id}`,
    value: optionById(site.store, id)?.value ?? '',
    id,
  });
  switch (v.t) {
    case 'option':
      return option(v.id);
    case 'options':
      return v.ids.map(option);
    case 'string':
    case 'date':
      return v.v;
    case 'number':
      return v.v;
    case 'adf':
      return v.doc;
    case 'datetime':
      return jiraDateTime(v.ms);
    case 'user':
      return userJson(site, v.accountId);
  }
}

/** The value as the JQL engine sees it (see JqlIssueView.customFields). */
export function viewCustomValue(store: JiraStore, v: StoredFieldValue): unknown {
  const option = (id: string) => ({ id, value: optionById(store, id)?.value ?? '' });
  switch (v.t) {
    case 'option':
      return option(v.id);
    case 'options':
      return v.ids.map(option);
    case 'string':
    case 'date':
    case 'number':
      return v.v;
    case 'adf':
      return adfToText(v.doc);
    case 'datetime':
      return new Date(v.ms).toISOString();
    case 'user':
      return { accountId: v.accountId };
  }
}

/** Changelog raw id and display string, as Jira records them. */
export function changelogPair(
  store: JiraStore,
  v: StoredFieldValue | null,
): { raw: string | null; text: string | null } {
  if (!v) return { raw: null, text: null };
  switch (v.t) {
    case 'option':
      return { raw: v.id, text: optionById(store, v.id)?.value ?? null };
    case 'options':
      return { raw: v.ids.join(','), text: v.ids.map((id) => optionById(store, id)?.value ?? '').join(',') };
    case 'string':
    case 'date':
      return { raw: null, text: v.v };
    case 'number':
      return { raw: null, text: String(v.v) };
    case 'adf':
      return { raw: null, text: adfToText(v.doc) };
    case 'datetime':
      return { raw: jiraDateTime(v.ms), text: jiraDateTime(v.ms) };
    case 'user':
      return { raw: v.accountId, text: userById(store, v.accountId)?.displayName ?? v.accountId };
  }
}
