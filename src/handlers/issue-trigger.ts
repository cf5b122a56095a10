// The event payload schemas the issue-created and issue-updated triggers
// share. Both triggers fire for every issue on the site, so this module and
// the triggers' own stay light: they parse the event and apply the project
// gate; the use cases load (import()) only for the app's project.
import * as z from 'zod/mini';

export const statusRef = z.looseObject({ id: z.coerce.string(), name: z.string() });
const userRef = z.looseObject({ accountId: z.string(), displayName: z.optional(z.string()), accountType: z.optional(z.string()), active: z.optional(z.boolean()) });
export const issueSchema = z.looseObject({
  id: z.coerce.string(),
  key: z.string(),
  fields: z.optional(
    z.looseObject({
      status: z.nullish(statusRef),
      project: z.nullish(z.looseObject({ key: z.string() })),
      reporter: z.nullish(userRef),
    }),
  ),
  properties: z.optional(z.record(z.string(), z.unknown())),
});
export const retrySchema = z.optional(z.looseObject({ retryCount: z.int().check(z.gte(0)) }));
