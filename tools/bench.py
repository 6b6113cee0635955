"""`make bench`: how heavy the built site is, how fast the book builds, how fast it loads.

Prints, for the course as configured and for a default Jupyter Book 1 build of the same
content: the median and largest page weight (bytes a browser fetches for a page, raw
and gzipped, measured in Chromium), the quiz script and stylesheet gzipped, and the
clean, no-change and quiz-edit rebuild times; the live site's size on disk, the bytes to
its first working quiz (served plain and compressed) and the seconds it takes; then
Lighthouse's medians for every chapter page of the course (tools/lighthouse.py). Exits 1 if
a target is missed.

Run as ``python -m tools.bench`` from the project root (``make bench``).
"""

from __future__ import annotations

import gzip
import posixpath
import resource
import shutil
import statistics
import sys
import tempfile
import time
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tools import lighthouse, lite
from tools.book import ROOT, copy_sources, jupyter_book_build
from tools.browser import block_outside, bytes_over_network, launch
from tools.pages import live_links, site_pages, stated_live_megabytes
from tools.site_server import SiteServer

CHAPTER = "book/hormone-therapy.html"
QUIZ_ASSETS = ("selfcheck-quiz.js", "selfcheck-quiz.css")
QUIZ_ASSET_LIMIT = 10 * 1024
REBUILD_SHARE_LIMIT = 0.35

# What a new Jupyter Book 1 project has: title, execution cache, the bibliography and
# the quiz extension (without which the chapter could not show its quiz), nothing trimmed.
DEFAULT_CONFIG = """\
title: Treating secondary breast cancer
author: The course team
only_build_toc_files: true
exclude_patterns: [_build]
execute:
  execute_notebooks: cache
bibtex_bibfiles:
  - book/references.bib
sphinx:
  extra_extensions:
    - selfcheck
"""


def copy_course(dest: Path, default_config: bool = False) -> Path:
    copy_sources(dest)
    if default_config:
        (dest / "_config.yml").write_text(DEFAULT_CONFIG)
        shutil.rmtree(dest / "_static", ignore_errors=True)
        _quote_front_matter_dates(dest)
    return dest


def _quote_front_matter_dates(book: Path) -> None:
    """Without course_site, a bare ``reviewed: 2026-12-06`` reaches the notebook cache as a
    date, which it cannot store: quote the dates in the copy, as an author of a default
    Jupyter Book would have to."""
    from course_site.front_matter import quote_front_matter_dates

    for page in (book / "book").glob("*.md"):
        source = [page.read_text(encoding="utf-8")]
        quote_front_matter_dates(None, page.stem, source)
        page.write_text(source[0], encoding="utf-8")


