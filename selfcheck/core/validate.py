"""Load quiz YAML files and check every rule of the quiz format.

Every problem becomes a ``Problem`` that prints as ``path:line: question-id: message``
(or ``path:line: message`` for a problem of the whole file). Nothing is dropped:
a file with any problem yields no quiz at all.
"""

from __future__ import annotations

import datetime as dt
import difflib
import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from . import markup, yaml_lines
from .model import ID_RULE, QUESTION_TYPES, Option, Question, Quiz, valid_id
from .yaml_lines import BadScalar, LineDict, LineList

QUIZ_KEYS = ("id", "title", "reviewed", "questions")
QUESTION_KEYS = ("id", "type", "scenario", "prompt", "options", "explanation", "source")
OPTION_KEYS = ("text", "correct", "feedback")
REQUIRED_QUESTION_KEYS = ("id", "type", "prompt", "options", "explanation", "source")
TRUE_FALSE_TEXTS = ("True", "False")
# Said once, by the renderers, for every multiple-response question.
_CHOOSE_ALL = re.compile(r"choose all that apply", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str
    question_id: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        if self.question_id:
            return one_line(f"{where}: {self.question_id}: {self.message}")
        return one_line(f"{where}: {self.message}")


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """A message on one line, whatever a file name, key or value holds: control characters
    are written as escapes."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


class QuizError(Exception):
    """One or more problems in one or more quiz files."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Unreadable(Exception):
    """A quiz file or bibliography that is not a regular UTF-8 file: ``line`` and a one-line
    ``message`` for ``path:line: message``."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


_NOT_REGULAR = [
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
]


def read_text(path: Path) -> str:
    """The text of a regular UTF-8 file, or Unreadable. Opened without blocking and checked
    before reading, so a FIFO never hangs the reader and a device is never read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        if os.path.islink(path):
            raise Unreadable(1, f"cannot be read: a broken symbolic link (to {os.readlink(path)})") from None
        raise Unreadable(1, "cannot be read: no such file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Unreadable(1, "cannot be read: a loop of symbolic links") from None
        raise Unreadable(1, f"cannot be read: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _NOT_REGULAR if test(mode)), "not a regular file")
            raise Unreadable(1, f"cannot be read: it is {kind}, not a regular file")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    except OSError as exc:
        raise Unreadable(1, f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise Unreadable(line, f"not UTF-8 text ({exc.reason}: byte 0x{data[exc.start]:02x}); save it as UTF-8") from None


def _describe(value) -> str:
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, LineList):
        return "a list"
    if isinstance(value, LineDict):
        return "a mapping"
    if value is None:
        return "empty"
    return type(value).__name__


def _scalar_source(value) -> str:
    """How an unquoted YAML scalar was most likely written, for a "quote it" hint."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, BadScalar):
        return value.text
    return str(value)


class FileChecks:
    """The checks every YAML data file shares (quizzes here, telephone triage calls in
    validate_calls.py): reading, keys, text, Markdown and the review date. Collects
    problems instead of stopping at the first."""

    def __init__(self, path: Path, display: str, bib: set[str] | None, today: dt.date):
        self.path, self.display, self.bib, self.today = path, display, bib, today
        self.problems: list[Problem] = []

    def read_mapping(self, shape: str) -> LineDict | None:
        """The file's YAML as a mapping, or None after reporting why not; ``shape`` says
        what the mapping should hold ("a quiz file must be ...")."""
        try:
            raw = read_text(self.path)
        except Unreadable as exc:
            self.problem(exc.line, exc.message)
            return None
        try:
            data = yaml_lines.load(raw)
        except yaml_lines.YamlSyntaxError as exc:
            self.problem(exc.line, exc.message)
            return None
        if not isinstance(data, LineDict):
            self.problem(getattr(data, "line", 1), shape)
            return None
        return data

    def problem(self, line: int, message: str, qid: str | None = None) -> None:
        self.problems.append(Problem(self.display, line, message, qid))

    def unknown_keys(self, mapping: LineDict, allowed: tuple[str, ...], where: str, qid=None):
        for key, line in mapping.duplicate_keys:
            self.problem(line, f"{where}key '{key}' appears twice", qid)
        for key in mapping:
            if key not in allowed:
                hint = difflib.get_close_matches(str(key), allowed, n=1)
                did_you_mean = f" (did you mean '{hint[0]}'?)" if hint else ""
                self.problem(
                    mapping.key_lines[key],
                    f"{where}unknown key '{key}'{did_you_mean}; allowed: {', '.join(allowed)}",
                    qid,
                )

    def listed(self, mapping: LineDict, key: str, where: str = "", qid=None, non_empty: bool = False):
        """``mapping[key]`` when it is a list (not empty, if asked), else None, the problem said."""
        if key not in mapping:
            self.problem(mapping.line, f"{where}missing '{key}'", qid)
            return None
        items = mapping[key]
        if not isinstance(items, LineList) or (non_empty and not items):
            kind = "a non-empty list" if non_empty else "a list"
            self.problem(mapping.key_lines[key], f"{where}'{key}' must be {kind}", qid)
            return None
        return items

    def text(self, mapping: LineDict, key: str, where: str, qid=None, required=True):
        """A non-empty string value, or None after reporting why not."""
        line = mapping.key_lines.get(key, mapping.line)
        if key not in mapping:
            if required:
                self.problem(mapping.line, f"{where}missing '{key}'", qid)
            return None
        value = mapping[key]
        if isinstance(value, (bool, int, float, dt.date, BadScalar)):
            self.problem(
                line,
                f"{where}'{key}' must be text, but YAML read {_scalar_source(value)!r} "
                f"as {_describe(value)}; quote it: \"{_scalar_source(value)}\"",
                qid,
            )
            return None
        if not isinstance(value, str):
            self.problem(line, f"{where}'{key}' must be text, not {_describe(value)}", qid)
            return None
        if not value.strip():
            self.problem(line, f"{where}'{key}' is empty", qid)
            return None
        return value

    def markdown(self, mapping: LineDict, key: str, value, where: str, qid=None) -> None:
        """Markdown text may show images from the site only."""
        if not isinstance(value, str):
            return
        for src in markup.outside_images(value):
            self.problem(
                mapping.key_lines.get(key, mapping.line),
                f"{where}'{key}' shows an image from outside the site ({src}): images must come from the course's own site",
                qid,
            )

    def reviewed(self, data: LineDict, qid=None) -> dt.date | None:
        if "reviewed" not in data:
            self.problem(data.line, "missing 'reviewed' (the date the content was last checked, YYYY-MM-DD)", qid)
            return None
        value, line = data["reviewed"], data.key_lines["reviewed"]
        if isinstance(value, BadScalar):
            self.problem(line, f"reviewed '{value.text}' is not a real date (use YYYY-MM-DD)", qid)
            return None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            self.problem(line, f"reviewed must be a date written YYYY-MM-DD, not {_scalar_source(value)!r}", qid)
            return None
        if value > self.today:
            self.problem(line, f"reviewed {value.isoformat()} is in the future", qid)
            return None
        return value

    def flag(self, mapping: LineDict, key: str, where: str, qid=None) -> bool:
        """An optional true/false value (default false)."""
        value = mapping.get(key, False)
        if not isinstance(value, bool):
            self.problem(
                mapping.key_lines[key], f"{where}'{key}' must be true or false, not {_scalar_source(value)!r}", qid
            )
            return False
        return value


class _FileChecker(FileChecks):
    """Checks one quiz file."""

    def __init__(self, path: Path, display: str, bib: set[str] | None, today: dt.date):
        super().__init__(path, display, bib, today)
        # (id, line) of every question that names an id, even in a file with other
        # problems, so that ids can be compared across files.
        self.question_ids: list[tuple[str, int]] = []

    def check(self) -> Quiz | None:
        data = self.read_mapping("a quiz file must be a mapping with keys id, title, reviewed, questions")
        if data is None:
            return None
        if isinstance(data.get("questions"), LineList):
            self.question_ids = [
                (q["id"], q.key_lines["id"])
                for q in data["questions"]
                if isinstance(q, LineDict) and isinstance(q.get("id"), str)
            ]
        return self._quiz(data)

    def _quiz(self, data: LineDict) -> Quiz | None:
        self.unknown_keys(data, QUIZ_KEYS, "")
        quiz_id = self.text(data, "id", "")
        expected = self.path.stem
        if quiz_id is not None and not valid_id(quiz_id):
            self.problem(data.key_lines["id"], f"id {quiz_id!r} must be {ID_RULE}")
        elif quiz_id is not None and quiz_id != expected:
            self.problem(
                data.key_lines["id"], f"id '{quiz_id}' must equal the file name '{expected}'"
            )
        title = self.text(data, "title", "")
        reviewed = self.reviewed(data)
        questions = self._questions(data)
        if self.problems:
            return None
        return Quiz(quiz_id, title.strip(), reviewed, tuple(questions), path=self.path)

    def _questions(self, data: LineDict) -> list[Question]:
        items = self.listed(data, "questions", non_empty=True)
        if items is None:
            return []
        out = []
        for number, (item, line) in enumerate(zip(items, items.item_lines), start=1):
            question = self._question(item, line, number)
            if question is not None:
                out.append(question)
        return out

    def _question(self, item, line: int, number: int) -> Question | None:
        if not isinstance(item, LineDict):
            self.problem(line, f"question {number}: must be a mapping (id, type, prompt, options, ...)")
            return None
        before = len(self.problems)
        qid = item.get("id") if isinstance(item.get("id"), str) and item.get("id").strip() else None
        bad_id = qid is not None and not valid_id(qid)
        if bad_id:
            qid = None
        where = "" if qid else f"question {number}: "
        self.unknown_keys(item, QUESTION_KEYS, where, qid)
        if bad_id:
            self.problem(item.key_lines["id"], f"{where}id {item['id']!r} must be {ID_RULE}")
        elif qid is None:
            self.text(item, "id", where)
        qtype = item.get("type")
        if "type" not in item:
            self.problem(item.line, f"{where}missing 'type' (one of {', '.join(QUESTION_TYPES)})", qid)
        elif qtype not in QUESTION_TYPES:
            self.problem(
                item.key_lines["type"],
                f"{where}type '{_scalar_source(qtype)}' must be one of {', '.join(QUESTION_TYPES)}",
                qid,
            )
            qtype = None
        scenario = self.text(item, "scenario", where, qid, required=False)
        prompt = self.text(item, "prompt", where, qid)
        if prompt is not None and "\n" in prompt.strip():
            self.problem(item.key_lines["prompt"], f"{where}'prompt' must be one line", qid)
        if prompt is not None and qtype == "multiple" and _CHOOSE_ALL.search(prompt):
            self.problem(
                item.key_lines["prompt"],
                f"{where}the quiz says \"Choose all that apply\" itself: take it out of the prompt",
                qid,
            )
        explanation = self.text(item, "explanation", where, qid)
        source = self.text(item, "source", where, qid)
        for key, value in (("scenario", scenario), ("prompt", prompt), ("explanation", explanation)):
            self.markdown(item, key, value, where, qid)
        if source is not None and self.bib is not None and source.strip() not in self.bib:
            self.problem(
                item.key_lines["source"],
                f"{where}source '{source.strip()}' is not a key in book/references.bib",
                qid,
            )
        options = self._options(item, where, qid, qtype)
        if len(self.problems) > before:
            return None
        return Question(
            id=qid,
            type=qtype,
            prompt=prompt.strip(),
            options=tuple(options),
            explanation=explanation.strip(),
            source=source.strip(),
            scenario=(scenario or "").strip(),
            line=line,
        )

    def _options(self, item: LineDict, where: str, qid, qtype) -> list[Option]:
        raw = self.listed(item, "options", where, qid)
        if raw is None:
            return []
        line = item.key_lines["options"]
        if len(raw) < 2:
            self.problem(line, f"{where}needs at least two options (has {len(raw)})", qid)
        options, before = [], len(self.problems)
        for n, (opt, opt_line) in enumerate(zip(raw, raw.item_lines), start=1):
            label = f"{where}option {n}: "
            if not isinstance(opt, LineDict):
                self.problem(opt_line, f"{label}must be a mapping with text, feedback and optionally correct", qid)
                continue
            self.unknown_keys(opt, OPTION_KEYS, label, qid)
            text = self.text(opt, "text", label, qid)
            feedback = self.text(opt, "feedback", label, qid)
            self.markdown(opt, "text", text, label, qid)
            self.markdown(opt, "feedback", feedback, label, qid)
            correct = self.flag(opt, "correct", label, qid)
            options.append(Option(text.strip() if text else "", correct, (feedback or "").strip()))
        self._option_rules(options, line, where, qid, qtype, complete=len(self.problems) == before)
        return options

    def _option_rules(self, options, line, where, qid, qtype, complete: bool) -> None:
        n_correct = sum(o.correct for o in options)
        if not complete:
            return
        if qtype == "true-false":
            texts = sorted(o.text for o in options)
            if texts != sorted(TRUE_FALSE_TEXTS):
                shown = ", ".join(repr(o.text) for o in options)
                self.problem(
                    line,
                    f"{where}a true-false question needs exactly the options \"True\" and \"False\" (has {shown})",
                    qid,
                )
        if qtype in ("single", "true-false") and n_correct != 1:
            self.problem(
                line,
                f"{where}a {qtype} question needs exactly one correct option (has {n_correct})",
                qid,
            )
        if qtype == "multiple" and n_correct < 1:
            self.problem(line, f"{where}a multiple question needs at least one correct option (has 0)", qid)


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as a maintainer would type it: relative to the project root if inside it."""
    path = Path(path)
    for base in (root, Path.cwd()):
        if base is None:
            continue
        # Symbolic links are not followed: a link is shown by its own name (and a broken
        # link or a loop of them cannot be resolved at all).
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(base)).as_posix()
        except ValueError:
            pass
        try:
            return Path(os.path.realpath(path.parent), path.name).relative_to(os.path.realpath(base)).as_posix()
        except (ValueError, OSError):
            continue
    return str(path)


def check_file(
    path: Path, bib: set[str] | None, today: dt.date | None = None, root: Path | None = None
) -> tuple[Quiz | None, list[Problem]]:
    """Load and check one quiz file. Returns the quiz (None if any problem) and the problems."""
    checker = _checked(path, bib, today, root)
    return checker.quiz, checker.problems


def _checked(path, bib, today, root) -> _FileChecker:
    checker = _FileChecker(Path(path), display_path(path, root), bib, today or dt.date.today())
    checker.quiz = checker.check()
    return checker


def _distinct(paths: list[Path]) -> list[Path]:
    """The paths without repeats of one file (given twice, or by two names)."""
    out, seen = [], set()
    for path in paths:
        try:
            key = os.path.realpath(path)
        except (OSError, ValueError):
            key = os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def check_files(
    paths: list[Path], bib: set[str] | None, today: dt.date | None = None, root: Path | None = None
) -> tuple[list[Quiz], list[Problem]]:
    """Check files together: each on its own, then question ids across all of them."""
    quizzes, problems = [], []
    seen: dict[str, tuple[str, int]] = {}
    stems: dict[str, str] = {}
    for path in _distinct(paths):
        checker = _checked(path, bib, today, root)
        # x.yml beside x.yaml: two files for one quiz id, and only one could be shown.
        stem = Path(path).stem
        if stem in stems:
            problems.append(Problem(checker.display, 1, f"another file for quiz '{stem}': {stems[stem]} (keep one)"))
        stems.setdefault(stem, checker.display)
        problems.extend(checker.problems)
        for qid, line in checker.question_ids:
            shown = checker.display
            if qid in seen:
                first_path, first_line = seen[qid]
                problems.append(
                    Problem(shown, line, f"question id is also used at {first_path}:{first_line}", qid)
                )
            else:
                seen[qid] = (shown, line)
        if checker.quiz is not None:
            quizzes.append(checker.quiz)
    return quizzes, problems
