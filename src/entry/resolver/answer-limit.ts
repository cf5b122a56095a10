// Forge hands a front-end invocation at most 5MB of answer
// (https://developer.atlassian.com/platform/forge/limits-invocation/ › "Additional invocation limits":
// "Front-end invocation response payload size 5MB"); past it the page gets the platform's failure, which
// says nothing a person can act on. Every resolver answer is measured here: one over the app's budget is
// replaced by ANSWER_TOO_LARGE, which says what to narrow (platform-contract.md EXP-1).
import { fail, type ResolverError } from './envelope';

/**
 * The app's budget: under 5,000,000 bytes (the decimal, stricter reading of 5MB) with room for the platform's
 * own wrapping of the answer, which is not documented.
 */
export const ANSWER_MAX_BYTES = 4_500_000;

/** The answer's size as the bridge carries it: its JSON in UTF-8. */
export function answerBytes(value: unknown): number {
  const json = JSON.stringify(value) as string | undefined;
  return json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
}

/** `value` itself when it fits the budget, else ANSWER_TOO_LARGE naming the size and what to do instead. */
export function withinAnswerLimit(functionName: string, value: unknown): unknown {
  const bytes = answerBytes(value);
  if (bytes <= ANSWER_MAX_BYTES) return value;
  const mb = (n: number) => (n / 1_000_000).toFixed(1);
  const answer: ResolverError = fail(
    'ANSWER_TOO_LARGE',
    `${functionName} would answer ${mb(bytes)} MB; a Forge resolver answers at most ${mb(ANSWER_MAX_BYTES)} MB here. ` +
      'Ask for less (a shorter period, a filter, the next page), or use the chunked evidence export (evidence.export.start).',
    { bytes, limit: ANSWER_MAX_BYTES },
  );
  return answer;
}
