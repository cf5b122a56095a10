// zod schemas for the provisioning templates. Strict objects: a misspelt key
// is an error with its location, not a silently ignored setting.
import * as z from 'zod/mini';
import { OPTIONAL_STATUS_MEANINGS, STATUS_MEANINGS, TRANSITION_MEANINGS } from '../../domain/provisioning/desired';

// Every check carries its own sentence where the error map's generic one
// ("must be at least 1 characters") would read worse.
const ref = z
  .string()
  .check(
    z.regex(
      /^[a-z][A-Za-z0-9]*$/,
      'must be a camelCase identifier such as aiTool (letters and digits, starting with a lower-case letter)',
    ),
    z.maxLength(60, 'must be at most 60 characters'),
  );
const name = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'must not be empty'),
    z.maxLength(255, 'must be at most 255 characters (Jira limit)'),
  );
const text = z.string().check(z.maxLength(2000, 'must be at most 2000 characters'));
const nonEmpty = (max: number, empty = 'must not be empty') =>
  z.string().check(z.trim(), z.minLength(1, empty), z.maxLength(max, `must be at most ${max} characters`));

export const SettingsFile = z.strictObject({
  project: z._default(
    z
      .string()
      .check(
        z.regex(
          /^[A-Z][A-Z0-9_]{1,9}$/,
          'must be a Jira project key such as AIC (2–10 upper-case letters, digits or _)',
        ),
      ),
    'AIC',
  ),
  fieldContext: z._default(
    z.strictObject({
      name: z._default(name, 'AI Clearance'),
      scope: z._default(z.enum(['project', 'global']), 'project'),
    }),
    { name: 'AI Clearance', scope: 'project' },
  ),
  filters: z._default(
    z.strictObject({
      namePrefix: z._default(z.string().check(z.maxLength(100, 'must be at most 100 characters')), 'AI Clearance: '),
      share: z._default(z.enum(['project', 'none']), 'project'),
    }),
    { namePrefix: 'AI Clearance: ', share: 'project' },
  ),
});
export type SettingsFile = z.infer<typeof SettingsFile>;

const optionValue = nonEmpty(255);
const optionKey = z.string().check(z.regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case key such as pending_approval'));
const FieldOption = z.union([optionValue, z.strictObject({ key: optionKey, value: optionValue })], {
  error: 'must be an option value, or { key, value } with a snake_case key',
});

export const FieldEntry = z.strictObject({
  ref,
  name,
  description: z._default(text, ''),
  type: z.string().check(z.minLength(1, 'must not be empty')),
  searcher: z.optional(z.string().check(z.minLength(1, 'must not be empty'))),
  options: z.optional(
    z.union(
      [
        z.literal('catalog'),
        z.array(FieldOption).check(z.minLength(1, 'list at least one option, or write options: catalog')),
      ],
      {
        error: 'must be catalog or a list of options (each a value, or { key, value })',
      },
    ),
  ),
});
export type FieldEntry = z.infer<typeof FieldEntry>;

export const FieldsFile = z.strictObject({
  fields: z.array(FieldEntry).check(z.minLength(1, 'define at least one field')),
});

export const QueueEntry = z.strictObject({
  ref,
  name,
  description: z._default(text, ''),
  jql: nonEmpty(4000, 'must not be empty: write the queue condition, e.g. aicStatus = "active"'),
  orderBy: z.optional(nonEmpty(500)),
});
export type QueueEntry = z.infer<typeof QueueEntry>;

export const QueuesFile = z.strictObject({
  queues: z.array(QueueEntry).check(z.minLength(1, 'define at least one queue')),
});

const statusNames = z.array(name).check(z.minLength(1, 'list at least one status name'));
const transitionNames = z.array(name).check(z.minLength(1, 'list at least one transition name'));
const statusShape = Object.fromEntries(
  STATUS_MEANINGS.map((m) => [m, OPTIONAL_STATUS_MEANINGS.includes(m) ? z.optional(statusNames) : statusNames]),
) as Record<(typeof STATUS_MEANINGS)[number], typeof statusNames | z.ZodMiniOptional<typeof statusNames>>;
const transitionShape = Object.fromEntries(TRANSITION_MEANINGS.map((m) => [m, z.optional(transitionNames)])) as Record<
  (typeof TRANSITION_MEANINGS)[number],
  z.ZodMiniOptional<typeof transitionNames>
>;

export const WorkflowFile = z.strictObject({
  statuses: z.strictObject(statusShape),
  transitions: z._default(z.strictObject(transitionShape), {}),
});
export type WorkflowFile = z.infer<typeof WorkflowFile>;

export const RequestTypeFieldEntry = z.strictObject({
  field: z.string().check(z.minLength(1, 'must not be empty')),
  required: z._default(z.boolean(), false),
  default: z.optional(
    z.union([z.string().check(z.maxLength(2000, 'must be at most 2000 characters')), z.number()], {
      error: 'must be a text or a number',
    }),
  ),
  label: z.optional(nonEmpty(255)),
});

export const RequestTypeFile = z.strictObject({
  ref,
  name,
  issueType: name,
  description: z._default(text, ''),
  helpText: z._default(text, ''),
  portalGroup: name,
  fields: z.array(RequestTypeFieldEntry).check(z.minLength(1, 'list the fields the portal form collects')),
});
export type RequestTypeFile = z.infer<typeof RequestTypeFile>;
