"""Review (book/review.md) in Chromium, with Playwright's clock moving the learner's days in
London's time zone: the schedule over 91 simulated days, the empty state and its next date,
questions whose content changed, the count on My progress, a fragment that cannot be
fetched, axe, the keyboard, and no request to any other host."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.grading_table import storage_key
from tests.support import course_quiz
from tools.browser import block_outside

pytestmark = pytest.mark.browser

REVIEW = "book/review.html"
PROGRESS = "book/progress.html"
GMT = dt.timezone(dt.timedelta(0))  # London's time in winter; summer times are given in UTC
DAY0 = dt.datetime(2026, 12, 7, 9, 0, tzinfo=GMT)  # a Monday, GMT


@pytest.fixture(scope="module")
def quizzes():
    return course_quiz("hormone-therapy"), course_quiz("chemotherapy")


@pytest.fixture
def learner(browser, site_url, pilot_page):
    """A context in London's time zone whose clock starts on day 0; ``learner.open(path)``,
    ``learner.day(n)`` moves the clock to 09:00 on day n, ``learner.outside`` and
    ``learner.errors`` collect outside requests and script errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Europe/London")
    outside: list[str] = []
    errors: list[str] = []
    block_outside(context, outside)
    context.clock.install(time=DAY0)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    class Learner:
        def open(self, path):
            page.goto(site_url + path, wait_until="networkidle")
            return page

        def day(self, n):
            context.clock.set_system_time(DAY0 + dt.timedelta(days=n))

    who = Learner()
    who.page, who.context, who.outside, who.errors, who.chapter = page, context, outside, errors, pilot_page
    yield who
    context.close()
    assert outside == [], outside


def answer(page, question, right):
    fieldset = page.locator(f'fieldset[data-question-id="{question.id}"]')
    indices = sorted(question.correct_indices) if right else [
        next(i for i, o in enumerate(question.options) if not o.correct)]
    for i in indices:
        fieldset.locator(".sc-options input").nth(i).check()
    fieldset.get_by_role("button", name="Check answer").click()
    expect(fieldset.get_by_role("status")).to_contain_text("Correct" if right else "Not quite")
    return fieldset


def record(page, quiz, question):
    text = page.evaluate("(k) => localStorage.getItem(k)", storage_key(quiz.id, question.id, question.version))
    return json.loads(text) if text else None


def schedule(page, quiz, question):
    r = record(page, quiz, question)
    return r["box"], r["due"]


def due_ids(page):
    return page.locator(".sc-review-quizzes fieldset[data-question-id]").evaluate_all(
        "(nodes) => nodes.map((n) => n.dataset.questionId)")


def summary(page):
    return page.locator(".sc-review-summary")


