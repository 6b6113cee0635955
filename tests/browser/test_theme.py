"""The theme still works for a reader after the course trims it for speed (selfcheck/site.py):
search, dark mode, the navigation drawer on a phone, back to top, the icons, and the
reference list that is laid out only when reached."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tools.browser import block_outside

pytestmark = pytest.mark.browser
CHAPTER = "book/chemotherapy.html"


@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    outside: list[str] = []
    block_outside(context, outside)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site_url + CHAPTER, wait_until="networkidle")
    yield page
    assert errors == [] and outside == []
    context.close()


def test_search_box_opens_from_the_keyboard_and_finds_a_chapter(visit):
    page = visit(CHAPTER)
    page.keyboard.press("Control+k")
    dialog = page.locator("#pst-search-dialog")
    expect(dialog).to_have_attribute("open", "")
    box = dialog.get_by_role("searchbox")
    expect(box).to_be_focused()
    box.fill("neutropenic sepsis")
    box.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=neutropenic"))
    results = page.locator("#search-results ul.search li a")
    expect(results.first).to_be_visible(timeout=15000)
    assert any("oncological-emergencies" in href for href in results.evaluate_all("els => els.map(e => e.href)"))
    assert visit.errors == [] and visit.outside == []


def test_dark_mode_switch_changes_the_colours_and_is_remembered(visit):
    page = visit(CHAPTER)

    def background() -> tuple[int, ...]:
        colour = page.evaluate("getComputedStyle(document.body).backgroundColor")
        return tuple(int(n) for n in re.findall(r"\d+", colour)[:3])

    switch = page.locator(".theme-switch-button").first
    for _ in range(3):  # auto -> light -> dark, whatever the starting point
        if page.evaluate("document.documentElement.dataset.mode") == "dark":
            break
        switch.click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert sum(background()) < 150
    page.reload(wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert sum(background()) < 150
    switch = page.locator(".theme-switch-button").first
    while page.evaluate("document.documentElement.dataset.mode") != "light":
        switch.click()
    assert sum(background()) > 700


def test_dark_mode_follows_the_device_setting(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + CHAPTER, wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    context.close()


def test_navigation_drawers_open_on_a_phone(phone):
    # (pydata-sphinx-theme 0.17 wired them to hidden header buttons: issue #2451, mended in site.py)
    phone.locator("button.secondary-toggle:visible").first.click()
    contents = phone.locator("#pst-secondary-sidebar-modal")
    expect(contents).to_have_attribute("open", "")
    expect(contents.get_by_role("link", name="Check your understanding")).to_be_visible()
    phone.keyboard.press("Escape")
    expect(contents).not_to_have_attribute("open", "")

    phone.locator("button.primary-toggle:visible").first.click()
    drawer = phone.locator("#pst-primary-sidebar-modal")
    expect(drawer).to_have_attribute("open", "")
    link = drawer.get_by_role("link", name="Oncological emergencies")
    expect(link).to_be_visible()
    link.click()
    phone.wait_for_url(re.compile(r"oncological-emergencies\.html"))


def test_sidebar_toggle_hides_the_navigation_on_a_desktop(visit):
    page = visit(CHAPTER)
    sidebar = page.locator("#pst-primary-sidebar")
    expect(sidebar).to_be_visible()
    page.locator("button.primary-toggle:visible").first.click()
    expect(sidebar).to_be_hidden()
    expect(page.locator("#pst-primary-sidebar-modal")).not_to_have_attribute("open", "")


ICONS_SHOWN = """() => {
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    for (const where of ["::before", "::after"]) {
      const style = getComputedStyle(el, where);
      if (style.fontFamily.includes("Font Awesome") && style.content.startsWith('"')) {
        found.push(...[...JSON.parse(style.content)].map(c => c.codePointAt(0)));
      }
    }
  }
  return found;
}"""


def test_every_icon_a_page_shows_is_in_the_cut_down_fonts(phone, built_site):
    from fontTools.ttLib import TTFont

    fonts = (built_site / "_static" / "vendor" / "fontawesome" / "webfonts").glob("*.woff2")
    glyphs = {code for font in fonts for code in (TTFont(str(font)).getBestCmap() or {})}
    shown = set(phone.evaluate(ICONS_SHOWN))
    assert 0xF05A in shown  # the Note box's "i", drawn through a custom property
    assert shown <= glyphs, sorted(hex(c) for c in shown - glyphs)
    icon = phone.locator(".fa-bars:visible, .fa-magnifying-glass:visible").first
    assert icon.bounding_box()["width"] > 4


def test_back_to_top_appears_when_scrolling_up_and_works(phone):
    button = phone.locator("#pst-back-to-top")
    phone.mouse.wheel(0, 4000)
    phone.wait_for_timeout(300)
    phone.mouse.wheel(0, -600)
    expect(button).to_be_visible()
    button.click()
    phone.wait_for_function("window.scrollY === 0")


def test_reference_list_is_there_when_a_citation_is_followed(phone):
    citation = phone.locator(".bd-article a.reference.internal[href^='#id'][title]").first
    target = citation.get_attribute("href")
    citation.click()
    entry = phone.locator(target)
    expect(entry).to_be_in_viewport()
    assert entry.inner_text().strip()
