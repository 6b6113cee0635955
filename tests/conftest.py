"""Shared fixtures: a small quiz built from YAML text, the project root, the built site."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from selfcheck.validate import check_file

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BUILD_FLAGS = ["-W", "-n", "--keep-going"]

SMALL_QUIZ = """\
id: small
title: Small quiz
reviewed: 2026-11-20
questions:
  - id: sm-single
    type: single
    scenario: |
      Jo, 52, asks *why*. <script>alert("x")</script>
    prompt: Which is **right**?
    options:
      - text: Wrong one <img src=x onerror=alert(1)>
        feedback: No, because of A.
      - text: Right one
        correct: true
        feedback: Yes, because of B.
    explanation: The explanation.
    source: nice-cg81
  - id: sm-multiple
    type: multiple
    prompt: Pick the right ones
    options:
      - text: Alpha
        correct: true
        feedback: Alpha is right.
      - text: Beta
        feedback: Beta is wrong.
      - text: Gamma
        correct: true
        feedback: Gamma is right.
    explanation: Alpha and Gamma.
    source: nice-cg81
  - id: sm-tf
    type: true-false
    prompt: The statement holds.
    options:
      - text: "True"
        feedback: It does not.
      - text: "False"
        correct: true
        feedback: Indeed it does not.
    explanation: Because.
    source: nice-cg81
"""


@pytest.fixture
def small_quiz(tmp_path):
    path = tmp_path / "small.yml"
    path.write_text(textwrap.dedent(SMALL_QUIZ), encoding="utf-8")
    quiz, problems = check_file(path, {"nice-cg81"}, dt.date(2026, 11, 24))
    assert not problems, problems
    return quiz


def jupyter_book_build(source: Path, out: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Build the book at ``source`` strictly into ``out``; return the finished process."""
    return subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(source), "--builder", "html",
         "--path-output", str(out), *BUILD_FLAGS],
        capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=900,
    )


def copy_project(dest: Path) -> Path:
    """The project's book sources (config, chapters, quizzes) copied for a test to change."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(ROOT / name, dest / name)
    for folder in ("book", "quizzes"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real book, built strictly once per test session into a fresh folder."""
    out = tmp_path_factory.mktemp("site")
    result = jupyter_book_build(ROOT, out)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    html = out / "_build" / "html"
    assert (html / "index.html").is_file()
    return html
