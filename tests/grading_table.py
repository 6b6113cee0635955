"""The table both runtimes' tests check: tests/data/grading-cases.json.

Grading, feedback wording and the score line are computed here from selfcheck/core/grading.py,
which owns them. The storage section is the test oracle for the browser's storage: the page's
script is the only code that reads or writes it (Python never does), so its key and record
formats are defined once, in selfcheck-quiz.js, and written down here as the expected values.

Python's tests (tests/unit/test_grading_table.py) check that the checked-in file is what
``build()`` makes; ``node --test tests/js`` runs the script's grading and storage functions
on the same file; the browser tests take storage keys from ``storage_key()`` rather than
retyping the format. After changing a rule or a message: ``.venv/bin/python -m tests.grading_table``.
"""

from __future__ import annotations

import json
from pathlib import Path

from selfcheck.core import markup
from selfcheck.core.grading import WORDING, Result, Score, feedback, grade
from selfcheck.core.model import Option, Question

PATH = Path(__file__).parent / "data" / "grading-cases.json"

# Each question: kind, options as (Markdown text, correct), and the answers to try.
QUESTIONS = [
    ("single", [("Alpha", False), ("Beta", True), ("Gamma", False)], [[], [1], [0], [2]]),
    ("true-false", [("True", False), ("False", True)], [[], [0], [1]]),
    (
        "multiple",
        [("Alpha", True), ("Beta", False), ("Gamma", True), ("Delta", False)],
        [[], [0, 2], [2, 0], [0], [2], [1], [0, 1, 2], [0, 1, 2, 3], [1, 3]],
    ),
    ("multiple", [("One", True), ("Two", False)], [[0], [1], [0, 1]]),
    # Markdown, markup-like text and replacement patterns ($&, {option}) shown as plain text,
    # never re-read as a placeholder.
    (
        "multiple",
        [("Use *care* & <b>", True), ("$& {option} $1", True), ("Plain", False)],
        [[2], [0], [0, 1, 2]],
    ),
]

# First attempts (question id -> right) and the question count.
SCORES = [
    (3, {}),
    (3, {"a": False}),
    (3, {"a": True, "b": False}),
    (3, {"a": True, "b": True, "c": True}),
    (12, {"a": True, "b": False, "c": True, "d": False}),
]

