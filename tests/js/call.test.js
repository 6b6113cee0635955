// Telephone triage calls' pure rules (selfcheck-call.js): the record a finished call leaves,
// what a stored or loaded record must be, merging a file's record with this browser's, and
// My progress's count; and the saved-progress file's call records (selfcheck-progress.js).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

const calls = require("../../selfcheck/static/selfcheck-call.js");
const progress = require("../../selfcheck/static/selfcheck-progress.js");

const KEY = "selfcheck-calls/v1/fever-after-chemotherapy/0123456789ab";
const good = { finished: "2026-12-01", outcome: "come-in-now", correct: true, tries: 2, at: 1796000000000 };

test("the key is the call id and its version under selfcheck-calls/v1/", () => {
  assert.equal(calls.callKey("fever-after-chemotherapy", "0123456789ab"), KEY);
  assert.ok(calls.KEY.test(KEY));
  assert.ok(!calls.KEY.test("selfcheck/v1/fever-after-chemotherapy/0123456789ab"));
  assert.ok(!calls.KEY.test(KEY + "/x"));
});

test("a sound record is read, from text or an object; the outcome must be the call's", () => {
  assert.deepEqual(calls.parseCallRecord(JSON.stringify(good)), good);
  assert.deepEqual(calls.parseCallRecord(good, ["come-in-now", "stay-home"]), good);
  assert.equal(calls.parseCallRecord(good, ["stay-home"]), null);
  assert.deepEqual(calls.parseCallRecord(Object.assign({ extra: "<b>" }, good)), good);  // nothing else kept
});

test("anything unsound is no record at all", () => {
  const bad = [
    null, "", "not json", "[]", 7,
    Object.assign({}, good, { finished: "2026-02-30" }),
    Object.assign({}, good, { finished: "1 December" }),
    Object.assign({}, good, { outcome: "<script>" }),
    Object.assign({}, good, { outcome: 3 }),
    Object.assign({}, good, { correct: "yes" }),
    Object.assign({}, good, { tries: 0 }),
    Object.assign({}, good, { tries: 1.5 }),
    Object.assign({}, good, { at: -1 }),
    Object.assign({}, good, { at: "soon" }),
  ];
  bad.forEach((value) => assert.equal(calls.parseCallRecord(value), null, JSON.stringify(value)));
});

test("finishing a call: the first day and a safe end are kept, tries counted, the last outcome kept", () => {
  const at = new Date(2026, 11, 6, 0, 30).getTime();  // 00:30 local time: that local day
  const first = calls.nextCallRecord(null, "stay-home", false, at);
  assert.deepEqual(first, { finished: "2026-12-06", outcome: "stay-home", correct: false, tries: 1, at });
  const second = calls.nextCallRecord(first, "come-in-now", true, at + 86400000);
  assert.deepEqual(second, { finished: "2026-12-06", outcome: "come-in-now", correct: true, tries: 2, at: at + 86400000 });
  const third = calls.nextCallRecord(second, "stay-home", false, at + 2 * 86400000);
  assert.equal(third.correct, true);
  assert.equal(third.outcome, "stay-home");
  assert.equal(third.tries, 3);
});

test("a file's record and this browser's: the earlier first day, the later outcome, a safe end from either", () => {
  const here = { finished: "2026-12-03", outcome: "stay-home", correct: false, tries: 1, at: 300 };
  const incoming = { finished: "2026-12-01", outcome: "come-in-now", correct: true, tries: 4, at: 100 };
  assert.deepEqual(calls.mergeCallRecord(here, incoming),
    { finished: "2026-12-01", outcome: "stay-home", correct: true, tries: 4, at: 300 });
  assert.deepEqual(calls.mergeCallRecord(null, incoming), incoming);
  assert.deepEqual(calls.mergeCallRecord(incoming, here),  // the same, whichever side it is on
    { finished: "2026-12-01", outcome: "stay-home", correct: true, tries: 4, at: 300 });
  assert.equal(calls.mergeCallRecord(good, Object.assign({}, good)), null);  // nothing to change
});

test("My progress counts finished calls and those that reached the safe outcome", () => {
  const manifest = [
    { id: "a", version: "aaaaaaaaaaaa", outcomes: ["x", "y"] },
    { id: "b", version: "bbbbbbbbbbbb", outcomes: ["x"] },
    { id: "c", version: "cccccccccccc", outcomes: ["x"] },
  ];
  const stored = {
    "selfcheck-calls/v1/a/aaaaaaaaaaaa": JSON.stringify({ finished: "2026-12-02", outcome: "y", correct: false, tries: 1, at: 1 }),
    "selfcheck-calls/v1/b/bbbbbbbbbbbb": JSON.stringify({ finished: "2026-12-01", outcome: "x", correct: true, tries: 1, at: 1 }),
    "selfcheck-calls/v1/c/000000000000": JSON.stringify(good),  // another version: not counted
  };
  const summary = calls.callsSummary(manifest, (k, outcomes) => calls.parseCallRecord(stored[k] || null, outcomes));
  assert.equal(summary.total, 3);
  assert.equal(summary.finished, 2);
  assert.equal(summary.safe, 1);
  assert.equal(summary.first, "2026-12-01");
  assert.equal(summary.last, "2026-12-02");
  assert.equal(calls.callsLine(summary), "Telephone triage calls: 2 of 3 finished (1 reached the safe outcome)");
});

const manifest = { themes: [], quizzes: [], calls: [{ id: "fever-after-chemotherapy", version: "0123456789ab", outcomes: ["come-in-now"] }] };

function file(extra) {
  return JSON.stringify(Object.assign({ format: "selfcheck-progress", version: 1, answers: {}, record: {} }, extra));
}

test("a progress file's call records are read, those of calls since changed left out", () => {
  const other = "selfcheck-calls/v1/fever-after-chemotherapy/ffffffffffff";
  const r = progress.checkProgressFile(file({ calls: { [KEY]: good, [other]: good } }), manifest);
  assert.equal(r.error, undefined);
  assert.deepEqual(r.calls[KEY], good);
  assert.equal(Object.keys(r.calls).length, 1);
  assert.equal(r.ignored, 1);
  assert.deepEqual(Object.keys(progress.checkProgressFile(file({}), manifest).calls), []);  // an older file has none
});

test("a progress file with a bad call record loads nothing and says why in one line", () => {
  const cases = [
    [{ calls: [] }, "Nothing was loaded: the file's telephone triage calls are not in the expected form."],
    [{ calls: { "selfcheck/v1/x/y/z": good } }, "Nothing was loaded: the file holds something that is not a call of this course (selfcheck/v1/x/y/z)."],
    [{ calls: { [KEY]: Object.assign({}, good, { outcome: "stay-home" }) } }, "Nothing was loaded: the file holds a call record this course cannot read (" + KEY + ")."],
    [{ calls: { [KEY]: Object.assign({}, good, { tries: -2 }) } }, "Nothing was loaded: the file holds a call record this course cannot read (" + KEY + ")."],
  ];
  cases.forEach(([extra, message]) => assert.deepEqual(progress.checkProgressFile(file(extra), manifest), { error: message }));
});

test("the saved file carries the call records only when the course has calls", () => {
  const withCalls = JSON.parse(progress.progressFile({}, {}, { title: "T" }, 0, { [KEY]: good }));
  assert.deepEqual(withCalls.calls, { [KEY]: good });
  assert.equal("calls" in JSON.parse(progress.progressFile({}, {}, { title: "T" }, 0)), false);
});
