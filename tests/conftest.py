"""Shared fixtures: a small quiz built from YAML text, the project root, the built site."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from selfcheck.core.validate import check_file

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
def project(tmp_path):
    """A tiny course project: _config.yml, a one-entry bibliography and the small quiz."""
    (tmp_path / "_config.yml").write_text("title: t\n")
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "references.bib").write_text("@misc{nice-cg81, title={Advanced breast cancer}, year={2009}}\n")
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "small.yml").write_text(textwrap.dedent(SMALL_QUIZ))
    return tmp_path


PILOT_QUIZ = "hormone-therapy"


@pytest.fixture(scope="module")
def pilot_quiz():
    """The pilot chapter's quiz, as the browser tests check it."""
    loaded, problems = check_file(ROOT / "quizzes" / f"{PILOT_QUIZ}.yml", None)
    assert not problems, problems
    return loaded


@pytest.fixture(scope="module")
def pilot_page(built_site):
    return quiz_pages(built_site)[PILOT_QUIZ]


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
    """The project's book sources (config, chapters, quizzes, static files) copied for a test to change."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(ROOT / name, dest / name)
    for folder in ("book", "quizzes", "_static"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return dest


def site_pages(html_root: Path) -> list[str]:
    """Every page of a built site, as paths relative to its root."""
    return sorted(
        p.relative_to(html_root).as_posix()
        for p in html_root.rglob("*.html")
        if not p.relative_to(html_root).parts[0].startswith(("_", "."))
    )


def quiz_pages(html_root: Path) -> dict[str, str]:
    """quiz id -> the page that shows it."""
    found = {}
    for page in site_pages(html_root):
        for quiz_id in re.findall(r'<section class="sc-quiz" data-quiz-id="([^"]+)"', (html_root / page).read_text()):
            found[quiz_id] = page
    return found


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real book, built strictly once per test session into a fresh folder."""
    out = tmp_path_factory.mktemp("site")
    result = jupyter_book_build(ROOT, out)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    html = out / "_build" / "html"
    assert (html / "index.html").is_file()
    return html


# ---- the browser: Debian's Chromium through Playwright, outside hosts blocked ----

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright):
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make test`, which installs it"
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


def block_outside(context, outside: list) -> None:
    """Let requests to 127.0.0.1 through; record and refuse every other host."""

    def route(route):
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", route)


@pytest.fixture
def visit(browser, site_url):
    """Open pages of the site in one fresh context; outside requests are refused and
    listed in ``visit.outside``, script errors in ``visit.errors``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    errors: list[str] = []
    block_outside(context, outside)

    def open_page(path: str):
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(site_url + path, wait_until="networkidle")
        return page

    open_page.outside = outside
    open_page.errors = errors
    open_page.context = context
    yield open_page
    context.close()
