// The page script's grading, wording and storage rules against the table Python writes
// (tests/data/grading-cases.json, from tests/grading_table.py). Run: node --test tests/js
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const quiz = require("../../selfcheck/static/selfcheck-quiz.js");
const table = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "data", "grading-cases.json"), "utf8"));
const wording = table.wording;

test("the script is loaded as a module, not started", () => {
  assert.equal(typeof quiz.feedbackPlan, "function");
});

test("grading and feedback agree with Python on every case", () => {
  assert.ok(table.grading.length > 10);
  for (const c of table.grading) {
    const correct = c.options.flatMap((o, i) => (o.correct ? [i] : []));
    const plan = quiz.feedbackPlan(wording, c.kind, correct, c.chosen, c.options.map((o) => o.plain));
    const label = `${c.kind} chose ${JSON.stringify(c.chosen)}`;
    assert.equal(plan.state, c.state, label);
    assert.equal(plan.verdict, c.verdict, label);
    assert.deepEqual(plan.names, c.names, label);
    assert.equal(plan.missed, c.missed_line, label);
    if (c.state !== "empty") {
      assert.deepEqual(plan.chosen, [...c.chosen].sort((a, b) => a - b), label);
    }
  }
});

test("the chosen array is not reordered in place", () => {
  const chosen = [2, 0];
  quiz.feedbackPlan(wording, "multiple", [0, 2], chosen, ["a", "b", "c"]);
  assert.deepEqual(chosen, [2, 0]);
});

test("the score line agrees with Python", () => {
  for (const c of table.score) {
    assert.equal(quiz.scoreLine(wording, c.first, c.total), c.line);
  }
});

test("storage keys follow the table", () => {
  const storage = table.storage;
  assert.equal(quiz.PREFIX, storage.prefix);
  assert.equal(quiz.RECORD_KEY, storage.record_key);
  for (const c of storage.keys) {
    assert.equal(quiz.questionKey(c.quiz, c.question, c.version), c.key);
    const format = storage.question_key.replace("{quiz}", c.quiz).replace("{question}", c.question).replace("{version}", c.version);
    assert.equal(format, c.key);
  }
});

test("a stored text is read as the table says, or ignored", () => {
  for (const c of table.storage.read) {
    assert.deepEqual(quiz.parseAnswer(c.stored, c.options, c.multiple), c.answer, String(c.stored));
  }
});

test("checked attempts write the records in the table, and read them back", () => {
  for (const c of table.storage.attempts) {
    let stored = null;
    let firstSeen; // what the page saw first, as in setUpQuiz's ``first``
    for (const step of c.steps) {
      if ("stored" in step) stored = step.stored;
      const previous = quiz.parseAnswer(stored, c.options, c.multiple);
      const record = quiz.nextRecord(previous, firstSeen, step.chosen, step.right, step.date, step.at);
      assert.deepEqual(record, step.record, c.about);
      stored = JSON.stringify(record);
      firstSeen = record.first;
      assert.deepEqual(quiz.parseAnswer(stored, c.options, c.multiple), step.record, c.about);
    }
  }
});
