// zod schemas for the provisioning templates. Strict objects: a misspelt key
// is an error with its location, not a silently ignored setting.
import * as z from 'zod';
import { OPTIONAL_STATUS_MEANINGS, STATUS_MEANINGS, TRANSITION_MEANINGS } from '../../domain/provisioning/desired';

const ref = z
  .string()
  .regex(/^[a-z][A-Za-z0-9]*$/, 'must be a camelCase identifier such as aiTool (letters and digits, starting with a lower-case letter)')
  .max(60);
const name = z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters (Jira limit)');
const text = z.string().max(2000, 'must be at most 2000 characters');

export const SettingsFile = z
  .object({
    project: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'must be a Jira project key such as AIC (2–10 upper-case letters, digits or _)')
      .default('AIC'),
    fieldContext: z
      .object({
        name: name.default('AI Clearance'),
        scope: z.enum(['project', 'global']).default('project'),
      })
      .strict()
      .default({ name: 'AI Clearance', scope: 'project' }),
    filters: z
      .object({
        namePrefix: z.string().max(100).default('AI Clearance: '),
        share: z.enum(['project', 'none']).default('project'),
      })
      .strict()
      .default({ namePrefix: 'AI Clearance: ', share: 'project' }),
  })
  .strict();
export type SettingsFile = z.infer<typeof SettingsFile>;

const optionValue = z.string().trim().min(1, 'must not be empty').max(255);
const optionKey = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case key such as pending_approval');
const FieldOption = z.union([optionValue, z.object({ key: optionKey, value: optionValue }).strict()]);

export const FieldEntry = z
  .object({
    ref,
    name,
    description: text.default(''),
    type: z.string().min(1),
    searcher: z.string().min(1).optional(),
    options: z.union([z.literal('catalog'), z.array(FieldOption).min(1, 'list at least one option, or write options: catalog')]).optional(),
  })
  .strict();
export type FieldEntry = z.infer<typeof FieldEntry>;

export const FieldsFile = z.object({ fields: z.array(FieldEntry).min(1, 'define at least one field') }).strict();

export const QueueEntry = z
  .object({
    ref,
    name,
    description: text.default(''),
    jql: z.string().trim().min(1, 'must not be empty: write the queue condition, e.g. aicStatus = "active"').max(4000),
    orderBy: z.string().trim().min(1).max(500).optional(),
  })
  .strict();
export type QueueEntry = z.infer<typeof QueueEntry>;

export const QueuesFile = z.object({ queues: z.array(QueueEntry).min(1, 'define at least one queue') }).strict();

const statusNames = z.array(name).min(1, 'list at least one status name');
const transitionNames = z.array(name).min(1, 'list at least one transition name');
const statusShape = Object.fromEntries(STATUS_MEANINGS.map((m) => [m, OPTIONAL_STATUS_MEANINGS.includes(m) ? statusNames.optional() : statusNames])) as Record<
  (typeof STATUS_MEANINGS)[number],
  typeof statusNames | z.ZodOptional<typeof statusNames>
>;
const transitionShape = Object.fromEntries(TRANSITION_MEANINGS.map((m) => [m, transitionNames.optional()])) as Record<
  (typeof TRANSITION_MEANINGS)[number],
  z.ZodOptional<typeof transitionNames>
>;

export const WorkflowFile = z
  .object({
    statuses: z.object(statusShape).strict(),
    transitions: z.object(transitionShape).strict().default({}),
  })
  .strict();
export type WorkflowFile = z.infer<typeof WorkflowFile>;

export const RequestTypeFieldEntry = z
  .object({
    field: z.string().min(1),
    required: z.boolean().default(false),
    default: z.union([z.string().max(2000), z.number()]).optional(),
    label: z.string().trim().min(1).max(255).optional(),
  })
  .strict();

export const RequestTypeFile = z
  .object({
    ref,
    name,
    issueType: name,
    description: text.default(''),
    helpText: text.default(''),
    portalGroup: name,
    fields: z.array(RequestTypeFieldEntry).min(1, 'list the fields the portal form collects'),
  })
  .strict();
export type RequestTypeFile = z.infer<typeof RequestTypeFile>;
