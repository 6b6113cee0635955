"""Telephone triage calls on the real course, in Chromium (issue 17): a call walked by keyboard
alone to a red outcome and another to its self-care outcome, the status messages and the
outcome's wording, Try this call again, the calls counted on My progress, axe on the page,
and the table-top exercise in print and without JavaScript.

The calls are chosen by reading calls/*.yml: an emergency whose best path ends at a red
outcome, and a call whose best path ends at a green (self-care) outcome."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from selfcheck.core import bank, markup
from selfcheck.core.model import option_letter
from tests.support import ROOT
from tools.pages import call_pages

pytestmark = pytest.mark.browser


def course_calls():
    return [bank.load_call(path.stem, ROOT) for path in bank.quiz_files(ROOT / bank.CALL_DIR)]


@pytest.fixture(scope="module")
def red_call():
    """An emergency whose best path ends at a red outcome (the first such, by file name)."""
    return next(c for c in course_calls() if c.emergency and c.best_path()[1].grade == "red")


@pytest.fixture(scope="module")
def green_call():
    """A call whose right end is self-care: its best path ends at a green outcome."""
    return next(c for c in course_calls() if c.best_path()[1].grade == "green")


@pytest.fixture(scope="module")
def triage_page(built_site, red_call, green_call):
    pages = call_pages(built_site)
    assert pages[red_call.id] == pages[green_call.id]
    return pages[red_call.id]


def region(page, call):
    return page.locator(f'section.sc-call[data-call-id="{call.id}"]')


def focused(page) -> str:
    return page.evaluate("document.activeElement.textContent.trim()")


def best(step) -> int:
    return next(i for i, o in enumerate(step.options) if o.best)


def walk_by_keyboard(page, call, first_choice=None):
    """From the call's heading, take the best option at every step (at the first step
    ``first_choice`` when given) with Tab, the arrow keys, Space and Enter only, checking at
    each step the status message and where the focus goes. Returns the outcome reached."""
    section = region(page, call)
    section.locator(".sc-call-title").focus()  # where a reader following the page's links lands
    step, n = call.start, 1
    while True:
        index = first_choice if n == 1 and first_choice is not None else best(step)
        option = step.options[index]
        page.keyboard.press("Tab")  # into the radio group: its first option
        assert page.evaluate("document.activeElement.type") == "radio"
        if index == 0:
            page.keyboard.press("Space")
        for _ in range(index):
            page.keyboard.press("ArrowDown")  # moves and chooses
        page.keyboard.press("Tab")
        assert focused(page) == "Continue"
        page.keyboard.press("Enter")
        status = section.get_by_role("status")
        text = f"{option_letter(index)}. {markup.plain(option.text)}"
        expect(status).to_contain_text(f"You chose: {text}")
        expect(status).to_contain_text(markup.plain(option.feedback.strip().split("\n")[0])[:40])
        path = section.locator("ol.sc-call-path > li")
        expect(path).to_have_count(n)
        expect(path.nth(n - 1)).to_contain_text(text)
        nxt = call.step(option.next)
        if nxt is None:
            outcome = call.outcome(option.next)
            assert focused(page) == f"The call ends: {outcome.title}"
            return outcome
        assert focused(page) == f"Step {n + 1}"
        step, n = nxt, n + 1


def check_outcome_wording(page, call, outcome):
    current = region(page, call).locator(".sc-call-current")
    expect(current.locator(".sc-call-grade")).to_have_text(f"Grade: {outcome.grade.title()}")
    expect(current.locator(".sc-call-verdict")).to_have_text(
        "This is the safe outcome for this call." if outcome.correct else
        re.compile(r"^This is not the safe outcome for this call"))
    expect(current.locator(".sc-call-action")).to_contain_text(markup.plain(outcome.action.strip().split("\n")[0])[:40])
    expect(current.locator(".sc-call-debrief")).to_contain_text(markup.plain(outcome.debrief.strip().split("\n")[0])[:40])
    expect(current.get_by_role("button", name="Try this call again")).to_be_visible()


def test_a_red_call_and_a_self_care_call_by_keyboard_then_again_and_on_my_progress(visit, triage_page, red_call, green_call):
    page = visit(triage_page)
    red = region(page, red_call)
    expect(red).to_have_class(re.compile(r"\bsc-call-ready\b"))
    expect(red.locator(".sc-call-exercise")).to_be_hidden()

    # Continue with nothing chosen asks for a choice and goes nowhere.
    red.get_by_role("button", name="Continue").click()
    expect(red.get_by_role("status")).to_have_text("Choose an option first.")
    expect(red.locator("ol.sc-call-path > li")).to_have_count(0)

    outcome = walk_by_keyboard(page, red_call)
    assert outcome.grade == "red" and outcome.correct
    check_outcome_wording(page, red_call, outcome)
    expect(red.locator(".sc-call-record")).to_contain_text("and have reached its safe outcome. Tries: 1.")

    # Try this call again, by keyboard: the path empties and the focus goes back to step 1.
    for _ in range(40):
        page.keyboard.press("Tab")
        if focused(page) == "Try this call again":
            break
    assert focused(page) == "Try this call again"
    page.keyboard.press("Enter")
    assert focused(page) == "Step 1"
    expect(red.get_by_role("status")).to_have_text("The call starts again from step 1.")
    expect(red.locator("ol.sc-call-path > li")).to_have_count(0)
    expect(red.locator("legend")).to_contain_text(markup.plain(red_call.start.prompt))

    # Another way through: a first choice that is not the best one, then the best ones.
    ending = walk_by_keyboard(page, red_call, next(i for i, o in enumerate(red_call.start.options) if not o.best))
    check_outcome_wording(page, red_call, ending)
    expect(red.locator(".sc-call-record")).to_contain_text("Tries: 2.")

    green = region(page, green_call)
    outcome = walk_by_keyboard(page, green_call)
    assert outcome.grade == "green" and outcome.correct
    check_outcome_wording(page, green_call, outcome)
    expect(green.locator(".sc-call-current")).to_have_attribute("data-grade", "green")

    stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('selfcheck-calls/v1/'))")
    assert sorted(stored) == sorted(f"selfcheck-calls/v1/{c.id}/{c.version}" for c in (red_call, green_call))

    progress = visit("book/progress.html")
    total = len(course_calls())
    calls = progress.locator(".sc-calls")
    expect(calls.locator(".sc-calls-summary")).to_have_text(
        f"Telephone triage calls: 2 of {total} finished (2 reached the safe outcome).")
    expect(calls.locator(".sc-calls-list > li")).to_have_count(total)
    link = calls.get_by_role("link", name=red_call.title, exact=True)
    expect(link).to_have_attribute("href", f"{triage_page.rpartition('/')[2]}#sc-call-{red_call.id}")
    expect(calls.locator("li").filter(has_text=red_call.title)).to_contain_text("safe outcome reached")
    # The learning record has the chapter's line from the first call finished.
    expect(progress.locator(".sc-record-rows tr").filter(has_text="calls finished")).to_contain_text(
        f"2 of {total} calls finished (2 reached the safe outcome)")
    unfinished = next(c for c in course_calls() if c.id not in (red_call.id, green_call.id))
    expect(calls.locator("li").filter(has_text=unfinished.title)).to_contain_text("not finished yet")
    assert visit.outside == [] and visit.errors == []


def test_axe_finds_nothing_serious_on_the_triage_page(visit, triage_page, green_call):
    page = visit(triage_page)
    walk_by_keyboard(page, green_call)  # an outcome shown, with its grade colour
    serious = [(v["id"], v["help"], len(v["nodes"])) for v in Axe().run(page).response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_printed_the_calls_are_a_table_top_exercise_with_the_debrief_on_a_new_page(visit, triage_page, red_call):
    page = visit(triage_page)
    page.emulate_media(media="print")
    section = region(page, red_call)
    expect(section.locator(".sc-call-live")).to_be_hidden()
    expect(section.locator(".sc-call-exercise")).to_be_visible()
    tables = section.locator("table.sc-call-options")
    expect(tables).to_have_count(len(red_call.steps))
    for n, step in enumerate(red_call.steps):
        expect(tables.nth(n).locator("tbody tr")).to_have_count(len(step.options))
        expect(tables.nth(n).locator("thead th")).to_have_text(["Option", "Leads to", "Feedback"])
    outcomes = section.locator(".sc-call-outcome")
    expect(outcomes).to_have_count(len(red_call.outcomes))
    for n, outcome in enumerate(red_call.outcomes):
        expect(outcomes.nth(n).locator(".sc-call-grade")).to_have_text(f"Grade: {outcome.grade.title()}")
    debriefs = section.locator(".sc-call-debriefs")
    assert debriefs.evaluate("e => getComputedStyle(e).breakBefore") == "page"
    assert tables.first.evaluate("e => getComputedStyle(e.querySelector('td')).borderTopStyle") == "solid"


def test_without_javascript_the_call_is_the_exercise(browser, site_url, triage_page, red_call):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site_url + triage_page)
    section = region(page, red_call)
    expect(section.locator(".sc-call-exercise")).to_be_visible()
    expect(section.locator(".sc-call-step")).to_have_count(len(red_call.steps))
    # Each option says where it leads: a link to that step or outcome, on the page.
    first = section.locator(".sc-call-step").first.locator("tbody tr").first
    target = first.get_by_role("link").get_attribute("href")
    expect(section.locator(target)).to_have_count(1)
    context.close()


def test_the_learning_record_the_progress_file_and_reset_all_carry_the_calls(visit, browser, site_url, tmp_path):
    page = visit("book/progress.html")
    data = page.evaluate("JSON.parse(document.querySelector('script.sc-manifest').textContent)")
    calls, chapter = data["calls"], data["callChapters"][0]
    assert len(calls) == len(course_calls()) >= 10
    records = {f"selfcheck-calls/v1/{c['id']}/{c['version']}": {
        "finished": f"2026-12-{1 + n % 3:02d}", "outcome": c["outcomes"][0], "correct": n % 2 == 0, "tries": 1,
        "at": 1796000000000 + n} for n, c in enumerate(calls)}
    safe = sum(r["correct"] for r in records.values())
    page.evaluate("r => Object.entries(r).forEach(([k, v]) => localStorage.setItem(k, JSON.stringify(v)))", records)
    page.reload(wait_until="networkidle")
    line = f"Telephone triage calls: {len(calls)} of {len(calls)} finished ({safe} reached the safe outcome)."
    expect(page.locator(".sc-calls-summary")).to_have_text(line)
    row = page.locator(".sc-record-rows tr", has_text=chapter["chapter"])
    expect(row).to_have_count(1)
    expect(row).to_contain_text(f"{len(calls)} of {len(calls)} calls finished ({safe} reached the safe outcome)")
    expect(row).to_contain_text("1 Dec 2026 to 3 Dec 2026")
    expect(row).to_contain_text("Self-directed online learning (telephone triage practice)")

    with page.expect_download() as caught:
        page.get_by_role("button", name="Save my progress to a file").click()
    saved = tmp_path / caught.value.suggested_filename
    caught.value.save_as(saved)
    expect(page.locator(".sc-transfer-status")).to_have_text(
        f"Saved 0 answers and {len(calls)} telephone triage calls to {saved.name}.")

    second = browser.new_context()
    other = second.new_page()
    other.goto(site_url + "book/progress.html", wait_until="networkidle")
    bad = saved.read_text().replace(f'"outcome": "{calls[0]["outcomes"][0]}"', '"outcome": "no-such-outcome"', 1)
    (tmp_path / "bad.json").write_text(bad)
    other.get_by_label("Load progress from a file").set_input_files(tmp_path / "bad.json")
    expect(other.locator(".sc-transfer-status")).to_have_text(re.compile(
        r"^Nothing was loaded: the file holds a call record this course cannot read \(selfcheck-calls/v1/"))
    expect(other.locator(".sc-calls-summary")).to_have_text(re.compile(r"Telephone triage calls: 0 of "))
    other.get_by_label("Load progress from a file").set_input_files(saved)
    expect(other.locator(".sc-transfer-status")).to_have_text(
        f"Loaded: 0 answers added, 0 updated. Telephone triage calls: {len(calls)} added, 0 updated.")
    expect(other.locator(".sc-calls-summary")).to_have_text(line)
    second.close()

    page.get_by_role("button", name="Reset all").click()
    page.get_by_role("button", name="Yes, reset").click()
    expect(page.locator(".sc-calls-summary")).to_have_text(
        f"Telephone triage calls: 0 of {len(calls)} finished (0 reached the safe outcome).")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('selfcheck-calls/'))") == []
    page.get_by_role("button", name="Undo").click()
    expect(page.locator(".sc-calls-summary")).to_have_text(line)
    assert visit.errors == []
