"""A broken or missing quiz, or a page without its front matter, stops the book build with a
clear message naming the file: tiny books built in-process, not the real course."""

from __future__ import annotations

import re

from tests.support import load_quiz
from tests.tinybook import TINY, build, chapter_notebook, make_book

CHAPTER = "book/small.ipynb"
QUIZ = "quizzes/small.yml"


def test_broken_quiz_fails_the_build_naming_file_and_question(tmp_path):
    src = make_book(tmp_path / "src")
    quiz_file = src / QUIZ
    text = quiz_file.read_text()
    first = text.index("correct: true")
    quiz_file.write_text(text[:first] + "corect: true" + text[first + len("correct: true"):])
    line = text[:first].count("\n") + 1
    quiz = load_quiz(TINY / QUIZ, {"nice-cg81"})
    qid = next(q.id for q in quiz.questions if q.line < line and all(
        not (q.line < other.line < line) for other in quiz.questions))
    result = build(src)
    assert result.failed
    expected = f"{QUIZ}:{line}: {qid}: option"
    assert expected in result.log and "unknown key 'corect' (did you mean 'correct'?)" in result.log, result.log[-3000:]
    assert f"{CHAPTER}: quiz 'small' ({QUIZ}) is invalid" in result.log


def test_unknown_quiz_id_fails_the_build_naming_the_chapter(tmp_path):
    src = make_book(tmp_path / "src", chapters={"small.ipynb": chapter_notebook("Chapter small", ["smalll"])})
    result = build(src)
    assert result.failed
    assert f"{CHAPTER}: no quiz 'smalll': there is no quizzes/smalll.yml" in result.log, result.log[-3000:]


def test_missing_front_matter_fails_the_build(tmp_path):
    src = make_book(tmp_path / "src")
    intro = src / "book" / "intro.md"
    intro.write_text(re.sub(r"\nstudy_minutes: *\d+", "", intro.read_text(), count=1))
    result = build(src)
    assert result.failed
    assert "book/intro.md: front matter lacks study_minutes" in result.log
