// `~` on text. Jira runs the words through a Lucene English analyzer: case-folded,
// stop words dropped, words stemmed, every word of the query required (Jira Cloud
// ANDs terms), "\"quoted phrase\"" for adjacent words, `*` / `?` wildcards but never
// leading. The sandbox approximates the stemmer with English inflection stripping
// (plural -s/-es/-ies, -ed, -ing, final -e), which is what makes "grants" find
// "granted" while "win" does NOT find "windows" (it does not in Jira either).
// Lucene operators inside the text (+ - ! ( ) : ^ ~ AND OR NOT) are refused rather
// than guessed at.
import { fail, msg } from './messages';

const STOP_WORDS = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
    ' ',
  ),
);
const WORD = /[\p{L}\p{N}]+/gu;
const LUCENE_SYNTAX = /[+!(){}[\]^~\\:"]|&&|\|\||(^|\s)-|\b(AND|OR|NOT)\b/;

export type TextMatcher = (text: string) => boolean;

function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

const VOWEL = /[aeiouy]/;

/** English inflection stripping; both the query and the text go through it. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (/(x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  const suffix = w.endsWith('ing') ? 3 : w.endsWith('eed') ? 1 : w.endsWith('ed') ? 2 : 0;
  if (suffix > 0 && VOWEL.test(w.slice(0, -suffix)) && w.length - suffix >= 2) {
    w = w.slice(0, -suffix);
    // running -> runn -> run, but falling keeps its "ll" (Porter's l/s/z exception).
    if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
  }
  if (w.length > 2 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

function wildcardRegex(term: string): RegExp {
  const body = term
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\-]/g, '\\$&')
    .replace(/\*/g, '[\\p{L}\\p{N}]*')
    .replace(/\?/g, '[\\p{L}\\p{N}]');
  return new RegExp(`^${body}$`, 'u');
}

type Term = (tokens: readonly string[], stems: readonly string[]) => boolean;

function phraseMatcher(phrase: string): Term | undefined {
  const wanted = words(phrase)
    .filter((w) => !STOP_WORDS.has(w))
    .map(stem);
  if (wanted.length === 0) return undefined;
  return (_tokens, stems) => {
    const s = stems.filter((_, i) => !STOP_WORDS.has(_tokens[i]));
    for (let i = 0; i + wanted.length <= s.length; i++) {
      if (wanted.every((w, j) => s[i + j] === w)) return true;
    }
    return false;
  };
}

function termMatchers(raw: string, query: string, field: string): Term[] {
  if (/^[*?]/.test(raw)) fail(msg.leadingWildcard(query, field));
  if (/[*?]/.test(raw)) {
    const re = wildcardRegex(raw);
    return [(tokens) => tokens.some((t) => re.test(t))];
  }
  return words(raw)
    .filter((w) => !STOP_WORDS.has(w))
    .map((w) => {
      const s = stem(w);
      return (_tokens: readonly string[], stems: readonly string[]) => stems.includes(s);
    });
}

/** Compiles the right-hand side of `field ~ "..."` into a matcher over one text value. */
export function compileTextQuery(query: string, field: string): TextMatcher {
  const trimmed = query.trim();
  let terms: Term[];
  const phrase = /^"([^"]*)"$/.exec(trimmed);
  if (phrase) {
    const p = phraseMatcher(phrase[1]);
    terms = p ? [p] : [];
  } else {
    if (LUCENE_SYNTAX.test(trimmed)) fail(msg.sandbox(`Lucene query syntax in the text search '${query}'`));
    terms = trimmed
      .split(/\s+/)
      .filter(Boolean)
      .flatMap((raw) => termMatchers(raw, query, field));
  }
  // Only stop words (or nothing) left: Lucene has no term to look for, nothing matches.
  if (terms.length === 0) return () => false;
  return (text) => {
    const tokens = words(text);
    const stems = tokens.map(stem);
    return terms.every((t) => t(tokens, stems));
  };
}
