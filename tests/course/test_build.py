"""The real course builds strictly (once per session), each chapter page carries its quiz and
only its assets, and a quiz edit shows after a normal rebuild that reuses the execution
cache. (A broken or missing quiz stopping the build: tests/sphinx/test_build_errors.py.)"""

from __future__ import annotations

import re

import pytest

from selfcheck.core.validate import check_file
from tests.support import ROOT, plain
from tools.book import jupyter_book_build

pytestmark = pytest.mark.build
QUIZ = "quizzes/hormone-therapy.yml"


def output(result) -> str:
    return plain(result.stdout + result.stderr)


def test_chapter_page_has_the_quiz_and_only_its_assets(built_site):
    page = (built_site / "book" / "hormone-therapy.html").read_text()
    quiz, _ = check_file(ROOT / QUIZ, None)
    assert page.count('data-quiz-id="hormone-therapy"') == 1
    assert re.findall(r'data-question-id="([^"]+)"', page) == [q.id for q in quiz.questions]
    assert "selfcheck-quiz.js" in page and "selfcheck-quiz.css" in page
    # the saved widget state is inert on a static page, and no CDN widget loader
    assert "application/vnd.jupyter.widget-state+json" not in page
    assert "require.js" not in page and "html-manager" not in page
    # the meta description comes from the front matter
    assert re.search(r'<meta name="description" content="[^"]{20,}"', page)
    assert "Content last reviewed:" in page


def test_no_page_carries_saved_widget_state(built_site):
    """Quizzes and calls run as ipywidgets when the book executes; their saved state is inert
    on a static page (a chapter of 13 calls carried 570 KB of it)."""
    heavy = [str(page.relative_to(built_site)) for page in built_site.rglob("*.html")
             if "application/vnd.jupyter.widget-state+json" in page.read_text(encoding="utf-8")]
    assert heavy == []


def test_pages_without_a_quiz_do_not_load_quiz_assets(built_site):
    intro = (built_site / "book" / "intro.html").read_text()
    assert "selfcheck-quiz.js" not in intro and "selfcheck-quiz.css" not in intro
    assert (built_site / "_static" / "selfcheck-quiz.js").is_file()


@pytest.mark.rebuilds_course
def test_quiz_edit_shows_after_a_normal_rebuild(course_build):
    """On the session's build (so it runs last): edit a quiz, rebuild without cleaning."""
    quiz_file = course_build.source / QUIZ
    quiz, _ = check_file(quiz_file, None)
    old_prompt = quiz.questions[0].prompt
    new_prompt = "Edited prompt, so which answer is best now?"
    text = quiz_file.read_text()
    assert text.count(old_prompt) == 1
    quiz_file.write_text(text.replace(old_prompt, new_prompt))
    result = jupyter_book_build(course_build.source, course_build.out)  # no clean: the execution cache is reused
    assert result.returncode == 0, output(result)[-3000:]
    assert "Executing notebook" not in output(result)  # outputs came from the cache
    page = (course_build.html / "book" / "hormone-therapy.html").read_text()
    assert f"<legend>{new_prompt}</legend>" in page
    assert old_prompt not in page
