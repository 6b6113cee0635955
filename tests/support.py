"""What the test layers share, defined once: the small quiz and bibliography every tiny
project starts from, the source-policy bibliography, the command-line runner and the quiz
loaders."""

from __future__ import annotations

import re
import subprocess
import textwrap
from pathlib import Path

from selfcheck.core.validate import check_file
from tools.book import BIN, ROOT  # noqa: F401  (re-exported for the tests)

# The tiny testroot (tests/roots/test-tiny) holds the small quiz (one question of each type,
# with markup and hostile text in it) and the one source it cites; every tiny project
# starts from them.
TINY = Path(__file__).parent / "roots" / "test-tiny"
SMALL_QUIZ = (TINY / "quizzes" / "small.yml").read_text(encoding="utf-8")
SMALL_BIB = (TINY / "book" / "references.bib").read_text(encoding="utf-8")

# Sources the policy keeps, refuses as superseded, or refuses as copies on the hosts listed.
POLICY_BIB = """\
@misc{nice-cg81, title={Advanced breast cancer}, year={2009}, url={https://www.nice.org.uk/guidance/cg81}}
@misc{nice-cg75, title={Metastatic spinal cord compression}, year={2008},
  url={https://www.nice.org.uk/guidance/cg75}, status={superseded}, note={Replaced by NG234.}}
@misc{copy-smpc, title={An SmPC}, year={2024}, url={https://www.RxReasoner.com/drugs/x}}
@misc{sub-copy, title={A page}, year={2024}, url={https://uat.mimsdev.com/x}}
@misc{lookalike, title={Not a copy}, year={2024}, url={https://notrxreasoner.com/x}}
"""
COPY_HOSTS = "# copies\nrxreasoner.com\nmimsdev.com  # staging\n\n"

PILOT_QUIZ = "hormone-therapy"


def write_project(root: Path, quizzes: dict[str, str], bib: str, title: str = "t") -> Path:
    """A course project for the command line: _config.yml, book/references.bib, quizzes/."""
    (root / "_config.yml").write_text(f"title: {title}\n")
    (root / "book").mkdir(exist_ok=True)
    (root / "book" / "references.bib").write_text(bib)
    (root / "quizzes").mkdir(exist_ok=True)
    for name, text in quizzes.items():
        (root / "quizzes" / name).write_text(textwrap.dedent(text))
    return root


def run_cli(args, cwd, **kwargs) -> subprocess.CompletedProcess:
    """``selfcheck ARGS`` run in ``cwd``, as an author runs it."""
    return subprocess.run([str(BIN / "selfcheck"), *args], cwd=cwd, capture_output=True, text=True, **kwargs)


def load_quiz(path: Path, sources=None, today=None):
    """The quiz in ``path``, which must have no problem."""
    quiz, problems = check_file(path, sources, today) if today else check_file(path, sources)
    assert not problems, problems
    return quiz


def course_quiz(quiz_id: str):
    """One quiz of the course's own bank."""
    return load_quiz(ROOT / "quizzes" / f"{quiz_id}.yml")


def problems_of(folder: Path, text: str, name: str, sources, today) -> list[str]:
    """The validator's messages for ``text`` written to ``folder/name`` (dedented)."""
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    quiz, problems = check_file(path, sources, today, root=folder)
    assert (quiz is None) == bool(problems), "a file with problems must yield no quiz"
    return [str(p) for p in problems]


def plain(log: str) -> str:
    """A build log without its colour codes."""
    return re.sub(r"\x1b\[[0-9;]*m", "", log)
