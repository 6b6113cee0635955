"""Python's side of the table both runtimes check (tests/data/grading-cases.json): the checked-in
table is exactly what core/grading.py says today, and it covers what it must. The script's
side is tests/js/grading.test.js."""

from __future__ import annotations

import json

from tests import grading_table
from selfcheck.core.grading import WORDING, feedback
from selfcheck.views.page import render_quiz


def test_checked_in_table_is_what_python_grades_and_says():
    # On failure: the rules or words changed. Rewrite the table with `python tests/grading_table.py`,
    # read its diff, and make selfcheck-quiz.js agree (node --test tests/js).
    assert grading_table.PATH.read_text(encoding="utf-8") == grading_table.dumps(grading_table.build())


def test_table_covers_every_kind_state_and_a_missed_option():
    cases = grading_table.load()["grading"]
    assert {c["kind"] for c in cases} == {"single", "multiple", "true-false"}
    for kind in ("single", "multiple", "true-false"):
        assert {c["state"] for c in cases if c["kind"] == kind} == {"empty", "correct", "wrong"}, kind
    assert any(c["missed_line"] and c["names"] for c in cases)
    assert any(c["chosen"] != sorted(c["chosen"]) for c in cases)


def test_table_says_what_a_learner_reads():
    """Spot checks written out by hand, so the generated table cannot drift unnoticed."""
    cases = grading_table.load()["grading"]
    partial = next(c for c in cases if c["kind"] == "multiple" and c["chosen"] == [0] and len(c["options"]) == 4)
    assert (partial["verdict"], partial["names"], partial["missed_line"]) == ("Not quite.", ["You chose: Alpha"], "You missed: Gamma.")
    tricky = next(c for c in cases if c["options"][1]["text"] == "$& {option} $1" and c["chosen"] == [2])
    assert tricky["missed_line"] == "You missed: Use care & <b>; $& {option} $1."
    assert next(c for c in cases if not c["chosen"])["verdict"] == "Choose an answer first."
    assert grading_table.load()["score"][2]["line"] == "Score: 1 of 3 (2 of 3 checked; first attempts count)"


def test_storage_key_comes_from_the_table():
    for case in grading_table.load()["storage"]["keys"]:
        assert grading_table.storage_key(case["quiz"], case["question"], case["version"]) == case["key"]


def test_nothing_chosen_counts_nothing():
    question = grading_table._question("single", [("A", True), ("B", False)])
    plan = feedback(question, [])
    assert (plan.state, plan.result, plan.chosen, plan.missed) == ("empty", None, (), "")


def test_page_carries_the_wording_once_per_quiz(small_quiz):
    html = render_quiz(small_quiz, {})
    start = html.index('<script type="application/json" class="sc-wording">') + len('<script type="application/json" class="sc-wording">')
    assert html.count('class="sc-wording"') == 1
    assert json.loads(html[start:html.index("</script>", start)]) == WORDING
    assert "Score: 0 of 3 (0 of 3 checked; first attempts count)" in html
