// The spaced-review schedule and the learner's local days (selfcheck-quiz.js), in the
// learner's time zone: Europe/London, so that British Summer Time is crossed.
// Run: node --test tests/js
"use strict";

process.env.TZ = "Europe/London"; // before any date is made; Node reads it when it changes

const test = require("node:test");
const assert = require("node:assert/strict");

const quiz = require("../../selfcheck/static/selfcheck-quiz.js");
const { localDay, addDays, nextSchedule, dueQuestions, nextRecord, parseAnswer, questionKey } = quiz;

const at = (iso) => Date.parse(iso);

test("the time zone is London's for these tests", () => {
  assert.equal(new Date(at("2026-07-01T12:00:00Z")).getHours(), 13);
  assert.equal(new Date(at("2026-12-01T12:00:00Z")).getHours(), 12);
});

test("a local day is the learner's calendar day, not UTC's", () => {
  // 00:30 BST on 1 July is 23:30 UTC on 30 June: dated 1 July.
  assert.equal(localDay(at("2026-06-30T23:30:00Z")), "2026-07-01");
  assert.equal(localDay(at("2026-06-30T22:59:59Z")), "2026-06-30");
  // In winter London is on UTC.
  assert.equal(localDay(at("2026-12-06T23:30:00Z")), "2026-12-06");
  assert.equal(localDay(at("2026-12-07T00:00:00Z")), "2026-12-07");
  // The nights the clocks change (29 March and 25 October 2026, 01:00 UTC).
  assert.equal(localDay(at("2026-03-28T23:59:59Z")), "2026-03-28");
  assert.equal(localDay(at("2026-03-29T23:00:00Z")), "2026-03-30");
  assert.equal(localDay(at("2026-10-24T23:00:00Z")), "2026-10-25");
  assert.equal(localDay(at("2026-10-25T23:59:59Z")), "2026-10-25");
  // New Year's Eve and a day before the year 2000 are written in full.
  assert.equal(localDay(at("2026-12-31T23:59:59Z")), "2026-12-31");
  assert.equal(localDay(at("1999-01-05T10:00:00Z")), "1999-01-05");
});

test("days are added on the calendar: month ends, leap years, the clock changes", () => {
  assert.equal(addDays("2026-01-31", 1), "2026-02-01");
  assert.equal(addDays("2026-02-28", 1), "2026-03-01");
  assert.equal(addDays("2028-02-28", 1), "2028-02-29");
  assert.equal(addDays("2028-02-29", 1), "2028-03-01");
  assert.equal(addDays("2100-02-28", 1), "2100-03-01"); // not a leap year
  assert.equal(addDays("2000-02-28", 1), "2000-02-29"); // a leap year
  assert.equal(addDays("2026-12-31", 1), "2027-01-01");
  assert.equal(addDays("2026-12-06", 60), "2027-02-04");
  assert.equal(addDays("2026-03-28", 1), "2026-03-29");
  assert.equal(addDays("2026-03-28", 2), "2026-03-30");
  assert.equal(addDays("2026-10-24", 1), "2026-10-25");
  assert.equal(addDays("2026-10-25", 1), "2026-10-26");
  assert.equal(addDays("2026-03-01", -1), "2026-02-28");
  assert.equal(addDays("2026-04-30", 0), "2026-04-30");
});

test("a wrong answer puts the question in box 0, due the next day", () => {
  assert.deepEqual(nextSchedule(null, false, "2026-12-06"), { box: 0, due: "2026-12-07" });
  assert.deepEqual(nextSchedule({ box: 4, due: "2027-02-01" }, false, "2026-12-06"), { box: 0, due: "2026-12-07" });
  assert.deepEqual(nextSchedule({ box: 3, due: "2026-12-01" }, false, "2026-12-06"), { box: 0, due: "2026-12-07" });
});

