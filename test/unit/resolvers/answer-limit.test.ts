// Every resolver answer is measured against the app's budget under Forge's 5MB front-end response limit
// (platform-contract.md EXP-1): at the budget it goes out as it is, one byte over becomes ANSWER_TOO_LARGE.
import { ANSWER_MAX_BYTES, answerBytes, withinAnswerLimit } from '../../../src/entry/resolver/answer-limit';
import { definitionsFrom } from '../../../src/entry/resolver/definitions';

/** An answer {text} of exactly `bytes` bytes of JSON. */
const answerOf = (bytes: number) => ({ text: 'x'.repeat(bytes - answerBytes({ text: '' })) });

describe('withinAnswerLimit', () => {
  it('the budget is under the 5MB limit read in decimal bytes', () => {
    expect(ANSWER_MAX_BYTES).toBeLessThan(5_000_000);
  });

  it('passes an answer of exactly the budget and refuses one byte more, saying what to do', () => {
    const atLimit = answerOf(ANSWER_MAX_BYTES);
    expect(withinAnswerLimit('governance.export', atLimit)).toBe(atLimit);
    expect(withinAnswerLimit('governance.export', answerOf(ANSWER_MAX_BYTES + 1))).toEqual({
      error: {
        code: 'ANSWER_TOO_LARGE',
        message: expect.stringMatching(/^governance\.export would answer 4\.5 MB; .*shorter period/),
        details: { bytes: ANSWER_MAX_BYTES + 1, limit: ANSWER_MAX_BYTES },
      },
    });
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(answerBytes({ t: '€' })).toBe(JSON.stringify({ t: '' }).length + 3);
  });
});

describe('definitionsFrom bounds every resolver it registers', () => {
  const invoke = (defs: ReturnType<typeof definitionsFrom>, functionKey: string, payload: unknown) =>
    defs({ call: { functionKey, payload }, context: { accountId: 'a' } });

  it('answers a resolver’s value as it is under the budget and ANSWER_TOO_LARGE over it', async () => {
    const defs = definitionsFrom((r) => {
      r.define('sized', ({ payload }) => answerOf((payload as { bytes: number }).bytes));
    });
    expect(await invoke(defs, 'sized', { bytes: 100 })).toEqual(answerOf(100));
    expect(await invoke(defs, 'sized', { bytes: ANSWER_MAX_BYTES })).toEqual(answerOf(ANSWER_MAX_BYTES));
    expect(await invoke(defs, 'sized', { bytes: ANSWER_MAX_BYTES + 1 })).toMatchObject({
      error: { code: 'ANSWER_TOO_LARGE' },
    });
  });
});
