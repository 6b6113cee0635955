// Presenter mode's reading of ?present=…: the questions a session plan names, in its order.
// Run: node --test tests/js
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

const present = require("../../selfcheck/static/selfcheck-present.js");

test("a list of numbers is the questions to present, in that order", () => {
  assert.deepEqual(present.chosenQuestions("2,3,5,7", 8), { numbers: [2, 3, 5, 7], unknown: [] });
  assert.deepEqual(present.chosenQuestions("7,2", 8), { numbers: [7, 2], unknown: [] });
  assert.deepEqual(present.chosenQuestions(" 4 , 4,1,", 8), { numbers: [4, 1], unknown: [] });
});

test("numbers the quiz does not have are set aside and named", () => {
  assert.deepEqual(present.chosenQuestions("0,2,9", 8), { numbers: [2], unknown: [0, 9] });
  assert.deepEqual(present.chosenQuestions("12", 8), { numbers: [], unknown: [12] });
});

test("anything else means every question (a quiz id, nothing, junk)", () => {
  for (const value of [null, "", "hormone-therapy", "2;3", "2,,3", "1e3", "-2", "<b>2</b>"]) {
    assert.equal(present.chosenQuestions(value, 8), null, String(value));
  }
});
