"""selfcheck.live, as the live site's in-browser Python runs it: the course's data comes from
the data wheel tools/lite.py builds (unzipped here as pip would install it), and
``quiz("<id>")`` shows that copy's quiz, or its problems, never an exception."""

from __future__ import annotations

import importlib
import sys
import zipfile

import pytest

from selfcheck import live
from selfcheck.views.notebook import QUIZ_MIME
from tools import lite


@pytest.fixture
def installed(project, tmp_path, monkeypatch):
    """The tiny project's data wheel, unzipped into a folder on sys.path (site-packages)."""
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    site_packages = tmp_path / "site-packages"
    with zipfile.ZipFile(lite.course_data_wheel(wheels, "0.1.0", project)) as wheel:
        wheel.extractall(site_packages)
    monkeypatch.syspath_prepend(str(site_packages))
    monkeypatch.delitem(sys.modules, live.DATA_PACKAGE, raising=False)
    importlib.invalidate_caches()
    yield site_packages / live.DATA_PACKAGE
    sys.modules.pop(live.DATA_PACKAGE, None)


def test_the_course_root_is_the_data_package_folder(installed):
    assert live.course_root() == installed
    assert (live.course_root() / "quizzes" / "small.yml").is_file()
    assert (live.course_root() / "_config.yml").is_file()


def test_the_live_quiz_shows_the_packaged_quiz_as_a_widget(installed):
    shown = live.quiz("small")
    assert shown.problems == []
    assert shown.widget is not None
    assert "sc-live-widget" in shown.widget.view._dom_classes
    bundle = shown._repr_mimebundle_()
    assert bundle[QUIZ_MIME] == {"id": "small"}
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_an_unknown_quiz_shows_its_problem(installed):
    shown = live.quiz("no-such-quiz")
    assert shown.widget is None
    assert shown.problems and "no-such-quiz" in shown.problems[0]
    bundle = shown._repr_mimebundle_()
    assert bundle[QUIZ_MIME] == {"id": "no-such-quiz"}
    assert bundle["text/plain"].startswith("Quiz 'no-such-quiz' cannot be shown:")


def test_without_the_data_package_there_is_no_course(monkeypatch):
    monkeypatch.setitem(sys.modules, live.DATA_PACKAGE, None)  # as if it were not installed
    with pytest.raises(ModuleNotFoundError):
        live.course_root()
