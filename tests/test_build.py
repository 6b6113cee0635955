"""The book builds strictly; a broken or missing quiz stops it with a clear message."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, copy_project, jupyter_book_build
from selfcheck.core.validate import check_file

pytestmark = pytest.mark.build
CHAPTER = "book/hormone-therapy.md"
QUIZ = "quizzes/hormone-therapy.yml"


def output(result) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)


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


def test_pages_without_a_quiz_do_not_load_quiz_assets(built_site):
    intro = (built_site / "book" / "intro.html").read_text()
    assert "selfcheck-quiz.js" not in intro and "selfcheck-quiz.css" not in intro
    assert (built_site / "_static" / "selfcheck-quiz.js").is_file()


@pytest.fixture
def project_copy(tmp_path):
    return copy_project(tmp_path / "src")


def test_broken_quiz_fails_the_build_naming_file_and_question(project_copy, tmp_path):
    quiz_file = project_copy / QUIZ
    text = quiz_file.read_text()
    first = text.index("correct: true")
    quiz_file.write_text(text[:first] + "corect: true" + text[first + len("correct: true"):])
    line = text[:first].count("\n") + 1
    quiz, _ = check_file(ROOT / QUIZ, None)
    qid = next(q.id for q in quiz.questions if q.line < line and all(
        not (q.line < other.line < line) for other in quiz.questions))
    result = jupyter_book_build(project_copy, tmp_path / "out")
    log = output(result)
    assert result.returncode != 0
    expected = f"{QUIZ}:{line}: {qid}: option"
    assert expected in log and "unknown key 'corect' (did you mean 'correct'?)" in log, log[-3000:]
    assert f"{CHAPTER}: quiz 'hormone-therapy' ({QUIZ}) is invalid" in log


def test_unknown_quiz_id_fails_the_build_naming_the_chapter(project_copy, tmp_path):
    chapter = project_copy / CHAPTER
    chapter.write_text(chapter.read_text().replace('quiz("hormone-therapy")', 'quiz("hormone-therapyy")'))
    result = jupyter_book_build(project_copy, tmp_path / "out")
    log = output(result)
    assert result.returncode != 0
    assert f"{CHAPTER}: no quiz 'hormone-therapyy': there is no quizzes/hormone-therapyy.yml" in log, log[-3000:]


def test_missing_front_matter_fails_the_build(project_copy, tmp_path):
    chapter = project_copy / CHAPTER
    chapter.write_text(re.sub(r"\nstudy_minutes: *\d+", "", chapter.read_text(), count=1))
    result = jupyter_book_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert f"{CHAPTER}: front matter lacks study_minutes" in output(result)


def test_quiz_edit_shows_after_a_normal_rebuild(project_copy, tmp_path):
    out = tmp_path / "out"
    assert jupyter_book_build(project_copy, out).returncode == 0
    quiz_file = project_copy / QUIZ
    quiz, _ = check_file(quiz_file, None)
    old_prompt = quiz.questions[0].prompt
    new_prompt = "Edited prompt, so which answer is best now?"
    text = quiz_file.read_text()
    assert text.count(old_prompt) == 1
    quiz_file.write_text(text.replace(old_prompt, new_prompt))
    result = jupyter_book_build(project_copy, out)  # no clean: the execution cache is reused
    assert result.returncode == 0, output(result)[-3000:]
    assert "Executing notebook" not in output(result)  # outputs came from the cache
    page = (out / "_build" / "html" / "book" / "hormone-therapy.html").read_text()
    assert f"<legend>{new_prompt}</legend>" in page
    assert old_prompt not in page
