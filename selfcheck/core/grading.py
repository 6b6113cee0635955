"""Grading one answer: the rule the widget uses, and the static page's script mirrors.

A question is right when exactly its correct options are chosen (no partial credit).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Question

NOTHING_CHOSEN = "Choose an answer first"


@dataclass(frozen=True)
class Result:
    correct: bool
    chosen: tuple[int, ...]
    missed: tuple[int, ...]  # correct options not chosen (told for multiple-response questions)

    @property
    def verdict(self) -> str:
        return "Correct" if self.correct else "Not quite"


def grade(question: Question, chosen) -> Result | None:
    """None when nothing was chosen: that is not an attempt and counts nothing."""
    chosen = tuple(sorted(set(chosen)))
    if not chosen:
        return None
    right = question.correct_indices
    missed = tuple(i for i in sorted(right) if i not in chosen) if question.is_multiple else ()
    return Result(correct=frozenset(chosen) == right, chosen=chosen, missed=missed)


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
        return f"Score: {self.right} of {self.total} ({self.answered} of {self.total} checked; first attempts count)"
