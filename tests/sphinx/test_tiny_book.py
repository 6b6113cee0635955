"""The tiny testroot as it is builds cleanly, and its chapter shows the quiz as the golden
copy has it (``tests/sphinx/golden/``; after a deliberate change to the quiz markup, rewrite
it with ``SELFCHECK_UPDATE_GOLDEN=1 pytest tests/sphinx`` and review the diff)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.sphinx("html", testroot="tiny", freshenv=True)
def test_the_tiny_book_builds_cleanly_and_shows_its_quiz(app):
    app.build()
    assert app.statuscode == 0
    assert app.warning.getvalue() == ""
    page = (Path(app.outdir) / "book" / "small.html").read_text()
    assert page.count('data-quiz-id="small"') == 1
    assert "selfcheck-quiz.js" in page and "selfcheck-quiz.css" in page
    assert "Content last reviewed: 10 January 2026" in page
    intro = (Path(app.outdir) / "book" / "intro.html").read_text()
    assert "selfcheck-quiz.js" not in intro


@pytest.mark.sphinx("html", testroot="tiny", freshenv=True)
def test_the_quiz_html_matches_the_golden_copy(app):
    app.build()
    page = (Path(app.outdir) / "book" / "small.html").read_text()
    start = page.index('<section class="sc-quiz"')
    quiz_html = page[start:page.index("</section>", start) + len("</section>")] + "\n"  # no nested section
    golden = GOLDEN / "small-quiz.html"
    if os.environ.get("SELFCHECK_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(quiz_html)
    assert quiz_html == golden.read_text()