def test_review_follows_the_schedule_over_91_days(learner, quizzes):
    ht, _ = quizzes
    q0, q1 = ht.questions[0], ht.questions[1]
    # Day 0 (7 December): in the chapter, one right and one wrong.
    page = learner.open(learner.chapter)
    answer(page, q0, True)
    answer(page, q1, False)
    assert schedule(page, ht, q0) == (1, "2026-12-10")
    assert schedule(page, ht, q1) == (0, "2026-12-08")
    page = learner.open(REVIEW)
    expect(summary(page)).to_have_text(
        "Nothing is due for review today. The next question falls due on 8 December 2026.")
    assert due_ids(page) == []

    # Day 1: the wrong one is back, and only it; answered right now, it goes to box 1.
    learner.day(1)
    page = learner.open(REVIEW)
    expect(summary(page)).to_contain_text("1 question is due for review today, from 1 chapter.")
    assert due_ids(page) == [q1.id]
    group = page.locator(f'.sc-review-quizzes section[data-quiz-id="{ht.id}"]')
    expect(group.get_by_role("heading", level=2)).to_have_text("Hormone therapy")  # the chapter's title
    expect(group.locator(".sc-review-from a")).to_have_attribute("href", "hormone-therapy.html")
    expect(group.locator(".sc-question-number")).to_have_text("Question 1 of 1 (question 2 in the chapter)")
    assert page.locator(".sc-review-changed").is_hidden()
    # The question starts blank, as a question asked again, with no score or reset.
    assert group.locator(".sc-options input:checked").count() == 0
    assert group.locator(".sc-score, .sc-reset").count() == 0
    answer(page, q1, True)
    assert schedule(page, ht, q1) == (1, "2026-12-11")
    page.reload(wait_until="networkidle")
    expect(summary(page)).to_have_text(
        "Nothing is due for review today. The next question falls due on 10 December 2026.")

    # Day 3: the one right on day 0 is due; right again: box 2, a week.
    learner.day(3)
    page = learner.open(REVIEW)
    expect(summary(page)).to_contain_text("1 question is due")
    assert due_ids(page) == [q0.id]
    answer(page, q0, True)
    assert schedule(page, ht, q0) == (2, "2026-12-17")
    # A retry on the same day, right, changes nothing.
    answer(page, q0, True)
    assert schedule(page, ht, q0) == (2, "2026-12-17")

    # Day 10: both due (one since day 4). Wrong sends q0 back to box 0; q1 up to box 2.
    learner.day(10)
    page = learner.open(REVIEW)
    expect(summary(page)).to_contain_text("2 questions are due")
    assert due_ids(page) == [q0.id, q1.id]
    expect(page.locator(".sc-question-number").nth(1)).to_have_text("Question 2 of 2 (question 2 in the chapter)")
    answer(page, q0, False)
    answer(page, q1, True)
    assert schedule(page, ht, q0) == (0, "2026-12-18")
    assert schedule(page, ht, q1) == (2, "2026-12-24")

    # Day 31 (7 January): both overdue; right: q0 to box 1 (3 days), q1 to box 3 (21 days).
    learner.day(31)
    page = learner.open(REVIEW)
    assert due_ids(page) == [q0.id, q1.id]
    answer(page, q0, True)
    answer(page, q1, True)
    assert schedule(page, ht, q0) == (1, "2027-01-10")
    assert schedule(page, ht, q1) == (3, "2027-01-28")
    page.reload(wait_until="networkidle")
    expect(summary(page)).to_have_text(
        "Nothing is due for review today. The next question falls due on 10 January 2027.")

    # Day 91 (8 March): q0 to box 2 (7 days); q1 to box 4: 60 days.
    learner.day(91)
    page = learner.open(REVIEW)
    assert due_ids(page) == [q0.id, q1.id]
    answer(page, q0, True)
    answer(page, q1, True)
    assert schedule(page, ht, q0) == (2, "2027-03-15")
    assert schedule(page, ht, q1) == (4, "2027-05-07")
    # First attempts are never rewritten by review: the chapter's score is day 0's.
    assert record(page, ht, q0)["first"] is True and record(page, ht, q1)["first"] is False
    assert record(page, ht, q1)["firstDate"] == "2026-12-07" and record(page, ht, q1)["lastDate"] == "2027-03-08"
    assert learner.errors == []


def test_an_answer_at_half_past_midnight_bst_is_dated_that_day(learner, quizzes):
    ht, _ = quizzes
    # 00:30 BST on 1 July 2026 is 23:30 UTC on 30 June.
    learner.context.clock.set_system_time(dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.timezone.utc))
    page = learner.open(learner.chapter)
    answer(page, ht.questions[0], True)
    saved = record(page, ht, ht.questions[0])
    assert (saved["firstDate"], saved["lastDate"], saved["due"]) == ("2026-07-01", "2026-07-01", "2026-07-04")
    page = learner.open(REVIEW)
    expect(summary(page)).to_have_text(
        "Nothing is due for review today. The next question falls due on 4 July 2026.")
    page = learner.open(PROGRESS)
    expect(page.locator(".sc-record-date")).to_have_text("Printed 1 July 2026.")
    row = page.locator(".sc-progress-rows tr", has_text=ht.title)
    expect(row).to_contain_text("1 July 2026")


def test_questions_never_answered_are_not_due(learner):
    page = learner.open(REVIEW)
    expect(summary(page)).to_have_text(
        "Nothing is due for review yet: a question comes here once you have answered it in a chapter's quiz.")
    assert page.locator(".sc-review-quizzes").inner_text() == ""
    assert page.locator(".sc-review-needs-js").is_hidden()
    page = learner.open(PROGRESS)
    expect(page.locator(".sc-review-due")).to_have_text("No questions due for review today. Review")


