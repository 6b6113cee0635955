"""Every validation rule: a broken example and the exact message it must produce."""

from __future__ import annotations

import datetime as dt

import pytest

from selfcheck.core import bank
from selfcheck.core.bibliography import read_bibliography
from selfcheck.core.validate import check_file, check_files
from tests.support import problems_of

TODAY = dt.date(2026, 11, 24)
BIB = {"nice-cg81", "nice-ta563"}

VALID = """\
id: demo
title: Demo quiz
reviewed: 2026-11-20
questions:
  - id: q-one
    type: single
    scenario: |
      Jo, 52, phones the advice line.
    prompt: What do you do first?
    options:
      - text: Take a history
        correct: true
        feedback: Yes, because.
      - text: Tell her to wait
        feedback: No, because.
    explanation: Why.
    source: nice-cg81
  - id: q-two
    type: multiple
    prompt: Which apply?
    options:
      - text: A
        correct: true
        feedback: A is right.
      - text: B
        feedback: B is wrong.
    explanation: Why.
    source: nice-ta563
  - id: q-three
    type: true-false
    prompt: Is it so?
    options:
      - text: "True"
        correct: true
        feedback: Yes.
      - text: "False"
        feedback: No.
    explanation: Why.
    source: nice-cg81
"""


def messages(tmp_path, text, name="demo.yml", bib=BIB):
    return problems_of(tmp_path, text, name, bib, TODAY)


def replace(old, new, text=VALID):
    assert old in text, old
    return text.replace(old, new, 1)


def test_valid_file_loads_with_every_field(tmp_path):
    path = tmp_path / "demo.yml"
    path.write_text(VALID)
    quiz, problems = check_file(path, BIB, TODAY, root=tmp_path)
    assert problems == []
    assert quiz.id == "demo" and quiz.title == "Demo quiz" and quiz.reviewed == dt.date(2026, 11, 20)
    assert [q.id for q in quiz.questions] == ["q-one", "q-two", "q-three"]
    one = quiz.questions[0]
    assert one.scenario == "Jo, 52, phones the advice line."
    assert one.correct_indices == {0}
    assert [o.text for o in quiz.questions[2].options] == ["True", "False"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("- just\n- a list\n", "demo.yml:1: a quiz file must be a mapping with keys id, title, reviewed, questions"),
        ("id: demo\ntitle: [unclosed\n", "demo.yml:3: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence)"),
        (replace("title: Demo quiz", "titel: Demo quiz"), ["demo.yml:2: unknown key 'titel' (did you mean 'title'?); allowed: id, title, reviewed, questions",
                                                           "demo.yml:1: missing 'title'"]),
        (replace("id: demo\n", "id: other\n"), "demo.yml:1: id 'other' must equal the file name 'demo'"),
        (replace("title: Demo quiz\n", ""), "demo.yml:1: missing 'title'"),
        (replace("reviewed: 2026-11-20", "reviewed: 2026-13-45"), "demo.yml:3: reviewed '2026-13-45' is not a real date (use YYYY-MM-DD)"),
        (replace("reviewed: 2026-11-20", "reviewed: 2027-01-01"), "demo.yml:3: reviewed 2027-01-01 is in the future"),
        (replace("reviewed: 2026-11-20", "reviewed: last week"), "demo.yml:3: reviewed must be a date written YYYY-MM-DD, not 'last week'"),
        (replace("reviewed: 2026-11-20\n", ""), "demo.yml:1: missing 'reviewed' (the date the content was last checked, YYYY-MM-DD)"),
        ("id: demo\ntitle: T\nreviewed: 2026-11-20\nquestions: []\n", "demo.yml:4: 'questions' must be a non-empty list"),
    ],
    ids=["not-mapping", "syntax", "unknown-top-key", "id-vs-filename", "missing-title",
         "impossible-date", "future-date", "not-a-date", "missing-reviewed", "no-questions"],
)
def test_file_level_rules(tmp_path, text, expected):
    expected = expected if isinstance(expected, list) else [expected]
    assert messages(tmp_path, text) == expected


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("        correct: true\n        feedback: Yes, because.",
         "        corect: true\n        feedback: Yes, because.",
         ["demo.yml:12: q-one: option 1: unknown key 'corect' (did you mean 'correct'?); allowed: text, correct, feedback"]),
        ("    prompt: What do you do first?", "    promt: What do you do first?",
         ["demo.yml:9: q-one: unknown key 'promt' (did you mean 'prompt'?); allowed: id, type, scenario, prompt, options, explanation, source",
          "demo.yml:5: q-one: missing 'prompt'"]),
        ("    type: single", "    type: singel",
         ["demo.yml:6: q-one: type 'singel' must be one of single, multiple, true-false"]),
        ("        feedback: No, because.", "        correct: true\n        feedback: No, because.",
         ["demo.yml:10: q-one: a single question needs exactly one correct option (has 2)"]),
        ("      - text: Tell her to wait\n        feedback: No, because.\n", "",
         ["demo.yml:10: q-one: needs at least two options (has 1)"]),
        ("      - text: Tell her to wait", "      - text: \"  \"",
         ["demo.yml:14: q-one: option 2: 'text' is empty"]),
        ("      - text: Tell her to wait", "      - text: 42",
         ["demo.yml:14: q-one: option 2: 'text' must be text, but YAML read '42' as a number; quote it: \"42\""]),
        ("        feedback: No, because.", "        feedback:",
         ["demo.yml:15: q-one: option 2: 'feedback' must be text, not empty"]),
        ("    prompt: What do you do first?", "    prompt: \"\"",
         ["demo.yml:9: q-one: 'prompt' is empty"]),
        ("    prompt: What do you do first?", "    prompt: |\n      Line one\n      line two",
         ["demo.yml:9: q-one: 'prompt' must be one line"]),
        ("    explanation: Why.\n    source: nice-cg81\n  - id: q-two", "    source: nice-cg81\n  - id: q-two",
         ["demo.yml:5: q-one: missing 'explanation'"]),
        ("    source: nice-cg81\n  - id: q-two", "    source: nice-cg99\n  - id: q-two",
         ["demo.yml:17: q-one: source 'nice-cg99' is not a key in book/references.bib"]),
        ("    source: nice-cg81\n  - id: q-two", "  - id: q-two",
         ["demo.yml:5: q-one: missing 'source'"]),
        ("        correct: true\n        feedback: Yes, because.", "        correct: yes please\n        feedback: Yes, because.",
         ["demo.yml:12: q-one: option 1: 'correct' must be true or false, not 'yes please'"]),
        ("    prompt: What do you do first?", "    prompt: What do you do first?\n    prompt: Again?",
         ["demo.yml:10: q-one: key 'prompt' appears twice"]),
        ("    prompt: Which apply?", "    prompt: Which apply? (Choose all that apply.)",
         ['demo.yml:20: q-two: the quiz says "Choose all that apply" itself: take it out of the prompt']),
        ("      - text: A\n        correct: true\n", "      - text: A\n",
         ["demo.yml:21: q-two: a multiple question needs at least one correct option (has 0)"]),
        # Unquoted True is read by YAML as a boolean: say so, and say "quote it".
        ('      - text: "True"', "      - text: True",
         ["demo.yml:33: q-three: option 1: 'text' must be text, but YAML read 'True' as a true/false value; quote it: \"True\""]),
        ('      - text: "False"', '      - text: "Maybe"',
         ["demo.yml:32: q-three: a true-false question needs exactly the options \"True\" and \"False\" (has 'True', 'Maybe')"]),
        ('      - text: "False"\n', '      - text: "False"\n        correct: true\n',
         ["demo.yml:32: q-three: a true-false question needs exactly one correct option (has 2)"]),
    ],
    ids=["typo-correct", "typo-prompt", "bad-type", "single-two-correct", "one-option", "empty-text",
         "number-text", "empty-feedback", "empty-prompt", "two-line-prompt", "no-explanation",
         "unknown-source", "no-source", "correct-not-bool", "duplicate-key", "choose-all-in-prompt",
         "multiple-none-correct", "true-unquoted", "true-false-maybe", "true-false-two-correct"],
)
def test_question_rules(tmp_path, old, new, expected):
    assert messages(tmp_path, replace(old, new)) == expected


