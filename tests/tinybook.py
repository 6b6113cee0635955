"""A tiny course project in a temporary folder, built with jupyter-book in seconds: for
build and browser tests that need a quiz the real bank must never hold."""

from __future__ import annotations

import textwrap
from pathlib import Path

CONFIG = """\
title: Tiny course
only_build_toc_files: true
exclude_patterns: [_build, "**/.ipynb_checkpoints"]
execute:
  execute_notebooks: cache
  timeout: 120
bibtex_bibfiles:
  - book/references.bib
html:
  favicon: ""
launch_buttons:
  thebe: false
sphinx:
  extra_extensions:
    - selfcheck
    - course_site
  config:
    nb_ipywidgets_js: {}
    suppress_warnings: [bibtex.duplicate_label, bibtex.duplicate_citation]
"""

BIB = "@misc{nice-cg81, title={Advanced breast cancer}, year={2009}, url={https://www.nice.org.uk/guidance/cg81}}\n"

HEADER = """\
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


def chapter(title: str, quiz_ids=(), reviewed: str = "2026-01-10") -> str:
    cells = "".join(
        f'\n```{{code-cell}} ipython3\n:tags: [remove-input]\nfrom selfcheck import quiz\nquiz("{quiz_id}")\n```\n'
        for quiz_id in quiz_ids
    )
    return HEADER.format(reviewed=reviewed) + f"\n# {title}\n\nSome text.\n{cells}"


def make_book(root: Path, quizzes: dict[str, str], chapters: dict[str, str] | None = None, bib: str = BIB) -> Path:
    """A project at ``root``: quizzes (file name -> YAML) and chapters (name -> Markdown,
    default: one chapter per quiz, in order). The root page is book/intro.md."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "_config.yml").write_text(CONFIG)
    (root / "book").mkdir(exist_ok=True)
    (root / "book" / "references.bib").write_text(bib) if isinstance(bib, str) else (root / "book" / "references.bib").write_bytes(bib)
    (root / "quizzes").mkdir(exist_ok=True)
    for name, text in quizzes.items():
        (root / "quizzes" / name).write_text(textwrap.dedent(text))
    if chapters is None:
        chapters = {Path(name).stem: chapter(f"Chapter {Path(name).stem}", [Path(name).stem]) for name in quizzes}
    (root / "book" / "intro.md").write_text(chapter("Tiny course"))
    for name, text in chapters.items():
        (root / "book" / f"{name}.md").write_text(text)
    toc = "format: jb-book\nroot: book/intro\nchapters:\n" + "".join(f"  - file: book/{name}\n" for name in chapters)
    (root / "_toc.yml").write_text(toc)
    return root
