"""A phone that reads well, and clean handouts (issue 15, items 5 and 6): at 320 and 360 px no
page is wider than the screen and every table cell can be read, the header's buttons are
big enough to tap, "Go to the quiz" leads to the quiz and back, a tap leaves no tooltip over
the text, "Back to top" covers no text, and a printed chapter shows no learner's ticks."""

from __future__ import annotations

import re
import zlib

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.test_learner import answer, wrong
from tools.browser import block_outside
from tools.pages import chapter_pages, site_pages

pytestmark = pytest.mark.browser
CHAPTER = "book/hormone-therapy.html"  # its drug table hid "Key things to watch" at 360 px
PHONE_WIDTHS = (320, 360)

# Every table cell that is not on screen as the page is laid out, once scrolled into view by
# its own scrolling container; a cell is only "reachable" if that container takes the focus
# (a keyboard can scroll it). Header cells kept for screen readers only (1 px) are skipped.
UNREADABLE_CELLS = """() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const onScreen = r => r.left >= -0.5 && r.right <= width + 0.5;
  for (const table of document.querySelectorAll("table")) {
    if (!table.getClientRects().length) continue;
    for (const cell of table.querySelectorAll("td, th")) {
      const box = cell.getBoundingClientRect();
      const head = cell.closest("thead");
      if (box.width <= 1 || (head && head.getBoundingClientRect().width <= 1)) continue;
      if (onScreen(box)) continue;
      let scroller = cell.parentElement;
      while (scroller && !(["auto", "scroll"].includes(getComputedStyle(scroller).overflowX)
                           && scroller.scrollWidth > scroller.clientWidth)) {
        scroller = scroller.parentElement;
      }
      if (!scroller || scroller.tabIndex < 0) {
        problems.push("off screen, not in a focusable scrolling box: " + cell.textContent.trim().slice(0, 40));
        continue;
      }
      // a named region for a screen reader, with a shadow at the edge where columns wait
      if (scroller.getAttribute("role") !== "region" || !scroller.getAttribute("aria-label")
          || !getComputedStyle(scroller).backgroundImage.includes("radial-gradient")) {
        problems.push("scrolling box without a name or a scroll shadow: " + scroller.className);
      }
      cell.scrollIntoView({block: "nearest", inline: "nearest"});
      const moved = cell.getBoundingClientRect();
      if (!onScreen(moved) && moved.width <= width) {
        problems.push("not reached by scrolling its box: " + cell.textContent.trim().slice(0, 40));
      }
      scroller.scrollLeft = 0;
    }
  }
  return problems;
}"""

# Each cell of a stacked table shows its column's header above its text.
UNLABELLED_STACKED_CELLS = """() => {
  const problems = [];
  for (const table of document.querySelectorAll("table.course-stacked-table")) {
    const heads = [...table.querySelectorAll("thead th")].map(th => th.textContent.trim().replace(/\\s+/g, " "));
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.children].forEach((cell, i) => {
        const shown = getComputedStyle(cell, "::before").content;
        const expected = heads[i] ? JSON.stringify(heads[i]) : "";
        if (getComputedStyle(cell).display !== "block" || (expected && shown !== expected)) {
          problems.push(`${heads[i]}: ${shown} (${getComputedStyle(cell).display})`);
        }
      });
    }
  }
  return problems;
}"""

HEADER_BUTTONS = """() => [...document.querySelectorAll(
    ".bd-header button, .bd-header a, .bd-header-article button, .bd-header-article a")]
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
  .map(el => { const r = el.getBoundingClientRect();
               return {name: el.getAttribute("aria-label") || el.textContent.trim(),
                       width: r.width, height: r.height}; })
  .filter(b => b.width > 0 && b.height > 0)"""


@pytest.fixture(scope="module")
def pages_to_check(built_site):
    """The chapter pages, and every other page with a table (session plans, My progress, the index)."""
    tables = [p for p in site_pages(built_site) if "<table" in (built_site / p).read_text(encoding="utf-8")]
    pages = sorted(set(chapter_pages(built_site)) | set(tables))
    assert CHAPTER in pages and "book/progress.html" in pages and len(tables) > 20
    return pages


def phone_context(browser, width: int, outside: list):
    context = browser.new_context(viewport={"width": width, "height": 740}, is_mobile=True, has_touch=True)
    block_outside(context, outside)
    return context


