"""Where a project's question banks live, and loading one quiz by id."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

from . import source_policy
from .markup import web_address
from .model import Quiz
from .validate import Problem, QuizError, Unreadable, bib_keys, check_files, display_path, read_text

CONFIG_FILE = "_config.yml"
QUIZ_DIR = "quizzes"
BIB_FILE = Path("book") / "references.bib"


class ProjectNotFound(Exception):
    pass


class UnknownQuiz(Exception):
    def __init__(self, quiz_id: str, folder: Path, known: list[str]):
        self.quiz_id, self.folder, self.known = quiz_id, folder, known
        listing = ", ".join(known) if known else "none"
        super().__init__(f"no quiz '{quiz_id}': there is no {folder}/{quiz_id}.yml (quizzes there: {listing})")


def find_root(start: Path | None = None) -> Path:
    """The nearest ancestor of ``start`` (default: the working directory) holding _config.yml."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise ProjectNotFound(f"no {CONFIG_FILE} in {here} or any folder above it: run this inside the course project")


def quiz_files(folder: Path) -> list[Path]:
    return sorted([*Path(folder).glob("*.yml"), *Path(folder).glob("*.yaml")])


QUIZ_SUFFIXES = (".yml", ".yaml")


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given; folders replaced by the quiz files in them. A folder named like a
    quiz file (``x.yml``) stays, to be reported as one."""
    out = []
    for path in map(Path, paths):
        is_folder = path.is_dir() and path.suffix not in QUIZ_SUFFIXES
        out.extend(quiz_files(path) if is_folder else [path])
    return out


def read_bib(root: Path) -> tuple[set[str] | None, list[Problem]]:
    bib = root / BIB_FILE
    shown = display_path(bib, root)
    if not bib.exists() and not bib.is_symlink():
        return None, [Problem(shown, 1, "bibliography not found: every question's source must be a key in it")]
    try:
        keys = bib_keys(bib)
    except Unreadable as exc:
        return None, [Problem(shown, exc.line, exc.message)]
    return keys, bib_problems(bib, shown)


def bib_problems(bib: Path, shown: str) -> list[Problem]:
    """What would stop the book's bibliography being read. sphinxcontrib-bibtex would only
    warn and drop every entry after the fault, so check it strictly here first."""
    from pybtex import errors
    from pybtex.database import parse_string
    from pybtex.scanner import PybtexSyntaxError

    try:
        text = read_text(bib)
    except Unreadable as exc:
        return [Problem(shown, exc.line, exc.message)]
    previous = errors.strict
    errors.set_strict_mode(True)
    try:
        data = parse_string(text, "bibtex")
    except PybtexSyntaxError as exc:
        return [Problem(shown, exc.lineno or 1, f"BibTeX syntax error: {exc.error_type}")]
    except Exception as exc:  # pybtex reports duplicate keys and fields as plain errors
        message = str(exc)
        key = re.search(r"(?:key|entry:) (\S+)", message)
        line = 1
        if key:
            # the last definition of the key: for a repeated entry, the repeat
            starts = [m.start() for m in re.finditer(
                r"^@\w+\s*\{\s*" + re.escape(key.group(1)) + r"\s*,", text, re.MULTILINE)]
            line = text[: starts[-1]].count("\n") + 1 if starts else 1
        return [Problem(shown, line, f"cannot be read: {message}")]
    finally:
        errors.set_strict_mode(previous)
    return url_problems(data, text, shown)


def _entry_line(text: str, key: str) -> int:
    found = re.search(r"^@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text, re.MULTILINE)
    return text[: found.start()].count("\n") + 1 if found else 1


def url_problems(data, text: str, shown: str) -> list[Problem]:
    """A source's address becomes a live link on the page, the answer key and exports:
    only http and https addresses."""
    return [
        Problem(shown, _entry_line(text, key), f"{key}: url {entry.fields['url'].strip()!r} must be an http or https address")
        for key, entry in data.entries.items()
        if entry.fields.get("url") and not web_address(entry.fields["url"])
    ]


def check_bank(root: Path, paths: list[Path] | None = None, today: dt.date | None = None):
    """Check the given files (default: the whole of quizzes/) against the project's bibliography.

    Results are remembered while the files are unchanged: a book build asks for the
    whole bank once per chapter and once more for the progress page."""
    files = expand_paths(paths) if paths else quiz_files(root / QUIZ_DIR)
    bib = Path(root) / BIB_FILE
    watched = [*files, bib, source_policy.copy_hosts_path(bib)]
    stamp = tuple((str(f), *_stat(f)) for f in watched)
    quizzes, problems = _check_bank(Path(root), tuple(files), stamp, today or dt.date.today())
    return list(quizzes), list(problems)


def _stat(path: Path) -> tuple[int, int]:
    try:
        st = Path(path).stat()
        return st.st_mtime_ns, st.st_size
    except OSError:
        return -1, -1


@lru_cache(maxsize=16)
def _check_bank(root: Path, files: tuple[Path, ...], stamp: tuple, today: dt.date):
    keys, problems = read_bib(root)
    quizzes, found = check_files(list(files), keys, today, root)
    if keys is not None and not problems:
        found += source_problems(root / BIB_FILE, quizzes, root)
    return tuple(quizzes), tuple(problems + found)


def source_problems(bib: Path, quizzes, root: Path | None) -> list[Problem]:
    """Questions citing a withdrawn, superseded or draft source, or a copy (see source_policy),
    for a bibliography that has been read without problems."""
    refused, problems = source_policy.load_refusals(bib, root)
    return [*problems, *source_policy.bib_status_problems(bib, root),
            *source_policy.question_problems(quizzes, refused, root)]


def chapter_problems(root: Path) -> list[Problem]:
    """Chapters citing a withdrawn, superseded or draft source, or a copy (see source_policy).
    An unreadable bibliography is reported by ``read_bib`` instead."""
    bib = Path(root) / BIB_FILE
    if not bib.is_file() or bib_problems(bib, display_path(bib, root)):
        return []
    refused, problems = source_policy.load_refusals(bib, root)
    return [*problems, *source_policy.chapter_problems(bib.parent, refused, root)]


def load_quiz(quiz_id: str, root: Path, today: dt.date | None = None) -> Quiz:
    """Load one quiz by id, checked together with the rest of the bank (question ids are
    unique across all files). Raises UnknownQuiz or QuizError; never returns a partial quiz."""
    folder = root / QUIZ_DIR
    files = quiz_files(folder)
    path = next((f for f in files if f.stem == quiz_id), None)
    if path is None:
        raise UnknownQuiz(quiz_id, Path(display_path(folder, root)), [f.stem for f in files])
    quizzes, problems = check_bank(root, today=today)
    shown = display_path(path, root)
    mine = [p for p in problems if p.path == shown or p.path.endswith("references.bib")]
    if mine:
        raise QuizError(mine)
    return next(q for q in quizzes if q.id == quiz_id)