STORAGE = {
    "prefix": "selfcheck/v1/",
    "record_key": "selfcheck-record/v1",
    "question_key": "selfcheck/v1/{quiz}/{question}/{version}",
    "keys": [
        {"quiz": "chemotherapy", "question": "neutropenic-sepsis", "version": "3f2a9c1b7d4e",
         "key": "selfcheck/v1/chemotherapy/neutropenic-sepsis/3f2a9c1b7d4e"},
        {"quiz": "q", "question": "a-1", "version": "000000000000", "key": "selfcheck/v1/q/a-1/000000000000"},
    ],
    # Checked attempts in order. ``stored``: what storage holds just before a step (when given;
    # otherwise what the step before wrote); ``record``: what the step writes, and reads back.
    # ``date`` is the learner's local day of the attempt, ``at`` its time (ms); ``box`` and
    # ``due`` are the review schedule (wrong: box 0, due the next day; right: up a box).
    "attempts": [
        {"about": "the first attempt counts; later ones change only the last answer and date",
         "options": 3, "multiple": False, "steps": [
            {"chosen": [0], "right": False, "date": "2026-12-01", "at": 1796113800000,
             "record": {"chosen": [0], "first": False, "last": False, "firstDate": "2026-12-01", "lastDate": "2026-12-01",
                        "at": 1796113800000, "box": 0, "due": "2026-12-02"}},
            {"chosen": [1], "right": True, "date": "2026-12-03", "at": 1796286600000,
             "record": {"chosen": [1], "first": False, "last": True, "firstDate": "2026-12-01", "lastDate": "2026-12-03",
                        "at": 1796286600000, "box": 1, "due": "2026-12-06"}},
        ]},
        {"about": "a first attempt on record (another tab) wins over this page's",
         "options": 4, "multiple": True, "steps": [
            {"stored": '{"chosen":[0,2],"first":true,"last":true,"firstDate":"2026-11-01","lastDate":"2026-11-01"}',
             "chosen": [1], "right": False, "date": "2026-12-06", "at": 1796545800000,
             "record": {"chosen": [1], "first": True, "last": False, "firstDate": "2026-11-01", "lastDate": "2026-12-06",
                        "at": 1796545800000, "box": 0, "due": "2026-12-07"}},
        ]},
        {"about": "an unreadable record is ignored; the page's own first attempt still counts",
         "options": 2, "multiple": False, "steps": [
            {"chosen": [1], "right": True, "date": "2026-12-01", "at": 1796113800000,
             "record": {"chosen": [1], "first": True, "last": True, "firstDate": "2026-12-01", "lastDate": "2026-12-01",
                        "at": 1796113800000, "box": 1, "due": "2026-12-04"}},
            {"stored": "not json", "chosen": [0], "right": False, "date": "2026-12-02", "at": 1796200200000,
             "record": {"chosen": [0], "first": True, "last": False, "firstDate": "2026-12-02", "lastDate": "2026-12-02",
                        "at": 1796200200000, "box": 0, "due": "2026-12-03"}},
        ]},
        {"about": "a stored record with an impossible date gets today's first date",
         "options": 2, "multiple": False, "steps": [
            {"stored": '{"chosen":[0],"first":false,"last":false,"firstDate":"2026-02-30","lastDate":"2026-02-30"}',
             "chosen": [1], "right": True, "date": "2026-12-06", "at": 1796545800000,
             "record": {"chosen": [1], "first": False, "last": True, "firstDate": "2026-12-06", "lastDate": "2026-12-06",
                        "at": 1796545800000, "box": 1, "due": "2026-12-09"}},
        ]},
        {"about": "right answers move up a box when due; a retry before then changes nothing; wrong goes to box 0",
         "options": 3, "multiple": False, "steps": [
            {"stored": '{"chosen":[1],"first":true,"last":true,"firstDate":"2026-11-01","lastDate":"2026-11-25","at":1795600000000,"box":2,"due":"2026-12-02"}',
             "chosen": [1], "right": True, "date": "2026-12-02", "at": 1796200200000,
             "record": {"chosen": [1], "first": True, "last": True, "firstDate": "2026-11-01", "lastDate": "2026-12-02",
                        "at": 1796200200000, "box": 3, "due": "2026-12-23"}},
            {"chosen": [1], "right": True, "date": "2026-12-02", "at": 1796203800000,
             "record": {"chosen": [1], "first": True, "last": True, "firstDate": "2026-11-01", "lastDate": "2026-12-02",
                        "at": 1796203800000, "box": 3, "due": "2026-12-23"}},
            {"chosen": [0], "right": False, "date": "2026-12-03", "at": 1796290200000,
             "record": {"chosen": [0], "first": True, "last": False, "firstDate": "2026-11-01", "lastDate": "2026-12-03",
                        "at": 1796290200000, "box": 0, "due": "2026-12-04"}},
        ]},
    ],
    # What reading a stored text gives for a question with ``options`` options: null when it
    # does not fit (as if nothing were stored).
    "read": [
        {"stored": '{"chosen":[1],"first":true,"last":true,"firstDate":"2026-12-01","lastDate":"2026-12-02"}',
         "options": 3, "multiple": False,
         "answer": {"chosen": [1], "first": True, "last": True, "firstDate": "2026-12-01", "lastDate": "2026-12-02",
                    "at": None, "box": None, "due": ""}},
        {"stored": '{"chosen":[0,2],"first":false}', "options": 3, "multiple": True,
         "answer": {"chosen": [0, 2], "first": False, "last": False, "firstDate": "", "lastDate": "",
                    "at": None, "box": None, "due": ""}},
        {"stored": '{"chosen":[0],"first":true,"last":"yes","firstDate":"1 Dec","lastDate":"2026-13-01"}',
         "options": 3, "multiple": False,
         "answer": {"chosen": [0], "first": True, "last": False, "firstDate": "", "lastDate": "",
                    "at": None, "box": None, "due": ""}},
        # The review schedule: box 0-4 with a real due day (else neither), a time >= 0 (else none).
        {"stored": '{"chosen":[2],"first":false,"last":true,"firstDate":"2026-12-01","lastDate":"2026-12-01","at":1796113800000,"box":4,"due":"2027-01-30"}',
         "options": 3, "multiple": False,
         "answer": {"chosen": [2], "first": False, "last": True, "firstDate": "2026-12-01", "lastDate": "2026-12-01",
                    "at": 1796113800000, "box": 4, "due": "2027-01-30"}},
        {"stored": '{"chosen":[2],"first":false,"at":-1,"box":5,"due":"2027-01-30"}', "options": 3, "multiple": False,
         "answer": {"chosen": [2], "first": False, "last": False, "firstDate": "", "lastDate": "",
                    "at": None, "box": None, "due": ""}},
        {"stored": '{"chosen":[2],"first":false,"at":"1796113800000","box":1.5,"due":"2027-01-30"}', "options": 3, "multiple": False,
         "answer": {"chosen": [2], "first": False, "last": False, "firstDate": "", "lastDate": "",
                    "at": None, "box": None, "due": ""}},
        {"stored": '{"chosen":[2],"first":false,"at":0,"box":2,"due":"2027-02-29"}', "options": 3, "multiple": False,
         "answer": {"chosen": [2], "first": False, "last": False, "firstDate": "", "lastDate": "",
                    "at": 0, "box": None, "due": ""}},
        {"stored": '{"chosen":[2],"first":false,"box":"2","due":"2027-02-01"}', "options": 3, "multiple": False,
         "answer": {"chosen": [2], "first": False, "last": False, "firstDate": "", "lastDate": "",
                    "at": None, "box": None, "due": ""}},
        {"stored": None, "options": 3, "multiple": False, "answer": None},
        {"stored": "", "options": 3, "multiple": False, "answer": None},
        {"stored": "{", "options": 3, "multiple": False, "answer": None},
        {"stored": "[1]", "options": 3, "multiple": False, "answer": None},
        {"stored": '{"chosen":[],"first":true}', "options": 3, "multiple": True, "answer": None},
        {"stored": '{"chosen":[1]}', "options": 3, "multiple": False, "answer": None},
        {"stored": '{"chosen":[1],"first":"true"}', "options": 3, "multiple": False, "answer": None},
        {"stored": '{"chosen":[0,1],"first":true}', "options": 3, "multiple": False, "answer": None},
        {"stored": '{"chosen":[1,1],"first":true}', "options": 3, "multiple": True, "answer": None},
        {"stored": '{"chosen":[3],"first":true}', "options": 3, "multiple": False, "answer": None},
        {"stored": '{"chosen":[-1],"first":true}', "options": 3, "multiple": False, "answer": None},
        {"stored": '{"chosen":[0.5],"first":true}', "options": 3, "multiple": False, "answer": None},
        {"stored": '{"chosen":["1"],"first":true}', "options": 3, "multiple": False, "answer": None},
        {"stored": '{"chosen":"1","first":true}', "options": 3, "multiple": False, "answer": None},
    ],
}


