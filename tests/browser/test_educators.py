"""The educators' part of the built book: a session plan for every chapter, and the built
answer key linked from it, opened in Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support import ROOT
from tools.pages import quiz_pages
from selfcheck.core import bank

pytestmark = pytest.mark.browser


def test_every_chapter_quiz_has_a_session_plan(built_site):
    chapters = {page for quiz_id, page in quiz_pages(built_site).items() if quiz_id != "final-check"}
    for page in chapters:
        plan = built_site / page.replace("book/", "book/session-")
        assert plan.is_file(), f"no session plan for {page}"
        assert "Points a good answer makes" in plan.read_text()


def test_answer_key_is_linked_and_holds_every_question(visit):
    page = visit("book/for-educators.html")
    page.get_by_role("link", name="Open the printable answer key").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/answer-key.html")
    text = page.locator("body").inner_text()
    quizzes, problems = bank.check_bank(ROOT)
    assert not problems
    for quiz in quizzes:
        expect(page.get_by_role("heading", name=quiz.title, exact=True).first).to_be_visible()
        for question in quiz.questions:
            assert question.id in text, question.id
    assert visit.outside == [] and visit.errors == []
