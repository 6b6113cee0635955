"""The quiz model: what a validated question bank holds, nothing about YAML or HTML."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

QUESTION_TYPES = ("single", "multiple", "true-false")


def option_letter(index: int) -> str:
    """A, B, ... Z, then AA, AB, ...: the letter an option carries on the page, in print, in
    presenter mode and in the answer key, so that "the answer is C" means the same everywhere."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out
# Quiz and question ids become HTML ids, storage keys and file names: lowercase letters,
# digits and single hyphens, nothing else.
ID_FORMAT = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_RULE = "lowercase letters, digits and single hyphens (such as hormone-therapy)"


REVIEW_MONTHS = 12


def human_date(day: dt.date) -> str:
    """6 December 2026: how a date is written on the page."""
    return f"{day.day} {day:%B %Y}"


def review_due(reviewed: dt.date, today: dt.date) -> bool:
    """True when ``reviewed`` is more than twelve months before ``today``: the content is
    due for review (shown to the reader and listed by the build, which does not fail)."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return reviewed < year_ago


def due_listing(what: str, reviewed: dict[str, dt.date], today: dt.date) -> list[str]:
    """The lines a build prints for the ``what`` (pages, quizzes) due for review: a heading,
    then each one's path and date, oldest first; nothing when none is due."""
    due = sorted((day, where) for where, day in reviewed.items() if review_due(day, today))
    if not due:
        return []
    heading = f"{what} due for review (last reviewed more than 12 months before {today.isoformat()}):"
    return [heading] + [f"  {where}: reviewed {day.isoformat()}" for day, where in due]


def valid_id(text) -> bool:
    return isinstance(text, str) and ID_FORMAT.fullmatch(text) is not None


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    options: tuple[Option, ...]
    explanation: str
    source: str
    scenario: str = ""
    line: int = 0

    @property
    def correct_indices(self) -> frozenset[int]:
        return frozenset(i for i, o in enumerate(self.options) if o.correct)

    @property
    def is_multiple(self) -> bool:
        return self.type == "multiple"

    @property
    def version(self) -> str:
        """A short hash of what the learner answers (type, case, prompt, options and
        keys). A learner's saved answer is kept under it, so editing this question
        starts it afresh while other questions keep their progress; editing only the
        feedback or explanation keeps the answer."""
        content = {
            "type": self.type,
            "scenario": self.scenario,
            "prompt": self.prompt,
            "options": [[o.text, o.correct] for o in self.options],
        }
        digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode("utf-8"))
        return digest.hexdigest()[:12]


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    reviewed: dt.date
    questions: tuple[Question, ...]
    path: Path | None = field(default=None, compare=False)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)
