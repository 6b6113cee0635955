"""Tiny course projects built in-process with sphinx.testing, in about a second, for the
build and browser tests that need a quiz or a page the real course must never hold.

Every tiny book starts from the testroot ``tests/roots/test-tiny`` (conf.py with the course's
extensions, an intro page, the small quiz and its source, a chapter showing it) and changes
what a test gives. Chapters that show a quiz are notebooks stored with the output
``quiz("<id>")`` gives in a kernel, so no kernel runs; chapters written as text notebooks
(``chapter_text``) go through the front-matter handling a real chapter does."""

from __future__ import annotations

import json
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from selfcheck.views.notebook import QUIZ_MIME
from tests.support import TINY, plain

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}


def front_matter(reviewed: str = "2026-01-10") -> dict:
    return {"reviewed": reviewed, "description": "A tiny page for tests.", "study_minutes": 5}


def chapter_notebook(title: str, quiz_ids=(), reviewed: str = "2026-01-10") -> str:
    """A chapter as a stored .ipynb: its quiz cells carry the outputs a kernel gave them."""
    def quiz_cell(n: int, quiz_id: str) -> dict:
        bundle = {QUIZ_MIME: {"id": quiz_id},
                  WIDGET_MIME: {"model_id": f"model-{n}", "version_major": 2, "version_minor": 0},
                  "text/plain": f"Quiz: {quiz_id}"}
        return {"cell_type": "code", "execution_count": n, "id": f"quiz-{n}",
                "metadata": {"tags": ["remove-input"]}, "source": f'from selfcheck import quiz\nquiz("{quiz_id}")',
                "outputs": [{"output_type": "display_data", "data": bundle, "metadata": {}}]}

    cells = [{"cell_type": "markdown", "id": "text", "metadata": {}, "source": f"# {title}\n\nSome text."}]
    cells += [quiz_cell(n, quiz_id) for n, quiz_id in enumerate(quiz_ids, 1)]
    notebook = {"cells": cells, "metadata": {"kernelspec": KERNELSPEC, **front_matter(reviewed)},
                "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(notebook, indent=1) + "\n"


TEXT_HEADER = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
reviewed: {reviewed}
description: A tiny page for tests.
study_minutes: 5
---
"""


def chapter_text(title: str, body: str = "Some text.", reviewed: str = "2026-01-10") -> str:
    """A chapter as a MyST text notebook, front matter written as an author writes it."""
    return TEXT_HEADER.format(reviewed=reviewed) + f"\n# {title}\n\n{body}\n"


def make_book(root: Path, quizzes: dict[str, str] | None = None, chapters: dict[str, str] | None = None,
              bib: str | bytes | None = None) -> Path:
    """The tiny testroot copied to ``root``, with quizzes (file name -> YAML), chapters (file
    name under book/ -> text) and the bibliography added or replaced."""
    shutil.copytree(TINY, root)
    if bib is not None:
        target = root / "book" / "references.bib"
        target.write_bytes(bib) if isinstance(bib, bytes) else target.write_text(bib)
    for name, text in (quizzes or {}).items():
        (root / "quizzes" / name).write_text(textwrap.dedent(text))
    for name, text in (chapters or {}).items():
        (root / "book" / name).write_text(text)
    return root


@dataclass
class Build:
    """A finished tiny build: did it fail (as ``-W --keep-going`` would), its log, its pages."""

    failed: bool
    log: str
    html: Path


def build(source: Path) -> Build:
    """Build ``source`` in-process, strictly (warnings fail the build, as in `make book`)."""
    app = SphinxTestApp("html", srcdir=source, freshenv=True, warningiserror=True, keep_going=True,
                        confoverrides={"nitpicky": True})
    try:
        app.build()
    finally:
        app.cleanup()
    return Build(failed=app.statuscode != 0, log=plain(app.status.getvalue() + app.warning.getvalue()),
                 html=Path(app.outdir))
