// My progress's pure rules (selfcheck-progress.js): the saved-progress file is checked whole
// (anything untrusted refuses it), and a load merges: the newer attempt wins, a first attempt
// already stored is never rewritten, the learner's own record fills only gaps.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

const progress = require("../../selfcheck/static/selfcheck-progress.js");

const THEMES = ["Prioritise people", "Practise effectively", "Preserve safety", "Promote professionalism and trust"];
const manifest = { themes: THEMES, quizzes: [{ id: "ht", questions: [
  { id: "q1", version: "aaa", options: 3, multiple: false },
  { id: "q2", version: "bbb", options: 4, multiple: true }] }] };
const K1 = "selfcheck/v1/ht/q1/aaa", K2 = "selfcheck/v1/ht/q2/bbb";

function file(answers, record, extra) {
  return JSON.stringify(Object.assign({ format: "selfcheck-progress", version: 1, answers, record }, extra || {}));
}

const good = { chosen: [1], first: false, last: true, firstDate: "2026-11-01", lastDate: "2026-11-03",
               at: 1762000000000, box: 1, due: "2026-11-06" };

test("a good file is read whole, review fields kept, answers to changed questions left out", () => {
  const r = progress.checkProgressFile(file({ [K1]: good, "selfcheck/v1/ht/q1/old": { chosen: [0], first: true } },
    { name: "Sam", reflection: "I learned", sessions: { ht: { by: "Jo", date: "2026-11-02", minutes: 60 } },
      chapters: { ht: { hours: 1.25, practice: "I run the advice line." } } }), manifest);
  assert.equal(r.error, undefined);
  assert.deepEqual(r.answers[K1], good);
  assert.equal(r.ignored, 1);
  assert.equal(r.record.reflection.learned, "I learned");  // the old single reflection
  assert.deepEqual(r.record.sessions.ht, { by: "Jo", date: "2026-11-02", minutes: 60 });
  assert.deepEqual(r.record.chapters.ht, { hours: 1.3, practice: "I run the advice line." });  // to a tenth
});

test("a bad or foreign file is refused with one line", () => {
  const cases = [
    ["not json {", "it is not a JSON file"],
    [JSON.stringify({ hello: 1 }), "not progress saved from this course"],
    [JSON.stringify([1, 2]), "not progress saved from this course"],
    [file({ [K1]: good }, {}, { version: 2 }), "another version of the course"],
    [file({ "other/key": good }, {}), "not an answer to this course"],
    [file({ [K1]: Object.assign({}, good, { chosen: [3] }) }, {}), "cannot read (selfcheck/v1/ht/q1/aaa)"],
    [file({ [K1]: Object.assign({}, good, { chosen: [0, 1] }) }, {}), "cannot read"],
    [file({ [K1]: Object.assign({}, good, { box: 7 }) }, {}), "cannot read"],
    [file({ [K1]: Object.assign({}, good, { at: "yesterday" }) }, {}), "cannot read"],
    [file({ [K1]: Object.assign({}, good, { due: "2026-02-30" }) }, {}), "cannot read"],
    [file({ [K1]: good }, { name: { a: 1 } }), "learning record in the file"],
    [file({ [K1]: good }, { sessions: { ht: { by: "", date: "2026-11-02", minutes: 60 } } }), "learning record"],
    [file({ [K1]: good }, { reflection: { themes: ["Be nice"] } }), "learning record"],
    [file({ [K1]: good }, { chapters: { ht: { hours: 0 } } }), "learning record"],
    [file({ [K1]: good }, { chapters: { ht: { hours: 101 } } }), "learning record"],
    [file({ [K1]: good }, { chapters: { ht: { hours: "2" } } }), "learning record"],
    [file({ [K1]: good }, { chapters: { ht: { hours: true } } }), "learning record"],
    [file({ [K1]: good }, { chapters: { ht: { practice: "x".repeat(2001) } } }), "learning record"],
    [file({ [K1]: good }, { chapters: { ht: { practice: 5 } } }), "learning record"],
    [file({ [K1]: good }, { chapters: { "<img src=x>": { hours: 1 } } }), "learning record"],
    [file({ [K1]: good }, { chapters: [1] }), "learning record"],
    [file({ [K1]: good }, { sessions: { ht: { by: "x".repeat(201), date: "2026-11-02", minutes: 60 } } }), "learning record"],
    [file({ [K1]: good }, { sessions: { ht: { by: "Jo", date: "2026-11-02", minutes: 601 } } }), "learning record"],
    [file("nope", {}), "no answers in the expected form"],
    [" ".repeat(1024 * 1024 + 1), "more than 1 MB"],
  ];
  for (const [text, message] of cases) {
    const r = progress.checkProgressFile(text, manifest);
    assert.ok(r.error && r.error.includes(message), `${text.slice(0, 80)} -> ${r.error}`);
    assert.ok(r.error.startsWith("Nothing was loaded") && !r.error.includes("\n"));
    assert.equal(r.answers, undefined);
  }
});

