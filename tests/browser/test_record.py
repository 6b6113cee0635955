"""The learning record and the learner's own safety nets, in Chromium on the built course
(issue 15, items 2-4): the record printed alone on one A4 page with the learner's whole
name, progress saved to a file and loaded into a second, empty browser, a bad file that
changes nothing, and Reset that asks first and can be undone, by keyboard alone."""

from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.grading_table import record_key
from tools.browser import block_outside

pytestmark = pytest.mark.browser

LONG_NAME = "Aisha Okafor-Whitfield, RN (NMC PIN 12A3456E)"
# About 150 words of reflection across the four fields, as a typical learner writes.
ACCOUNT = {
    "nature": "Self-directed online study of six chapters of the course on treating secondary breast "
              "cancer, each with its quiz, alongside my work on an oncology day unit.",
    "learned": "I learned to recognise neutropenic sepsis on the phone, to check that a DPD result is back "
               "before the first capecitabine, and to ask about new back pain and leg weakness, which can "
               "mean spinal cord compression. I now know which side effects of hormone therapy and "
               "CDK4/6 inhibitors to watch for and when to escalate.",
    "changed": "I use the advice line's triage tool at every call, I check blood results and DPD status "
               "before treatment, and I teach patients when to ring at once. I have shared the "
               "extravasation steps with two new colleagues.",
    "code": "It supports practising in line with the best available evidence, preserving safety by "
            "escalating promptly and working within the limits of my competence.",
}


def manifest(page) -> dict:
    return json.loads(page.locator("script.sc-manifest").text_content())


def everything(page) -> dict:
    """All of this site's localStorage (the theme keeps its colour mode there too)."""
    return page.evaluate("() => Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))")


def storage(page) -> dict:
    """What the course keeps: answers and the learner's record."""
    return {k: v for k, v in everything(page).items() if k.startswith("selfcheck")}


def complete_chapters(page, count: int) -> list[str]:
    """Answer every question of the first ``count`` quizzes (as stored answers); their chapters."""
    quizzes = manifest(page)["quizzes"][:count]
    page.evaluate("""(quizzes) => quizzes.forEach((quiz, n) => quiz.questions.forEach((q, i) =>
        localStorage.setItem(`selfcheck/v1/${quiz.id}/${q.id}/${q.version}`, JSON.stringify({
          chosen: [0], first: i % 3 !== 0, last: true, firstDate: `2026-11-0${n + 1}`,
          lastDate: `2026-11-1${n}`, at: Date.UTC(2026, 10, 10 + n)})))) """, quizzes)
    page.reload(wait_until="networkidle")
    return [q["chapter"] for q in quizzes]


PRACTICE = "I see these patients on the day unit and answer their calls on the advice line."


def fill_record(page, name=LONG_NAME):
    page.get_by_label("Your name (optional)").fill(name)
    for field, text in ACCOUNT.items():
        page.locator(f'.sc-account-field[data-field="{field}"]').fill(text)
    page.get_by_label("Practise effectively").check()
    page.get_by_label("Preserve safety").check()
    # each chapter: a sentence on how it relates to her practice; one chapter's hours her own
    practice = page.get_by_label("How this relates to my practice")
    for n in range(practice.count()):
        practice.nth(n).fill(PRACTICE)
    page.locator(".sc-topic-hours").first.fill("1.5")


