// The SCORM adapter's pure parts (selfcheck/static/selfcheck-scorm.js): the compact suspend
// data (answers round-trip; the 4096-character limit; what is left out when it would not fit)
// and lesson status / score. Run: node --test tests/js
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

const quiz = require("../../selfcheck/static/selfcheck-quiz.js");
const scorm = require("../../selfcheck/static/selfcheck-scorm.js");

const parse = quiz.parseAnswer;

function course(chapters, perQuiz, options = 4) {
  const quizzes = [];
  for (let c = 0; c < chapters; c++) {
    const id = c === chapters - 1 ? "final-check" : `chapter-${c}`;
    const questions = [];
    for (let q = 0; q < perQuiz; q++) {
      questions.push({ id: `q${q}`, version: (c * 31 + q * 7).toString(16).padStart(12, "a"), options, multiple: q % 3 === 0 });
    }
    quizzes.push({ id, questions });
  }
  return { mastery: 80, final: "final-check", quizzes };
}

function key(quizId, q) { return `selfcheck/v1/${quizId}/${q.id}/${q.version}`; }

// Every question of ``config`` answered, first attempts right where ``right(n)``.
function answerAll(config, right = () => true, quizzes = config.quizzes) {
  const entries = {};
  let n = 0;
  for (const quizData of quizzes) {
    for (const q of quizData.questions) {
      const at = Date.UTC(2026, 11, 1 + (n % 5), 9, n % 60);
      const day = quiz.localDay(at);
      entries[key(quizData.id, q)] = JSON.stringify(quiz.nextRecord(null, undefined, q.multiple ? [0, 2] : [1],
        right(n), day, at));
      n++;
    }
  }
  return entries;
}

test("answers round-trip through suspend data exactly (to the minute)", () => {
  const config = course(16, 15);  // 240 questions, about the course's size
  const entries = answerAll(config, (n) => n % 4 !== 0);
  const data = scorm.encode(config, entries, parse);
  assert.ok(data.length <= scorm.LIMIT, `${data.length} characters`);
  const back = scorm.decode(config, data).entries;
  assert.deepEqual(Object.keys(back).sort(), Object.keys(entries).sort());
  for (const k of Object.keys(entries)) {
    const q = config.quizzes.flatMap((z) => z.questions).find((x) => k.endsWith(`/${x.id}/${x.version}`));
    assert.deepEqual(parse(back[k], q.options, q.multiple), parse(entries[k], q.options, q.multiple), k);
  }
});

test("an old record without review fields, and a stray key, survive or are ignored", () => {
  const config = course(2, 2);
  const q = config.quizzes[0].questions[1];
  const entries = {
    [key("chapter-0", q)]: JSON.stringify({ chosen: [2], first: false, last: true, firstDate: "2026-11-30", lastDate: "2026-12-02" }),
    "selfcheck/v1/chapter-0/gone/aaaaaaaaaaaa": JSON.stringify({ chosen: [0], first: true }),
  };
  const back = scorm.decode(config, scorm.encode(config, entries, parse)).entries;
  assert.deepEqual(Object.keys(back), [key("chapter-0", q)]);
  assert.deepEqual(JSON.parse(back[key("chapter-0", q)]),
    { chosen: [2], first: false, last: true, firstDate: "2026-11-30", lastDate: "2026-12-02" });
});

test("a question edited since the data was saved starts afresh; foreign data is not ours", () => {
  const config = course(2, 3);
  const data = scorm.encode(config, answerAll(config), parse);
  const edited = JSON.parse(JSON.stringify(config));
  edited.quizzes[0].questions[1].version = "ff" + edited.quizzes[0].questions[1].version.slice(2);
  const back = scorm.decode(edited, data).entries;
  assert.equal(Object.keys(back).length, 5);
  assert.ok(!(key("chapter-0", edited.quizzes[0].questions[1]) in back));
  assert.equal(scorm.decode(config, "lesson=4;page=7"), null);
  assert.equal(scorm.decode(config, ""), null);
});

test("the learning record and calls ride along when they fit, and are left out (flagged) when not", () => {
  const config = course(2, 3);
  const record = JSON.stringify({ name: "Sam", reflection: { learned: "Escalate early." } });
  const entries = { ...answerAll(config), "selfcheck-record/v1": record, "selfcheck-calls/v1/mscc/1": "{\"step\":2}" };
  const fits = scorm.decode(config, scorm.encode(config, entries, parse));
  assert.equal(fits.left, 0);
  assert.equal(fits.entries["selfcheck-record/v1"], record);
  assert.equal(fits.entries["selfcheck-calls/v1/mscc/1"], "{\"step\":2}");

  const long = JSON.stringify({ name: "Sam", reflection: { learned: "x".repeat(5000) } });
  const data = scorm.encode(config, { ...entries, "selfcheck-record/v1": long }, parse);
  assert.ok(data.length <= scorm.LIMIT);
  const cut = scorm.decode(config, data);
  assert.equal(cut.left, 1, "the record was left out, and said so");
  assert.ok(!("selfcheck-record/v1" in cut.entries));
  assert.equal(Object.keys(cut.entries).filter((k) => k.startsWith("selfcheck/v1/")).length, 6);
});

test("341 answers do not fit: encode says so (the export refuses such a course)", () => {
  const config = course(11, 31, 4);
  assert.equal(scorm.encode(config, answerAll(config), parse), null);
  const fits = course(10, 34, 4);  // 340 questions: the most that fit
  assert.ok(scorm.encode(fits, answerAll(fits), parse).length <= scorm.LIMIT);
});

test("status: incomplete, completed with every chapter quiz checked, then passed or failed on the final check", () => {
  const config = course(3, 10);
  const chapters = config.quizzes.slice(0, 2), final = config.quizzes.slice(2);
  assert.deepEqual(scorm.outcome(config, {}, parse), { status: "incomplete", score: null });
  const some = answerAll(config, () => true, chapters);
  delete some[key("chapter-1", chapters[1].questions[9])];
  assert.equal(scorm.outcome(config, some, parse).status, "incomplete");
  assert.deepEqual(scorm.outcome(config, answerAll(config, () => true, chapters), parse), { status: "completed", score: null });
  // first attempts on the final check: 8 of 10 right is 80, the mastery score: passed
  assert.deepEqual(scorm.outcome(config, answerAll(config, (n) => n > 1, final), parse), { status: "passed", score: 80 });
  assert.deepEqual(scorm.outcome(config, answerAll(config, (n) => n > 2, final), parse), { status: "failed", score: 70 });
  const partFinal = answerAll(config, () => true, final);
  delete partFinal[key("final-check", final[0].questions[0])];
  assert.equal(scorm.outcome(config, partFinal, parse).status, "incomplete");
});
