"""Presenter mode: ?present shows one question at a time, driven by the keyboard, with a
reveal step; its script loads only in this mode and no learner progress is written."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from selfcheck.core import markup
from tools.browser import block_outside

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


# --- A presenter a clicker can drive (issue 16): focus, jumps, reveal, a chosen set ------------

def count_line(quiz, number: int, of_set: tuple[int, int] | None = None) -> str:
    line = f"Question {number} of {len(quiz.questions)}"
    return line + (f", {of_set[0]} of {of_set[1]} in this set" if of_set else "")


def presenter(browser, site_url, path: str, width: int = 1280, height: int = 800):
    """A fresh page at the projector's size (or a phone's), with outside hosts refused."""
    context = browser.new_context(viewport={"width": width, "height": height})
    outside: list[str] = []
    block_outside(context, outside)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site_url + path, wait_until="networkidle")
    page.outside, page.errors = outside, errors
    return page


def focus_in_dialog(page) -> bool:
    return page.evaluate("!!(document.activeElement && document.activeElement.closest('dialog.sc-present'))")


def test_focus_stays_in_the_modal_dialog(visit, pilot_page):
    page = visit(pilot_page + "?present")
    dialog = page.locator("dialog.sc-present")
    expect(dialog).to_be_visible()
    assert page.evaluate("document.querySelector('dialog.sc-present').matches(':modal')")
    assert focus_in_dialog(page)
    seen = set()
    for _ in range(20):
        page.keyboard.press("Tab")
        assert focus_in_dialog(page), page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
        seen.add(page.evaluate("document.activeElement.className || document.activeElement.tagName"))
    # it went all the way round: every control of the dialog had the focus
    assert {"sc-p-main", "sc-p-reveal", "sc-p-next", "SELECT", "sc-p-exit"} <= seen  # Previous is off on Q1
    for _ in range(20):
        page.keyboard.press("Shift+Tab")
        assert focus_in_dialog(page)
    # every stop shows its focus, the question area too once Tab is in use
    main = dialog.locator(".sc-p-main")
    main.focus()
    assert main.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    # the keys still work wherever the focus is in it
    page.keyboard.press("PageDown")
    expect(dialog.locator(".sc-p-count")).to_contain_text("Question 2 of")


def test_number_keys_home_end_and_page_keys_jump(browser, site_url, pilot_page, pilot_quiz):
    page = presenter(browser, site_url, pilot_page + "?present")
    dialog = page.get_by_role("dialog")
    count = dialog.locator(".sc-p-count")
    total = len(pilot_quiz.questions)
    assert total >= 12
    page.keyboard.press("3")
    expect(count).to_have_text(count_line(pilot_quiz, 3))
    expect(dialog.locator(".sc-p-prompt")).to_have_text(markup.plain(pilot_quiz.questions[2].prompt))
    page.keyboard.press("1")
    page.keyboard.press("2")  # typed together: question 12, not 1 then 2
    expect(count).to_have_text(count_line(pilot_quiz, 12))
    page.keyboard.press("1")  # on its own, after the short wait: question 1
    expect(count).to_have_text(count_line(pilot_quiz, 1))
    page.keyboard.press("End")
    expect(count).to_have_text(count_line(pilot_quiz, total))
    page.keyboard.press("Home")
    expect(count).to_have_text(count_line(pilot_quiz, 1))
    page.keyboard.press("PageDown")
    expect(count).to_have_text(count_line(pilot_quiz, 2))
    page.keyboard.press("PageUp")
    expect(count).to_have_text(count_line(pilot_quiz, 1))
    # At the end, PageDown is still "next" (nothing there): it never scrolls instead.
    page.keyboard.press("End")
    main = dialog.locator(".sc-p-main")
    page.keyboard.press("PageDown")
    expect(count).to_have_text(count_line(pilot_quiz, total))
    assert main.evaluate("e => e.scrollTop") == 0 and page.evaluate("window.scrollY") == 0
    # The current question is announced in a live region.
    assert count.get_attribute("aria-live") == "polite"
    page.context.close()


def test_question_list_jumps(visit, pilot_page, pilot_quiz):
    page = visit(pilot_page + "?present")
    dialog = page.get_by_role("dialog")
    jump = dialog.get_by_label("Go to question")
    expect(jump.locator("option")).to_have_text([f"Q{n}" for n in range(1, len(pilot_quiz.questions) + 1)])
    jump.select_option(label="Q5")
    expect(dialog.locator(".sc-p-count")).to_have_text(count_line(pilot_quiz, 5))
    expect(dialog.locator(".sc-p-prompt")).to_have_text(markup.plain(pilot_quiz.questions[4].prompt))
    page.keyboard.press("ArrowRight")
    expect(jump).to_have_value("5")  # the list follows the keys (position 5 is Q6)


def test_chosen_questions_in_the_plan_order_and_the_address_kept(visit, site_url, pilot_page, pilot_quiz):
    address = site_url + pilot_page + "?present=5,2"
    page = visit(pilot_page + "?present=5,2")
    entries = page.evaluate("history.length")
    dialog = page.get_by_role("dialog")
    count = dialog.locator(".sc-p-count")
    expect(count).to_have_text(count_line(pilot_quiz, 5, (1, 2)))
    expect(dialog.locator(".sc-p-prompt")).to_have_text(markup.plain(pilot_quiz.questions[4].prompt))
    expect(dialog.get_by_label("Go to question").locator("option")).to_have_text(["Q5", "Q2"])
    page.keyboard.press("PageDown")
    expect(count).to_have_text(count_line(pilot_quiz, 2, (2, 2)))
    expect(dialog.locator(".sc-p-prompt")).to_have_text(markup.plain(pilot_quiz.questions[1].prompt))
    page.keyboard.press("5")  # original numbers
    expect(count).to_have_text(count_line(pilot_quiz, 5, (1, 2)))
    page.keyboard.press("3")
    expect(dialog.locator(".sc-p-note")).to_have_text("Question 3 is not in this set.")
    expect(count).to_have_text(count_line(pilot_quiz, 5, (1, 2)))
    page.keyboard.press("End")
    page.keyboard.press("r")
    dialog.get_by_role("button", name="Previous").click()
    page.keyboard.press("Home")
    assert page.url == address
    assert page.evaluate("history.length") == entries
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('selfcheck'))") == []


def test_unknown_numbers_are_named_and_the_rest_presented(visit, pilot_page, pilot_quiz):
    page = visit(pilot_page + "?present=2,99")
    dialog = page.get_by_role("dialog")
    expect(dialog.locator(".sc-p-count")).to_have_text(count_line(pilot_quiz, 2, (1, 1)))
    expect(dialog.locator(".sc-p-note")).to_have_text("Not in this quiz: question 99.")


def reveal_fits(page, width: int, height: int) -> list[str]:
    """Reveal the answer of every question in turn: the problems with where it lands."""
    problems = []
    starts_below = 0
    dialog = page.get_by_role("dialog")
    answer = dialog.get_by_role("status")
    total = dialog.get_by_label("Go to question").locator("option").count()
    for n in range(total):
        dialog.get_by_label("Go to question").select_option(index=n)
        main_box = dialog.locator(".sc-p-main").bounding_box()
        options_bottom = dialog.locator("ol").bounding_box()
        starts_below += options_bottom["y"] + options_bottom["height"] > main_box["y"] + main_box["height"]
        page.keyboard.press("r")
        expect(answer).to_contain_text("Answer:")
        box = answer.bounding_box()
        top, bottom = box["y"], box["y"] + box["height"]
        visible_bottom = main_box["y"] + main_box["height"]
        if top < 0 or top >= visible_bottom or visible_bottom > height:
            problems.append(f"Q{n + 1}: answer starts at {top:.0f}, out of view")
        elif box["height"] <= main_box["height"] and bottom > visible_bottom + 1:
            problems.append(f"Q{n + 1}: answer ends at {bottom:.0f}, below {visible_bottom:.0f}")
    assert starts_below, "no question's answer started out of view: the test cannot tell"
    return problems


def test_reveal_scrolls_the_answer_into_view_on_a_projector(browser, site_url, pilot_page):
    page = presenter(browser, site_url, pilot_page + "?present", 1280, 800)
    assert reveal_fits(page, 1280, 800) == []
    box = page.get_by_role("dialog").get_by_role("status").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 800  # inside the 1280x800 viewport
    assert page.errors == [] and page.outside == []
    page.context.close()


def test_reveal_scrolls_the_answer_into_view_on_a_small_screen(browser, site_url, pilot_page):
    page = presenter(browser, site_url, pilot_page + "?present", 360, 640)
    assert reveal_fits(page, 360, 640) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.context.close()


def test_second_reveal_shows_each_options_feedback_and_a_third_hides(visit, pilot_page, pilot_quiz):
    page = visit(pilot_page + "?present")
    dialog = page.get_by_role("dialog")
    question = pilot_quiz.questions[1]
    page.keyboard.press("2")
    reveal = dialog.locator(".sc-p-reveal")
    page.keyboard.press("r")
    expect(dialog.locator(".sc-p-feedback")).to_have_count(0)
    expect(reveal).to_have_text("Each option's feedback")
    reveal.click()
    items = dialog.locator("li")
    for i, option in enumerate(question.options):
        feedback = items.nth(i).locator(".sc-p-feedback")
        expect(feedback).to_be_visible()
        expect(feedback).to_contain_text(markup.plain(option.feedback)[:40])
    expect(dialog.get_by_role("status")).to_contain_text("Answer:")
    expect(reveal).to_have_text("Hide answer")
    page.keyboard.press("R")
    expect(dialog.locator(".sc-p-feedback")).to_have_count(0)
    expect(dialog.locator("li.sc-p-right")).to_have_count(0)
    assert not dialog.get_by_role("status").is_visible()
    expect(reveal).to_have_text("Reveal answer")


def test_blank_screen_and_back(visit, pilot_page):
    page = visit(pilot_page + "?present")
    blank = page.locator(".sc-p-blank")
    expect(blank).to_be_hidden()
    page.keyboard.press("b")
    expect(blank).to_be_visible()
    page.keyboard.press("Escape")  # shows the screen again; a second Esc leaves
    expect(blank).to_be_hidden()
    page.keyboard.press(".")
    expect(blank).to_be_visible()
    page.keyboard.press("PageDown")  # moving on shows it too
    expect(blank).to_be_hidden()
    expect(page.locator(".sc-p-count")).to_contain_text("Question 2 of")


def test_leaving_sets_up_the_quiz_and_focuses_its_heading(visit, pilot_page, pilot_quiz):
    page = visit(pilot_page + "?present=3")
    expect(page.get_by_role("dialog")).to_be_visible()
    page.keyboard.press("Escape")
    page.wait_for_url(lambda url: "present" not in url)
    expect(page.locator(".sc-quiz")).to_have_class("sc-quiz sc-ready")
    assert page.evaluate("document.activeElement.classList.contains('sc-quiz-title')")
    assert page.evaluate("document.body.classList.contains('sc-presenting')") is False
    page.go_back()  # Back brings presenter mode back
    expect(page.get_by_role("dialog")).to_be_visible()
    expect(page.locator(".sc-p-count")).to_have_text(count_line(pilot_quiz, 3, (1, 1)))


def test_axe_finds_nothing_serious_in_presenter_mode(browser, site_url, pilot_page):
    for width, height in ((1280, 800), (360, 640)):
        page = presenter(browser, site_url, pilot_page + "?present", width, height)
        page.keyboard.press("2")
        page.keyboard.press("r")
        page.keyboard.press("r")
        expect(page.locator(".sc-p-feedback").first).to_be_visible()
        serious = [(v["id"], [n["target"] for n in v["nodes"]][:3])
                   for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], (width, serious)
        page.context.close()
