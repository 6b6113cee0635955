"""Presenter mode: ?present shows one question at a time, driven by the keyboard, with a
reveal step; its script loads only in this mode and no learner progress is written."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from selfcheck.core import markup

pytestmark = pytest.mark.browser


def requested_scripts(page) -> list[str]:
    return page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")


def test_present_script_is_not_loaded_for_learners(visit, pilot_page):
    page = visit(pilot_page)
    assert not any("selfcheck-present.js" in url for url in requested_scripts(page))
    assert page.locator(".sc-present").count() == 0


def test_presenter_steps_through_questions_by_keyboard(visit, pilot_page, pilot_quiz):
    page = visit(pilot_page + "?present")
    assert any("selfcheck-present.js" in url for url in requested_scripts(page))
    dialog = page.get_by_role("dialog", name=f"Presenter: {pilot_quiz.title}")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".sc-p-count")).to_have_text(f"Question 1 of {len(pilot_quiz.questions)}")
    first, second = pilot_quiz.questions[0], pilot_quiz.questions[1]
    expect(dialog.locator(".sc-p-prompt")).to_have_text(markup.plain(first.prompt))
    expect(dialog.locator("li")).to_have_count(len(first.options))

    page.keyboard.press("ArrowRight")
    expect(dialog.locator(".sc-p-count")).to_have_text(f"Question 2 of {len(pilot_quiz.questions)}")
    expect(dialog.locator(".sc-p-prompt")).to_have_text(markup.plain(second.prompt))
    if second.scenario:
        expect(dialog.locator(".sc-p-case")).to_contain_text(markup.plain(second.scenario.splitlines()[0])[:20])
    answer = dialog.get_by_role("status")
    assert not answer.is_visible()

    page.keyboard.press("r")
    letters = ", ".join(chr(65 + i) for i in sorted(second.correct_indices))
    expect(answer).to_contain_text(f"Answer: {letters}")
    expect(answer).to_contain_text(markup.plain(second.explanation.split(".")[0]))
    marked = dialog.locator("li.sc-p-right")
    expect(marked).to_have_count(len(second.correct_indices))

    page.keyboard.press("ArrowLeft")
    expect(dialog.locator(".sc-p-count")).to_have_text(f"Question 1 of {len(pilot_quiz.questions)}")
    assert not dialog.get_by_role("status").is_visible()

    # The buttons work too, and can be reached with Tab.
    dialog.get_by_role("button", name="Next").click()
    expect(dialog.locator(".sc-p-count")).to_have_text(f"Question 2 of {len(pilot_quiz.questions)}")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('selfcheck'))") == []
    assert visit.outside == [] and visit.errors == []


def test_escape_leaves_presenter_mode(visit, pilot_page):
    page = visit(pilot_page + "?present")
    expect(page.get_by_role("dialog")).to_be_visible()
    page.keyboard.press("Escape")
    page.wait_for_url(lambda url: "present" not in url)
    assert page.locator(".sc-present").count() == 0
    expect(page.locator(".sc-quiz")).to_be_visible()
