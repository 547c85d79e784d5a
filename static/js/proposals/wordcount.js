/* Counting words as the server counts them (workshop/proposals/words.py): a word
 * is a run of characters between white space that holds a letter or a digit, so
 * "KTP-el" is one word and a lone dash none. No DOM: tested with node --test on
 * the same samples as the server (tests/js/wordcount-samples.json). */

const SPACE = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/;
const WORDY = /[\p{L}\p{N}]/u;

export function countWords(text) {
  if (!text) return 0;
  let n = 0;
  text.split(SPACE).forEach(function (token) { if (WORDY.test(token)) n += 1; });
  return n;
}

/* What a counter shows: {words, limit, over (words past the limit, 0 if none), state}
 * with state "ok", "near" (within a tenth of the limit) or "over". */
export function wordStatus(text, limit) {
  const words = countWords(text);
  if (!limit) return { words: words, limit: null, over: 0, state: "ok" };
  const over = Math.max(0, words - limit);
  const state = over > 0 ? "over" : words >= limit * 0.9 ? "near" : "ok";
  return { words: words, limit: limit, over: over, state: state };
}
