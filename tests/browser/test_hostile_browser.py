"""Hostile input on the page (issue 12), in Chromium against a tiny book built once for
this module: stored answers are validated on read, the first stored attempt wins across
tabs and tabs hear each other, ids that name Object.prototype's own properties are scored,
a full storage still shows what it holds, and odd stored values never show as
"Invalid Date" or "[object Object]"."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.grading_table import record_key, storage_key
from tests.tinybook import build, chapter_notebook, chapter_text, make_book
from tools.browser import block_outside
from tools.site_server import SiteServer

pytestmark = pytest.mark.browser

# Three plain questions whose ids are Object.prototype's own ("constructor") or a prefix of
# another ("s" and "s-t").
PROTO_QUIZ = "id: proto\ntitle: Ids that objects know\nreviewed: 2026-01-10\nquestions:\n" + "".join(
    f"""\
  - id: {qid}
    type: single
    prompt: {prompt}
    options:
      - text: "Yes"
        correct: true
        feedback: Right.
      - text: "No"
        feedback: Wrong.
    explanation: Because.
    source: nice-cg81
"""
    for qid, prompt in (("constructor", "First?"), ("s", "Second?"), ("s-t", "Third?"))
)

PROGRESS = chapter_text("My progress", body="```{selfcheck-progress}\n```")


@pytest.fixture(scope="module")
def tiny_url(tmp_path_factory):
    base = tmp_path_factory.mktemp("tiny")
    src = make_book(base / "src", quizzes={"proto.yml": PROTO_QUIZ},
                    chapters={"proto.ipynb": chapter_notebook("Proto", ["proto"]), "progress.md": PROGRESS})
    result = build(src)
    assert not result.failed, result.log[-3000:]
    with SiteServer(result.html) as url:
        yield url


@pytest.fixture
def tiny(browser, tiny_url):
    """Open pages of the tiny site in one fresh context (shared storage, like tabs)."""
    context = browser.new_context()
    outside: list[str] = []
    errors: list[str] = []
    block_outside(context, outside)

    def open_page(path: str):
        page = context.new_page()
        # The tiny book's theme scripts (not the course's) let a full storage's refusal
        # escape: only errors in the quiz's own script count here.
        page.on("pageerror", lambda exc: errors.append(str(exc)) if "selfcheck" in (exc.stack or "") else None)
        page.goto(tiny_url + path, wait_until="networkidle")
        return page

    open_page.outside, open_page.errors, open_page.context = outside, errors, context
    yield open_page
    context.close()
    assert outside == []


def fieldset(page, qid):
    return page.locator(f'fieldset[data-question-id="{qid}"]')


def check(page, qid, indices):
    box = fieldset(page, qid)
    for i in indices:
        box.locator(".sc-options input").nth(i).check()
    box.get_by_role("button", name="Check answer").click()
    return box


def store(page, qid, value):
    """Put ``value`` (JSON) under the stored-answer key of question ``qid`` on this page."""
    ids = page.locator(f'fieldset[data-question-id="{qid}"]').evaluate(
        "f => [f.closest('[data-quiz-id]').dataset.quizId, f.dataset.questionId, f.dataset.version]")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [storage_key(*ids), json.dumps(value) if not isinstance(value, str) else value])


def score(page):
    return page.locator(".sc-score").inner_text()


# ---- 6. one bad stored answer spoils nothing ----

@pytest.mark.parametrize("bad", [{"chosen": [99], "first": True}, {"chosen": [1, 1], "first": True},
                                 {"chosen": [0, 1], "first": True}, {"chosen": "0", "first": True},
                                 {"chosen": [0.5], "first": True}, {"chosen": [-1], "first": False},
                                 {"chosen": [1], "first": "yes"}, [1, 2], "not json", None],
                         ids=["out-of-range", "repeated", "two-for-single", "string", "fraction", "negative",
                              "first-not-bool", "list", "not-json", "null"])
def test_a_bad_stored_answer_is_ignored(tiny, bad):
    page = tiny("book/small.html")
    store(page, "sm-single", bad)
    page.reload(wait_until="networkidle")
    assert fieldset(page, "sm-single").locator(".sc-feedback").inner_text() == ""
    assert "(0 of 3 checked" in score(page)
    for qid, right in (("sm-single", [1]), ("sm-multiple", [0, 2]), ("sm-tf", [1])):
        assert check(page, qid, right).locator(".sc-feedback").inner_text().startswith("Correct")
    assert score(page).startswith("Score: 3 of 3")
    assert tiny.errors == []


# ---- 12. two tabs: the first stored attempt wins, and tabs hear each other ----

def test_first_stored_attempt_wins_across_tabs_and_a_reset_reaches_the_other(tiny):
    a = tiny("book/small.html")
    b = tiny("book/small.html")  # opened before A answers
    check(a, "sm-single", [0])  # wrong, first
    expect(b.locator(".sc-score")).to_contain_text("Score: 0 of 3 (1 of 3 checked")  # B heard it
    expect(fieldset(b, "sm-single").locator(".sc-feedback")).to_contain_text("Not quite")
    check(b, "sm-single", [1])  # right, but not the first attempt
    assert score(b).startswith("Score: 0 of 3 (1 of 3 checked")
    stored = b.evaluate("Object.keys(localStorage).filter(k => k.includes('/sm-single/')).map(k => JSON.parse(localStorage[k]))")
    assert [s["first"] for s in stored] == [False] and stored[0]["last"] is True
    expect(a.locator(".sc-score")).to_contain_text("Score: 0 of 3 (1 of 3 checked")
    a.get_by_role("button", name="Reset this quiz").click()
    a.get_by_role("button", name="Yes, reset").click()
    expect(b.locator(".sc-score")).to_contain_text("Score: 0 of 3 (0 of 3 checked")
    assert fieldset(b, "sm-single").locator(".sc-options input:checked").count() == 0
    assert fieldset(b, "sm-single").locator(".sc-feedback").inner_text() == ""
    assert tiny.errors == []


# ---- 14. ids that Object.prototype knows, and ids that begin alike ----

def test_ids_named_like_object_properties_are_scored_and_kept(tiny):
    page = tiny("book/proto.html")
    check(page, "constructor", [0])
    assert score(page).startswith("Score: 1 of 3 (1 of 3 checked")
    check(page, "s", [0])
    check(page, "s-t", [1])
    assert score(page).startswith("Score: 2 of 3 (3 of 3 checked")
    page.reload(wait_until="networkidle")
    assert score(page).startswith("Score: 2 of 3 (3 of 3 checked")
    for qid in ("constructor", "s", "s-t"):
        assert fieldset(page, qid).locator(".sc-feedback").inner_text() != ""
    assert tiny.errors == []


# ---- 15. a full storage still shows what it holds ----

FULL = """Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};"""


def test_a_full_storage_shows_earlier_answers_and_says_so(tiny):
    page = tiny("book/small.html")
    check(page, "sm-single", [1])
    tiny.context.add_init_script(FULL)
    page = tiny("book/small.html")
    assert fieldset(page, "sm-single").locator(".sc-feedback").inner_text().startswith("Correct")
    assert fieldset(page, "sm-single").locator(".sc-options input").nth(1).is_checked()
    expect(page.locator(".sc-storage-notice")).to_have_text(
        "This browser's storage for the course is full. Your earlier answers are shown, but new answers are "
        "kept only while this page is open: they are lost when you leave or reload it.")
    check(page, "sm-tf", [0])
    assert score(page).startswith("Score: 1 of 3 (2 of 3 checked")
    progress = tiny("book/progress.html")
    expect(progress.locator(".sc-progress-rows")).to_contain_text("1 of 3")
    assert tiny.errors == []


def test_storage_that_fills_while_answering_says_so(tiny):
    page = tiny("book/small.html")
    check(page, "sm-single", [1])
    expect(page.locator(".sc-storage-notice")).to_have_count(0)
    page.evaluate("() => { " + FULL + " }")
    check(page, "sm-tf", [1])
    expect(page.locator(".sc-storage-notice")).to_have_count(1)
    assert score(page).startswith("Score: 2 of 3 (2 of 3 checked")
    assert tiny.errors == []


# ---- 18. honest messages ----

def test_blocked_storage_says_answers_go_on_any_navigation(browser, tiny_url):
    context = browser.new_context()
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('blocked', 'SecurityError'); }});")
    page = context.new_page()
    page.goto(tiny_url + "book/small.html", wait_until="networkidle")
    expect(page.locator(".sc-storage-notice")).to_have_text(
        "This browser is not letting the course keep your answers, so they last only while this page is open: "
        "they are lost when you leave or reload it.")
    check(page, "sm-single", [1])
    assert score(page).startswith("Score: 1 of 3")
    context.close()


def test_check_answer_says_so_when_the_quiz_script_did_not_load(browser, tiny_url):
    context = browser.new_context()
    context.route("**/selfcheck-quiz.js*", lambda route: route.abort())
    page = context.new_page()
    page.goto(tiny_url + "book/small.html", wait_until="networkidle")
    box = fieldset(page, "sm-single")
    missing = box.locator(".sc-script-missing")
    assert not missing.is_visible()
    box.locator(".sc-options input").nth(1).check()
    box.get_by_role("button", name="Check answer").click()
    expect(missing).to_be_visible()
    expect(missing).to_contain_text("answers cannot be checked")
    context.close()


def test_check_answer_with_the_script_shows_no_warning(tiny):
    page = tiny("book/small.html")
    check(page, "sm-single", [1])
    assert page.locator(".sc-script-missing").count() == 0


def test_my_progress_never_shows_invalid_dates_or_objects(tiny):
    page = tiny("book/small.html")
    store(page, "sm-single", {"chosen": [1], "first": True, "firstDate": "garbage", "lastDate": {"a": 1}})
    store(page, "sm-tf", {"chosen": [1], "first": True, "firstDate": "2026-02-30", "lastDate": 20260101})
    page.evaluate("(k) => localStorage.setItem(k, JSON.stringify({name: {a: 1}, reflection: [1, 2]}))", record_key())
    progress = tiny("book/progress.html")
    text = progress.locator(".sc-progress").inner_text()
    assert "Invalid Date" not in text and "[object Object]" not in text and "NaN" not in text
    expect(progress.locator(".sc-progress-rows")).to_contain_text("2 of 3")
    expect(progress.get_by_label("Your name (optional)")).to_have_value("")
    assert progress.locator(".sc-record-reflection").input_value() == ""
    assert tiny.errors == []
