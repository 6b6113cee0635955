"""Is a question bank fair to a learner who has not read the chapter?

A test-wise learner picks the longest option, or the answer in the usual place. This finds
banks that reward it:

- in one file, the correct option is uniquely the longest (or uniquely the shortest) in more
  than a third of the single-answer questions with three or more options, or correct options
  are, at the median, more than 1.3 times as long as the wrong ones of the same question (or
  less than 1/1.3 as long: the shortest option must not become the tell instead);
- across the bank, one answer position (A, B, C …) holds more than 40 % of the keys.

Each finding is a ``Problem`` naming the file and the questions. ``selfcheck validate``
prints them as warnings; ``--strict`` (the book build and the tests) fails on them.
"""

from __future__ import annotations

import statistics
from collections import Counter

from .model import Question, Quiz
from .validate import Problem, display_path

MEDIAN_RATIO = 1.3
POSITION_SHARE = 0.40
MIN_QUESTIONS = 3  # fewer comparable questions than this in a file: too few to judge
MIN_KEYS = 10  # likewise for answer positions across the bank


def _comparable(question: Question) -> bool:
    return question.type == "single" and len(question.options) >= 3


def _lengths(question: Question) -> tuple[int, list[int]]:
    right = next(len(o.text) for o in question.options if o.correct)
    return right, [len(o.text) for o in question.options if not o.correct]


def longest_is_right(question: Question) -> bool:
    right, wrong = _lengths(question)
    return right > max(wrong)


def shortest_is_right(question: Question) -> bool:
    right, wrong = _lengths(question)
    return right < min(wrong)


def length_ratio(question: Question) -> float:
    right, wrong = _lengths(question)
    return right / max(statistics.mean(wrong), 1)


def quiz_problems(quiz: Quiz, root=None) -> list[Problem]:
    questions = [q for q in quiz.questions if _comparable(q)]
    if len(questions) < MIN_QUESTIONS:
        return []
    shown = display_path(quiz.path, root) if quiz.path else quiz.id
    problems = []
    longest = [q for q in questions if longest_is_right(q)]
    allowed = max(1, len(questions) // 3)  # at most a third
    if len(longest) > allowed:
        problems.append(Problem(
            shown, 1,
            f"the correct option is the longest in {len(longest)} of {len(questions)} single-answer "
            f"questions (at most {allowed} allowed): {', '.join(q.id for q in longest)}; "
            "make the options parallel in length and detail",
        ))
    shortest = [q for q in questions if shortest_is_right(q)]
    if len(shortest) > allowed:
        # Cut every key short and the shortest option becomes the tell instead.
        problems.append(Problem(
            shown, 1,
            f"the correct option is the shortest in {len(shortest)} of {len(questions)} single-answer "
            f"questions (at most {allowed} allowed): {', '.join(q.id for q in shortest)}; "
            "make the options parallel in length and detail",
        ))
    ratio = statistics.median(length_ratio(q) for q in questions)
    if ratio > MEDIAN_RATIO:
        worst = sorted(questions, key=length_ratio, reverse=True)[:5]
        problems.append(Problem(
            shown, 1,
            f"correct options are {ratio:.2f} times as long as the wrong ones at the median "
            f"(at most {MEDIAN_RATIO}); longest against the rest: "
            + ", ".join(f"{q.id} ({length_ratio(q):.1f})" for q in worst),
        ))
    elif ratio < 1 / MEDIAN_RATIO:
        worst = sorted(questions, key=length_ratio)[:5]
        problems.append(Problem(
            shown, 1,
            f"correct options are {ratio:.2f} times as long as the wrong ones at the median "
            f"(at least {1 / MEDIAN_RATIO:.2f}); shortest against the rest: "
            + ", ".join(f"{q.id} ({length_ratio(q):.1f})" for q in worst),
        ))
    return problems


def bank_problems(quizzes: list[Quiz], root=None) -> list[Problem]:
    """Every file's findings, then the answer positions across the whole bank."""
    problems = [p for quiz in quizzes for p in quiz_problems(quiz, root)]
    keys = Counter()
    for quiz in quizzes:
        for q in quiz.questions:
            if q.type == "single":
                keys[next(i for i, o in enumerate(q.options) if o.correct)] += 1
    total = sum(keys.values())
    if total >= MIN_KEYS:
        position, count = keys.most_common(1)[0]
        if count / total > POSITION_SHARE:
            where = display_path(quizzes[0].path.parent, root) if quizzes[0].path else "bank"
            problems.append(Problem(
                where, 1,
                f"answer {chr(65 + position)} is the key of {count} of {total} single-answer questions "
                f"({count / total:.0%}; at most {POSITION_SHARE:.0%}): vary where the correct option stands",
            ))
    return problems
