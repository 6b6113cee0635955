"""The whole course offline (course_site.offline, issue 15 item 7): after one visit, with
the server gone and the browser offline, every page of the built site opens from the service
worker's cache (chapters, glossary, search with results, My progress, Review when it is
built), with its stylesheet, scripts and fonts; from a subfolder too; a new build is saved
in place of the old one and the reader is told; file:// and blocked workers do no harm.

These contexts allow service workers (every other test's context blocks them: see
tools.browser.launch). Playwright sees, and routes, the requests a worker makes: every one
must be to the site's own server."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from course_site.offline import retiring_worker_script, site_worker_script
from tests.support import ROOT
from tools.browser import block_outside
from tools.pages import chapter_pages, site_pages
from tools.site_server import SiteServer

pytestmark = pytest.mark.browser
ALSO = yaml.safe_load((ROOT / "_config.yml").read_text())["sphinx"]["config"]["course_site_offline_also"]
LEAVE_OUT = yaml.safe_load((ROOT / "_config.yml").read_text())["sphinx"]["config"]["course_site_offline_leave_out"]
OTHER_SITES = yaml.safe_load((ROOT / "_config.yml").read_text())["sphinx"]["config"]["course_site_other_sites"]
UPDATED = "This course has been updated since you saved it for offline use."
NOTICE = ".course-offline-notice"
# Once the page has loaded: every stylesheet read, no font failed.
PAGE_COMPLETE = """async () => {
  await document.fonts.ready;
  const sheets = [...document.querySelectorAll('link[rel="stylesheet"]')];
  return sheets.every((link) => link.sheet && link.sheet.cssRules.length > 0)
    && [...document.fonts].every((font) => font.status !== "error");
}"""


def today() -> str:
    day = dt.date.today()
    return f"{day.day} {day:%B %Y}"


class Server:
    """The site served until ``stop()``: the network gone, not only the browser told so."""

    def __init__(self, folder: Path):
        self._server = SiteServer(folder)
        self.base = self._server.__enter__()
        self.running = True

    def stop(self) -> None:
        if self.running:
            self._server.__exit__(None, None, None)
            self.running = False


@contextmanager
def reader(browser, folder: Path, **options):
    """A reader's browser with service workers, on the site in ``folder``; yields
    (context, page, server, record) where ``record`` lists requests, outside hosts, failures and errors."""
    server = Server(folder)
    context = browser.new_context(service_workers="allow", **options)
    record = {"worker": [], "outside": [], "failed": [], "errors": []}
    block_outside(context, record["outside"])
    context.on("request", lambda r: r.service_worker and record["worker"].append(r.url))
    page = context.new_page()
    # A request cut short because the test moved on (net::ERR_ABORTED) is no failure of the
    # saved copy; a file missing from it fails otherwise (disconnected, or failed).
    page.on("requestfailed", lambda r: "ERR_ABORTED" in (r.failure or "") or record["failed"].append(f"{r.url} {r.failure}"))
    page.on("pageerror", lambda exc: record["errors"].append(str(exc)))
    page.on("console", lambda m: m.type == "error" and record["errors"].append(m.text))
    try:
        yield context, page, server, record
    finally:
        context.close()
        server.stop()


def wait_until_saved(page) -> None:
    """The worker has saved every file (it takes charge of the page only then)."""
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=120_000)


def go_offline(context, server) -> None:
    server.stop()
    context.set_offline(True)


def assert_only_own_host(record, base: str) -> None:
    host = urlsplit(base).netloc
    assert record["worker"], "the worker made no request"
    assert {urlsplit(url).netloc for url in record["worker"]} == {host}
    assert record["outside"] == []


def test_after_one_visit_every_page_opens_with_no_network(browser, built_site):
    with reader(browser, built_site) as (context, page, server, record):
        page.goto(server.base + "book/intro.html")
        wait_until_saved(page)
        assert_only_own_host(record, server.base)
        go_offline(context, server)

        pages = site_pages(built_site)
        assert {"book/glossary.html", "book/progress.html", "search.html"} <= set(pages)
        assert len(chapter_pages(built_site)) >= 15
        for path in pages:
            if path == "index.html":
                continue  # a redirect to the first page: below
            response = page.goto(server.base + path)
            assert response is not None and response.ok, path
            assert page.evaluate(PAGE_COMPLETE), path
            if "course-offline-status" in (built_site / path).read_text(encoding="utf-8"):
                # The notice shows the worker answered from its cache, not the server.
                expect(page.locator(f'{NOTICE}[role="status"]')).to_have_text(
                    f"You are offline: this is the copy saved on {today()}.", timeout=10_000)

        page.goto(server.base)
        page.wait_for_url("**/book/intro.html")
        expect(page.locator("article.bd-article h1").first).to_be_visible()

        page.goto(server.base + "search.html?q=chemotherapy")
        assert page.locator("#search-results li").first.is_visible(timeout=20_000)
        assert "chemotherapy" in page.locator("#search-results").inner_text().lower()
        page.wait_for_load_state("networkidle")  # the results' summaries, read from the saved pages

        # A quiz still answers.
        page.goto(server.base + chapter_pages(built_site)[0])
        fieldset = page.locator("fieldset[data-question-id]").first
        fieldset.locator("input").first.check()
        fieldset.get_by_role("button", name="Check answer").click()
        assert fieldset.locator('[role="status"]').inner_text().strip()

        assert record["failed"] == [] and record["errors"] == []


def test_from_a_subfolder_the_worker_keeps_to_it(browser, built_site, tmp_path):
    (tmp_path / "sub").symlink_to(built_site, target_is_directory=True)
    with reader(browser, tmp_path, viewport={"width": 360, "height": 740}) as (context, page, server, record):
        page.goto(server.base + "sub/book/glossary.html")
        wait_until_saved(page)
        registration = page.evaluate("navigator.serviceWorker.getRegistration().then((r) => [r.scope, r.active.scriptURL])")
        assert registration == [server.base + "sub/", server.base + "sub/sw.js"]
        assert all(urlsplit(url).path.startswith("/sub/") for url in record["worker"])
        assert_only_own_host(record, server.base)
        go_offline(context, server)

        page.goto(server.base + "sub/")
        page.wait_for_url("**/sub/book/intro.html")
        page.goto(server.base + "sub/" + chapter_pages(built_site)[-1])
        assert page.evaluate(PAGE_COMPLETE)
        expect(page.locator(NOTICE)).to_have_text(re.compile("^You are offline: "), timeout=10_000)
        page.goto(server.base + "sub/search.html?q=glossary")
        assert page.locator("#search-results li").first.is_visible(timeout=20_000)
        assert record["failed"] == [] and record["errors"] == []


def rebuild_worker(site: Path) -> None:
    """``sw.js`` written again for the site as it now is, as the build would."""
    (site / "sw.js").write_text(site_worker_script(site, ALSO, LEAVE_OUT, OTHER_SITES), encoding="utf-8")


def poll(condition, seconds: float = 60) -> None:
    """Wait until ``condition()`` is true (what the worker does in the background)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting for the worker"
        time.sleep(0.2)