def _question(kind: str, options) -> Question:
    return Question(
        id="q", type=kind, prompt="Which?", explanation="", source="",
        options=tuple(Option(text=text, correct=correct, feedback="") for text, correct in options),
    )


def grading_cases() -> list[dict]:
    cases = []
    for kind, options, answers in QUESTIONS:
        question = _question(kind, options)
        for chosen in answers:
            plan = feedback(question, chosen)
            result = grade(question, chosen)
            cases.append({
                "kind": kind,
                "chosen": chosen,
                "state": plan.state,
                "correct": None if result is None else result.correct,
                "missed": [] if result is None else list(result.missed),
                "verdict": plan.verdict,
                "names": list(plan.chosen),
                "missed_line": plan.missed,
                "options": [{"text": t, "plain": markup.plain(t), "correct": c} for t, c in options],
            })
    return cases


def score_cases() -> list[dict]:
    cases = []
    for total, first in SCORES:
        score = Score(total)
        for question_id, right in first.items():
            score.record(question_id, Result(correct=right, chosen=(0,), missed=()))
        cases.append({"total": total, "first": first, "line": score.summary()})
    return cases


def build() -> dict:
    return {
        "about": "Written by tests/grading_table.py (python tests/grading_table.py); do not edit by hand.",
        "wording": WORDING,
        "grading": grading_cases(),
        "score": score_cases(),
        "storage": STORAGE,
    }


def dumps(table: dict) -> str:
    """JSON with one case a line, so a change to a rule shows as the cases it changes."""

    def out(value, indent: str) -> str:
        inner = indent + " "
        if isinstance(value, dict) and len(indent) < 2:
            items = [f"{inner}{json.dumps(k)}: {out(v, inner)}" for k, v in value.items()]
            return "{\n" + ",\n".join(items) + "\n" + indent + "}"
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            return "[\n" + ",\n".join(inner + json.dumps(v, ensure_ascii=False) for v in value) + "\n" + indent + "]"
        return json.dumps(value, ensure_ascii=False)

    return out(table, "") + "\n"


def load() -> dict:
    return json.loads(PATH.read_text(encoding="utf-8"))


def storage_key(quiz: str, question: str, version: str) -> str:
    """Where the page's script keeps the answer to one version of a question."""
    return load()["storage"]["question_key"].format(quiz=quiz, question=question, version=version)


def record_key() -> str:
    """Where the page's script keeps the learning record (name and reflection)."""
    return load()["storage"]["record_key"]


if __name__ == "__main__":
    PATH.parent.mkdir(exist_ok=True)
    PATH.write_text(dumps(build()), encoding="utf-8")
    print(f"wrote {PATH}")
