"""Load telephone triage call files (``calls/<id>.yml``) and check every rule of the call
format (docs/authoring.md, "Telephone triage calls").

As for quizzes (validate.py, whose shared checks this reuses), every problem is one line
``path:line: id: message``, the id being that of the call, step or outcome concerned, and a
file with any problem yields no call at all. Beyond the keys and types, a call is a graph:
every ``next`` must name a step or outcome of the call, no step may be reached from itself,
every step and outcome must be reachable from the first step, and the best options must
lead to a right (and, for an emergency, red) end.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from pathlib import Path

from . import yaml_lines
from .calls import GRADES, Call, Caller, CallOption, Outcome, Step
from .model import ID_RULE, valid_id
from .validate import (FileChecks, Problem, Unreadable, _describe, _distinct, _scalar_source, display_path,
                       read_text)
from .yaml_lines import LineDict, LineList

CALL_KEYS = ("id", "title", "emergency", "reviewed", "source", "caller", "steps", "outcomes")
CALLER_KEYS = ("who", "treatment", "last_dose", "situation")
STEP_KEYS = ("id", "says", "prompt", "options")
OPTION_KEYS = ("text", "next", "best", "feedback")
OUTCOME_KEYS = ("id", "grade", "correct", "title", "action", "debrief")
MIN_OPTIONS, MAX_OPTIONS = 2, 5
SHAPE = "a call file must be a mapping with keys " + ", ".join(CALL_KEYS)


class _CallChecker(FileChecks):
    """Checks one call file. ``refused`` maps the bibliography keys the source policy
    refuses to why (source_policy.refusals); None when the policy could not be read."""

    def __init__(self, path: Path, display: str, bib, today: dt.date, refused: dict[str, str] | None):
        super().__init__(path, display, bib, today)
        self.refused = refused or {}
        self.call_id: str | None = None  # the label of problems of the whole call
        self.next_lines: dict[tuple[str, int], int] = {}  # (step id, option number) -> line of its next

    def check(self) -> Call | None:
        data = self.read_mapping(SHAPE)
        if data is None:
            return None
        self._call_id(data)
        title = self.text(data, "title", "", self.call_id)
        emergency = self._emergency(data)
        reviewed = self.reviewed(data, self.call_id)
        source = self._source(data)
        caller = self._caller(data)
        steps = self._nodes(data, "steps", "step", self._step)
        outcomes = self._nodes(data, "outcomes", "outcome", self._outcome)
        if self.problems:
            return None
        self._ids(steps, outcomes)
        if self.problems:
            return None
        call = Call(self.call_id, title.strip(), emergency, reviewed, tuple(source), caller,
                    tuple(steps), tuple(outcomes), path=self.path)
        self._graph(call, data)
        return None if self.problems else call

    # -- the call's own keys ------------------------------------------------------------

    def _call_id(self, data: LineDict) -> None:
        """The call's id first, so that every later problem can carry it."""
        raw = data.get("id")
        id_line = data.key_lines.get("id", data.line)
        expected = self.path.stem
        if "id" in data and valid_id(raw):
            if raw == expected:
                self.call_id = raw
            else:
                self.problem(id_line, f"id '{raw}' must equal the file name '{expected}'")
        elif "id" in data and isinstance(raw, str) and raw.strip():
            self.problem(id_line, f"id {raw!r} must be {ID_RULE}")
        else:
            self.text(data, "id", "")
        self.unknown_keys(data, CALL_KEYS, "", self.call_id)

    def _emergency(self, data: LineDict) -> bool:
        if "emergency" not in data:
            self.problem(data.line, "missing 'emergency' (true when the scenario is an emergency, else false)",
                         self.call_id)
            return False
        value = data["emergency"]
        if not isinstance(value, bool):
            self.problem(data.key_lines["emergency"],
                         f"'emergency' must be true or false, not {_scalar_source(value)!r}", self.call_id)
            return False
        return value

    def _source(self, data: LineDict) -> list[str]:
        """One bibliography key or a list of them, each in the bibliography and allowed by
        the source policy."""
        if "source" not in data:
            self.problem(data.line, "missing 'source' (a key of book/references.bib, or a list of keys)",
                         self.call_id)
            return []
        value, line = data["source"], data.key_lines["source"]
        if isinstance(value, LineList):
            items = list(zip(value, value.item_lines))
            if not items:
                self.problem(line, "'source' is an empty list: give at least one key of book/references.bib",
                             self.call_id)
                return []
        else:
            items = [(value, line)]
        keys: list[str] = []
        for key, key_line in items:
            if not isinstance(key, str) or not key.strip():
                self.problem(key_line, "'source' must be a key of book/references.bib or a list of them, "
                             f"not {_describe(key)}", self.call_id)
                continue
            key = key.strip()
            if key in keys:
                self.problem(key_line, f"source '{key}' is listed twice", self.call_id)
                continue
            keys.append(key)
            if self.bib is not None and key not in self.bib:
                self.problem(key_line, f"source '{key}' is not a key in book/references.bib", self.call_id)
            elif key in self.refused:
                self.problem(key_line, f"source '{key}' {self.refused[key]}", self.call_id)
        return keys

    def _caller(self, data: LineDict) -> Caller | None:
        if "caller" not in data:
            self.problem(data.line, "missing 'caller' (who, treatment, last_dose and optionally situation)",
                         self.call_id)
            return None
        raw = data["caller"]
        if not isinstance(raw, LineDict):
            self.problem(data.key_lines["caller"], "'caller' must be a mapping with who, treatment, last_dose "
                         "and optionally situation", self.call_id)
            return None
        where = "caller: "
        self.unknown_keys(raw, CALLER_KEYS, where, self.call_id)
        who, treatment, last_dose = (self.text(raw, key, where, self.call_id) for key in CALLER_KEYS[:3])
        situation = self.text(raw, "situation", where, self.call_id, required=False)
        for key in CALLER_KEYS:
            self.markdown(raw, key, raw.get(key), where, self.call_id)
        if None in (who, treatment, last_dose):
            return None
        return Caller(who.strip(), treatment.strip(), last_dose.strip(), (situation or "").strip())

    # -- steps and outcomes ---------------------------------------------------------------

    def _nodes(self, data: LineDict, key: str, noun: str, build) -> list:
        items = self.listed(data, key, qid=self.call_id, non_empty=True)
        if items is None:
            return []
        out = []
        for number, (item, line) in enumerate(zip(items, items.item_lines), start=1):
            if not isinstance(item, LineDict):
                self.problem(line, f"{noun} {number}: must be a mapping", self.call_id)
                continue
            node_id, where = self._node_id(item, noun, number)
            node = build(item, line, node_id, where)
            if node is not None:
                out.append(node)
        return out

    def _node_id(self, item: LineDict, noun: str, number: int) -> tuple[str | None, str]:
        """The step's or outcome's id (None if it has no valid one) and the prefix of its
        problems: none when they carry the id, "step 3: " when they cannot."""
        raw = item.get("id")
        if valid_id(raw):
            return raw, ""
        where = f"{noun} {number}: "
        if isinstance(raw, str) and raw.strip():
            self.problem(item.key_lines["id"], f"{where}id {raw!r} must be {ID_RULE}", self.call_id)
        else:
            self.text(item, "id", where, self.call_id)
        return None, where

    def _step(self, item: LineDict, line: int, step_id: str | None, where: str) -> Step | None:
        before = len(self.problems)
        label = step_id or self.call_id
        self.unknown_keys(item, STEP_KEYS, where, label)
        says = self.text(item, "says", where, label)
        prompt = self.text(item, "prompt", where, label)
        if prompt is not None and "\n" in prompt.strip():
            self.problem(item.key_lines["prompt"], f"{where}'prompt' must be one line", label)
        for key, value in (("says", says), ("prompt", prompt)):
            self.markdown(item, key, value, where, label)
        options = self._options(item, where, label)
        if len(self.problems) > before or step_id is None:
            return None
        return Step(step_id, says.strip(), prompt.strip(), tuple(options), line=line)

    def _options(self, item: LineDict, where: str, label) -> list[CallOption]:
        raw = self.listed(item, "options", where, label)
        if raw is None:
            return []
        line = item.key_lines["options"]
        if not MIN_OPTIONS <= len(raw) <= MAX_OPTIONS:
            self.problem(line, f"{where}needs {MIN_OPTIONS} to {MAX_OPTIONS} options (has {len(raw)})", label)
        options, before = [], len(self.problems)
        for n, (opt, opt_line) in enumerate(zip(raw, raw.item_lines), start=1):
            prefix = f"{where}option {n}: "
            if not isinstance(opt, LineDict):
                self.problem(opt_line, f"{prefix}must be a mapping with text, next, feedback and optionally best",
                             label)
                continue
            self.unknown_keys(opt, OPTION_KEYS, prefix, label)
            text = self.text(opt, "text", prefix, label)
            target = self.text(opt, "next", prefix, label)
            feedback = self.text(opt, "feedback", prefix, label)
            self.markdown(opt, "text", text, prefix, label)
            self.markdown(opt, "feedback", feedback, prefix, label)
            best = self.flag(opt, "best", prefix, label)
            options.append(CallOption((text or "").strip(), (target or "").strip(), (feedback or "").strip(), best))
        if len(self.problems) == before:
            n_best = sum(o.best for o in options)
            if n_best != 1:
                self.problem(line, f"{where}needs exactly one option with best: true (has {n_best})", label)
        for n, opt in enumerate(raw, start=1):
            if isinstance(opt, LineDict):
                self.next_lines[(label, n)] = opt.key_lines.get("next", opt.line)
        return options

    def _outcome(self, item: LineDict, line: int, outcome_id: str | None, where: str) -> Outcome | None:
        before = len(self.problems)
        label = outcome_id or self.call_id
        self.unknown_keys(item, OUTCOME_KEYS, where, label)
        grade = item.get("grade")
        if "grade" not in item:
            self.problem(item.line, f"{where}missing 'grade' (one of {', '.join(GRADES)})", label)
        elif grade not in GRADES:
            self.problem(item.key_lines["grade"],
                         f"{where}grade {_scalar_source(grade)!r} must be one of {', '.join(GRADES)}", label)
        correct = self.flag(item, "correct", where, label)
        title = self.text(item, "title", where, label)
        action = self.text(item, "action", where, label)
        debrief = self.text(item, "debrief", where, label)
        for key, value in (("title", title), ("action", action), ("debrief", debrief)):
            self.markdown(item, key, value, where, label)
        if len(self.problems) > before or outcome_id is None:
            return None
        return Outcome(outcome_id, grade, title.strip(), action.strip(), debrief.strip(), correct, line=line)

    # -- the call as a graph --------------------------------------------------------------

    def _ids(self, steps: list[Step], outcomes: list[Outcome]) -> None:
        """Step and outcome ids are unique within the call, across both kinds."""
        seen: dict[str, tuple[str, int]] = {}
        for kind, node in [*(("step", s) for s in steps), *(("outcome", o) for o in outcomes)]:
            if node.id in seen:
                first_kind, first_line = seen[node.id]
                self.problem(node.line, f"id is also used by the {first_kind} at line {first_line}", node.id)
            else:
                seen[node.id] = (kind, node.line)

    def _graph(self, call: Call, data: LineDict) -> None:
        if not any(o.correct for o in call.outcomes):
            self.problem(data.key_lines["outcomes"], "no outcome has correct: true: mark the right end of the call",
                         call.id)
        if call.emergency and not any(o.grade == "red" for o in call.outcomes):
            self.problem(data.key_lines["emergency"], "an emergency call needs at least one red outcome (has none)",
                         call.id)
        names = [*(s.id for s in call.steps), *(o.id for o in call.outcomes)]
        dangling = False
        for step in call.steps:
            for n, option in enumerate(step.options, start=1):
                if option.next not in names:
                    hint = difflib.get_close_matches(option.next, names, n=1)
                    did_you_mean = f" (did you mean '{hint[0]}'?)" if hint else ""
                    self.problem(self.next_lines[(step.id, n)],
                                 f"option {n}: next '{option.next}' is not a step or outcome of this call"
                                 f"{did_you_mean}", step.id)
                    dangling = True
        if dangling:
            return
        looped = self._loops(call)
        self._unreachable(call)
        if not looped:
            self._best_path(call)

    def _loops(self, call: Call) -> bool:
        """Report each loop once, at the option that closes it, naming its steps in order.
        A depth-first walk kept on a list, not the call stack: a file of thousands of
        steps is still one line per problem, never a RecursionError."""
        found = False
        done: set[str] = set()
        for first in call.steps:
            if first.id in done:
                continue
            trail = [first.id]  # the steps on the current path, in order
            pending = [iter(enumerate(first.options, start=1))]
            while pending:
                step = call.step(trail[-1])
                advanced = False
                for n, option in pending[-1]:
                    target = call.step(option.next)
                    if target is None or target.id in done:
                        continue
                    if target.id in trail:
                        loop = [*trail[trail.index(target.id):], target.id]
                        self.problem(self.next_lines[(step.id, n)],
                                     f"option {n}: next '{target.id}' makes a loop ({' -> '.join(loop)}): "
                                     "every path must end at an outcome", step.id)
                        found = True
                        continue
                    trail.append(target.id)
                    pending.append(iter(enumerate(target.options, start=1)))
                    advanced = True
                    break
                if not advanced:
                    done.add(trail.pop())
                    pending.pop()
        return found

    def _unreachable(self, call: Call) -> None:
        reached, queue = {call.start.id}, [call.start]
        while queue:
            for option in queue.pop().options:
                if option.next not in reached:
                    reached.add(option.next)
                    if (step := call.step(option.next)) is not None:
                        queue.append(step)
        for kind, node in [*(("step", s) for s in call.steps), *(("outcome", o) for o in call.outcomes)]:
            if node.id not in reached:
                self.problem(node.line, f"no path from the first step '{call.start.id}' reaches this {kind}",
                             node.id)

    def _best_path(self, call: Call) -> None:
        """The best option at every step leads to a right end (red for an emergency)."""
        taken, end = call.best_path()
        path = " -> ".join([*(step.id for step, _ in taken), end.id])
        # Where no outcome at all is right (or red), that alone has been said.
        if not end.correct and any(o.correct for o in call.outcomes):
            self.problem(end.line, f"the best options lead here ({path}), but this outcome is not correct: true",
                         end.id)
        if call.emergency and end.grade != "red" and any(o.grade == "red" for o in call.outcomes):
            self.problem(end.line, f"the best options of an emergency call lead here ({path}), "
                         f"but this outcome is graded {end.grade}, not red", end.id)


