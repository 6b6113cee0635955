// The live link on file:// (selfcheck-quiz.js liveLinks): live mode runs Python in the
// browser, which cannot start from a file, so each p.sc-live says so instead (its
// data-file-text); over http the link stays. The page script runs here as the browser runs it,
// against a stand-in document holding only what it asks for. Run: node --test tests/js
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const SOURCE = fs.readFileSync(path.join(__dirname, "..", "..", "selfcheck", "static", "selfcheck-quiz.js"), "utf8");
const LINK = "Optional: Try it live in Python, the same questions as widgets (about 25 MB).";
const FILE_TEXT = "Live mode runs Python in your browser, so it works only when the course is served.";

function paragraph(fileText) {
  return { textContent: LINK, dataset: fileText === undefined ? {} : { fileText } };
}

// The page script started on a page at ``href`` with these live paragraphs; what it asked
// the document for is recorded.
function runOn(href, paragraphs) {
  const asked = [];
  const document = {
    readyState: "complete",
    currentScript: { src: "https://example.org/_static/selfcheck-quiz.js" },
    querySelectorAll(selector) {
      asked.push(selector);
      if (selector === ".sc-live[data-file-text]") return paragraphs.filter((p) => "fileText" in p.dataset);
      return [];
    },
    querySelector() { return null; },
    addEventListener() {},
  };
  const location = new URL(href);
  const window = { location, localStorage: null, addEventListener() {} };
  const context = vm.createContext({ window, document, URLSearchParams, console });
  vm.runInContext(SOURCE, context);
  return { asked, window };
}

test("on file:// each live paragraph says it needs the site to be served", () => {
  const paragraphs = [paragraph(FILE_TEXT), paragraph(FILE_TEXT + " (2)")];
  const { window } = runOn("file:///home/nurse/course/book/chapter.html", paragraphs);
  assert.equal(typeof window.selfcheck, "object", "the script ran to its end");
  assert.deepEqual(paragraphs.map((p) => p.textContent), [FILE_TEXT, FILE_TEXT + " (2)"]);
});

test("over http and https the live link is left as it is", () => {
  for (const href of ["http://localhost:8000/book/chapter.html", "https://example.org/course/book/chapter.html"]) {
    const paragraphs = [paragraph(FILE_TEXT)];
    const { asked } = runOn(href, paragraphs);
    assert.equal(paragraphs[0].textContent, LINK, href);
    assert.ok(asked.includes(".sc-quiz[data-quiz-id]"), "the quizzes were still set up");
  }
});
