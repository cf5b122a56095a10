// The app's settings record (settings / app) and the project gate the issue
// triggers apply first. avi:jira:created:issue and avi:jira:updated:issue
// fire for every issue on the site; the triggers read only this record (one
// KVS get) to drop events from other projects before they load the use cases.
import * as z from 'zod/mini';
import type { AppStore } from '../../ports/store';
import { parseStored } from './stored-data';

export const SETTINGS_RECORD_ID = 'app';

export const appSettingsSchema = z.looseObject({
  /** The JSM project AI Clearance runs in; events from other projects are ignored. */
  projectKey: z._default(z.string(), 'AIC'),
  /** Help-center portal id, for links in comments. */
  portalId: z.optional(z.string().check(z.regex(/^\d+$/, 'must be a numeric portal id'))),
  /** Who escalations go to (group name), shown in escalation comments. */
  escalationTarget: z.optional(z.string()),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

export async function loadSettings(store: AppStore): Promise<AppSettings> {
  return settingsOf((await store.get<unknown>('settings', SETTINGS_RECORD_ID))?.doc);
}

/** The app settings in a stored settings/app doc (absent: the defaults). */
export function settingsOf(doc: unknown): AppSettings {
  return parseStored(appSettingsSchema, doc ?? {}, 'settings');
}

/** Whether an issue event concerns the app's project (an event that does not say which project is treated as ours). */
export function isAppProject(settings: AppSettings, projectKey: string | undefined): boolean {
  return !projectKey || projectKey === settings.projectKey;
}