def check_call_file(path: Path, bib, today: dt.date | None = None, root: Path | None = None,
                    refused: dict[str, str] | None = None) -> tuple[Call | None, list[Problem]]:
    """Load and check one call file. Returns the call (None if any problem) and the problems."""
    checker = _CallChecker(Path(path), display_path(path, root), bib, today or dt.date.today(), refused)
    call = checker.check()
    return call, checker.problems


def check_call_files(paths: list[Path], bib, today: dt.date | None = None, root: Path | None = None,
                     refused: dict[str, str] | None = None) -> tuple[list[Call], list[Problem]]:
    """Check call files together: each on its own, then call ids across all of them."""
    calls, problems = [], []
    stems: dict[str, str] = {}
    for path in _distinct(paths):
        call, found = check_call_file(path, bib, today, root, refused)
        shown = display_path(path, root)
        # x.yml beside x.yaml (or two folders given): two files for one call id.
        stem = Path(path).stem
        if stem in stems:
            problems.append(Problem(shown, 1, f"another file for call '{stem}': {stems[stem]} (keep one)"))
        stems.setdefault(stem, shown)
        problems.extend(found)
        if call is not None:
            calls.append(call)
    return calls, problems


def looks_like_call(path: Path) -> bool:
    """Whether a file given on the command line is a call rather than a quiz: it is in a
    folder named ``calls``, or (anywhere else but ``quizzes``) its top level has ``steps``
    and no ``questions``. A file that cannot be read is a quiz file, reported as such."""
    folder = Path(os.path.abspath(path)).parent.name
    if folder in ("calls", "quizzes"):
        return folder == "calls"
    try:
        data = yaml_lines.load(read_text(Path(path)))
    except (Unreadable, yaml_lines.YamlSyntaxError):
        return False
    return isinstance(data, LineDict) and "steps" in data and "questions" not in data