@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_every_page_fits_a_phone_and_every_table_cell_can_be_read(browser, site_url, pages_to_check, width):
    outside: list[str] = []
    context = phone_context(browser, width, outside)
    page = context.new_page()  # one tab for every page, as in test_learner
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    problems: dict[str, object] = {}
    stacked_pages = 0
    for path in pages_to_check:
        page.goto(site_url + path, wait_until="networkidle")
        found = {}
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            found["page wider than the screen"] = scroll_width
        found["cells"] = page.evaluate(UNREADABLE_CELLS)
        found["unlabelled"] = page.evaluate(UNLABELLED_STACKED_CELLS)
        stacked_pages += page.locator("table.course-stacked-table").count() > 0
        small = [b for b in page.evaluate(HEADER_BUTTONS) if b["width"] < 44 or b["height"] < 44]
        if small:
            found["small header buttons"] = small
        found = {k: v for k, v in found.items() if v}
        if found:
            problems[path] = found
    context.close()
    assert problems == {}
    assert stacked_pages > 20  # the chapters' and session plans' tables are stacked on a phone
    assert errors == [] and outside == []


def test_the_drug_table_shows_every_column_on_a_phone(browser, site_url):
    context = phone_context(browser, 360, [])
    page = context.new_page()
    page.goto(site_url + CHAPTER, wait_until="networkidle")
    watch = page.locator("table td[data-label='Key things to watch']").first
    watch.scroll_into_view_if_needed()
    expect(watch).to_be_in_viewport(ratio=1)
    assert watch.evaluate("e => getComputedStyle(e, '::before').content") == '"Key things to watch"'
    context.close()


def test_axe_finds_nothing_serious_on_a_phone(browser, site_url, built_site):
    # The pages whose phone layout changed: a stacked table, the jump links to the quiz.
    pages = [CHAPTER, "book/choices-stopping-and-palliative-care.html", "book/session-hormone-therapy.html"]
    assert all('class="course-stacked-table' in (built_site / p).read_text(encoding="utf-8") for p in pages)
    context = phone_context(browser, 360, [])
    page = context.new_page()
    problems = {}
    for path in pages:
        page.goto(site_url + path, wait_until="networkidle")
        serious = [(v["id"], [n["target"] for n in v["nodes"]][:3])
                   for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
        if serious:
            problems[path] = serious
    context.close()
    assert problems == {}


def test_header_buttons_are_big_enough_to_tap_on_a_desktop(visit):
    page = visit(CHAPTER)
    buttons = page.evaluate(HEADER_BUTTONS)
    assert {"Color mode", "Search"} <= {b["name"] for b in buttons}
    assert [b for b in buttons if b["width"] < 44 or b["height"] < 44] == []


def test_every_quiz_page_starts_with_a_link_to_its_quiz(built_site):
    pages = chapter_pages(built_site)
    assert len(pages) >= 15
    for path in pages:
        html = (built_site / path).read_text(encoding="utf-8")
        first_quiz = re.search(r'<section class="sc-quiz" data-quiz-id="([^"]+)"', html)[1]
        go = re.search(r'<p class="sc-jump sc-jump-quiz"><a [^>]*href="#([^"]+)">Go to the quiz</a></p>', html)
        back = re.search(r'<p class="sc-jump sc-jump-back"><a [^>]*href="#([^"]+)">Back to the chapter</a></p>', html)
        assert go and go[1] == f"sc-{first_quiz}-title", path
        assert f'id="sc-{first_quiz}-title" tabindex="-1"' in html, path
        # under the title and its facts line, before the text; the way back after the quiz
        assert html.index("sc-page-facts") < go.start() < html.index("<section class=\"sc-quiz\"") < back.start(), path
        assert back and re.search(rf'<section id="{back[1]}">\s*<h1>', html), path


def covering(page, locator) -> str:
    """What the reader sees at the middle of an element: the tag and class of the topmost element there."""
    return locator.evaluate("""e => { const r = e.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 10));
        return e.contains(top) ? "itself" : top.tagName + "." + top.className; }""")


def test_go_to_the_quiz_and_back_by_keyboard_on_a_phone(browser, site_url):
    context = phone_context(browser, 360, [])
    page = context.new_page()
    page.goto(site_url + CHAPTER, wait_until="networkidle")
    go = page.get_by_role("link", name="Go to the quiz")
    expect(go).to_be_in_viewport(ratio=1)  # on the first screen, under the title
    box = go.bounding_box()
    assert box["height"] >= 44 and box["y"] + box["height"] <= 740
    go.focus()
    page.keyboard.press("Enter")
    heading = page.locator("#sc-hormone-therapy-title")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport(ratio=1)
    assert covering(page, heading) == "itself"  # not under the sticky header

    back = page.get_by_role("link", name="Back to the chapter")
    back.focus()
    page.keyboard.press("Enter")
    title = page.locator("section#hormone-therapy > h1")
    expect(title).to_be_in_viewport(ratio=1)
    assert covering(page, title) == "itself"
    page.keyboard.press("Tab")  # the keyboard carries on from the top of the chapter
    focused = page.evaluate("document.activeElement.closest('h1, .sc-jump-quiz') !== null")
    assert focused, page.evaluate("document.activeElement.outerHTML")
    context.close()


def test_a_tap_on_the_colour_mode_switch_leaves_no_tooltip_over_the_text(browser, site_url):
    outside: list[str] = []
    context = phone_context(browser, 360, outside)
    page = context.new_page()
    page.goto(site_url + CHAPTER, wait_until="networkidle")
    switch = page.locator(".theme-switch-button:visible").first
    switch.tap()
    page.wait_for_timeout(900)  # the theme shows its tooltips after 500 ms
    expect(page.locator(".tooltip:visible")).to_have_count(0)
    mode = page.evaluate("document.documentElement.dataset.mode")
    switch.tap()  # and the switch still works
    expect(page.locator("html")).not_to_have_attribute("data-mode", mode)
    page.wait_for_timeout(900)
    expect(page.locator(".tooltip:visible")).to_have_count(0)
    assert outside == []
    context.close()


PILL_COVERS = """() => {
  const pill = document.getElementById("pst-back-to-top");
  const r = pill.getBoundingClientRect();
  const under = [];
  for (const [x, y] of [[r.left + 2, r.top + 2], [r.right - 2, r.top + 2], [r.left + 2, r.bottom - 2],
                        [r.right - 2, r.bottom - 2], [r.left + r.width / 2, r.top + r.height / 2]]) {
    const below = document.elementsFromPoint(x, y).find(e => !pill.contains(e));
    under.push(below.closest(".bd-header-article, .bd-header") ? "header" : below.tagName + "." + below.className);
  }
  const buttons = [...document.querySelectorAll(".bd-header-article button, .bd-header-article a")]
    .filter(b => b !== pill && b.getClientRects().length).map(b => b.getBoundingClientRect())
    .filter(b => b.width && b.left < r.right && r.left < b.right && b.top < r.bottom && r.top < b.bottom);
  return {under, overlapsButtons: buttons.length};
}"""


@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_back_to_top_covers_no_text(browser, site_url, width):
    context = phone_context(browser, width, [])
    page = context.new_page()
    page.goto(site_url + CHAPTER, wait_until="networkidle")
    pill = page.locator("#pst-back-to-top")
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -600)
    expect(pill).to_be_visible()
    found = page.evaluate(PILL_COVERS)
    assert found == {"under": ["header"] * 5, "overlapsButtons": 0}
    box = pill.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] >= 44
    pill.tap()
    page.wait_for_function("window.scrollY === 0")
    context.close()