test("right answers come back after 3, then 7, 21 and 60 days", () => {
  assert.deepEqual(quiz.INTERVALS, [1, 3, 7, 21, 60]);
  let day = "2026-12-06";
  let schedule = nextSchedule(null, true, day);
  assert.deepEqual(schedule, { box: 1, due: "2026-12-09" });
  const seen = [];
  for (let i = 0; i < 4; i++) {
    day = schedule.due; // answered right on the day it falls due
    schedule = nextSchedule(schedule, true, day);
    seen.push(schedule);
  }
  assert.deepEqual(seen, [
    { box: 2, due: "2026-12-16" },
    { box: 3, due: "2027-01-06" },
    { box: 4, due: "2027-03-07" },
    { box: 4, due: "2027-05-06" }, // box 4 is the last: 60 days again
  ]);
  // Answered late (after its day): the interval counts from the day it was answered.
  assert.deepEqual(nextSchedule({ box: 1, due: "2026-12-09" }, true, "2026-12-20"), { box: 2, due: "2026-12-27" });
  // From box 0 a right answer goes to box 1.
  assert.deepEqual(nextSchedule({ box: 0, due: "2026-12-07" }, true, "2026-12-07"), { box: 1, due: "2026-12-10" });
});

test("a right answer before the question is due (a retry) changes nothing", () => {
  assert.deepEqual(nextSchedule({ box: 0, due: "2026-12-07" }, true, "2026-12-06"), { box: 0, due: "2026-12-07" });
  assert.deepEqual(nextSchedule({ box: 2, due: "2026-12-20" }, true, "2026-12-19"), { box: 2, due: "2026-12-20" });
});

test("a record from before review existed counts as never scheduled", () => {
  const old = parseAnswer('{"chosen":[1],"first":true,"last":true,"firstDate":"2026-11-01","lastDate":"2026-11-02"}', 3, false);
  assert.equal(old.box, null);
  assert.deepEqual(nextSchedule(old, true, "2026-12-06"), { box: 1, due: "2026-12-09" });
  const record = nextRecord(old, undefined, [1], true, "2026-12-06", at("2026-12-06T09:00:00Z"));
  assert.deepEqual(record, { chosen: [1], first: true, last: true, firstDate: "2026-11-01", lastDate: "2026-12-06",
    at: at("2026-12-06T09:00:00Z"), box: 1, due: "2026-12-09" });
});

// ---- what is due ----

const manifest = {
  quizzes: [
    { id: "alpha", chapter: "Alpha", url: "alpha.html", questions: [
      { id: "a1", version: "v1", options: 3, multiple: false },
      { id: "a2", version: "v2", options: 3, multiple: false },
      { id: "a3", version: "v3", options: 4, multiple: true },
      { id: "a4", version: "v4", options: 3, multiple: false },
    ] },
    { id: "beta", chapter: "Beta", url: "beta.html", questions: [
      { id: "b1", version: "new", options: 2, multiple: false },
      { id: "b2", version: "w2", options: 2, multiple: false },
    ] },
  ],
};

function record(due, box, extra) {
  return JSON.stringify(Object.assign({ chosen: [0], first: true, last: true, firstDate: "2026-12-01",
    lastDate: "2026-12-01", at: 1, box: box, due: due }, extra || {}));
}

function dueIds(result) {
  return result.due.map((d) => `${d.quiz.id}/${d.question.id}${d.changed ? " (changed)" : ""}`);
}

test("nothing answered: nothing due and no next day", () => {
  const result = dueQuestions(manifest, {}, at("2026-12-06T10:00:00Z"));
  assert.deepEqual(result, { day: "2026-12-06", due: [], next: "" });
});

