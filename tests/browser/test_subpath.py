"""The built site under a subpath, as GitHub Pages serves a project site
(``https://<user>.github.io/<repository>/``): every page opens with its stylesheet, scripts and
fonts, a quiz answers, My progress and Review work, the service worker's scope is the subpath,
and every request to the site (the worker's too) stays under it and gets 200.

The server (tools.site_server with ``prefix``) answers nothing outside the subpath, so a
root-relative address anywhere in the site shows up here as a request outside it."""

from __future__ import annotations

import datetime as dt
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.support import PILOT_QUIZ
from tools.browser import block_outside
from tools.pages import quiz_pages, site_pages
from tools.site_server import SiteServer

pytestmark = pytest.mark.browser
PREFIX = "/secondary-breast-cancer/"
DAY0 = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.timezone.utc)
# Every stylesheet read and no font failed (as in test_offline).
PAGE_COMPLETE = """async () => {
  await document.fonts.ready;
  const sheets = [...document.querySelectorAll('link[rel="stylesheet"]')];
  return sheets.every((link) => link.sheet && link.sheet.cssRules.length > 0)
    && [...document.fonts].every((font) => font.status !== "error");
}"""
# The site's own links on a page (not other hosts, mail or in-page anchors), resolved.
OWN_LINKS = """() => [...document.querySelectorAll('a[href], link[href], script[src], img[src]')]
  .map((el) => el.href || el.src)
  .filter((url) => new URL(url).host === location.host)"""


@pytest.fixture(scope="module")
def subpath_url(built_site):
    with SiteServer(built_site, prefix=PREFIX) as base:
        yield base


def status(url: str) -> int:
    try:
        return urllib.request.urlopen(url).status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_server_answers_only_under_the_subpath(subpath_url):
    root = subpath_url.removesuffix(PREFIX) + "/"
    assert status(subpath_url + "index.html") == 200
    assert status(subpath_url + "book/glossary.html") == 200
    assert status(root + "index.html") == 404
    assert status(root + "book/glossary.html") == 404


def test_the_whole_site_works_under_a_subpath(browser, built_site, subpath_url, pilot_quiz):
    context = browser.new_context(service_workers="allow", viewport={"width": 1280, "height": 900})
    context.clock.install(time=DAY0)
    outside: list[str] = []
    block_outside(context, outside)
    responses: list[tuple[str, int, str]] = []
    context.on("response", lambda r: responses.append((r.url, r.status, r.request.resource_type)))
    failed: list[str] = []
    context.on("requestfailed", lambda r: "ERR_ABORTED" in (r.failure or "") or failed.append(f"{r.url} {r.failure}"))
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    links: set[str] = set()
    try:
        # The root redirects to the first chapter, under the subpath.
        page.goto(subpath_url, wait_until="networkidle")
        assert page.url == subpath_url + "book/intro.html"

        pages = site_pages(built_site)
        assert len(pages) > 30
        for path in pages:
            response = page.goto(subpath_url + path, wait_until="networkidle")
            assert response.status == 200, path
            assert page.evaluate(PAGE_COMPLETE), f"{path}: a stylesheet or font did not load"
            links.update(page.evaluate(OWN_LINKS))

        # A quiz answers, and remembers: one right, one wrong.
        page.goto(subpath_url + quiz_pages(built_site)[PILOT_QUIZ], wait_until="networkidle")
        right, wrong = pilot_quiz.questions[0], pilot_quiz.questions[1]
        for question, indices in ((right, sorted(right.correct_indices)),
                                  (wrong, [next(i for i, o in enumerate(wrong.options) if not o.correct)])):
            fieldset = page.locator(f'fieldset[data-question-id="{question.id}"]')
            for i in indices:
                fieldset.locator(".sc-options input").nth(i).check()
            fieldset.get_by_role("button", name="Check answer").click()
            expect(fieldset.get_by_role("status")).to_contain_text("Correct" if question is right else "Not quite")

        page.goto(subpath_url + "book/progress.html", wait_until="networkidle")
        expect(page.locator(".sc-progress-rows tr", has_text=pilot_quiz.title)).to_contain_text("2")

        # The next day the wrong one is due: Review fetches its quiz, under the subpath.
        context.clock.set_system_time(DAY0 + dt.timedelta(days=1))
        page.goto(subpath_url + "book/review.html", wait_until="networkidle")
        expect(page.locator(".sc-review-summary")).to_contain_text("1 question is due for review today")
        expect(page.locator(f'.sc-review-quizzes fieldset[data-question-id="{wrong.id}"]')).to_be_visible()

        # The worker registered for the subpath and saved the course from under it.
        scope = page.evaluate("navigator.serviceWorker.ready.then((r) => [r.scope, r.active.scriptURL])")
        assert scope == [subpath_url, subpath_url + "sw.js"]
    finally:
        context.close()

    assert outside == [] and failed == [] and errors == [], (outside, failed, errors)
    own = [r for r in responses if urlsplit(r[0]).netloc == urlsplit(subpath_url).netloc]
    assert [r for r in own if not urlsplit(r[0]).path.startswith(PREFIX)] == []
    assert [r for r in own if r[1] != 200] == []
    kinds = {kind for _, _, kind in own}
    assert {"document", "stylesheet", "script", "font", "fetch"} <= kinds, kinds
    assert any(url.endswith("/sw.js") for url, _, _ in own)
    # Every link, stylesheet and script address on every page is under the subpath.
    assert links and [url for url in links if not urlsplit(url).path.startswith(PREFIX)] == []
