// The real static/js/proposals/wordcount.js on the samples the server's count is checked on too
// (tests/proposals/test_words.py), so a phone and the server agree on every limit.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { countWords, wordStatus } from "../../static/js/proposals/wordcount.js";

const samples = JSON.parse(readFileSync(new URL("./wordcount-samples.json", import.meta.url), "utf8"));

test("counts the shared samples as the server does", () => {
  for (const [text, words] of samples) assert.equal(countWords(text), words, JSON.stringify(text));
});

test("a counter says when a section nears and passes its limit", () => {
  const words = (n) => Array(n).fill("kata").join(" ");
  assert.deepEqual(wordStatus(words(150), 200), { words: 150, limit: 200, over: 0, state: "ok" });
  assert.deepEqual(wordStatus(words(185), 200), { words: 185, limit: 200, over: 0, state: "near" });
  assert.deepEqual(wordStatus(words(200), 200), { words: 200, limit: 200, over: 0, state: "near" });
  assert.deepEqual(wordStatus(words(213), 200), { words: 213, limit: 200, over: 13, state: "over" });
  assert.deepEqual(wordStatus(words(5), null), { words: 5, limit: null, over: 0, state: "ok" });
});
