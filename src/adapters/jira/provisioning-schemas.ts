// zod shapes of the Jira/JSM answers provisioning reads. Lenient on unknown
// keys (Jira adds fields over time), strict on what we use.
import * as z from 'zod';

export const PageBean = <T extends z.ZodType>(item: T) =>
  z.object({ values: z.array(item).default([]), isLast: z.boolean().optional(), total: z.number().optional(), startAt: z.number().optional(), maxResults: z.number().optional() });

/** servicedeskapi pages: {size, start, limit, isLastPage, values}. */
export const JsmPage = <T extends z.ZodType>(item: T) =>
  z.object({ values: z.array(item).default([]), isLastPage: z.boolean().optional(), start: z.number().optional(), size: z.number().optional(), limit: z.number().optional() });

export const FieldJson = z.object({
  id: z.string(),
  name: z.string(),
  custom: z.boolean().optional(),
  description: z.string().optional(),
  searcherKey: z.string().nullish(),
  schema: z.object({ custom: z.string().optional() }).optional(),
});

export const CreatedId = z.object({ id: z.union([z.string(), z.number()]).transform(String) });

export const ContextJson = z.object({ id: z.string(), name: z.string() });

export const OptionJson = z.object({ id: z.string(), value: z.string(), disabled: z.boolean().default(false) });

export const FilterJson = z.object({ id: z.string(), name: z.string(), jql: z.string().default(''), description: z.string().optional() });

export const ProjectJson = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  issueTypes: z.array(z.object({ id: z.string(), name: z.string() })).default([]),
});

export const ServiceDeskJson = z.object({ id: z.union([z.string(), z.number()]).transform(String), projectId: z.union([z.string(), z.number()]).transform(String), projectKey: z.string().optional() });

export const RequestTypeJson = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().default(''),
  helpText: z.string().default(''),
  issueTypeId: z.string(),
  groupIds: z.array(z.string()).default([]),
});

export const RequestTypeFieldsJson = z.object({
  requestTypeFields: z.array(z.object({ fieldId: z.string(), name: z.string().optional(), required: z.boolean().default(false) })).default([]),
});

export const GroupJson = z.object({ id: z.string(), name: z.string() });

export const QueueJson = z.object({ id: z.string(), name: z.string(), jql: z.string().default('') });

export const ProjectStatusesJson = z.array(z.object({ id: z.string(), name: z.string(), statuses: z.array(z.object({ name: z.string() })).default([]) }));

export const MyPermissionsJson = z.object({ permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })) });
