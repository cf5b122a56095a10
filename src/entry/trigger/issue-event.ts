// What the issue-created and issue-updated triggers share: the event payload
// schemas, the event parse and the project gate. Both triggers fire for every
// issue on the site, so this module and the triggers' own stay light: they
// parse the event and apply the gate; the use cases load (import()) only for
// the app's project.
import * as z from 'zod/mini';
import { kvsStore } from '../../adapters/kvs/kvs-store';
import { PARSE, issueText } from '../../domain/zod-messages';
import { isAppProject, loadSettingsRead, type AppSettings } from '../../usecases/shared/app-settings';
import { logOutcome } from '../log';
import type { Handoff } from './retry-policy';

export const statusRef = z.looseObject({ id: z.coerce.string(), name: z.string() });
const userRef = z.looseObject({
  accountId: z.string(),
  displayName: z.optional(z.string()),
  accountType: z.optional(z.string()),
  active: z.optional(z.boolean()),
});
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
});
/** `event.payloadIncludeProperties`: the manifest's payload.include.propertyPaths (usecases/shared/included-properties.ts). */
export const includedSchema = z.optional(z.record(z.string(), z.unknown()));
export const retrySchema = z.optional(z.looseObject({ retryCount: z.int().check(z.gte(0)) }));

/** The event, or undefined when it does not match the schema (logged; nothing to retry). */
export function parseEvent<S extends z.ZodMiniType>(
  handler: string,
  schema: S,
  event: unknown,
): z.output<S> | undefined {
  const parsed = schema.safeParse(event, PARSE);
  if (parsed.success) return parsed.data;
  logOutcome(handler, { outcome: 'malformed_event', detail: issueText(parsed.error) });
  return undefined;
}

/**
 * The project gate: one read of the settings record, then an issue of another
 * project is dropped (logged). Returns the settings to hand on to the use case,
 * or `done`: what the handler returns now (dropped, or the retry a failed read
 * asks for).
 */
export async function projectGate(
  handler: string,
  issue: { id: string; key: string; projectKey?: string | undefined },
  retryCount: number,
  handoff?: Handoff,
): Promise<{ settings: AppSettings } | { done: unknown }> {
  let settings: AppSettings;
  try {
    const read = await loadSettingsRead(kvsStore());
    settings = read.settings;
    // A setting that fell back to its default: said in the log, the event goes on.
    if (read.problems.length)
      logOutcome(handler, { issue: issue.key, outcome: 'settings_invalid', problems: read.problems });
  } catch (err) {
    return {
      done: await (
        await import('./retry-policy')
      ).handleFailure(handler, issue.key, issue.id, retryCount, err, handoff),
    };
  }
  if (!isAppProject(settings, issue.projectKey)) {
    logOutcome(handler, { issue: issue.key, outcome: 'ignored', requestId: issue.id });
    return { done: undefined };
  }
  return { settings };
}
