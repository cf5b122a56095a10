// `npm run soak`: the seeded soak (test/soak/soak.ts) against `npm start`, with
// faults and a crash, then the same script fault-free for the comment baseline.
// SOAK_SEED (default 1), SOAK_REQUESTS (default 200), SOAK_USERS (default 30),
// SOAK_AGENTS (default 4). Prints the figures; exits 1 if anything was lost or doubled.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../test/e2e/start-sandbox';
import { extraComments, runSoak, type SoakReport } from '../test/soak/soak';

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    process.stderr.write(`${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(raw)})\n`);
    process.exit(2);
  }
  return n;
}

export function summary(r: SoakReport, extra: ReturnType<typeof extraComments>): string[] {
  return [
    `tickets: ${r.tickets.length}; by status: ${Object.entries(r.byStatus)
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `tickets without an outcome: ${r.withoutOutcome.length}${r.withoutOutcome.length ? ` (${r.withoutOutcome.slice(0, 10).join(', ')})` : ''}`,
    `extra app comments vs the fault-free run: ${extra.extra} (tickets compared ${extra.compared}, histories not seen fault-free ${extra.unmatched})`,
    `identical app comments twice on a ticket: ${r.doubledComments.length}`,
    `governance events doubled for one state change: ${r.governanceDoubles.length}`,
    `governance log verifies: ${r.chainOk ? 'yes' : `NO ${JSON.stringify(r.chainDetail).slice(0, 300)}`}`,
    `Jira status disagreeing with the app: ${r.statusMismatches.length}${
      r.statusMismatches.length
        ? ` (${r.statusMismatches
            .slice(0, 5)
            .map((m) => `${m.key} ${m.status} in "${m.jira}"`)
            .join('; ')})`
        : ''
    }`,
    `(user, tool) pairs with more than one open request or live grant: ${r.openDuplicates.length}`,
    `requesters' cancels refused: ${r.cancelRefusals.length}${r.cancelRefusals.length ? ` (${r.cancelRefusals.slice(0, 3).join('; ')})` : ''}`,
  ];
}

export function failed(r: SoakReport, extra: ReturnType<typeof extraComments>): boolean {
  return (
    r.withoutOutcome.length +
      extra.extra +
      r.doubledComments.length +
      r.governanceDoubles.length +
      r.statusMismatches.length +
      r.openDuplicates.length >
      0 || !r.chainOk
  );
}

async function main(): Promise<void> {
  const seed = intEnv('SOAK_SEED', 1, 0, 2 ** 31 - 1);
  const requests = intEnv('SOAK_REQUESTS', 200, 2, 5000);
  const users = intEnv('SOAK_USERS', 30, 1, 500);
  const agents = intEnv('SOAK_AGENTS', 4, 2, 50);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aic-soak-'));
  try {
    const faulty = await runSoak({
      seed,
      requests,
      users,
      agents,
      faults: true,
      crash: true,
      dataDir: path.join(dir, 'faulty'),
      port: await freePort(),
      log,
    });
    log(
      `faulty run: ${(faulty.durationMs / 1000).toFixed(1)} s; late/reordered events ${faulty.eventFaults ? 'on' : 'NOT SUPPORTED by this sandbox'}; after the restart: ${faulty.seen.invocations} invocations, ${faulty.seen.retries} retries, ${faulty.seen.redeliveries} duplicate deliveries, ${faulty.seen.queueJobs} queue jobs`,
    );
    const clean = await runSoak({
      seed,
      requests,
      users,
      agents,
      faults: false,
      crash: false,
      dataDir: path.join(dir, 'clean'),
      port: await freePort(),
      log,
    });
    log(`fault-free run: ${(clean.durationMs / 1000).toFixed(1)} s`);
    const extra = extraComments(faulty.tickets, clean.tickets);
    for (const line of summary(faulty, extra)) log(line);
    if (extra.examples.length) log(`examples of extra comments: ${JSON.stringify(extra.examples)}`);
    if (faulty.governanceDoubles.length)
      log(`doubled governance events: ${JSON.stringify(faulty.governanceDoubles.slice(0, 10))}`);
    if (faulty.doubledComments.length) log(`doubled comments: ${JSON.stringify(faulty.doubledComments.slice(0, 10))}`);
    if (faulty.openDuplicates.length) log(`open duplicates: ${JSON.stringify(faulty.openDuplicates.slice(0, 10))}`);
    process.exitCode = failed(faulty, extra) ? 1 : 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void main();
