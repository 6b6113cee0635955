"""The built site, served on 127.0.0.1, used in Debian's Chromium through Playwright.

Outside hosts are blocked and every attempt to reach one is recorded: the site must
work offline and make no request to any host but its own.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

from conftest import ROOT
from selfcheck.validate import check_file

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
CHAPTER = "book/hormone-therapy.html"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site_url(built_site):
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make test`, which installs it"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def visit(browser, site_url):
    """Open a page of the site; outside requests are blocked and listed in ``outside``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    errors: list[str] = []

    def route(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1" or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)

    def open_page(path: str):
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(site_url + path, wait_until="networkidle")
        return page

    open_page.outside = outside
    open_page.errors = errors
    yield open_page
    context.close()


@pytest.fixture(scope="module")
def hormone_quiz():
    quiz, problems = check_file(ROOT / "quizzes" / "hormone-therapy.yml", None)
    assert not problems
    return quiz


def wrong_choice(question) -> list[int]:
    """A choice that is not exactly the correct set."""
    wrong = [i for i, o in enumerate(question.options) if not o.correct]
    return [wrong[0]] if wrong else sorted(question.correct_indices)[:-1]


def choose(fieldset, indices):
    for i, box in enumerate(fieldset.locator(".sc-options input").all()):
        if i in indices:
            box.check()
        elif box.get_attribute("type") == "checkbox":
            box.uncheck()


def test_every_question_right_says_correct_and_wrong_says_not_quite(visit, hormone_quiz):
    page = visit(CHAPTER)
    region = page.locator('[data-quiz-id="hormone-therapy"]')
    expect(region.get_by_role("heading", name=hormone_quiz.title)).to_be_visible()
    first_right = 0
    for n, question in enumerate(hormone_quiz.questions):
        fieldset = region.locator(f'fieldset[data-question-id="{question.id}"]')
        status = fieldset.get_by_role("status")
        button = fieldset.get_by_role("button", name="Check answer")
        attempts = [(sorted(question.correct_indices), "Correct"), (wrong_choice(question), "Not quite")]
        if n % 2:
            attempts.reverse()  # half the questions are first answered wrongly
        first_right += attempts[0][1] == "Correct"
        for indices, verdict in attempts:
            choose(fieldset, indices)
            button.click()
            text = status.inner_text()
            assert text.startswith(verdict), (question.id, indices, text)
            for i in indices:
                assert question.options[i].feedback.split()[0] in text
            assert "Source:" in text
    total = len(hormone_quiz.questions)
    expect(region.locator(".sc-score")).to_have_text(
        f"Score: {first_right} of {total} ({total} of {total} checked; first attempts count)"
    )
    assert visit.outside == [] and visit.errors == []


def test_nothing_chosen_asks_for_an_answer_and_counts_nothing(visit, hormone_quiz):
    page = visit(CHAPTER)
    question = hormone_quiz.questions[0]
    fieldset = page.locator(f'fieldset[data-question-id="{question.id}"]')
    fieldset.get_by_role("button", name="Check answer").click()
    expect(fieldset.get_by_role("status")).to_have_text("Choose an answer first.")
    expect(page.locator(".sc-score")).to_contain_text("(0 of")


def tab_until(page, predicate_js: str, limit: int = 400) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"keyboard focus never reached: {predicate_js}")


def test_quiz_done_by_keyboard_alone(visit, hormone_quiz):
    page = visit(CHAPTER)
    for question in hormone_quiz.questions:
        name = f"sc-hormone-therapy-{question.id}"
        tab_until(page, f"document.activeElement.name === {name!r}")
        focused = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert focused != "none", "keyboard focus must be visible"
        correct = sorted(question.correct_indices)
        if question.is_multiple:
            for i in range(len(question.options)):
                if i in correct:
                    page.keyboard.press("Space")
                if i < len(question.options) - 1:
                    page.keyboard.press("Tab")
        else:
            page.keyboard.press("Space")  # selects the first radio
            for _ in range(correct[0]):
                page.keyboard.press("ArrowDown")
        tab_until(page, "document.activeElement.classList.contains('sc-check')", limit=5)
        page.keyboard.press("Enter")
        status = page.locator(f'fieldset[data-question-id="{question.id}"] [role="status"]')
        assert status.inner_text().startswith("Correct"), (question.id, status.inner_text())
    total = len(hormone_quiz.questions)
    expect(page.locator(".sc-score")).to_contain_text(f"Score: {total} of {total}")
    assert visit.outside == []


@pytest.mark.parametrize("path", ["book/intro.html", CHAPTER, "book/glossary.html"])
def test_pages_make_no_outside_request_and_pass_axe(visit, path):
    page = visit(path)
    results = Axe().run(page)
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert visit.outside == [], visit.outside
    assert visit.errors == [], visit.errors


@pytest.mark.parametrize("path", ["book/intro.html", CHAPTER, "book/glossary.html"])
def test_pages_fit_a_320px_wide_screen(browser, site_url, path):
    page = browser.new_page(viewport={"width": 320, "height": 700})
    try:
        page.goto(site_url + path, wait_until="networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        page.close()
