"""The learner's experience in Chromium: progress that is kept, My progress and the
learning record, print, accessibility on every page, no outside requests anywhere,
small screens, zoom and reduced motion."""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.grading_table import storage_key
from tests.support import ROOT
from tools.browser import block_outside, launch_persistent
from tools.pages import site_pages
from selfcheck.core import bank
from selfcheck.core.model import option_letter

pytestmark = pytest.mark.browser


def answer(page, question, indices):
    fieldset = page.locator(f'fieldset[data-question-id="{question.id}"]')
    for i in indices:
        fieldset.locator(".sc-options input").nth(i).check()
    fieldset.get_by_role("button", name="Check answer").click()
    return fieldset


def wrong(question):
    return [next(i for i, o in enumerate(question.options) if not o.correct)]


def test_answers_and_score_survive_closing_the_browser(playwright, site_url, pilot_page, pilot_quiz, tmp_path):
    profile = tmp_path / "profile"
    outside: list[str] = []

    def open_browser():
        context = launch_persistent(playwright, profile)
        block_outside(context, outside)
        return context

    first, second = pilot_quiz.questions[0], pilot_quiz.questions[1]
    context = open_browser()
    page = context.new_page()
    page.goto(site_url + pilot_page, wait_until="networkidle")
    answer(page, first, sorted(first.correct_indices))
    answer(page, second, wrong(second))
    context.close()  # the tab and the browser are closed

    context = open_browser()
    page = context.new_page()
    page.goto(site_url + pilot_page, wait_until="networkidle")
    total = len(pilot_quiz.questions)
    expect(page.locator(".sc-score")).to_have_text(
        f"Score: 1 of {total} (2 of {total} checked; first attempts count)"
    )
    one = page.locator(f'fieldset[data-question-id="{first.id}"]')
    two = page.locator(f'fieldset[data-question-id="{second.id}"]')
    for i in range(len(first.options)):
        assert one.locator(".sc-options input").nth(i).is_checked() == (i in first.correct_indices)
    assert two.locator(".sc-options input").nth(wrong(second)[0]).is_checked()
    assert one.get_by_role("status").inner_text().startswith("Correct")
    assert two.get_by_role("status").inner_text().startswith("Not quite")
    # A later right answer still gets feedback but the first attempt keeps counting.
    answer(page, second, sorted(second.correct_indices))
    expect(page.locator(".sc-score")).to_contain_text(f"Score: 1 of {total} (2 of")
    context.close()
    assert outside == []


def test_an_edited_question_does_not_show_a_stale_answer(visit, pilot_page, pilot_quiz):
    page = visit(pilot_page)
    first = pilot_quiz.questions[0]
    key = storage_key(pilot_quiz.id, first.id, "0ldversion00")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [key, json.dumps({"chosen": [0], "first": True, "last": True})])
    page.reload(wait_until="networkidle")
    status = page.locator(f'fieldset[data-question-id="{first.id}"] .sc-feedback')
    assert status.text_content() == ""
    expect(page.locator(".sc-score")).to_contain_text("(0 of")
    # The stale answer is kept (Review lists the question as changed) until the question's
    # current version is answered, and then dropped.
    assert page.evaluate("(k) => localStorage.getItem(k)", key) is not None
    answer(page, first, sorted(first.correct_indices))
    assert page.evaluate("(k) => localStorage.getItem(k)", key) is None  # stale answer dropped


def test_reset_clears_only_this_quiz(visit, pilot_page, pilot_quiz):
    page = visit(pilot_page)
    other = storage_key("another-quiz", "q", "abc")
    page.evaluate("(k) => localStorage.setItem(k, '{\"chosen\":[0],\"first\":true}')", other)
    answer(page, pilot_quiz.questions[0], sorted(pilot_quiz.questions[0].correct_indices))
    page.get_by_role("button", name="Reset this quiz").click()
    page.get_by_role("button", name="Yes, reset").click()
    expect(page.locator(".sc-reset-status")).to_have_text("This quiz has been reset.")
    expect(page.locator(".sc-score")).to_contain_text(f"Score: 0 of {len(pilot_quiz.questions)} (0 of")
    assert page.locator(".sc-options input:checked").count() == 0
    page.reload(wait_until="networkidle")
    assert page.locator(".sc-options input:checked").count() == 0
    assert page.evaluate("(k) => localStorage.getItem(k)", other) is not None