def code_cell(numbers: list[int], code: dict) -> str:
    """'13, 19 (Preserve safety), 6 (Practise effectively)': in the chapter's order, each run of
    one theme followed by its name."""
    runs: list[tuple[str, list[int]]] = []
    for n in numbers:
        theme = code[str(n)]["theme"]
        if runs and runs[-1][0] == theme:
            runs[-1][1].append(n)
        else:
            runs.append((theme, [n]))
    return ", ".join(", ".join(map(str, ns)) + f" ({theme})" for theme, ns in runs)


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_the_printed_record_of_a_typical_learner_is_one_page_with_the_whole_name(visit):
    page = visit("book/progress.html")
    chapters = complete_chapters(page, 6)
    fill_record(page)
    first = manifest(page)["quizzes"][0]
    page.get_by_text("Add participatory learning that covered a chapter").click()
    page.get_by_label("Chapter", exact=True).select_option(first["id"])
    expect(page.get_by_label("Length in minutes")).to_have_value(str(first["sessionMinutes"]))
    page.get_by_label("Who with (role or group)").fill("Jo Mensah, clinical educator")
    page.get_by_label("Date", exact=True).fill("2026-11-20")
    page.get_by_role("button", name="Record this session").click()
    expect(page.locator(".sc-session-status")).to_have_text(f"Session recorded: {first['chapter']}")
    rows = page.locator(".sc-record-rows tr")
    expect(rows).to_have_count(6)
    expect(rows.first).to_contain_text("Self-directed online learning")
    expect(rows.first).to_contain_text("1 (with Jo Mensah, clinical educator, 20 Nov 2026)")
    expect(rows.nth(1)).to_contain_text("Self-directed online learning")
    assert rows.nth(1).locator("td").nth(4).inner_text() == "0"  # no session: no participatory hours
    # the completion day (the last first answer), not the last review (lastDate is 10 Nov)
    assert rows.first.locator("td").nth(0).inner_text() == "1 Nov 2026"
    # hours: her own for the first chapter (1.5 + the 1-hour session), the course's estimate elsewhere
    assert rows.first.locator("td").nth(3).inner_text() == f"{1.5 + first['sessionMinutes'] / 60:g}"
    second = manifest(page)["quizzes"][1]
    assert rows.nth(1).locator("td").nth(3).inner_text() == f"{int(second['minutes'] / 6 + 0.5) / 10:g} (estimate)"
    # the parts of the Code are the chapter's data (book/nmc-code.yml, nmc_code), most relevant first,
    # each with its theme
    code = manifest(page)["code"]
    assert first["code"] and rows.first.locator("td").nth(5).inner_text() == code_cell(first["code"], code)
    expect(page.locator(".sc-record-code-key")).to_contain_text(f"{first['code'][0]}. {code[str(first['code'][0])]['title']}")
    serious = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []

    page.emulate_media(media="print")
    # the record alone: none of the page before it, none of the theme around it
    for hidden in (".sc-progress-table", ".sc-not-started", ".bd-header", ".bd-sidebar-primary", "h1",
                   ".sc-transfer", ".bd-footer", ".prev-next-area", ".sc-record-name", "#jb-print-docs-body"):
        if page.locator(hidden).count():
            assert not page.locator(hidden).first.is_visible(), hidden
    course = page.locator(".sc-record-course")
    expect(course).to_be_visible()
    expect(course).to_contain_text("Treating secondary breast cancer")
    expect(course).to_contain_text(re.compile(r"Course version: built \d{4}-\d{2}-\d{2}"))
    name = page.locator(".sc-record-name-print")
    expect(name).to_have_text(LONG_NAME)
    box = name.evaluate("e => { const r = e.getBoundingClientRect(), p = e.closest('.sc-record').getBoundingClientRect();"
                        " return [r.left >= p.left - 1, r.right <= p.right + 1, e.scrollWidth <= e.offsetWidth + 1]; }")
    assert box == [True, True, True], box
    for chapter in chapters:
        expect(page.locator(".sc-record-rows")).to_contain_text(chapter)
    expect(page.locator(".sc-record-reflection-print")).to_have_text(ACCOUNT["learned"])
    # the CPD log's topic (each chapter's description) and how it relates to her practice
    topics = page.locator(".sc-topic")
    expect(topics).to_have_count(6)
    expect(topics.first).to_contain_text(first["description"])
    expect(topics.first.locator(".sc-topic-practice-print")).to_have_text(PRACTICE)
    expect(page.locator(".sc-account")).to_contain_text(
        "What was the nature of the CPD activity and/or practice-related feedback and/or event or experience in your practice?")
    expect(page.locator(".sc-account-intro")).to_have_text(
        "These are the questions on the NMC's reflective accounts form. Copy your answers onto that form "
        "for your portfolio; you need five accounts.")
    expect(page.locator(".sc-record-evidence")).to_be_visible()
    expect(page.locator(".sc-record-evidence")).to_have_text(
        "Keep this printed record as evidence of the activity. This course is not accredited or endorsed by the "
        "NMC. This record was made in your own browser from your own answers.")
    # the record starts at the top of the first page: no blank first page
    assert page.locator(".sc-record").evaluate("e => e.getBoundingClientRect().top + window.scrollY") < 80
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf_pages(pdf) == 1
    page.emulate_media(media="screen")
    assert visit.outside == [] and visit.errors == []


