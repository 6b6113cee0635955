"""Links into presenter mode (``chapter.md?present=2,3``, as the session plans have them)
resolve to the chapter's relative address with the query kept; a page that does not exist or
shows no quiz, or a question number its quiz does not have, stops the build with one line."""

from __future__ import annotations

from tests.tinybook import build, chapter_text, make_book

GOOD = "[Present this quiz](small.ipynb?present) or [questions 3 and 1](small.ipynb?present=3,1)."


def plan(tmp_path, body: str):
    return build(make_book(tmp_path / "src", chapters={"plan.md": chapter_text("A session plan", body)}))


def test_present_links_resolve_to_the_chapter_with_the_query_kept(tmp_path):
    result = plan(tmp_path, GOOD)
    assert not result.failed, result.log[-3000:]
    page = (result.html / "book" / "plan.html").read_text(encoding="utf-8")
    assert 'href="small.html?present"' in page
    assert 'href="small.html?present=3,1"' in page
    assert ">questions 3 and 1<" in page.replace("</span>", "").replace('<span class="std std-doc">', "")


def test_a_question_the_quiz_does_not_have_stops_the_build(tmp_path):
    result = plan(tmp_path, "[Present](small.ipynb?present=1,9)")
    assert result.failed
    assert "presenter link to small.ipynb: the quiz 'small' has 3 questions, so no question 9" in result.log


def test_a_page_without_a_quiz_or_no_page_stops_the_build(tmp_path):
    result = plan(tmp_path, "[Present](intro.md?present) and [Present](nowhere.md?present=2)")
    assert result.failed
    assert "presenter link to intro.md: that page shows no quiz" in result.log
    assert "presenter link to nowhere.md: no such page in the book" in result.log
    assert "Traceback" not in result.log
