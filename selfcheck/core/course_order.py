"""The course's order: the pages in the order of ``_toc.yml`` and the quizzes in the order
their pages come (chapter 1's quiz first, the final check where it stands).

The answer keys and the exports list quizzes in this order, so that an educator reads them
as a learner meets them, not in the alphabetical order of the files in ``quizzes/``. The
book build and ``selfcheck export`` share it. A quiz that no page of the table of contents
shows comes after the others, in file order; a project without ``_toc.yml`` (or with one
that cannot be read: the book build reports that itself) keeps file order.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

TOC_FILE = "_toc.yml"
SOURCE_SUFFIXES = (".md", ".ipynb")
# quiz("<id>") in a chapter's code cell (views/notebook.py).
_QUIZ_CALL = re.compile(r"""\bquiz\(\s*["']([^"'\\\s]+)["']\s*\)""")
# call("<id>") in a chapter's code cell: a telephone triage call (core/calls.py).
_CALL = re.compile(r"""\bcall\(\s*["']([^"'\\\s]+)["']\s*\)""")
# A MyST text notebook's code cell: ```{code-cell} ... ``` (or with more backticks).
_CODE_CELL = re.compile(r"^(`{3,})\{code-cell\}[^\n]*\n(.*?)^\1\s*$", re.MULTILINE | re.DOTALL)


def toc_pages(root: Path) -> list[str]:
    """The pages of ``_toc.yml`` in reading order, as written there (``book/chemotherapy``)."""
    try:
        toc = yaml.safe_load((Path(root) / TOC_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    pages: list[str] = []

    def walk(entry) -> None:
        if isinstance(entry, dict):
            for key in ("root", "file"):
                if isinstance(entry.get(key), str):
                    pages.append(entry[key])
            for key in ("parts", "chapters", "sections"):
                for child in entry.get(key) or [] if isinstance(entry.get(key), list) else []:
                    walk(child)
        elif isinstance(entry, list):
            for child in entry:
                walk(child)

    walk(toc)
    return list(dict.fromkeys(pages))


def page_source(root: Path, page: str) -> Path | None:
    """The source file of a page of the table of contents (``book/x`` -> ``book/x.md``)."""
    base = Path(root) / page
    if base.suffix in SOURCE_SUFFIXES and base.is_file():
        return base
    return next((p for p in (base.with_name(base.name + s) for s in SOURCE_SUFFIXES) if p.is_file()), None)


def _code(path: Path) -> str:
    """The code a page runs: its code cells, nothing of its prose."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    if path.suffix == ".ipynb":
        try:
            cells = json.loads(text).get("cells", [])
        except (ValueError, AttributeError):
            return ""
        sources = [c.get("source", "") for c in cells if isinstance(c, dict) and c.get("cell_type") == "code"]
        return "\n".join("".join(s) if isinstance(s, list) else str(s) for s in sources)
    return "\n".join(match.group(2) for match in _CODE_CELL.finditer(text))


def quizzes_by_page(root: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(page, the quiz ids it shows in page order) for every page of the table of contents
    that shows a quiz, in reading order."""
    found = []
    for page in toc_pages(root):
        source = page_source(root, page)
        ids = tuple(dict.fromkeys(_QUIZ_CALL.findall(_code(source)))) if source else ()
        if ids:
            found.append((page, ids))
    return found


def chapter_pages(root: Path) -> list[str]:
    """The chapters: pages of the table of contents that show a quiz or a telephone triage
    call, in reading order, as docnames (``book/chemotherapy``)."""
    found = []
    for page in toc_pages(root):
        source = page_source(root, page)
        if source is None:
            continue
        code = _code(source)
        if _QUIZ_CALL.search(code) or _CALL.search(code):
            found.append(page.removesuffix(source.suffix))
    return found


def quiz_order(root: Path) -> list[str]:
    """Quiz ids in course order (only those a page of the table of contents shows)."""
    return list(dict.fromkeys(quiz_id for _, ids in quizzes_by_page(root) for quiz_id in ids))


def in_course_order(quizzes, root: Path | None) -> list:
    """``quizzes`` (anything with an ``id``) in course order; the rest after, as given."""
    order = {quiz_id: n for n, quiz_id in enumerate(quiz_order(root))} if root is not None else {}
    rest = len(order)
    return sorted(quizzes, key=lambda quiz: order.get(quiz.id, rest))  # stable: the rest keep their order


def call_order(root: Path) -> list[str]:
    """Telephone triage call ids in course order (only those a page of the table of contents shows)."""
    found = []
    for page in toc_pages(root):
        source = page_source(root, page)
        found += _CALL.findall(_code(source)) if source else []
    return list(dict.fromkeys(found))


def calls_in_course_order(calls, root: Path | None) -> list:
    """``calls`` in the order the chapters show them; the rest after, as given."""
    order = {call_id: n for n, call_id in enumerate(call_order(root))} if root is not None else {}
    return sorted(calls, key=lambda call: order.get(call.id, len(order)))
