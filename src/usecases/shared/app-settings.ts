// The app's settings record (settings / app): one schema, one reader, for the
// issue triggers' project gate, the use cases, the sweeps and the admin page.
// avi:jira:created:issue and avi:jira:updated:issue fire for every issue on
// the site; the triggers read only this record (one KVS get) to drop events
// from other projects before they load the use cases.
//
// Each setting is parsed on its own: one that does not parse falls back to its
// default and is reported, so a bad retentionDays cannot stop the project gate
// (or a bad portalId the sweeps).
import * as z from 'zod/mini';
import { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../domain/sweeps/retention-limits';
import { PARSE } from '../../domain/zod-messages';
import type { AppStore } from '../../ports/store';

export const SETTINGS_RECORD_ID = 'app';

/** One schema per setting; each has a default (or is optional), which is what a setting that does not parse becomes. */
const SECTIONS = {
  /** The JSM project AI Clearance runs in; events from other projects are ignored. */
  projectKey: z._default(z.string(), 'AIC'),
  /** Help-center portal id, for links in comments. */
  portalId: z.optional(z.string().check(z.regex(/^\d+$/, 'must be a numeric portal id'))),
  /** Who escalations go to (group name), shown in escalation comments. */
  escalationTarget: z.optional(z.string()),
  /** Days after a record closes before its personal data is minimised. */
  retentionDays: z._default(
    z.int().check(z.minimum(MIN_RETENTION_DAYS), z.maximum(MAX_RETENTION_DAYS)),
    DEFAULT_RETENTION_DAYS,
  ),
  /** Live grants of a suspended/retired tool: flag for review (default) or revoke. Anything but `revoke` means flag. */
  // Not z.catch: zod/mini's catch reaches its whole util namespace, ~7 KB in every Forge chunk.
  liveGrantsOnLeave: z.pipe(
    z.optional(z.unknown()),
    z.transform((v): 'flag' | 'revoke' => (v === 'revoke' ? 'revoke' : 'flag')),
  ),
};
type Sections = typeof SECTIONS;

export type AppSettings = { [K in keyof Sections]: z.output<Sections[K]> };

export interface SettingsRead {
  settings: AppSettings;
  /** One sentence per setting that did not parse and fell back to its default (empty when all parsed). */
  problems: string[];
  /** Each setting that did not parse, with its sentence from `problems`. */
  invalid: Partial<Record<keyof AppSettings, string>>;
}

/** The settings in a stored settings/app doc: each setting parsed alone, a bad one replaced by its default. */
export function readSettings(doc: unknown): SettingsRead {
  const problems: string[] = [];
  const invalid: Partial<Record<keyof AppSettings, string>> = {};
  let fields: Record<string, unknown> = {};
  if (doc !== undefined && doc !== null) {
    if (typeof doc === 'object' && !Array.isArray(doc)) fields = doc as Record<string, unknown>;
    else problems.push('settings/app is not an object; using the default settings');
  }
  const settings: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(SECTIONS) as Array<[keyof Sections, Sections[keyof Sections]]>) {
    const parsed = z.safeParse(schema, fields[name], PARSE);
    if (parsed.success) {
      if (parsed.data !== undefined) settings[name] = parsed.data;
      continue;
    }
    const fallback = z.parse(schema, undefined, PARSE);
    if (fallback !== undefined) settings[name] = fallback;
    const problem = `settings/app ${name} is not valid (${parsed.error.issues[0]?.message ?? 'invalid'}); using ${fallback === undefined ? 'none' : JSON.stringify(fallback)} until it is fixed`;
    invalid[name] = problem;
    problems.push(problem);
  }
  return { settings: settings as AppSettings, problems, invalid };
}

/** One read of settings/app. */
export async function loadSettingsRead(store: AppStore): Promise<SettingsRead> {
  return readSettings((await store.get<unknown>('settings', SETTINGS_RECORD_ID))?.doc);
}

/** The settings alone, for callers whose reports go elsewhere (the trigger's gate and the sweeps report the problems). */
export async function loadSettings(store: AppStore): Promise<AppSettings> {
  return (await loadSettingsRead(store)).settings;
}

/** Whether an issue event concerns the app's project (an event that does not say which project is treated as ours). */
export function isAppProject(settings: AppSettings, projectKey: string | undefined): boolean {
  return !projectKey || projectKey === settings.projectKey;
}