def cache_names(page) -> list[str]:
    return sorted(page.evaluate("caches.keys()"))


@pytest.fixture
def site_copy(built_site, tmp_path) -> Path:
    return Path(shutil.copytree(built_site, tmp_path / "site"))


def test_a_new_build_is_saved_in_place_of_the_old_and_the_reader_told(browser, site_copy):
    chapter = chapter_pages(site_copy)[0]
    with reader(browser, site_copy) as (context, page, server, record):
        page.goto(server.base + chapter)
        wait_until_saved(page)
        old_caches = cache_names(page)
        assert len(old_caches) == 2 and "course-offline-state" in old_caches
        assert page.locator(NOTICE).count() == 0  # the first save says nothing

        # The site is updated: one page's text changes, and the build writes a new worker.
        text = (site_copy / chapter).read_text(encoding="utf-8")
        (site_copy / chapter).write_text(re.sub(r"(<h1>[^<]*)", r"\1 (corrected)", text), encoding="utf-8")
        rebuild_worker(site_copy)
        record["worker"].clear()
        page.reload()  # online: network first, so the corrected page at once
        assert "(corrected)" in page.locator("article.bd-article h1").first.inner_text()
        expect(page.locator(f'{NOTICE}[role="status"]')).to_have_text(
            f"{UPDATED} The new version is now saved on this device.", timeout=60_000)

        # The old build's cache goes once the new worker has taken charge (activate).
        poll(lambda: len(cache_names(page)) == 2)
        new_caches = cache_names(page)
        assert len(new_caches) == 2 and set(new_caches) & set(old_caches) == {"course-offline-state"}
        # Only what changed was fetched again: the page, not the stylesheets, scripts or fonts.
        fetched = {urlsplit(url).path for url in record["worker"]}
        assert fetched <= {f"/{chapter}", "/sw.js"}, fetched

        go_offline(context, server)
        page.goto(server.base + chapter)
        assert "(corrected)" in page.locator("article.bd-article h1").first.inner_text()
        expect(page.locator(NOTICE)).to_have_text(f"You are offline: this is the copy saved on {today()}.", timeout=10_000)
        assert record["failed"] == [] and record["errors"] == []