def test_quiz_works_in_memory_when_storage_is_blocked(browser, site_url, pilot_page, pilot_quiz):
    context = browser.new_context()
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('blocked', 'SecurityError'); }});"
    )
    errors: list[str] = []
    page = context.new_page()
    # The theme's own scripts also touch localStorage and let the refusal escape ("blocked");
    # ours catches it: the notice shows and grading works, which it could not otherwise.
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + pilot_page, wait_until="networkidle")
    expect(page.locator(".sc-storage-notice")).to_contain_text("they are lost when you leave or reload it")
    fieldset = answer(page, pilot_quiz.questions[0], sorted(pilot_quiz.questions[0].correct_indices))
    assert fieldset.get_by_role("status").inner_text().startswith("Correct")
    expect(page.locator(".sc-score")).to_contain_text(f"Score: 1 of {len(pilot_quiz.questions)}")
    assert [e for e in errors if e != "blocked"] == []
    context.close()


def test_my_progress_and_learning_record_show_real_progress(visit, pilot_page, pilot_quiz):
    page = visit(pilot_page)
    for n, question in enumerate(pilot_quiz.questions):
        answer(page, question, wrong(question) if n == 0 else sorted(question.correct_indices))
    total = len(pilot_quiz.questions)
    progress = visit("book/progress.html")
    row = progress.locator(".sc-progress-rows tr", has_text=pilot_quiz.title)
    share = round(100 * (total - 1) / total)
    expect(row).to_contain_text(f"{total - 1} of {total} right ({share}%)")
    expect(row.get_by_role("link", name=pilot_quiz.title)).to_have_attribute("href", "hormone-therapy.html")
    # the score is of what was answered; how much of the course is done is a figure of its own
    quizzes, _ = bank.check_bank(ROOT)
    bank_total = sum(len(q.questions) for q in quizzes)
    expect(progress.locator(".sc-overall-score")).to_have_text(
        f"Your score: {total - 1} of the {total} questions you have answered ({share}%), first attempts.")
    done = round(100 * total / bank_total)
    expect(progress.locator(".sc-overall-done")).to_contain_text(
        f"Course done: {total} of {bank_total} questions answered ({done}%); 1 of {len(quizzes)} quizzes started, 1 completed.")
    record = progress.locator(".sc-record-rows tr", has_text=pilot_quiz.title)
    expect(record).to_contain_text(f"{total - 1} of {total}")
    expect(progress.locator(".sc-record-summary")).to_contain_text("1 chapter completed")
    progress.get_by_label("Your name (optional)").fill("Sam Nurse")
    progress.get_by_label("What did you learn").fill("I will ask about cough at every visit.")
    progress.reload(wait_until="networkidle")
    expect(progress.get_by_label("Your name (optional)")).to_have_value("Sam Nurse")

    assert progress.get_by_role("button", name="Print my learning record").is_visible()
    progress.emulate_media(media="print")
    assert progress.locator(".sc-record-reflection-print").is_visible()
    expect(progress.locator(".sc-record-reflection-print")).to_have_text("I will ask about cough at every visit.")
    assert not progress.get_by_role("button", name="Print my learning record").is_visible()
    assert not progress.locator(".bd-sidebar-primary").is_visible()
    progress.emulate_media(media="screen")

    progress.get_by_role("button", name="Reset all").click()
    progress.get_by_role("button", name="Yes, reset").click()
    expect(progress.locator(".sc-progress-rows tr", has_text=pilot_quiz.title)).to_contain_text("not started")
    expect(progress.locator(".sc-not-started")).to_contain_text(pilot_quiz.title)
    expect(progress.get_by_label("Your name (optional)")).to_have_value("")
    assert visit.outside == [] and visit.errors == []


