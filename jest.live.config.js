// `npm run test:live` (through scripts/test-live.ts): the site suite against a real
// site. Unlike jest.config.js, outbound calls are allowed — to the site named in AIC_LIVE_SITE.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['**/test/live/*.live.ts'],
  setupFilesAfterEnv: [],
  testTimeout: 30 * 60_000,
};
