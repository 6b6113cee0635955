"""A bank that rewards picking the longest option, or one answer position, is found:
a warning from `selfcheck validate`, a failure with `--strict` (as the build and tests run it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.support import ROOT, run_cli
from selfcheck.core import bank
from selfcheck.core import fairness
from selfcheck.core.model import Option, Question, Quiz


def _question(qid: str, right: str, wrong: list[str], position: int = 0) -> Question:
    options = [Option(text, False, "Why.") for text in wrong]
    options.insert(position, Option(right, True, "Why."))
    return Question(qid, "single", "What do you do?", tuple(options), "Because.", "nice-cg81")


def _quiz(questions, name="demo") -> Quiz:
    return Quiz(name, "Demo", dt.date(2026, 11, 20), tuple(questions), path=Path(f"quizzes/{name}.yml"))


WRONG = ["Give paracetamol and review her in an hour", "Wait and see"]
LONG_RIGHT = "Stop the infusion, call for help and follow the anaphylaxis algorithm at once"
FAIR_RIGHT = "Stop the infusion and call for help"


def test_an_unfair_file_is_named_with_its_questions_and_figures():
    quiz = _quiz([_question(f"q{i}", LONG_RIGHT, WRONG, i % 3) for i in range(6)])
    problems = [str(p) for p in fairness.quiz_problems(quiz)]
    assert problems[0] == (
        "quizzes/demo.yml:1: the correct option is the longest in 6 of 6 single-answer questions "
        "(at most 2 allowed): q0, q1, q2, q3, q4, q5; make the options parallel in length and detail"
    )
    assert problems[1].startswith("quizzes/demo.yml:1: correct options are 2.85 times as long as the wrong ones")


def test_a_fair_file_passes():
    questions = [_question(f"q{i}", FAIR_RIGHT, WRONG + ["Ring the GP in the morning to ask them"], i % 4) for i in range(8)]
    assert fairness.quiz_problems(_quiz(questions)) == []


def test_a_third_longest_is_allowed_and_one_more_is_not():
    fair = [_question(f"f{i}", FAIR_RIGHT, WRONG, i % 3) for i in range(6)]
    longest = [_question(f"l{i}", "Stop the infusion, call for help", ["Wait", "Watch"], i % 3) for i in range(3)]
    assert fairness.quiz_problems(_quiz(fair + longest)) == []
    one_more = _question("l3", "Stop the infusion, call for help", ["Wait", "Watch"], 1)
    found = fairness.quiz_problems(_quiz(fair + longest + [one_more]))
    assert found and "longest in 4 of 10" in found[0].message


def test_keys_cut_systematically_short_are_found_too():
    short = [_question(f"s{i}", "Call 999", WRONG + ["Ring the GP in the morning to ask them"], i % 4) for i in range(6)]
    found = [p.message for p in fairness.quiz_problems(_quiz(short))]
    assert found[0] == ("the correct option is the shortest in 6 of 6 single-answer questions (at most 2 allowed): "
                        "s0, s1, s2, s3, s4, s5; make the options parallel in length and detail")
    assert found[1].startswith("correct options are 0.26 times as long as the wrong ones")
    assert "(at least 0.77); shortest against the rest: s0 (0.3)" in found[1]


def test_one_answer_position_holding_most_keys_is_found_across_the_bank():
    a = _quiz([_question(f"a{i}", FAIR_RIGHT, WRONG + ["Ring the GP in the morning to ask them"], 1) for i in range(6)], "a")
    b = _quiz([_question(f"b{i}", FAIR_RIGHT, WRONG + ["Ring the GP in the morning to ask them"], i % 4) for i in range(6)], "b")
    found = [str(p) for p in fairness.bank_problems([a, b])]
    assert found == [
        "quizzes:1: answer B is the key of 8 of 12 single-answer questions (67%; at most 40%): "
        "vary where the correct option stands"
    ]


def test_validate_warns_and_strict_fails(project):
    path = project / "quizzes" / "small.yml"
    extra = "".join(
        f"""
  - id: long-{i}
    type: single
    prompt: What do you do?
    options:
      - text: Wait
        feedback: No.
      - text: {LONG_RIGHT}
        correct: true
        feedback: Yes.
      - text: Watch
        feedback: No.
    explanation: Because.
    source: nice-cg81
"""
        for i in range(3)
    )
    path.write_text(path.read_text() + extra)
    warned = run_cli(["validate"], project)
    assert warned.returncode == 0, warned.stdout + warned.stderr
    assert "quizzes/small.yml:1: warning: the correct option is the longest in 3 of 3" in warned.stdout
    strict = run_cli(["validate", "--strict"], project)
    assert strict.returncode == 1
    assert strict.stdout.startswith("quizzes/small.yml:1: the correct option is the longest in 3 of 3")


def test_the_course_bank_is_fair():
    quizzes, problems = bank.check_bank(ROOT)
    assert not problems
    assert [str(p) for p in fairness.bank_problems(quizzes, ROOT)] == []
