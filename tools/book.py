"""The course's sources copied for a build, and a jupyter-book build of them: for the tests'
one real build and for the bench."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STRICT_FLAGS = ["-W", "-n", "--keep-going"]  # as `make book`
SOURCES = ("_config.yml", "_toc.yml", "book", "quizzes", "calls", "_static")


def copy_sources(dest: Path) -> Path:
    """The book's sources (config, chapters, quizzes, calls, static files) copied to ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        elif (ROOT / name).is_file():
            shutil.copy2(ROOT / name, dest / name)
    return dest


def jupyter_book_build(source: Path, out: Path | None = None, strict: bool = True,
                       env: dict | None = None) -> subprocess.CompletedProcess:
    """Build the book at ``source`` (into ``out``/_build when given); return the finished process."""
    output = ["--path-output", str(out)] if out is not None else []
    return subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(source), "--builder", "html", *output,
         *(STRICT_FLAGS if strict else [])],
        capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=1800,
    )