test("questions due today or earlier are due; the next day is the earliest still to come", () => {
  const stored = {
    [questionKey("alpha", "a1", "v1")]: record("2026-12-06", 1),
    [questionKey("alpha", "a2", "v2")]: record("2026-12-09", 1),
    [questionKey("alpha", "a3", "v3")]: record("2026-12-02", 0, { chosen: [0, 2] }),
    [questionKey("beta", "b2", "w2")]: record("2026-12-08", 2),
  };
  const result = dueQuestions(manifest, stored, at("2026-12-06T10:00:00Z"));
  assert.deepEqual(dueIds(result), ["alpha/a1", "alpha/a3"]);
  assert.equal(result.next, "2026-12-08");
  assert.equal(result.due[0].quiz.chapter, "Alpha");
  // Just before midnight the day has not come; just after, it has (local time, BST in June).
  const june = { [questionKey("alpha", "a1", "v1")]: record("2026-07-01", 1) };
  assert.deepEqual(dueIds(dueQuestions(manifest, june, at("2026-06-30T22:59:00Z"))), []);
  assert.equal(dueQuestions(manifest, june, at("2026-06-30T22:59:00Z")).next, "2026-07-01");
  assert.deepEqual(dueIds(dueQuestions(manifest, june, at("2026-06-30T23:30:00Z"))), ["alpha/a1"]);
});

test("an answer only to an earlier version is listed as changed, due at once", () => {
  const stored = {
    [questionKey("beta", "b1", "old")]: record("2027-06-01", 4),
    // A record that does not parse, or a key under a longer id, is not an earlier version.
    [questionKey("beta", "b2", "w1")]: "not json",
    [questionKey("alpha", "a4", "v0") + "/extra"]: record("2026-12-01", 1),
  };
  const result = dueQuestions(manifest, stored, at("2026-12-06T10:00:00Z"));
  assert.deepEqual(dueIds(result), ["beta/b1 (changed)"]);
  // Once the current version is answered, it is scheduled as any other.
  stored[questionKey("beta", "b1", "new")] = record("2026-12-09", 1);
  assert.deepEqual(dueIds(dueQuestions(manifest, stored, at("2026-12-06T10:00:00Z"))), []);
});

test("an old record without a schedule is due the day after it was last answered", () => {
  const old = JSON.stringify({ chosen: [1], first: false, last: true, firstDate: "2026-12-05", lastDate: "2026-12-06" });
  const undated = JSON.stringify({ chosen: [1], first: false });
  const stored = { [questionKey("alpha", "a1", "v1")]: old, [questionKey("alpha", "a2", "v2")]: undated };
  const today = dueQuestions(manifest, stored, at("2026-12-06T10:00:00Z"));
  assert.deepEqual(dueIds(today), ["alpha/a2"]);
  assert.equal(today.next, "2026-12-07");
  assert.deepEqual(dueIds(dueQuestions(manifest, stored, at("2026-12-07T10:00:00Z"))), ["alpha/a1", "alpha/a2"]);
});

test("a record that does not fit its question is not due; a quiz on two pages counts once", () => {
  const stored = {
    [questionKey("alpha", "a1", "v1")]: record("2026-12-01", 1, { chosen: [7] }),
    [questionKey("alpha", "a2", "v2")]: record("2026-12-01", 1),
  };
  const twice = { quizzes: [manifest.quizzes[0], manifest.quizzes[1], manifest.quizzes[0]] };
  assert.deepEqual(dueIds(dueQuestions(twice, stored, at("2026-12-06T10:00:00Z"))), ["alpha/a2"]);
});

test("stored keys named like an object's own properties are only stored keys", () => {
  const stored = Object.create(null);
  stored["selfcheck/v1/alpha/a1/constructor"] = record("2026-12-01", 1);
  assert.deepEqual(dueIds(dueQuestions(manifest, stored, at("2026-12-06T10:00:00Z"))), ["alpha/a1 (changed)"]);
  const hostile = { quizzes: [{ id: "x", questions: [{ id: "__proto__", version: "toString", options: 2, multiple: false }] }] };
  assert.deepEqual(dueQuestions(hostile, {}, at("2026-12-06T10:00:00Z")).due, []);
});
