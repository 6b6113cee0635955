"""The telephone triage call model: a branching advice-line call, nothing about YAML or HTML.

A call is a small directed graph. Each step is what the caller says and a choice for the
nurse; every option leads to another step or to an outcome. Outcomes are graded red, amber
or green as the UKONS triage toolkit grades a call, and say whether they are the right end
for this call. The first step is where the call starts. The validator (``validate_calls``)
guarantees the graph has no loop, no dangling reference and no unreachable step, so every
walk ends at an outcome.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

GRADES = ("red", "amber", "green")

# How a grade reads in words (never colour alone).
GRADE_WORDS = {"red": "Red", "amber": "Amber", "green": "Green"}


@dataclass(frozen=True)
class Caller:
    who: str  # "Joanne, 49, rings for herself"
    treatment: str  # "Docetaxel every three weeks for secondary breast cancer"
    last_dose: str  # "Eight days ago"
    situation: str = ""  # optional Markdown: the time of the call, anything else the nurse knows


@dataclass(frozen=True)
class CallOption:
    text: str  # what the nurse asks or does (inline Markdown)
    next: str  # the id of a step or an outcome of the same call
    feedback: str  # why this choice is or is not right (Markdown)
    best: bool = False  # the choice a skilled nurse makes at this step (exactly one per step)


@dataclass(frozen=True)
class Step:
    id: str
    says: str  # the caller's words at this point (Markdown)
    prompt: str  # the nurse's choice: "What do you ask next?"
    options: tuple[CallOption, ...]
    line: int = 0


@dataclass(frozen=True)
class Outcome:
    id: str
    grade: str  # one of GRADES
    title: str  # "Come in now to be assessed"
    action: str  # what the nurse does and whom she calls (Markdown)
    debrief: str  # the teaching after the call (Markdown)
    correct: bool = False  # the right end for this call
    line: int = 0


@dataclass(frozen=True)
class Call:
    id: str
    title: str
    emergency: bool  # the scenario is an emergency: the best path ends at a red outcome
    reviewed: dt.date
    source: tuple[str, ...]  # bibliography keys
    caller: Caller
    steps: tuple[Step, ...]  # steps[0] is where the call starts
    outcomes: tuple[Outcome, ...]
    path: Path | None = field(default=None, compare=False)

    @property
    def start(self) -> Step:
        return self.steps[0]

    def step(self, node_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == node_id), None)

    def outcome(self, node_id: str) -> Outcome | None:
        return next((o for o in self.outcomes if o.id == node_id), None)

    def best_path(self) -> tuple[list[tuple[Step, int]], Outcome]:
        """The walk that takes the best option at every step: (step, option index) pairs
        and the outcome it ends at. The answer key and the table-top exercise print it."""
        taken: list[tuple[Step, int]] = []
        node = self.start
        while True:
            index = next(i for i, o in enumerate(node.options) if o.best)
            taken.append((node, index))
            target = node.options[index].next
            nxt = self.step(target)
            if nxt is None:
                return taken, self.outcome(target)
            node = nxt

    @property
    def version(self) -> str:
        """A short hash of the call's shape and wording the learner chooses from: a
        learner's record of a finished call is kept under it, so rewriting the call
        starts it afresh."""
        content = {
            "steps": [[s.id, s.says, s.prompt, [[o.text, o.next] for o in s.options]] for s in self.steps],
            "outcomes": [[o.id, o.grade, o.correct] for o in self.outcomes],
        }
        digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode("utf-8"))
        return digest.hexdigest()[:12]


# How an outcome reads once reached, in words, as the call on the page says it.
OUTCOME_WORDING = {
    "grade": "Grade: {grade}",
    "safe": "This is the safe outcome for this call.",
    "unsafe": "This is not the safe outcome for this call (that is {safe}).",
}


def grade_line(outcome: Outcome) -> str:
    """"Grade: Red": the grade in words, never colour alone."""
    return OUTCOME_WORDING["grade"].format(grade=GRADE_WORDS[outcome.grade])


def verdict_line(call: Call, outcome: Outcome) -> str:
    """Whether ``outcome`` is the right end of ``call``, and if not which is (by title)."""
    if outcome.correct:
        return OUTCOME_WORDING["safe"]
    safe = " or ".join(f"\u201c{o.title}\u201d" for o in call.outcomes if o.correct)
    return OUTCOME_WORDING["unsafe"].format(safe=safe)


@dataclass(frozen=True)
class Choice:
    """One step of a walk: the step, the option chosen there and where it led."""

    step: Step
    index: int
    option: CallOption
    next_step: Step | None  # None when the option ends the call
    outcome: Outcome | None  # the end reached, when it ends the call


class CallWalk:
    """A learner's way through a call, one choice at a time: the logic the kernel view
    shows, kept here so that it is tested without ipywidgets. A validated call has no
    loop and no dangling ``next``, so every walk ends at an outcome."""

    def __init__(self, call: Call):
        self.call = call
        self.restart()

    def restart(self) -> None:
        self.step: Step | None = self.call.start  # the step waiting for a choice; None once finished
        self.outcome: Outcome | None = None
        self.taken: list[Choice] = []

    @property
    def finished(self) -> bool:
        return self.outcome is not None

    def choose(self, index: int) -> Choice:
        """Take option ``index`` of the current step. Raises ValueError when the call is
        finished or there is no such option."""
        if self.step is None:
            raise ValueError("the call is finished: restart it to choose again")
        if not 0 <= index < len(self.step.options):
            raise ValueError(f"step '{self.step.id}' has no option {index}")
        option = self.step.options[index]
        next_step, outcome = self.call.step(option.next), self.call.outcome(option.next)
        choice = Choice(self.step, index, option, next_step, outcome)
        self.taken.append(choice)
        self.step, self.outcome = next_step, outcome
        return choice
