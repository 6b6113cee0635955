"""Fixtures every layer may use: a tiny project on disk, the small and pilot quizzes, and the
real course built once per session (for the course and browser layers).

The layers, by folder: ``unit`` (no build), ``sphinx`` (tiny testroots under ``roots/``
built in-process), ``course`` (the real book), ``browser`` (Chromium against the built
sites), ``js`` (``node --test``)."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from tests.support import PILOT_QUIZ, ROOT, SMALL_BIB, SMALL_QUIZ, TINY, load_quiz, write_project
from tools import lite
from tools.book import copy_sources, jupyter_book_build

pytest_plugins = ["sphinx.testing.fixtures"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the testroots (``testroot="tiny"`` is ``roots/test-tiny``)."""
    return TINY.parent


@pytest.fixture
def project(tmp_path):
    """A tiny course project: _config.yml, a one-entry bibliography and the small quiz."""
    return write_project(tmp_path, {"small.yml": SMALL_QUIZ}, SMALL_BIB)


@pytest.fixture
def small_quiz(tmp_path):
    path = tmp_path / "small.yml"
    path.write_text(textwrap.dedent(SMALL_QUIZ), encoding="utf-8")
    return load_quiz(path, {"nice-cg81"}, dt.date(2026, 11, 24))


@pytest.fixture(scope="module")
def pilot_quiz():
    """The pilot chapter's quiz, as the browser tests check it."""
    return load_quiz(ROOT / "quizzes" / f"{PILOT_QUIZ}.yml")


class CourseBuild:
    """The real course: its sources copied to ``source`` and built strictly into ``out``."""

    def __init__(self, source: Path, out: Path):
        self.source, self.out = source, out
        self.html = out / "_build" / "html"


@pytest.fixture(scope="session")
def course_build(tmp_path_factory) -> CourseBuild:
    """The real book, built strictly once per test session (the one full build of `make test`).
    Tests marked ``rebuilds_course`` change it; they run after every other test."""
    base = tmp_path_factory.mktemp("course")
    build = CourseBuild(copy_sources(base / "src"), base / "out")
    result = jupyter_book_build(build.source, build.out)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert (build.html / "index.html").is_file()
    # As `make book` does: the live site (built once into _build/lite, from the same sources)
    # goes into the output, so every test sees the site as it is published.
    try:
        lite.install(lite.build(), build.html, lite.live_folder(build.source))
    except lite.LiteBuildError as error:
        pytest.fail(f"the live site could not be built: {error}", pytrace=False)
    return build


@pytest.fixture(scope="session")
def built_site(course_build) -> Path:
    """The real course's built HTML folder."""
    return course_build.html


def pytest_collection_modifyitems(config, items):
    # A test that edits and rebuilds the session's course goes last, so every other test
    # sees the course as it is.
    items.sort(key=lambda item: item.get_closest_marker("rebuilds_course") is not None)