test("the newer attempt wins; the first attempt here is never rewritten", () => {
  const here = { chosen: [0], first: true, last: true, firstDate: "2026-10-01", lastDate: "2026-10-01", at: 1000 };
  const later = Object.assign({}, good, { at: 2000 });
  assert.deepEqual(progress.mergeAnswer(here, later),
    Object.assign({}, later, { first: true, firstDate: "2026-10-01" }));
  assert.equal(progress.mergeAnswer(later, here), null);                     // older: keep what is here
  assert.equal(progress.mergeAnswer(here, Object.assign({}, here)), null);   // the same: nothing to do
  assert.deepEqual(progress.mergeAnswer(null, good), good);                  // none here: taken whole
  // without times (older records), the later day wins
  const a = { chosen: [0], first: false, last: false, firstDate: "2026-10-01", lastDate: "2026-10-02" };
  const b = { chosen: [1], first: true, last: true, firstDate: "2026-09-01", lastDate: "2026-10-05" };
  const m = progress.mergeAnswer(a, b);
  assert.equal(m.first, false);
  assert.equal(m.firstDate, "2026-10-01");
  assert.deepEqual(m.chosen, [1]);
});

test("the record: this browser's fields win where filled in, sessions merged by chapter", () => {
  const clean = (v) => progress.cleanRecord(v, true, THEMES);
  const here = clean({ name: "Sam", reflection: { learned: "", changed: "More", themes: [] },
                       sessions: { ht: { by: "Jo", date: "2026-11-02", minutes: 60 } } });
  const there = clean({ name: "Other", reflection: { learned: "Learned", changed: "Less", themes: ["Preserve safety"] },
                        sessions: { ht: { by: "X", date: "2026-01-01", minutes: 30 },
                                    rt: { by: "Al", date: "2026-11-09", minutes: 45 } } });
  const m = progress.mergeRecord(here, there);
  assert.equal(m.name, "Sam");
  assert.equal(m.reflection.learned, "Learned");
  assert.equal(m.reflection.changed, "More");
  assert.deepEqual(m.reflection.themes, ["Preserve safety"]);
  assert.equal(m.sessions.ht.by, "Jo");
  assert.equal(m.sessions.rt.by, "Al");
  // chapter by chapter: this browser's hours and practice kept, the file's fill the gaps
  const mine = clean({ chapters: { ht: { hours: 2 }, rt: { practice: "Mine" } } });
  const theirs = clean({ chapters: { ht: { hours: 3, practice: "Theirs" }, rt: { hours: 0.5, practice: "Other" } } });
  assert.deepEqual(progress.mergeRecord(mine, theirs).chapters,
    { ht: { hours: 2, practice: "Theirs" }, rt: { hours: 0.5, practice: "Mine" } });
  // this browser's stored record is read leniently: a bad part is dropped, not the rest
  const lenient = progress.cleanRecord({ name: { a: 1 }, reflection: [1, 2], sessions: { ht: 5 } }, false);
  assert.equal(lenient.name, "");
  assert.equal(lenient.reflection.learned, "");
  assert.deepEqual(lenient.sessions, {});
  const partly = progress.cleanRecord({ chapters: { ht: { hours: -1 }, rt: { hours: 2 } } }, false);
  assert.deepEqual(partly.chapters, { rt: { hours: 2 } });
});

test("the file is named with the learner's local day", () => {
  const ms = new Date(2026, 11, 6, 0, 30).getTime();  // 00:30 local time
  assert.equal(progress.progressFileName(ms), "secondary-breast-cancer-progress-2026-12-06.json");
  const text = progress.progressFile({ [K1]: good }, progress.cleanRecord({}, true), { title: "T" }, ms);
  const back = progress.checkProgressFile(text, manifest);
  assert.deepEqual(back.answers[K1], good);
});

test("records from before review, or with empty review fields, round-trip without them", () => {
  const old = { chosen: [2], first: true, last: true, firstDate: "2026-10-01", lastDate: "2026-10-01" };
  const empty = Object.assign({}, old, { at: null, box: null, due: "" });
  for (const record of [old, empty]) {
    const text = progress.progressFile({ [K1]: record }, progress.cleanRecord({}, true), {}, Date.now());
    const back = progress.checkProgressFile(text, manifest);
    assert.equal(back.error, undefined);
    assert.deepEqual(back.answers[K1], old);
  }
  // a box without its due day is as if never scheduled (the quiz script's rule)
  const half = progress.cleanAnswer(Object.assign({}, old, { box: 2 }), manifest.quizzes[0].questions[0]);
  assert.deepEqual(half, old);
});

test("a chapter's completion day is the last first answer, not the last review", () => {
  const answers = [
    { firstDate: "2026-11-01", lastDate: "2026-12-01" },
    { firstDate: "2026-11-04", lastDate: "2026-11-04" },
    { firstDate: "2026-11-02", lastDate: "2026-12-20" }];
  assert.equal(progress.completionDate(answers), "2026-11-04");
  assert.equal(progress.completionDate([]), "");
});

test("a chapter's parts of the Code keep their order and carry their theme", () => {
  const code = { "6": { title: "Evidence", theme: "Practise effectively" }, "13": { title: "Limits", theme: "Preserve safety" } };
  code["19"] = { title: "Harm", theme: "Preserve safety" };
  assert.equal(progress.codeCell([13, 6], code), "13 (Preserve safety), 6 (Practise effectively)");
  assert.equal(progress.codeCell([19, 13, 6, 19], code), "19, 13 (Preserve safety), 6 (Practise effectively), 19 (Preserve safety)");
  assert.equal(progress.codeCell([13, 99, 98], code), "13 (Preserve safety), 99, 98");
  assert.equal(progress.codeCell(undefined, code), "");
});

test("hours a learner gives are kept to a tenth, from 0.1 to 100", () => {
  assert.equal(progress.cleanHours(1.25), 1.3);
  assert.equal(progress.cleanHours(100), 100);
  for (const bad of [0, 0.04, 100.1, -1, NaN, "1", null]) assert.equal(progress.cleanHours(bad), null, String(bad));
});
