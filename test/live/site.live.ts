// `npm run test:live`: the site suite against a real Jira Cloud site with the
// app deployed and installed (scripts/test-live.ts checks the environment first).
import { siteSuite } from './site-suite';
import { liveTargetFromEnv } from './target';

jest.setTimeout(30 * 60_000);

const result = liveTargetFromEnv();
if (!result.ok)
  throw new Error(
    `live target incomplete: ${[...result.missing.map((m) => `${m} is not set`), ...result.problems].join('; ')}`,
  );
const target = result.target;
siteSuite(() => target);
