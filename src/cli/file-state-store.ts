// The CLI's ProvisioningStateStore: a JSON file per site. Losing it is safe
// (plan finds items by name); it lets drift say "deleted" rather than "missing".
import { AdapterError } from '../ports/errors';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emptyRecord, ProvisioningRecord, type ProvisioningStateStore } from '../domain/provisioning/record';

export class StateFileError extends AdapterError {
  readonly code = 'STATE_FILE_INVALID';
}

export function defaultStatePath(siteUrl: string, env: Record<string, string | undefined>): string {
  const base =
    env.AIC_STATE_DIR ??
    (env.XDG_STATE_HOME
      ? path.join(env.XDG_STATE_HOME, 'ai-clearance')
      : path.join(os.homedir(), '.local', 'state', 'ai-clearance'));
  const u = new URL(siteUrl);
  const slug = `${u.hostname}${u.port ? `_${u.port}` : ''}${u.pathname.replace(/[^A-Za-z0-9]+/g, '_').replace(/_+$/, '')}`;
  return path.join(base, `provisioning-${slug}.json`);
}

export function fileStateStore(file: string): ProvisioningStateStore {
  return {
    async load() {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        return emptyRecord();
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new StateFileError(
          `${file} is not valid JSON; delete it (provisioning finds its items on the site by name) or pass another --state`,
        );
      }
      const parsed = ProvisioningRecord.safeParse(json);
      if (!parsed.success)
        throw new StateFileError(
          `${file} is not a provisioning record (${parsed.error.issues[0]?.message}); delete it or pass another --state`,
        );
      return parsed.data;
    },
    async save(record) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // Write-then-rename: a crash mid-write never leaves half a record.
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
      fs.renameSync(tmp, file);
    },
  };
}
