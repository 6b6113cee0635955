"""Grading one answer, the feedback it earns and the score: the rules and their wording, once.

A question is right when exactly its correct options are chosen (no partial credit); the score
counts each question's first checked attempt. The ipywidgets view shows these words through
``views/templates/widget.html``; the static page carries ``WORDING`` in a JSON block
(``views/templates/quiz.html``) that ``static/selfcheck-quiz.js`` reads, so the script never
spells a message. ``tests/data/grading-cases.json`` is written from this module and checked
by Python's tests and by ``node --test tests/js``, so the two runtimes cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import markup
from .model import Question

# What the learner reads. ``{name}`` is filled in (Python's str.format, the script's fill());
# filled-in text is never read again for placeholders.
WORDING = {
    "empty": "Choose an answer first.",
    "correct": "Correct.",
    "wrong": "Not quite.",
    "chosen": "You chose: {option}",
    "missed": "You missed: {options}.",
    "separator": "; ",
    "score": "Score: {right} of {total} ({answered} of {total} checked; first attempts count)",
}


@dataclass(frozen=True)
class Result:
    correct: bool
    chosen: tuple[int, ...]
    missed: tuple[int, ...]  # correct options not chosen (told for multiple-response questions)

    @property
    def verdict(self) -> str:
        return WORDING["correct"] if self.correct else WORDING["wrong"]


def grade(question: Question, chosen) -> Result | None:
    """None when nothing was chosen: that is not an attempt and counts nothing."""
    chosen = tuple(sorted(set(chosen)))
    if not chosen:
        return None
    right = question.correct_indices
    missed = tuple(i for i in sorted(right) if i not in chosen) if question.is_multiple else ()
    return Result(correct=frozenset(chosen) == right, chosen=chosen, missed=missed)


@dataclass(frozen=True)
class Feedback:
    """What Check answer shows, in order: the verdict; for each chosen option, its name (a
    multiple-response question only; "" otherwise) before that option's own feedback; the
    correct options missed; then the explanation and the source (not worded here)."""

    state: str  # "empty" (nothing chosen), "correct" or "wrong": the page's data-state
    verdict: str
    result: Result | None
    chosen: tuple[str, ...]  # one per chosen option, in option order
    missed: str


def feedback(question: Question, chosen) -> Feedback:
    result = grade(question, chosen)
    if result is None:
        return Feedback("empty", WORDING["empty"], None, (), "")
    texts = [markup.plain(o.text) for o in question.options]
    named = [WORDING["chosen"].format(option=texts[i]) if question.is_multiple else "" for i in result.chosen]
    missed = ""
    if result.missed:
        missed = WORDING["missed"].format(options=WORDING["separator"].join(texts[i] for i in result.missed))
    return Feedback("correct" if result.correct else "wrong", result.verdict, result, tuple(named), missed)


def score_line(right: int, answered: int, total: int) -> str:
    return WORDING["score"].format(right=right, answered=answered, total=total)


class Score:
    """Counts each question's first checked attempt; later attempts only get feedback."""

    def __init__(self, total: int):
        self.total = total
        self.first: dict[str, bool] = {}

    def record(self, question_id: str, result: Result | None) -> None:
        if result is not None and question_id not in self.first:
            self.first[question_id] = result.correct

    @property
    def right(self) -> int:
        return sum(self.first.values())

    @property
    def answered(self) -> int:
        return len(self.first)

    def summary(self) -> str:
        return score_line(self.right, self.answered, self.total)
