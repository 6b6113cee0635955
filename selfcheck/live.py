"""The live quiz on the published site: ``quiz("<id>")`` in JupyterLite's in-browser Python.

The site's live mode (tools/lite.py) installs ``selfcheck`` with a data package,
``selfcheck_course_data``, holding the course's own ``_config.yml``, ``quizzes/`` and
bibliography, so the quiz reads the same YAML as the book, checked by the same validator,
without needing the browser's file system (which a blocked service worker would hide)."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from .views.notebook import QuizDisplay

DATA_PACKAGE = "selfcheck_course_data"
# The live site's folder in the book's output (``selfcheck_live_site``): one plain name.
FOLDER_NAME = re.compile(r"[a-z][a-z0-9-]*")


def live_code(quiz_id: str) -> str:
    """What the live site's REPL runs to show a quiz (the guard, selfcheck-live-guard.js, lets
    only this run from an address). The id is checked by the validator ([a-z0-9-])."""
    return f'from selfcheck.live import quiz\nquiz("{quiz_id}")'


def course_root() -> Path:
    """Where the data package's copy of the course is (a real folder inside site-packages)."""
    return Path(str(resources.files(DATA_PACKAGE)))


def quiz(quiz_id: str) -> QuizDisplay:
    """The chapter quiz ``quizzes/<quiz_id>.yml`` of the course packaged with the live site,
    in a box that scrolls by itself (widget.css: the REPL keeps scrolling to its end)."""
    shown = QuizDisplay(quiz_id, course_root())
    if shown.widget is not None:
        shown.widget.view.add_class("sc-live-widget")
    return shown
