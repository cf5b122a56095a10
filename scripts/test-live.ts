// `npm run test:live`: runs the site suite (test/live/site-suite.ts) against a
// real Jira Cloud site with the app deployed and installed. Without the
// AIC_LIVE_* variables it says so and runs nothing; with some of them wrong it
// fails saying which.
import { spawnSync } from 'node:child_process';
import { LIVE_ENV, liveTargetFromEnv } from '../test/live/target';

const result = liveTargetFromEnv();
if (!result.ok && result.missing.length === 3 && result.problems.length === 0) {
  process.stdout.write(
    [
      'test:live skipped: no live site configured. To run the site suite against a real site with the app deployed, set:',
      `  ${LIVE_ENV.site}=https://your-domain.atlassian.net  ${LIVE_ENV.email}=<a user who may raise requests>  ${LIVE_ENV.token}=<their API token>`,
      `  optional: ${LIVE_ENV.agentEmail} / ${LIVE_ENV.agentToken} (an agent in the approver group: runs the decision steps),`,
      `            ${LIVE_ENV.project} (default AIC), ${LIVE_ENV.tool} (default "ChatGPT Enterprise"), ${LIVE_ENV.timeout} (default 600)`,
      '',
    ].join('\n'),
  );
  process.exit(0);
}
if (!result.ok) {
  process.stderr.write(
    `test:live: ${[...result.missing.map((m) => `${m} is not set`), ...result.problems].join('; ')}\n`,
  );
  process.exit(2);
}
process.stdout.write(
  `test:live: running the site suite against ${result.target.url} (project ${result.target.projectKey}, tool "${result.target.tool}")\n`,
);
const run = spawnSync('npx', ['jest', '--config', 'jest.live.config.js', '--runInBand'], {
  stdio: 'inherit',
  env: process.env,
});
process.exit(run.status ?? 1);
