// The *AI tool* custom field's select options, over the JiraTransport (as the
// app: options are site configuration, and the app account is a Jira admin).
// Options are never deleted — a disabled option stays on old tickets and in
// JQL, so history remains searchable.
import { AdapterError } from '../../ports/errors';
import * as z from 'zod/mini';
import { PARSE } from '../../domain/zod-messages';
import type { JiraTransport } from '../../ports/jira-transport';
import type { FieldOption, FieldRef } from '../../ports/jira-api';
import { jiraRoute } from './routes';

export const AI_TOOL_FIELD_NAME = 'AI tool';

const optionSchema = z.object({ id: z.string(), value: z.string(), disabled: z._default(z.boolean(), false) });
const optionPage = z.object({
  values: z.array(optionSchema),
  isLast: z.optional(z.boolean()),
  total: z.optional(z.number()),
});
const fieldPage = z.object({ values: z.array(z.object({ id: z.string(), name: z.string() })) });
const contextPage = z.object({
  values: z.array(z.object({ id: z.string(), isGlobalContext: z.optional(z.boolean()) })),
});
const createdOptions = z.object({ options: z.array(optionSchema) });

export class AiToolFieldMissingError extends AdapterError {
  readonly code = 'AI_TOOL_FIELD_MISSING';
  constructor(detail: string) {
    super(
      `The "${AI_TOOL_FIELD_NAME}" field ${detail}; run provisioning (admin page or \`ai-clearance provision apply\`), then sync the options again.`,
    );
    this.name = 'AiToolFieldMissingError';
  }
}

/**
 * Finds the field and its context: the provisioning record's ids when given
 * (no read), else by exact name — the record is a hint, the site is the truth.
 */
export async function findAiToolField(
  jira: JiraTransport,
  hint?: { id: string; contextId?: string | undefined },
): Promise<FieldRef> {
  let fieldId = hint?.id;
  if (!fieldId) {
    const res = await jira.request({
      ...jiraRoute('GET /rest/api/3/field/search'),
      query: { type: 'custom', query: AI_TOOL_FIELD_NAME, maxResults: 50 },
    });
    const match = fieldPage.parse(res.body, PARSE).values.filter((f) => f.name === AI_TOOL_FIELD_NAME);
    if (match.length === 0) throw new AiToolFieldMissingError('does not exist on this site');
    if (match.length > 1)
      throw new AiToolFieldMissingError(
        `exists ${match.length} times (${match.map((f) => f.id).join(', ')}); keep one`,
      );
    fieldId = match[0].id;
  }
  if (hint?.contextId && hint.id === fieldId) return { fieldId, contextId: hint.contextId };
  const res = await jira.request({
    ...jiraRoute('GET /rest/api/3/field/{fieldId}/context', { fieldId }),
    query: { maxResults: 50 },
  });
  const contexts = contextPage.parse(res.body, PARSE).values;
  const ctx = contexts.find((c) => c.isGlobalContext) ?? contexts[0];
  if (!ctx) throw new AiToolFieldMissingError(`(${fieldId}) has no context`);
  return { fieldId, contextId: ctx.id };
}

export async function listOptions(jira: JiraTransport, ref: FieldRef): Promise<FieldOption[]> {
  const out: FieldOption[] = [];
  for (let startAt = 0; ;) {
    const res = await jira.request({
      ...jiraRoute('GET /rest/api/3/field/{fieldId}/context/{contextId}/option', ref),
      query: { startAt, maxResults: 1000 },
    });
    const page = optionPage.parse(res.body, PARSE);
    out.push(...page.values);
    startAt += page.values.length;
    if (page.isLast !== false || page.values.length === 0) return out;
  }
}

export async function createOptions(
  jira: JiraTransport,
  ref: FieldRef,
  values: readonly string[],
): Promise<FieldOption[]> {
  if (values.length === 0) return [];
  const res = await jira.request({
    ...jiraRoute('POST /rest/api/3/field/{fieldId}/context/{contextId}/option', ref),
    body: { options: values.map((value) => ({ value, disabled: false })) },
  });
  return createdOptions.parse(res.body, PARSE).options;
}

/** Enables or disables existing options (PUT with disabled; values unchanged). */
export async function setOptionsDisabled(
  jira: JiraTransport,
  ref: FieldRef,
  changes: ReadonlyArray<{ id: string; disabled: boolean }>,
): Promise<void> {
  if (changes.length === 0) return;
  await jira.request({
    ...jiraRoute('PUT /rest/api/3/field/{fieldId}/context/{contextId}/option', ref),
    body: { options: changes.map((c) => ({ id: c.id, disabled: c.disabled })) },
  });
}