def test_progress_saved_to_a_file_loads_into_a_second_empty_browser(visit, browser, site_url, tmp_path):
    page = visit("book/progress.html")
    complete_chapters(page, 2)
    fill_record(page, "Sam Nurse")
    table = page.locator(".sc-progress-rows").inner_text()
    record = page.locator(".sc-record-rows").inner_text()
    with page.expect_download() as caught:
        page.get_by_role("button", name="Save my progress to a file").click()
    download = caught.value
    assert re.fullmatch(r"secondary-breast-cancer-progress-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    answers = sum(len(q["questions"]) for q in manifest(page)["quizzes"][:2])
    expect(page.locator(".sc-transfer-status")).to_have_text(f"Saved {answers} answers to {download.suggested_filename}.")

    second = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    block_outside(second, outside)
    other = second.new_page()
    other.goto(site_url + "book/progress.html", wait_until="networkidle")
    assert storage(other) == {}
    other.get_by_label("Load progress from a file").set_input_files(saved)
    expect(other.locator(".sc-transfer-status")).to_have_text(f"Loaded: {answers} answers added, 0 updated.")
    assert other.locator(".sc-progress-rows").inner_text() == table
    assert other.locator(".sc-record-rows").inner_text() == record
    expect(other.get_by_label("Your name (optional)")).to_have_value("Sam Nurse")
    expect(other.locator('.sc-account-field[data-field="learned"]')).to_have_value(ACCOUNT["learned"])
    # the learner's own hours and practice, chapter by chapter, came too
    expect(other.locator(".sc-topic-hours").first).to_have_value("1.5")
    expect(other.get_by_label("How this relates to my practice").nth(1)).to_have_value(PRACTICE)
    other.reload(wait_until="networkidle")  # kept, not only shown
    assert other.locator(".sc-progress-rows").inner_text() == table
    # loading the same file again adds nothing and rewrites no first attempt
    before = storage(other)
    other.get_by_label("Load progress from a file").set_input_files(saved)
    expect(other.locator(".sc-transfer-status")).to_have_text("Loaded: 0 answers added, 0 updated.")
    assert storage(other) == before
    second.close()
    assert outside == []


def bad_files(page) -> dict[str, str]:
    quiz = manifest(page)["quizzes"][0]
    q = quiz["questions"][0]
    key = f"selfcheck/v1/{quiz['id']}/{q['id']}/{q['version']}"
    out_of_range = {"format": "selfcheck-progress", "version": 1, "record": {},
                    "answers": {key: {"chosen": [q["options"]], "first": True, "last": True}}}
    return {
        "not-json.json": ("this is not JSON {", "Nothing was loaded: the file is not saved progress (it is not a JSON file)."),
        "foreign.json": (json.dumps({"name": "a spreadsheet", "rows": [1, 2]}),
                         "Nothing was loaded: the file is not progress saved from this course."),
        "out-of-range.json": (json.dumps(out_of_range),
                              f"Nothing was loaded: the file holds an answer this course cannot read ({key[:60]})."),
        "outside.json": (json.dumps({"format": "selfcheck-progress", "version": 1, "record": {},
                                     "answers": {"theme-mode": "dark"}}),
                         "Nothing was loaded: the file holds something that is not an answer to this course (theme-mode)."),
        "too-big.json": (" " * (1024 * 1024 + 10), "Nothing was loaded: the file is too big to be saved progress (more than 1 MB)."),
        "hours-out-of-range.json": (json.dumps({"format": "selfcheck-progress", "version": 1, "answers": {},
                                                "record": {"chapters": {quiz["id"]: {"hours": 1000}}}}),
                                    "Nothing was loaded: the learning record in the file is not in the expected form."),
    }


def test_a_bad_file_changes_nothing_and_says_why_in_one_line(visit):
    page = visit("book/progress.html")
    complete_chapters(page, 1)
    page.get_by_label("Your name (optional)").fill("Sam Nurse")
    before = everything(page)
    status = page.locator(".sc-transfer-status")
    assert status.get_attribute("role") == "status"
    for name, (text, message) in bad_files(page).items():
        page.get_by_label("Load progress from a file").set_input_files(
            {"name": name, "mimeType": "application/json", "buffer": text.encode()})
        expect(status).to_have_text(message)
        assert "\n" not in status.inner_text()
        assert everything(page) == before, name
    assert visit.errors == []


def focused(page) -> str:
    return page.evaluate("document.activeElement.textContent.trim()")


def test_reset_all_asks_first_and_undo_restores_exactly_by_keyboard(visit):
    page = visit("book/progress.html")
    complete_chapters(page, 2)
    page.get_by_label("Your name (optional)").fill("Sam Nurse")
    before = storage(page)
    assert record_key() in before
    page.get_by_role("button", name="Reset all").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".sc-confirm")).to_contain_text("Clear all your answers and your learning record?")
    assert focused(page) == "Cancel"
    serious = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    page.keyboard.press("Enter")  # Cancel
    expect(page.locator(".sc-confirm")).to_be_hidden()
    expect(page.locator(".sc-reset-status")).to_have_text("Nothing was cleared.")
    assert focused(page) == "Reset all"
    assert storage(page) == before

    page.keyboard.press("Enter")
    assert focused(page) == "Cancel"
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "Yes, reset"
    page.keyboard.press("Enter")
    expect(page.locator(".sc-reset-status")).to_have_text("All your answers and your learning record have been cleared.")
    assert storage(page) == {}
    expect(page.get_by_label("Your name (optional)")).to_have_value("")
    assert focused(page) == "Undo"
    page.keyboard.press("Enter")
    expect(page.locator(".sc-reset-status")).to_have_text("Your answers and your learning record are back.")
    assert storage(page) == before
    expect(page.get_by_label("Your name (optional)")).to_have_value("Sam Nurse")
    expect(page.locator(".sc-record-summary")).to_contain_text("2 chapters completed")
    expect(page.get_by_role("button", name="Undo")).to_be_hidden()
    assert visit.errors == []


