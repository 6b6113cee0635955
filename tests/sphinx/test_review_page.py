"""The Review page (selfcheck.sphinx_ext.review) through real in-process builds of the tiny
testroot ``tests/roots/test-collector``: the directive's view and manifest, the question
fragments it fetches (the chapter's own quiz HTML), the scripts the page gets, and
incremental rebuilds."""

from __future__ import annotations

import json
import re
from pathlib import Path

from selfcheck.core import bank
from selfcheck.core.bibliography import read_bibliography
from selfcheck.sphinx_ext.collector import review_pages
from selfcheck.views.page import render_quiz

from .test_env_collector import book, build, chapter  # noqa: F401  (book is a fixture)

REVIEW_PAGE = "# Review\n\n```{selfcheck-review}\n```\n"


def with_review(src: Path, name: str = "review") -> None:
    page = src / f"{name}.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(REVIEW_PAGE)
    index = src / "index.md"
    index.write_text(index.read_text().replace("progress\n", f"progress\n{name}\n"))


def json_block(html: str, css_class: str) -> dict:
    found = re.search(rf'<script type="application/json" class="{css_class}">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def scripts(html: str) -> list[str]:
    return re.findall(r'<script[^>]* src="[^"]*?([\w-]+\.js)[^"]*"', html)


def test_the_review_page_carries_the_manifest_and_fetches_the_questions(book):
    with_review(book)
    app = build(book)
    assert app.statuscode == 0, app._warning.getvalue()
    assert review_pages(app.env) == {"review"}
    out = book / "_build" / "html"
    page = (out / "review.html").read_text()
    assert 'data-selfcheck-review data-questions="_static/selfcheck-questions/"' in page
    data = json_block(page, "sc-manifest")
    assert [q["id"] for q in data["quizzes"]] == ["alpha", "beta"]
    assert data["quizzes"][0]["url"] == "chapter-alpha.html"
    assert {"id", "version", "options", "multiple"} <= set(data["quizzes"][0]["questions"][0])
    # The questions are not in the page; the quiz script comes before the review script.
    assert "data-question-id" not in page and "sc-answer" not in page
    found = scripts(page)
    assert found.index("selfcheck-quiz.js") < found.index("selfcheck-review.js")
    assert "selfcheck-quiz.css" in page
    assert "selfcheck-review.js" not in (out / "chapter-alpha.html").read_text()
    assert "selfcheck-review.js" not in (out / "progress.html").read_text()
    # My progress links to it for "N questions due for review today".
    progress = (out / "progress.html").read_text()
    assert json_block(progress, "sc-manifest")["review"] == "review.html"
    assert '<p class="sc-review-due"></p>' in progress


def test_each_quiz_is_written_as_the_chapter_shows_it(book):
    with_review(book)
    assert build(book).statuscode == 0
    folder = book / "_build" / "html" / "_static" / "selfcheck-questions"
    assert sorted(p.name for p in folder.iterdir()) == ["alpha.html", "beta.html"]
    sources = read_bibliography(book / bank.BIB_FILE, book).sources
    for quiz_id in ("alpha", "beta"):
        quiz = bank.load_quiz(quiz_id, book)
        fragment = (folder / f"{quiz_id}.html").read_text()
        assert fragment == render_quiz(quiz, sources, heading_level=2) + "\n"
        assert fragment.startswith(f'<section class="sc-quiz" data-quiz-id="{quiz_id}"')
        for question in quiz.questions:
            assert f'data-question-id="{question.id}"' in fragment
            assert f'data-version="{question.version}"' in fragment
        assert fragment.count(">Check answer</button>") == len(quiz.questions)
        assert fragment.count('role="status"') == len(quiz.questions) + 1  # and the reset line's
        assert '<h2 class="sc-quiz-title"' in fragment


def test_a_review_page_in_a_folder_finds_the_questions_from_there(book):
    with_review(book, "check/review")
    assert build(book).statuscode == 0
    page = (book / "_build" / "html" / "check" / "review.html").read_text()
    assert 'data-questions="../_static/selfcheck-questions/"' in page
    assert json_block(page, "sc-manifest")["quizzes"][0]["url"] == "../chapter-alpha.html"
    progress = (book / "_build" / "html" / "progress.html").read_text()
    assert json_block(progress, "sc-manifest")["review"] == "check/review.html"


def test_without_a_review_page_no_questions_are_written(book):
    app = build(book)
    assert app.statuscode == 0, app._warning.getvalue()
    assert not (book / "_build" / "html" / "_static" / "selfcheck-questions").exists()
    assert "review" not in json_block((book / "_build" / "html" / "progress.html").read_text(), "sc-manifest")


def test_an_incremental_rebuild_keeps_the_questions_in_step(book):
    with_review(book)
    assert build(book).statuscode == 0
    folder = book / "_build" / "html" / "_static" / "selfcheck-questions"
    # A chapter stops showing its quiz, and a question of the other is edited.
    chapter(book, "chapter-alpha")
    beta = book / "quizzes" / "beta.yml"
    beta.write_text(beta.read_text().replace("prompt: ", "prompt: Now ", 1))
    app = build(book)
    assert app.statuscode == 0, app._warning.getvalue()
    assert sorted(p.name for p in folder.iterdir()) == ["beta.html"]
    quiz = bank.load_quiz("beta", book)
    fragment = (folder / "beta.html").read_text()
    assert f'data-version="{quiz.questions[0].version}"' in fragment
    page = (book / "_build" / "html" / "review.html").read_text()
    data = json_block(page, "sc-manifest")
    assert [q["id"] for q in data["quizzes"]] == ["beta"]
    assert data["quizzes"][0]["questions"][0]["version"] == quiz.questions[0].version