def test_a_changed_question_is_listed_and_due_at_once(learner, quizzes):
    ht, _ = quizzes
    q2 = ht.questions[2]
    page = learner.open(learner.chapter)
    old_key = storage_key(ht.id, q2.id, "0ldversion00")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [old_key, json.dumps(
        {"chosen": [0], "first": True, "last": True, "firstDate": "2026-11-01", "lastDate": "2026-11-01",
         "at": 1793534400000, "box": 4, "due": "2027-01-01"})])
    page = learner.open(REVIEW)
    changed = page.locator(".sc-review-changed")
    expect(changed.get_by_role("heading", name="Changed since you last studied")).to_be_visible()
    item = changed.locator("li a")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(f"{ht.title}: ")
    expect(item).to_have_attribute("href", f"#sc-{ht.id}-{q2.id}")
    assert due_ids(page) == [q2.id]
    expect(page.locator(f"#sc-{ht.id}-{q2.id} .sc-review-changed-note")).to_have_text("Changed since you last studied")
    # Answered now: scheduled as a first answer, and the old version's answer is gone.
    answer(page, q2, True)
    assert schedule(page, ht, q2) == (1, "2026-12-10")
    assert page.evaluate("(k) => localStorage.getItem(k)", old_key) is None
    page.reload(wait_until="networkidle")
    assert page.locator(".sc-review-changed").is_hidden()
    assert due_ids(page) == []


def test_my_progress_says_how_many_are_due(learner, quizzes):
    ht, chemo = quizzes
    page = learner.open(learner.chapter)
    answer(page, ht.questions[0], False)
    answer(page, ht.questions[1], False)
    page = learner.open("book/chemotherapy.html")
    answer(page, chemo.questions[0], False)
    page = learner.open(PROGRESS)
    expect(page.locator(".sc-review-due")).to_have_text("No questions due for review today. Review")
    learner.day(1)
    page.reload(wait_until="networkidle")
    line = page.locator(".sc-review-due")
    expect(line).to_have_text("3 questions due for review today: Review")
    line.get_by_role("link", name="Review").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(REVIEW)
    # Grouped by chapter in reading order, each with its own heading and link.
    groups = page.locator(".sc-review-quizzes section[data-quiz-id]")
    expect(groups).to_have_count(2)
    assert groups.evaluate_all("(s) => s.map((x) => x.dataset.quizId)") == [ht.id, chemo.id]
    expect(groups.nth(1).locator(".sc-review-from a")).to_have_attribute("href", "chemotherapy.html")
    expect(summary(page)).to_contain_text("3 questions are due for review today, from 2 chapters.")


def test_a_quiz_that_cannot_be_fetched_says_so_in_one_line(learner, quizzes):
    ht, chemo = quizzes
    page = learner.open(learner.chapter)
    answer(page, ht.questions[0], False)
    page = learner.open("book/chemotherapy.html")
    answer(page, chemo.questions[0], False)
    learner.day(1)
    page.route("**/selfcheck-questions/chemotherapy.html", lambda route: route.abort("internetdisconnected"))
    page = learner.open(REVIEW)
    failed = page.locator(".sc-review-failed")
    expect(failed).to_have_count(1)
    expect(failed).to_have_text(
        "The questions due from Chemotherapy could not be loaded (you may be offline): "
        "answer them in the chapter, Chemotherapy.")
    expect(failed.get_by_role("link")).to_have_attribute("href", "chemotherapy.html")
    assert due_ids(page) == [ht.questions[0].id]  # the other chapter's question is still asked


def test_review_passes_axe_and_works_by_keyboard(learner, quizzes):
    ht, _ = quizzes
    q0 = ht.questions[0]
    page = learner.open(learner.chapter)
    answer(page, q0, False)
    page = learner.open(REVIEW)

    def serious():
        return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in Axe().run(page).response["violations"]
                if v["impact"] in ("serious", "critical")]

    assert serious() == []  # nothing due
    learner.day(1)
    page.reload(wait_until="networkidle")
    assert due_ids(page) == [q0.id]
    assert serious() == []  # a question due
    # By keyboard alone: into the first option, choose the right one, check it.
    first_input = page.locator(f'fieldset[data-question-id="{q0.id}"] .sc-options input').first
    first_input.focus()
    right = sorted(q0.correct_indices)[0]
    for _ in range(right):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Check answer"
    page.keyboard.press("Enter")
    expect(page.locator(f'fieldset[data-question-id="{q0.id}"]').get_by_role("status")).to_contain_text("Correct")
    assert schedule(page, ht, q0) == (1, "2026-12-11")
    assert serious() == []  # with feedback shown
    assert learner.errors == []