def content_streams(pdf: bytes) -> list[bytes]:
    """A PDF's streams, inflated: what is drawn, without the file's date and id."""
    found = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            found.append(zlib.decompress(match.group(1)))
        except zlib.error:
            found.append(match.group(1))
    return found


def test_printed_chapter_shows_no_learners_ticks_and_the_screen_keeps_them(visit, pilot_page, pilot_quiz):
    page = visit(pilot_page)
    blank = page.pdf()
    right, mistaken = pilot_quiz.questions[0], pilot_quiz.questions[1]
    answer(page, right, sorted(right.correct_indices))
    answer(page, mistaken, wrong(mistaken))
    chosen = page.locator(".sc-options input:checked")
    expect(chosen).to_have_count(len(right.correct_indices) + 1)
    first_choice = page.locator("#" + chosen.first.get_attribute("id"))

    def looks_the_same_unticked() -> bool:
        ticked = first_choice.screenshot()
        first_choice.evaluate("e => { e.checked = false; }")
        unticked = first_choice.screenshot()
        first_choice.evaluate("e => { e.checked = true; }")
        return ticked == unticked

    assert not looks_the_same_unticked()  # on screen the learner's tick shows (the check can fail)
    page.emulate_media(media="print")
    assert looks_the_same_unticked()  # printed, a chosen box looks like any other
    for fieldset in (right, mistaken):
        options = page.locator(f'fieldset[data-question-id="{fieldset.id}"] .sc-option')
        marks = options.evaluate_all("""os => os.map(o => [getComputedStyle(o.querySelector('label'), '::after').content,
                                                          getComputedStyle(o).borderTopColor])""")
        assert {content for content, _ in marks} == {"none"}  # no ✓ right / ✗ not right
        assert {colour for _, colour in marks} == {"rgba(0, 0, 0, 0)"}  # no chosen border
    expect(page.locator(".sc-feedback:visible")).to_have_count(0)
    expect(page.locator(".sc-print-answers")).to_be_visible()
    expect(page.locator(".sc-jump:visible")).to_have_count(0)
    page.emulate_media(media="null")  # no emulation: page.pdf() prints with the print styles

    printed = page.pdf()  # the printed file of the answered chapter is the blank chapter's
    assert content_streams(printed) == content_streams(blank)
    # after printing, the screen still shows the learner's answers
    expect(chosen).to_have_count(len(right.correct_indices) + 1)
    expect(page.locator(f'fieldset[data-question-id="{mistaken.id}"] .sc-feedback')).to_contain_text("Not quite")
    expect(page.locator(".sc-option.sc-chosen-wrong")).to_have_count(1)
    assert visit.errors == [] and visit.outside == []