def test_printed_chapter_is_a_clean_handout_with_answers(visit, pilot_page, pilot_quiz):
    page = visit(pilot_page)
    page.emulate_media(media="print")
    for chrome in (".bd-header", ".bd-sidebar-primary", ".bd-sidebar-secondary", ".prev-next-area"):
        if page.locator(chrome).count():
            assert not page.locator(chrome).first.is_visible(), chrome
    first = page.locator(f'fieldset[data-question-id="{pilot_quiz.questions[0].id}"]')
    assert first.locator("legend").is_visible()
    assert first.locator(".sc-option label").first.is_visible()
    assert not first.get_by_role("button", name="Check answer").is_visible()
    answers = page.locator(".sc-print-answers")
    assert answers.is_visible()
    index, right = next((i, o.text) for i, o in enumerate(pilot_quiz.questions[0].options) if o.correct)
    # lettered as on the page, in presenter mode and in the answer key
    expect(answers).to_contain_text(f"Question 1: {option_letter(index)}. {right}")
    page.emulate_media(media="screen")
    assert not answers.is_visible()


@pytest.fixture(scope="module")
def all_pages(built_site):
    pages = site_pages(built_site)
    assert "book/hormone-therapy.html" in pages and "book/progress.html" in pages
    return pages


def test_every_page_passes_axe_and_asks_no_outside_host(visit, site_url, all_pages):
    problems = {}
    # One tab going from page to page, as a reader does: a new tab per page costs Chromium a
    # renderer each, a third of this test's CPU time.
    page = visit(all_pages[0])
    for path in all_pages:
        if path != all_pages[0]:
            page.goto(site_url + path, wait_until="networkidle")
        results = Axe().run(page)
        serious = [
            (v["id"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if serious:
            problems[path] = serious
    page.close()
    assert problems == {}
    assert visit.outside == [], visit.outside
    assert visit.errors == [], visit.errors


@pytest.mark.parametrize("width, scale", [(320, 1), (640, 2)], ids=["320px", "200%-zoom"])
def test_every_page_reflows_on_a_small_screen_and_at_200_percent(browser, site_url, all_pages, width, scale):
    context = browser.new_context(viewport={"width": width, "height": 700}, device_scale_factor=scale)
    wide = {}
    page = context.new_page()  # one tab for every page (see the axe test above)
    for path in all_pages:
        page.goto(site_url + path, wait_until="networkidle")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            wide[path] = scroll_width
    context.close()
    assert wide == {}


def test_quiz_usable_at_200_percent_zoom(browser, site_url, pilot_page, pilot_quiz):
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    page.goto(site_url + pilot_page, wait_until="networkidle")
    fieldset = answer(page, pilot_quiz.questions[1], sorted(pilot_quiz.questions[1].correct_indices))
    assert fieldset.get_by_role("status").inner_text().startswith("Correct")
    box = fieldset.get_by_role("button", name="Check answer").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 640
    context.close()


def test_reduced_motion_is_honoured(browser, site_url, pilot_page):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_url + pilot_page, wait_until="networkidle")
    slow = page.evaluate(
        """() => [...document.querySelectorAll('body *')].filter(e => {
             const s = getComputedStyle(e);
             const longest = v => Math.max(...v.split(',').map(x => parseFloat(x) * (x.trim().endsWith('ms') ? 1 : 1000)));
             return longest(s.transitionDuration) > 1 || longest(s.animationDuration) > 1;
           }).map(e => e.tagName + '.' + e.className).slice(0, 5)"""
    )
    assert slow == []
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") != "smooth"
    context.close()


def test_feedback_is_announced_and_not_by_colour_alone(visit, pilot_page, pilot_quiz):
    page = visit(pilot_page)
    question = pilot_quiz.questions[0]
    fieldset = answer(page, question, wrong(question))
    status = fieldset.locator(".sc-feedback")
    assert status.get_attribute("role") == "status"
    assert status.inner_text().startswith("Not quite")  # the words, not only the colour
    chosen = fieldset.locator(".sc-option.sc-chosen-wrong label")
    mark = chosen.evaluate("e => getComputedStyle(e, '::after').content")
    assert "not right" in mark