def test_question_without_id_is_named_by_number(tmp_path):
    text = replace("  - id: q-two\n", "  - \n", VALID).replace("  - \n    type: multiple", "  - type: multiple")
    assert messages(tmp_path, text) == ["demo.yml:18: question 2: missing 'id'"]


def test_question_ids_unique_across_files(tmp_path):
    (tmp_path / "demo.yml").write_text(VALID)
    (tmp_path / "other.yml").write_text(replace("id: demo\n", "id: other\n"))
    quizzes, problems = check_files(
        [tmp_path / "demo.yml", tmp_path / "other.yml"], BIB, TODAY, root=tmp_path
    )
    assert [str(p) for p in problems] == [
        "other.yml:5: q-one: question id is also used at demo.yml:5",
        "other.yml:18: q-two: question id is also used at demo.yml:18",
        "other.yml:29: q-three: question id is also used at demo.yml:29",
    ]


def test_several_problems_all_reported(tmp_path):
    text = replace("    type: single", "    type: singel", replace("title: Demo quiz", "titel: Demo quiz"))
    assert len(messages(tmp_path, text)) == 3  # unknown key, missing title, bad type


def test_the_bibliography_keys_are_its_entries_not_its_comments(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@comment{not-a-key,}\n@misc{nice-cg81,\n title={X}}\n@Article{ Smith-2020 ,\n title={Y}}\n")
    assert read_bibliography(bib).keys == {"nice-cg81", "Smith-2020"}


def test_load_quiz_by_id_and_unknown_id(tmp_path):
    (tmp_path / "_config.yml").write_text("title: t\n")
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "references.bib").write_text("@misc{nice-cg81, title={A}}\n@misc{nice-ta563, title={B}}\n")
    (tmp_path / "quizzes" / "demo.yml").write_text(VALID)
    assert bank.find_root(tmp_path / "book") == tmp_path
    assert bank.load_quiz("demo", tmp_path, TODAY).title == "Demo quiz"
    with pytest.raises(bank.UnknownQuiz) as err:
        bank.load_quiz("nope", tmp_path, TODAY)
    assert str(err.value) == "no quiz 'nope': there is no quizzes/nope.yml (quizzes there: demo)"


@pytest.mark.parametrize(
    "bib, expected",
    [
        ("@misc{nice-cg81, title={A}}\n\n@misc{nice-cg81, title={B}}\n",
         "book/references.bib:3: cannot be read: repeated bibliography entry: nice-cg81"),
        ("@misc{nice-cg81,\n title={A},\n url={x},\n url={y}}\n",
         "book/references.bib:1: cannot be read: entry with key nice-cg81 has a duplicate url field"),
    ],
    ids=["repeated-entry", "repeated-field"],
)
def test_a_bibliography_that_cannot_be_read_is_reported(tmp_path, bib, expected):
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "references.bib").write_text(bib)
    keys, problems = bank.read_bib(tmp_path)
    assert [str(p) for p in problems] == [expected]
