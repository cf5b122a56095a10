// zod shapes of the Jira/JSM answers provisioning reads. Lenient on unknown
// keys (Jira adds fields over time), strict on what we use.
import * as z from 'zod/mini';

export const PageBean = <T extends z.ZodMiniType>(item: T) =>
  z.object({
    values: z._default(z.array(item), []),
    isLast: z.optional(z.boolean()),
    total: z.optional(z.number()),
    startAt: z.optional(z.number()),
    maxResults: z.optional(z.number()),
  });

/** servicedeskapi pages: {size, start, limit, isLastPage, values}. */
export const JsmPage = <T extends z.ZodMiniType>(item: T) =>
  z.object({
    values: z._default(z.array(item), []),
    isLastPage: z.optional(z.boolean()),
    start: z.optional(z.number()),
    size: z.optional(z.number()),
    limit: z.optional(z.number()),
  });

/** An id Jira sends as a string or a number, as a string. */
const idString = () =>
  z.pipe(
    z.union([z.string(), z.number()]),
    z.transform((v) => String(v)),
  );

export const FieldJson = z.object({
  id: z.string(),
  name: z.string(),
  custom: z.optional(z.boolean()),
  description: z.optional(z.string()),
  searcherKey: z.nullish(z.string()),
  schema: z.optional(z.object({ custom: z.optional(z.string()) })),
});

export const CreatedId = z.object({ id: idString() });

export const ContextJson = z.object({ id: z.string(), name: z.string() });

export const OptionJson = z.object({ id: z.string(), value: z.string(), disabled: z._default(z.boolean(), false) });

export const FilterJson = z.object({
  id: z.string(),
  name: z.string(),
  jql: z._default(z.string(), ''),
  description: z.optional(z.string()),
});

export const ProjectJson = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  issueTypes: z._default(z.array(z.object({ id: z.string(), name: z.string() })), []),
});

export const ServiceDeskJson = z.object({ id: idString(), projectId: idString(), projectKey: z.optional(z.string()) });

export const RequestTypeJson = z.object({
  id: z.string(),
  name: z.string(),
  description: z._default(z.string(), ''),
  helpText: z._default(z.string(), ''),
  issueTypeId: z.string(),
  groupIds: z._default(z.array(z.string()), []),
});

export const RequestTypeFieldsJson = z.object({
  requestTypeFields: z._default(
    z.array(z.object({ fieldId: z.string(), name: z.optional(z.string()), required: z._default(z.boolean(), false) })),
    [],
  ),
});

export const GroupJson = z.object({ id: z.string(), name: z.string() });

export const QueueJson = z.object({ id: z.string(), name: z.string(), jql: z._default(z.string(), '') });

export const ProjectStatusesJson = z.array(
  z.object({ id: z.string(), name: z.string(), statuses: z._default(z.array(z.object({ name: z.string() })), []) }),
);

/** GET /rest/api/3/workflow/search?expand=transitions,statuses: a Workflow with its Transitions (from/to are status ids). */
export const WorkflowJson = z.object({
  id: z.object({ name: z.string() }),
  transitions: z._default(
    z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        from: z._default(z.array(z.string()), []),
        to: z.string(),
        type: z.optional(z.string()),
      }),
    ),
    [],
  ),
  statuses: z._default(z.array(z.object({ id: z.string(), name: z.string() })), []),
});

export const MyPermissionsJson = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })),
});

/** GET /rest/api/3/screens: PageBeanScreen (ids are integers). */
export const ScreenJson = z.object({ id: idString(), name: z.string() });

/** GET /rest/api/3/screens/{screenId}/tabs: ScreenableTab[]. */
export const ScreenTabsJson = z.array(z.object({ id: idString(), name: z._default(z.string(), '') }));

/** GET /rest/api/3/screens/{screenId}/tabs/{tabId}/fields: ScreenableField[]. */
export const ScreenTabFieldsJson = z.array(z.object({ id: z.string(), name: z.optional(z.string()) }));

/** GET /rest/api/3/screenscheme: ScreenScheme, screens is ScreenTypes (integer ids). */
export const ScreenSchemeJson = z.object({
  id: idString(),
  name: z.string(),
  screens: z.object({
    default: z.optional(idString()),
    create: z.optional(idString()),
    edit: z.optional(idString()),
    view: z.optional(idString()),
  }),
});

/** GET /rest/api/3/issuetypescreenscheme/project: IssueTypeScreenSchemesProjects. */
export const IssueTypeScreenSchemeProjectsJson = z.object({
  issueTypeScreenScheme: z.object({ id: idString(), name: z.string() }),
  projectIds: z._default(z.array(idString()), []),
});

/** GET /rest/api/3/issuetypescreenscheme/mapping: IssueTypeScreenSchemeItem. */
export const IssueTypeScreenSchemeItemJson = z.object({
  issueTypeScreenSchemeId: idString(),
  issueTypeId: z.string(),
  screenSchemeId: idString(),
});
