// ai-clearance sweep run [--only review|expiry|escalation|retention|catalog]
//
// The lifecycle sweeps run inside the app on the hourly scheduled trigger.
// Against the local sandbox this command fires that trigger now (POST
// /__sandbox/scheduled/run {key: lifecycle-sweeps-hourly}) and waits for the
// work it queued (POST /__sandbox/settle), then prints what ran. A scheduled
// trigger carries no payload, so --only cannot reach the handler: every sweep
// runs (each is idempotent; running one that has nothing due changes nothing).
// On a real site there is no such endpoint: Forge runs the sweeps hourly.
import type { Command } from 'commander';
import * as z from 'zod/mini';
import { SWEEP_NAMES } from '../../domain/sweeps/plan';
import { EXIT } from '../io';
import type { CliContext } from '../main';
import { addSiteOptions, DEFAULT_SITE, unreachableMessage, type SiteFlags } from '../site-options';

interface Flags extends SiteFlags {
  only?: string;
  json?: boolean;
}

const TRIGGER = 'lifecycle-sweeps-hourly';
const SANDBOX_ADMIN = { email: 'admin@example.com', token: 'sandbox-token' };
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

class SweepCliError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const runRecord = z.looseObject({
  result: z.optional(z.string()),
  error: z.optional(z.string()),
  durationMs: z.optional(z.number()),
  productCalls: z.optional(z.number()),
  kvsOps: z.optional(z.record(z.string(), z.number())),
});
type RunRecord = z.infer<typeof runRecord>;
const runAnswer = z.looseObject({ runs: z.array(runRecord) });
const sandboxError = z.looseObject({
  message: z.optional(z.unknown()),
  error: z.optional(z.looseObject({ message: z.optional(z.unknown()) })),
});

async function post(ctx: CliContext, flags: Flags, site: URL, p: string, body: unknown): Promise<unknown> {
  const email = flags.email ?? ctx.io.env.AIC_EMAIL ?? SANDBOX_ADMIN.email;
  const token = flags.token ?? ctx.io.env.AIC_TOKEN ?? SANDBOX_ADMIN.token;
  let res: Response;
  try {
    res = await fetch(new URL(p, site), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`,
      },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new SweepCliError('SITE_UNREACHABLE', unreachableMessage(site.origin, (e as Error).message));
  }
  const out: unknown = await res.json().catch(() => ({}));
  if (!res.ok) {
    const read = sandboxError.safeParse(out);
    const said = read.success ? (read.data.message ?? read.data.error?.message) : undefined;
    throw new SweepCliError(
      `HTTP_${res.status}`,
      typeof said === 'string' ? said : `The sandbox answered ${res.status} to ${p}.`,
    );
  }
  return out;
}

function sum(runs: RunRecord[], f: (r: RunRecord) => number): number {
  return runs.reduce((n, r) => n + f(r), 0);
}

function human(runs: RunRecord[], only: string | undefined, settled: boolean): string {
  const lines = [
    `Ran ${TRIGGER}: ${runs.length} invocation(s)${only ? ` (all sweeps ran: --only cannot reach a scheduled trigger; ${only} included)` : ''}.`,
  ];
  for (const r of runs)
    lines.push(
      `  ${r.result ?? 'unknown'}${r.error ? `: ${r.error}` : ''} in ${Math.round(r.durationMs ?? 0)} ms; Jira calls ${r.productCalls ?? 0}; KVS ops ${Object.values(r.kvsOps ?? {}).reduce((a, b) => a + b, 0)}`,
    );
  lines.push(
    settled
      ? 'Queued follow-up work (ticket writes, continuations) is done.'
      : 'Queued follow-up work did not finish in time; run `ai-clearance sweep run` again or check /__sandbox/invocations.',
  );
  return lines.join('\n');
}

export function register(program: Command, ctx: CliContext): void {
  const sweep = program
    .command('sweep')
    .description(
      'Lifecycle sweeps: review reminders, expiry, escalation and lapse, retention, suspended/retired tools',
    );
  addSiteOptions(
    sweep
      .command('run')
      .description('run the lifecycle sweeps now (local sandbox; on a real site Forge runs them hourly)'),
  )
    .option(
      '--only <sweep>',
      `one of ${SWEEP_NAMES.join('|')}. Accepted for scripts, but a scheduled trigger carries no payload, so ALL sweeps run (each does only what is due)`,
    )
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags) => {
      try {
        if (flags.only !== undefined && !(SWEEP_NAMES as readonly string[]).includes(flags.only))
          throw new SweepCliError(
            'BAD_OPTION',
            `--only must be one of ${SWEEP_NAMES.join(', ')}; got ${JSON.stringify(flags.only)}.`,
          );
        const site = new URL(flags.site ?? ctx.io.env.AIC_SITE ?? DEFAULT_SITE);
        if (!LOOPBACK.includes(site.hostname)) {
          throw new SweepCliError(
            'REAL_SITE',
            `On ${site.origin} the lifecycle sweeps run inside Forge on the hourly schedule (scheduled trigger ${TRIGGER}); they cannot be started from the CLI. This command works against the local sandbox (npm start) only.`,
          );
        }
        const answer = runAnswer.safeParse(await post(ctx, flags, site, '/__sandbox/scheduled/run', { key: TRIGGER }));
        if (!answer.success)
          throw new SweepCliError(
            'UNEXPECTED_ANSWER',
            'The sandbox answered /__sandbox/scheduled/run without a list of runs.',
          );
        const { runs } = answer.data;
        let settled = true;
        try {
          await post(ctx, flags, site, '/__sandbox/settle', {});
        } catch (e) {
          if (!(e instanceof SweepCliError) || e.code !== 'HTTP_504') throw e;
          settled = false;
        }
        const failed = runs.length === 0 || runs.some((r) => r.result !== 'ok');
        if (flags.json)
          ctx.io.out(
            JSON.stringify(
              {
                trigger: TRIGGER,
                allSweeps: true,
                runs,
                settled,
                summary: { invocations: runs.length, jiraCalls: sum(runs, (r) => r.productCalls ?? 0) },
              },
              null,
              2,
            ),
          );
        else ctx.io.out(human(runs, flags.only, settled));
        ctx.setExitCode(failed || !settled ? EXIT.failure : EXIT.ok);
      } catch (e) {
        if (!(e instanceof SweepCliError)) throw e;
        if (flags.json) ctx.io.out(JSON.stringify({ error: { code: e.code, message: e.message } }, null, 2));
        else ctx.io.err(`Error ${e.code}: ${e.message}`);
        ctx.setExitCode(EXIT.failure);
      }
    });
}
