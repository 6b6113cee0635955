"""Every quiz of the built site, used in Debian's Chromium through Playwright, offline:
right answers say Correct, wrong ones Not quite, the score counts first attempts, and
one quiz is done with the keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support import ROOT, course_quiz
from tools.pages import quiz_pages
from selfcheck.core import bank

pytestmark = pytest.mark.browser
QUIZ_IDS = [p.stem for p in bank.quiz_files(ROOT / bank.QUIZ_DIR)]


load = course_quiz


@pytest.fixture(scope="module")
def pages(built_site):
    return quiz_pages(built_site)


def wrong_choice(question) -> list[int]:
    """A choice that is not exactly the correct set."""
    wrong = [i for i, o in enumerate(question.options) if not o.correct]
    return [wrong[0]] if wrong else sorted(question.correct_indices)[:-1]


def choose(fieldset, indices):
    for i, box in enumerate(fieldset.locator(".sc-options input").all()):
        if i in indices:
            box.check()
        elif box.get_attribute("type") == "checkbox":
            box.uncheck()


def test_every_quiz_file_is_shown_on_a_page(pages):
    assert sorted(pages) == sorted(QUIZ_IDS)


@pytest.mark.parametrize("quiz_id", QUIZ_IDS)
def test_every_question_right_says_correct_and_wrong_says_not_quite(visit, pages, quiz_id):
    quiz = load(quiz_id)
    page = visit(pages[quiz_id])
    region = page.locator(f'[data-quiz-id="{quiz_id}"]')
    expect(region.get_by_role("heading", name=quiz.title, exact=True)).to_be_visible()
    first_right = 0
    for n, question in enumerate(quiz.questions):
        fieldset = region.locator(f'fieldset[data-question-id="{question.id}"]')
        status = fieldset.get_by_role("status")
        button = fieldset.get_by_role("button", name="Check answer")
        attempts = [(sorted(question.correct_indices), "Correct"), (wrong_choice(question), "Not quite")]
        if n % 2:
            attempts.reverse()  # half the questions are first answered wrongly
        first_right += attempts[0][1] == "Correct"
        for indices, verdict in attempts:
            choose(fieldset, indices)
            button.click()
            text = status.inner_text()
            assert text.startswith(verdict), (question.id, indices, text)
            for i in indices:
                assert question.options[i].feedback.split()[0] in text
            assert "Source:" in text
    total = len(quiz.questions)
    expect(region.locator(".sc-score")).to_have_text(
        f"Score: {first_right} of {total} ({total} of {total} checked; first attempts count)"
    )
    assert visit.outside == [] and visit.errors == []


def test_nothing_chosen_asks_for_an_answer_and_counts_nothing(visit, pages):
    quiz = load("hormone-therapy")
    page = visit(pages[quiz.id])
    fieldset = page.locator(f'fieldset[data-question-id="{quiz.questions[0].id}"]')
    fieldset.get_by_role("button", name="Check answer").click()
    expect(fieldset.get_by_role("status")).to_have_text("Choose an answer first.")
    expect(page.locator(".sc-score")).to_contain_text("(0 of")


def tab_until(page, predicate_js: str, limit: int = 400) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"keyboard focus never reached: {predicate_js}")


def test_quiz_done_by_keyboard_alone(visit, pages):
    quiz = load("hormone-therapy")
    page = visit(pages[quiz.id])
    for question in quiz.questions:
        name = f"sc-{quiz.id}-{question.id}"
        tab_until(page, f"document.activeElement.name === {name!r}")
        focused = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert focused != "none", "keyboard focus must be visible"
        correct = sorted(question.correct_indices)
        if question.is_multiple:
            for i in range(len(question.options)):
                if i in correct:
                    page.keyboard.press("Space")
                if i < len(question.options) - 1:
                    page.keyboard.press("Tab")
        else:
            page.keyboard.press("Space")  # selects the first radio
            for _ in range(correct[0]):
                page.keyboard.press("ArrowDown")
        tab_until(page, "document.activeElement.classList.contains('sc-check')", limit=5)
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
        page.keyboard.press("Enter")
        status = page.locator(f'fieldset[data-question-id="{question.id}"] [role="status"]')
        assert status.inner_text().startswith("Correct"), (question.id, status.inner_text())
    total = len(quiz.questions)
    expect(page.locator(".sc-score")).to_contain_text(f"Score: {total} of {total}")
    assert visit.outside == []
