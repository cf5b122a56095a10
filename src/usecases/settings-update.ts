// The admin's Settings: the project the app runs in, who escalations go to, how long closed records keep
// personal data, and what happens to live grants when a tool leaves the catalog. All live in settings/app
// (read by the triggers, the sweeps and the catalog consequences); a change is stored with its
// settings.updated event (before and after of what changed) in one commit.
import type { RandomBytes } from '../domain/governance/chain';
import type { Actor } from '../domain/governance/event';
import type { AppStore } from '../ports/store';
import { readSettings, SETTINGS_RECORD_ID } from './shared/app-settings';
import { withConflictRetry } from './shared/commit';
import { UseCaseRefusal } from './shared/errors';
import { chainEvents } from './shared/governance';

export interface EditableSettings {
  projectKey: string;
  portalId: string | null;
  escalationTarget: string | null;
  retentionDays: number;
  liveGrantsOnLeave: 'flag' | 'revoke';
}

export type SettingsChange = Partial<EditableSettings>;

/** The settings as the app reads them (one reader: a stored setting that does not parse reads as its default). */
function editable(doc: unknown): EditableSettings {
  const { settings } = readSettings(doc);
  return {
    projectKey: settings.projectKey,
    portalId: settings.portalId ?? null,
    escalationTarget: settings.escalationTarget ?? null,
    retentionDays: settings.retentionDays,
    liveGrantsOnLeave: settings.liveGrantsOnLeave,
  };
}

export async function getSettings(store: AppStore): Promise<EditableSettings & { version: number }> {
  const rec = await store.get<unknown>('settings', SETTINGS_RECORD_ID);
  return { ...editable(rec?.doc), version: rec?.version ?? 0 };
}

export async function updateSettings(
  deps: { store: AppStore; now: () => Date; random: RandomBytes },
  change: SettingsChange,
  actor: Actor,
): Promise<EditableSettings & { version: number; changed: string[] }> {
  return withConflictRetry('settings update', async () => {
    const rec = await deps.store.get<Record<string, unknown>>('settings', SETTINGS_RECORD_ID);
    const current = editable(rec?.doc);
    const changed = (Object.keys(change) as Array<keyof EditableSettings>).filter(
      (k) => change[k] !== undefined && change[k] !== current[k],
    );
    if (changed.length === 0) return { ...current, version: rec?.version ?? 0, changed };
    const doc: Record<string, unknown> = { ...(rec?.doc ?? {}) };
    for (const k of changed) {
      const v = change[k];
      if (v === null) delete doc[k];
      else doc[k] = v;
    }
    // A change the app would not read back (it would fall back to the default) is refused, naming the setting.
    const { invalid } = readSettings(doc);
    const unreadable = changed.flatMap((k) => invalid[k] ?? []);
    if (unreadable.length) throw new UseCaseRefusal('INVALID_SETTINGS', unreadable.join(' '));
    const next = editable(doc);
    const now = deps.now();
    const chained = await chainEvents(
      deps.store,
      [
        {
          action: 'settings.updated',
          subject: { type: 'settings', id: SETTINGS_RECORD_ID },
          actor,
          before: Object.fromEntries(changed.map((k) => [k, current[k]])),
          after: Object.fromEntries(changed.map((k) => [k, next[k]])),
        },
      ],
      now,
      deps.random,
    );
    const version = (rec?.version ?? 0) + 1;
    await deps.store.commit({
      puts: [
        { expected: rec?.version ?? 'absent', record: { kind: 'settings', id: SETTINGS_RECORD_ID, version, doc } },
        ...chained.puts,
      ],
      events: chained.events,
    });
    return { ...next, version, changed };
  });
}