def test_reset_this_quiz_asks_first_and_undo_restores_by_keyboard(visit, pilot_page, pilot_quiz):
    page = visit(pilot_page)
    for question in pilot_quiz.questions[:2]:
        box = page.locator(f'fieldset[data-question-id="{question.id}"]')
        box.locator(".sc-options input").nth(sorted(question.correct_indices)[0]).check()
        box.get_by_role("button", name="Check answer").click()
    total = len(pilot_quiz.questions)
    score = f"(2 of {total} checked"
    expect(page.locator(".sc-score")).to_contain_text(score)
    before = storage(page)
    reset = page.get_by_role("button", name="Reset this quiz")
    reset.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".sc-quiz .sc-confirm")).to_have_text(re.compile(r"Clear your answers to this quiz\?"))
    assert focused(page) == "Cancel"
    page.keyboard.press("Enter")
    expect(page.locator(".sc-quiz .sc-reset-status")).to_have_text("Nothing was cleared.")
    assert storage(page) == before
    expect(page.locator(".sc-score")).to_contain_text(score)
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # Yes, reset
    expect(page.locator(".sc-quiz .sc-reset-status")).to_have_text("This quiz has been reset.")
    expect(page.locator(".sc-score")).to_contain_text(f"(0 of {total} checked")
    assert page.locator(".sc-options input:checked").count() == 0
    assert focused(page) == "Undo"
    page.keyboard.press("Enter")
    expect(page.locator(".sc-quiz .sc-reset-status")).to_have_text("Your answers to this quiz are back.")
    expect(page.locator(".sc-score")).to_contain_text(score)
    assert page.locator(".sc-options input:checked").count() == 2
    assert storage(page) == before
    page.reload(wait_until="networkidle")  # Undo lasts only until the page is left
    expect(page.get_by_role("button", name="Undo")).to_be_hidden()
    expect(page.locator(".sc-score")).to_contain_text(score)
    assert visit.errors == []


def test_the_filled_record_reflows_at_320_pixels(browser, site_url):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto(site_url + "book/progress.html", wait_until="networkidle")
    complete_chapters(page, 6)
    fill_record(page)
    page.get_by_role("button", name="Reset all").click()  # the confirm's buttons too
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    cell = page.locator(".sc-record-rows td").first
    assert cell.evaluate("e => getComputedStyle(e, '::before').content") == '"Dates: "'  # stacked, labelled
    context.close()
