// `~` / `!~` on summary, description, text and text custom fields: case-folded,
// stemmed words, every word required, phrases, trailing wildcards.
import { stem } from '../../../src/sandbox/jira/jql/text-match';
import { matching, type Row } from './fixtures';

const table = (rows: Row[]) => test.each(rows)('%s', (jql, keys) => expect(matching(jql)).toEqual(keys));

describe('word matching', () => {
  table([
    ['summary ~ chatgpt', ['AIC-1']],
    ['summary ~ "access"', ['AIC-1', 'AIC-2', 'AIC-4']],
    ['summary ~ "grants"', ['AIC-1']],
    ['summary ~ "Requests"', ['AIC-3']],
    // Every word must be present (Jira Cloud ANDs the terms).
    ['summary ~ "access claude"', ['AIC-2']],
    ['summary ~ "the access"', ['AIC-1', 'AIC-2', 'AIC-4']],
    // Jira matches words (stems), not prefixes: "win" does not find "Windows".
    ['text ~ win', []],
    ['summary ~ gran', []],
    ['text ~ windows', ['OPS-1']],
    ['text ~ "window"', ['OPS-1']],
    ['summary ~ "acc*"', ['AIC-1', 'AIC-2', 'AIC-4']],
    ['text ~ "win*"', ['OPS-1']],
    ['summary ~ "co?ilot"', ['AIC-3']],
    ['summary ~ "\\"access to ChatGPT\\""', ['AIC-1']],
    ['summary ~ "\\"ChatGPT access\\""', []],
    ['summary ~ "the"', []],
  ]);
});

describe('fields', () => {
  table([
    ['description ~ copilot', ['AIC-3']],
    ['description is empty', ['AIC-2', 'AIC-4']],
    ['description is not empty', ['AIC-1', 'AIC-3', 'OPS-1']],
    // Jira: !~ never matches an empty field.
    ['description !~ marketing', ['AIC-3', 'OPS-1']],
    ['summary !~ "access"', ['AIC-3', 'OPS-1']],
    ['NOT summary ~ "access"', ['AIC-3', 'OPS-1']],
    ['text ~ copywriting', ['AIC-1']],
    // `text` covers text custom fields too ("Copywriting drafts" is only in Justification).
    ['text ~ drafts', ['AIC-1']],
    ['text ~ "rotate keys"', ['OPS-1']],
  ]);
});

test.each([
  ['grants', 'grant'],
  ['granted', 'grant'],
  ['granting', 'grant'],
  ['access', 'access'],
  ['accessed', 'access'],
  ['policies', 'policy'],
  ['running', 'run'],
  ['falling', 'fall'],
  ['expires', 'expir'],
  ['expired', 'expir'],
  ['statuses', 'status'],
  ['status', 'status'],
  ['string', 'string'],
  ['windows', 'window'],
  ['win', 'win'],
])('stem(%s) = %s', (word, expected) => expect(stem(word)).toBe(expected));
