"""A trust's local.yml in Chromium, on a tiny book built once for this module: the "At
<organisation>" box shows on the chapter on screen and in print, named as a region by its
heading, its text escaped; the local number follows the advice line; at 320 px nothing in
the box overflows; axe finds nothing serious."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.tinybook import build, chapter_notebook, make_book
from tools.browser import block_outside
from tools.site_server import SiteServer

pytestmark = pytest.mark.browser

ORGANISATION = "Borsetshire <Hospitals> NHS Trust"
LOCAL = f"""\
organisation: "{ORGANISATION}"
advice_line: 01632 960000
pathways:
  Acute oncology service: bleep 2345, 8 am to 8 pm; out of hours, the on-call oncology registrar
  MSCC coordinator: 01632 960001, any time
notes:
  small.ipynb: |
    Our oral chemotherapy clinic is on **Ward 7**. <img src=x onerror="document.title='owned'">
"""
TEXT = "When you feel unwell, ring the 24-hour advice line straight away, day or night."


@pytest.fixture(scope="module")
def local_url(tmp_path_factory):
    base = tmp_path_factory.mktemp("local")
    chapter = chapter_notebook("Chapter small", ["small"]).replace("Some text.", TEXT)
    src = make_book(base / "src", chapters={"small.ipynb": chapter})
    (src / "local.yml").write_text(LOCAL)
    result = build(src)
    assert not result.failed, result.log[-3000:]
    with SiteServer(result.html) as url:
        yield url


@pytest.fixture
def chapter(browser, local_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    block_outside(context, outside)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(local_url + "book/small.html", wait_until="networkidle")
    yield page
    context.close()
    assert outside == [] and errors == []


def test_the_box_shows_on_screen_and_in_print(chapter):
    box = chapter.get_by_role("complementary", name=f"Local information At {ORGANISATION}")
    for media in ("screen", "print"):
        chapter.emulate_media(media=media)
        expect(box).to_be_visible()
        expect(box.get_by_role("heading", level=2)).to_have_text(f"Local information At {ORGANISATION}")
        expect(box).to_contain_text("24-hour oncology advice line: 01632 960000")
        expect(box.locator("dt").nth(1)).to_have_text("MSCC coordinator")
        expect(box.locator("dd").nth(1)).to_have_text("01632 960001, any time")
        expect(box.locator("strong", has_text="Ward 7")).to_be_visible()
    # The trust's text is text: the img tag is shown, never made.
    expect(box).to_contain_text('<img src=x onerror="document.title=\'owned\'">')
    assert box.locator("img").count() == 0 and chapter.title() != "owned"
    number = chapter.locator("p", has_text="ring the 24-hour advice line")
    expect(number).to_have_text(
        f"When you feel unwell, ring the 24-hour advice line (at {ORGANISATION}: 01632 960000) straight away, day or night.")


def test_the_box_fits_320_px_and_axe_finds_nothing_serious(chapter):
    chapter.set_viewport_size({"width": 320, "height": 800})
    box = chapter.locator("aside.sc-local")
    expect(box).to_be_visible()
    # The tiny book's basic theme holds its body at 360 px at least; what counts is that
    # nothing in the box is wider than the box, and the box no wider than the text beside it.
    assert box.evaluate("box => box.scrollWidth - box.clientWidth") <= 0
    text = chapter.locator("p", has_text="ring the 24-hour advice line").bounding_box()
    assert box.bounding_box()["width"] <= text["width"] + 1
    results = Axe().run(chapter)
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
