"""Hostile input in the book build (issue 12): tiny books built in-process in about a second
each, never the real course. Bad input stops the build with one clear line naming the file,
never a traceback (an exception would fail the test itself)."""

from __future__ import annotations

from tests.support import SMALL_BIB, SMALL_QUIZ
from tests.tinybook import build, chapter_notebook, chapter_text, make_book


def build_book(tmp_path, **book):
    result = build(make_book(tmp_path / "src", **book))
    return result, result.log, result.html


def test_a_latin_1_bibliography_stops_the_build_in_one_line(tmp_path):
    bib = b"% sources\n" + SMALL_BIB.encode().replace(b"Advanced", b"Adv\xe9nced")
    result, log, _ = build_book(tmp_path, bib=bib)
    assert result.failed
    assert "Traceback" not in log and "ExtensionError" not in log, log[-3000:]
    assert "book/references.bib:2: not UTF-8 text (invalid continuation byte: byte 0xe9); save it as UTF-8" in log


def test_a_folder_named_like_a_quiz_stops_the_build_in_one_line(tmp_path):
    src = make_book(tmp_path / "src")
    (src / "quizzes" / "x.yml").mkdir()
    result = build(src)
    log = result.log
    assert result.failed
    assert "Traceback" not in log, log[-3000:]
    assert "quizzes/x.yml:1: cannot be read: it is a folder, not a regular file" in log


def test_front_matter_date_with_a_comment_builds(tmp_path):
    page = chapter_text("Chapter dated").replace("reviewed: 2026-01-10", "reviewed: 2026-01-10  # checked by Sam")
    result, log, html = build_book(tmp_path, chapters={"dated.md": page})
    assert not result.failed, log[-3000:]
    assert "Content last reviewed: 10 January 2026" in (html / "book" / "dated.html").read_text()


def test_front_matter_date_with_a_time_is_one_clear_error(tmp_path):
    page = chapter_text("Chapter dated").replace("reviewed: 2026-01-10", "reviewed: 2026-01-10 10:30:00")
    result, log, _ = build_book(tmp_path, chapters={"dated.md": page})
    assert result.failed
    assert "Traceback" not in log and "not JSON serializable" not in log, log[-3000:]
    assert "book/dated.md: front matter reviewed '2026-01-10 10:30:00' must be a date written YYYY-MM-DD, without a time" in log


def test_a_quiz_shown_twice_on_a_page_stops_the_build(tmp_path):
    page = chapter_notebook("Chapter small", ["small", "small"])
    result, log, _ = build_book(tmp_path, chapters={"small.ipynb": page})
    assert result.failed
    assert "Traceback" not in log
    assert "book/small.ipynb: quiz 'small' is shown twice on this page: show it once" in log, log[-3000:]


def test_x_yml_beside_x_yaml_stops_the_build(tmp_path):
    result, log, _ = build_book(tmp_path, quizzes={"small.yaml": SMALL_QUIZ})
    assert result.failed
    assert "quizzes/small.yml:1: another file for quiz 'small': quizzes/small.yaml (keep one)" in log, log[-3000:]


def test_content_past_its_review_date_is_shown_and_listed_without_failing(tmp_path):
    old_quiz = SMALL_QUIZ.replace("id: small", "id: old").replace("reviewed: 2026-11-20", "reviewed: 2018-03-01") \
        .replace("id: sm-", "id: old-")
    chapters = {"old.ipynb": chapter_notebook("Old", ["old"], reviewed="2018-01-05")}
    result, log, html = build_book(tmp_path, quizzes={"old.yml": old_quiz}, chapters=chapters)
    assert not result.failed, log[-3000:]
    old_page = (html / "book" / "old.html").read_text()
    assert "<strong>Due for review:</strong> this page was last checked on 5 January 2018" in old_page
    assert "<strong>Due for review:</strong> the questions were last checked on 1 March 2018" in old_page
    assert "Due for review" not in (html / "book" / "small.html").read_text()
    pages = log[log.index("Pages due for review (last reviewed more than 12 months before"):].splitlines()
    assert pages[1:2] == ["  book/old.ipynb: reviewed 2018-01-05"]
    quizzes = log[log.index("Quizzes due for review (last reviewed more than 12 months before"):].splitlines()
    assert quizzes[1:2] == ["  quizzes/old.yml: reviewed 2018-03-01"]
    assert "WARNING: " not in log