class Timing:
    """Wall-clock and CPU seconds of one build (CPU includes the notebook kernels).
    CPU time is what the targets are judged on: wall time swings with whatever else
    the machine is doing."""

    def __init__(self, wall: float, cpu: float):
        self.wall, self.cpu = wall, cpu

    def __str__(self) -> str:
        return f"{self.wall:.1f} s ({self.cpu:.1f} s CPU)"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(source: Path, strict: bool = True) -> Timing:
    cpu_before, started = _children_cpu(), time.perf_counter()
    result = jupyter_book_build(source, strict=strict)
    timing = Timing(time.perf_counter() - started, _children_cpu() - cpu_before)
    if result.returncode != 0:
        sys.exit(f"bench: the build of {source} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return timing


def page_weights(html: Path) -> dict[str, tuple[int, int]]:
    """page -> (raw bytes, gzipped bytes) of everything Chromium fetched from the site."""
    from playwright.sync_api import sync_playwright

    weights = {}
    with SiteServer(html, compress=True) as base, sync_playwright() as p:
        browser = launch(p)
        for page_path in site_pages(html):
            context = browser.new_context()
            fetched: set[Path] = set()

            def route(route):
                url = urlsplit(route.request.url)
                if url.hostname != "127.0.0.1":
                    route.abort()  # a default build reaches for CDNs; they are not counted
                    return
                path = html / unquote(url.path.lstrip("/"))
                if path.is_file():
                    fetched.add(path)
                route.continue_()

            context.route("**/*", route)
            page = context.new_page()
            page.goto(base + page_path, wait_until="networkidle")
            context.close()
            raw = sum(f.stat().st_size for f in fetched)
            packed = sum(len(gzip.compress(f.read_bytes(), 6)) for f in fetched)
            weights[page_path] = (raw, packed)
        browser.close()
    return weights


def kib(n: int) -> str:
    return f"{n / 1024:,.1f} KiB"


def summary(weights: dict[str, tuple[int, int]]) -> str:
    raws = [w[0] for w in weights.values()]
    packed = [w[1] for w in weights.values()]
    largest = max(weights, key=lambda p: weights[p][0])
    return (
        f"median page {kib(int(statistics.median(raws)))} raw, {kib(int(statistics.median(packed)))} gzipped; "
        f"largest {largest}: {kib(weights[largest][0])} raw, {kib(weights[largest][1])} gzipped"
    )


# --- the live site (tools/lite.py) ----------------------------------------------------------

# Starting Python in the browser: about 10 s here, far longer on a loaded machine.
LIVE_START_MS = 180_000


class LiveStart:
    """One cold start of the live quiz: bytes over the network until the widget quiz shows,
    seconds to it from opening the live address, seconds from Check answer to the feedback,
    and the requests to other hosts (refused)."""

    def __init__(self, transferred: int, to_quiz: float, to_feedback: float, outside: list[str]):
        self.transferred, self.to_quiz, self.to_feedback, self.outside = transferred, to_quiz, to_feedback, outside


def mb(n: int) -> str:
    return f"{n / 1_000_000:,.1f} MB"


def live_site_size(html: Path) -> tuple[int, int]:
    """(bytes, files) of the live site in the book's output."""
    files = [path for path in (html / lite.live_folder()).rglob("*") if path.is_file()]
    return sum(path.stat().st_size for path in files), len(files)


def live_address(html: Path) -> str:
    """The chapter's live link, as the built page has it, relative to the site's root."""
    links = live_links((html / CHAPTER).read_text(encoding="utf-8"))
    if not links:
        sys.exit(f"bench: {CHAPTER} has no live link")
    return posixpath.normpath(posixpath.join(posixpath.dirname(CHAPTER), unescape(links[0])))


def stated_live_size(html: Path) -> str:
    """The download the chapter's live link states ("about 30 MB")."""
    stated = stated_live_megabytes((html / CHAPTER).read_text(encoding="utf-8"))
    return f"about {stated:g} MB" if stated is not None else "no size stated"


def live_start(html: Path, compress: bool) -> LiveStart:
    """Open the live quiz in a new browser context (nothing cached), service workers allowed
    as in a reader's browser; count what crosses the network until the widget quiz shows
    (a page's request answered by a worker counts once, as the worker's own fetch), then
    answer its first question once."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout, sync_playwright

    with SiteServer(html, compress=compress) as base, sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(service_workers="allow")
        outside: list[str] = []
        block_outside(context, outside)
        finished = []
        context.on("requestfinished", lambda request: finished.append(request))
        page = context.new_page()
        started = time.perf_counter()
        page.goto(base + live_address(html))
        question = page.locator(".sc-widget > .widget-vbox").first
        try:
            question.locator(".widget-radio-box input[type=radio]").first.wait_for(state="attached", timeout=LIVE_START_MS)
        except PlaywrightTimeout:
            sys.exit(f"bench: the live quiz did not start within {LIVE_START_MS // 1000} s")
        to_quiz = time.perf_counter() - started
        transferred = bytes_over_network(finished)
        question.locator(".widget-radio-box input[type=radio]").first.check()
        checked = time.perf_counter()
        question.get_by_role("button", name="Check answer").click()
        page.wait_for_function("(view) => view.lastElementChild.textContent.trim() !== ''",
                               arg=question.element_handle(), timeout=60_000)
        to_feedback = time.perf_counter() - checked
        context.close()
        browser.close()
    return LiveStart(transferred, to_quiz, to_feedback, outside)


def live_report(html: Path) -> tuple[list[str], int]:
    """The live site's lines of the report, and the number of requests to other hosts."""
    size, files = live_site_size(html)
    plain, packed = live_start(html, compress=False), live_start(html, compress=True)
    outside = len(plain.outside) + len(packed.outside)
    return [
        f"Live site ({lite.live_folder()}/): {mb(size)} on disk in {files:,} files",
        f"Live quiz (the link on {CHAPTER}), cold, to the first working widget quiz: "
        f"{mb(plain.transferred)} transferred served plain, {mb(packed.transferred)} served compressed "
        f"(gzip for text, .mjs and .wasm; wheels and .zip are compressed already); the chapter's link states "
        f"{stated_live_size(html)}",
        f"Live quiz start: {plain.to_quiz:.1f} s plain, {packed.to_quiz:.1f} s compressed from opening its address "
        f"to the widget quiz; feedback {plain.to_feedback:.2f} s / {packed.to_feedback:.2f} s after Check answer; "
        f"{outside} request(s) to other hosts",
    ], outside


def edit_first_quiz_prompt(source: Path) -> str:
    quiz = source / "quizzes" / "hormone-therapy.yml"
    text = quiz.read_text()
    marker = "    prompt: "
    start = text.index(marker) + len(marker)
    end = text.index("\n", start)
    new_prompt = "Bench edit, which result makes hormone therapy likely to help?"
    quiz.write_text(text[:start] + new_prompt + text[end:])
    return new_prompt


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        course = copy_course(tmp / "course")
        print("Building the course (clean)...", flush=True)
        clean = build(course)
        print("Rebuilding with no change...", flush=True)
        no_change = build(course)
        new_prompt = edit_first_quiz_prompt(course)
        print("Rebuilding after a quiz YAML edit...", flush=True)
        after_edit = build(course)
        html = course / "_build" / "html"
        edit_visible = f"<legend>{new_prompt}</legend>" in (html / CHAPTER).read_text()
        # As `make book` does: the live site goes into the output.
        try:
            lite.install(lite.build(), html, lite.live_folder(course))
        except lite.LiteBuildError as error:
            sys.exit(f"bench: the live site was not built: {error}")

        print("Building the same content with a default Jupyter Book configuration...", flush=True)
        default = copy_course(tmp / "default", default_config=True)
        build(default, strict=False)
        default_html = default / "_build" / "html"

        print("Measuring pages in Chromium...", flush=True)
        course_weights = page_weights(html)
        default_weights = page_weights(default_html)

        print("Starting the live quiz in Chromium, served plain and compressed...", flush=True)
        live_lines, live_outside = live_report(html)

        print("Running Lighthouse on every chapter page...", flush=True)
        failures = lighthouse.run(html, ROOT / "_build" / "bench" / "lighthouse")

    assets = {name: len(gzip.compress((ROOT / "selfcheck" / "static" / name).read_bytes(), 6)) for name in QUIZ_ASSETS}
    assets_total = sum(assets.values())
    share = no_change.cpu / clean.cpu
    chapter, default_chapter = course_weights[CHAPTER], default_weights[CHAPTER]

    print()
    print("Course site:  " + summary(course_weights))
    print("Default build: " + summary(default_weights))
    print(f"Chapter page ({CHAPTER}): {kib(chapter[0])} raw, {kib(chapter[1])} gzipped "
          f"(default build: {kib(default_chapter[0])} raw, {kib(default_chapter[1])} gzipped)")
    print("Quiz assets gzipped: " + ", ".join(f"{n} {kib(b)}" for n, b in assets.items())
          + f"; together {kib(assets_total)} (target at most {kib(QUIZ_ASSET_LIMIT)})")
    print(f"Clean build {clean}; no-change rebuild {no_change} ({share:.0%} of clean in CPU time; "
          f"target at most {REBUILD_SHARE_LIMIT:.0%}); rebuild after a quiz edit {after_edit}, "
          f"edit visible: {'yes' if edit_visible else 'NO'}")
    for line in live_lines:
        print(line)

    if assets_total > QUIZ_ASSET_LIMIT:
        failures.append("quiz assets over 10 KB gzipped")
    if share > REBUILD_SHARE_LIMIT:
        failures.append("no-change rebuild over 35 % of a clean build")
    if not edit_visible:
        failures.append("quiz edit not visible after a normal rebuild")
    if live_outside:
        failures.append("the live quiz asked another host")
    if chapter[0] >= default_chapter[0]:
        failures.append("chapter page not smaller than the default build's")
    print()
    print("All targets met." if not failures else "Targets missed: " + "; ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
