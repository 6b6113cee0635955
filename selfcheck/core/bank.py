"""Where a project's question banks live, and loading one quiz by id."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from . import source_policy
from .bibliography import Bibliography, read_bibliography
from .model import Quiz
from .validate import Problem, QuizError, check_files, display_path

CONFIG_FILE = "_config.yml"
QUIZ_DIR = "quizzes"
CALL_DIR = "calls"  # telephone triage calls, one per file (core/calls.py)
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


def read_bib(root: Path) -> tuple[frozenset[str] | None, list[Problem]]:
    """The project's bibliography: its keys (None when it cannot be read) and its problems."""
    bibliography = read_bibliography(Path(root) / BIB_FILE, root)
    return bibliography.keys, list(bibliography.problems)


def check_bank(root: Path | None, paths: list[Path] | None = None, today: dt.date | None = None,
               bib: Path | None = None):
    """Check the given files (default: the whole of quizzes/) against the bibliography (default:
    the project's book/references.bib; ``selfcheck validate --bib`` names another).

    Results are remembered while the files are unchanged: a book build asks for the
    whole bank once per chapter and once more for the progress page."""
    files = expand_paths(paths) if paths else quiz_files(Path(root) / QUIZ_DIR)
    bib, stamp = _bib_and_stamp(root, files, bib)
    root = Path(root) if root is not None else None
    quizzes, problems = _check_bank(root, tuple(files), bib, stamp, today or dt.date.today())
    return list(quizzes), list(problems)


def _bib_and_stamp(root: Path | None, files: list[Path], bib: Path | None) -> tuple[Path, tuple]:
    """The bibliography to check against (default: the project's), and what a remembered
    check depends on: the files', the bibliography's and its copy-host list's times and sizes."""
    bib = Path(bib) if bib is not None else Path(root) / BIB_FILE
    watched = [*files, bib, source_policy.copy_hosts_path(bib)]
    return bib, tuple((str(f), *_stat(f)) for f in watched)


def _stat(path: Path) -> tuple[int, int]:
    try:
        st = Path(path).stat()
        return st.st_mtime_ns, st.st_size
    except OSError:
        return -1, -1


@lru_cache(maxsize=16)
def _check_bank(root: Path | None, files: tuple[Path, ...], bib: Path, stamp: tuple, today: dt.date):
    bibliography = read_bibliography(bib, root)
    quizzes, found = check_files(list(files), bibliography.keys, today, root)
    if bibliography.keys is not None and not bibliography.problems:
        found += source_problems(bibliography, quizzes, root)
    return tuple(quizzes), (*bibliography.problems, *found)


def source_problems(bibliography: Bibliography, quizzes, root: Path | None) -> list[Problem]:
    """Questions citing a withdrawn, superseded or draft source, or a copy (see source_policy),
    for a bibliography that has been read without problems."""
    refused, problems = source_policy.load_refusals(bibliography, root)
    return [*problems, *source_policy.bib_status_problems(bibliography),
            *source_policy.question_problems(quizzes, refused, root)]


def chapter_problems(root: Path) -> list[Problem]:
    """Chapters citing a withdrawn, superseded or draft source, or a copy (see source_policy).
    An unreadable bibliography is reported by ``read_bib`` instead."""
    bibliography = read_bibliography(Path(root) / BIB_FILE, root)
    if bibliography.problems:
        return []
    refused, problems = source_policy.load_refusals(bibliography, root)
    return [*problems, *source_policy.chapter_problems(bibliography.path.parent, refused, root)]


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


class UnknownCall(Exception):
    def __init__(self, call_id: str, folder: Path, known: list[str]):
        self.call_id, self.folder, self.known = call_id, folder, known
        listing = ", ".join(known) if known else "none"
        super().__init__(f"no call '{call_id}': there is no {folder}/{call_id}.yml (calls there: {listing})")


def call_files(root: Path) -> list[Path]:
    """The project's call files; none when it has no calls/ folder (a valid project)."""
    return quiz_files(Path(root) / CALL_DIR)


def split_calls(files: list[Path]) -> tuple[list[Path], list[Path]]:
    """Files given on the command line as (quiz files, call files): see
    validate_calls.looks_like_call."""
    from .validate_calls import looks_like_call

    quizzes, calls = [], []
    for path in files:
        (calls if looks_like_call(path) else quizzes).append(path)
    return quizzes, calls


def check_calls(root: Path | None, paths: list[Path] | None = None, today: dt.date | None = None,
                bib: Path | None = None):
    """Check the given call files (default: the whole of calls/) against the bibliography
    (default: book/references.bib) and its source policy, as ``check_bank`` checks quizzes.

    The problems are the calls' own (and those of the copy-host list, which ``check_bank``
    also reports): the bibliography's own problems are reported by ``check_bank`` or
    ``read_bib``. Remembered while the files are unchanged."""
    files = expand_paths(paths) if paths else call_files(root)
    bib, stamp = _bib_and_stamp(root, files, bib)
    root = Path(root) if root is not None else None
    calls, problems = _check_calls(root, tuple(files), bib, stamp, today or dt.date.today())
    return list(calls), list(problems)


@lru_cache(maxsize=16)
def _check_calls(root: Path | None, files: tuple[Path, ...], bib: Path, stamp: tuple, today: dt.date):
    from .validate_calls import check_call_files

    if not files:
        return (), ()
    bibliography = read_bibliography(bib, root)
    refused, problems = None, []
    if bibliography.keys is not None and not bibliography.problems:
        refused, problems = source_policy.load_refusals(bibliography, root)
    calls, found = check_call_files(list(files), bibliography.keys, today, root, refused)
    return tuple(calls), (*problems, *found)


def load_call(call_id: str, root: Path, today: dt.date | None = None):
    """Load one telephone triage call by id, checked together with the rest of calls/.
    Raises UnknownCall, or QuizError for a broken call (or an unreadable bibliography);
    never returns a partial call."""
    folder = root / CALL_DIR
    files = call_files(root)
    path = next((f for f in files if f.stem == call_id), None)
    if path is None:
        raise UnknownCall(call_id, Path(display_path(folder, root)), [f.stem for f in files])
    calls, problems = check_calls(root, today=today)
    _, bib_problems = read_bib(root)
    shown = display_path(path, root)
    # Its own problems, and those of the bibliography and copy-host list its sources are checked against.
    shared = ("references.bib", source_policy.COPY_HOSTS_FILE)
    mine = [p for p in [*bib_problems, *problems] if p.path == shown or p.path.endswith(shared)]
    if mine:
        raise QuizError(mine)
    return next(c for c in calls if c.id == call_id)