def test_offline_before_a_new_build_was_saved_the_reader_is_told(browser, site_copy):
    chapter = chapter_pages(site_copy)[0]
    with reader(browser, site_copy) as (context, page, server, record):
        page.goto(server.base + chapter)
        wait_until_saved(page)
        # A new build whose saving cannot finish (the network drops half-way: here a file is gone).
        (site_copy / "book" / "glossary.html").write_text("<p>new glossary</p>", encoding="utf-8")
        rebuild_worker(site_copy)
        (site_copy / "book" / "glossary.html").unlink()
        newer = re.search(r'^const BUILD = "(\w+)";', (site_copy / "sw.js").read_text(), re.M).group(1)
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update()).catch(() => null)")
        failed_install = """async (newer) => {
          const r = await navigator.serviceWorker.getRegistration();
          const newest = await caches.match(new URL("offline-state/newest", r.scope).href, { cacheName: "course-offline-state" });
          return !r.installing && !r.waiting && newest !== undefined && (await newest.json()) === newer;
        }"""
        poll(lambda: page.evaluate(failed_install, newer))
        record["errors"].clear()  # the failed install's own 404 is logged by the browser

        go_offline(context, server)
        page.goto(server.base + chapter)
        expect(page.locator(NOTICE)).to_have_text(
            f"You are offline: this is the copy saved on {today()}. {UPDATED} Connect to the internet to get the new version.",
            timeout=10_000)
        assert record["errors"] == []


def test_a_page_the_browser_also_cached_is_still_asked_of_the_server_first(browser, site_copy):
    """Files last changed long ago are fresh for days in the browser's HTTP cache (heuristic
    freshness); network first must still mean the server, and offline the reader is told."""
    long_ago = time.time() - 365 * 86400
    for path in site_copy.rglob("*"):
        os.utime(path, (long_ago, long_ago))
    chapter = chapter_pages(site_copy)[0]
    with reader(browser, site_copy) as (context, page, server, record):
        page.goto(server.base + chapter)
        wait_until_saved(page)
        page.goto(server.base + "book/glossary.html")  # online: through the worker, now in the HTTP cache too
        go_offline(context, server)
        for path in (chapter, "book/glossary.html"):
            page.goto(server.base + path)
            expect(page.locator(NOTICE)).to_have_text(f"You are offline: this is the copy saved on {today()}.", timeout=10_000)
        assert record["errors"] == []


def test_on_file_urls_and_where_workers_are_blocked_nothing_breaks(browser, built_site):
    chapter = chapter_pages(built_site)[0]
    for address, workers in ((built_site.joinpath(chapter).as_uri(), "allow"), (None, "block")):
        server = Server(built_site)
        context = browser.new_context(service_workers=workers)
        errors: list[str] = []
        try:
            page = context.new_page()
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.goto(address or server.base + chapter, wait_until="load")
            page.wait_for_timeout(1500)  # past the idle moment the page would register in
            assert page.evaluate("navigator.serviceWorker ? navigator.serviceWorker.controller : null") is None
            assert page.evaluate("navigator.serviceWorker ? navigator.serviceWorker.getRegistrations().then((r) => r.length, () => 0) : 0") == 0
            assert page.locator("fieldset[data-question-id]").count() > 0
            assert errors == [], (address, errors)
        finally:
            context.close()
            server.stop()


def test_turned_off_the_worker_deletes_what_it_saved_and_unregisters(browser, site_copy):
    chapter = chapter_pages(site_copy)[0]
    with reader(browser, site_copy) as (context, page, server, record):
        page.goto(server.base + chapter)
        wait_until_saved(page)
        assert any(name.startswith("course-offline-") for name in cache_names(page))
        # The next build, with course_site_offline: false: pages without the script, the retiring worker.
        text = (site_copy / chapter).read_text(encoding="utf-8")
        registering = re.compile(r"<script>(?:(?!</script>).)*course-offline-status(?:(?!</script>).)*</script>", re.S)
        (site_copy / chapter).write_text(registering.sub("", text), encoding="utf-8")
        assert "course-offline-status" not in (site_copy / chapter).read_text(encoding="utf-8")
        (site_copy / "sw.js").write_text(retiring_worker_script(), encoding="utf-8")
        page.reload()
        poll(lambda: page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0)
        poll(lambda: not any(name.startswith("course-offline-") for name in cache_names(page)))
        assert record["errors"] == []
