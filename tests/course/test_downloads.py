"""The downloads on the real course's For educators page: every link resolves to a file built
with the site, each file is what it says (Moodle XML parses, GIFT is not empty, the QTI
package is a valid zip with its manifest), and everything is in course order."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html as lxml_html

from selfcheck.core import bank, course_order
from tests.support import ROOT

pytestmark = pytest.mark.build
PAGE = "book/for-educators.html"


def download_links(site: Path) -> list[tuple[str, Path]]:
    page = site / PAGE
    tree = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    found = tree.xpath('//section[@id="downloads"]//ul[contains(@class, "sc-downloads")]//a[@href]')
    return [(a.text_content().strip(), (page.parent / a.get("href")).resolve()) for a in found]


def test_every_download_link_resolves_to_a_built_file_that_parses(built_site):
    links = download_links(built_site)
    assert links, "no Downloads section on For educators"
    for text, target in links:
        assert target.is_file(), f"{text}: {target} was not built"
        assert built_site.resolve() in target.parents, target
    targets = {target.name: target for _, target in links}
    moodle = etree.parse(str(targets["question-bank-moodle.xml"]))
    assert moodle.getroot().tag == "quiz" and len(moodle.findall("question")) > 200
    assert targets["question-bank-gift.txt"].read_text(encoding="utf-8").strip()
    with zipfile.ZipFile(targets["question-bank-qti.zip"]) as package:
        assert package.testzip() is None and "imsmanifest.xml" in package.namelist()
    # An answer key for every quiz, linked in course order: chapter 1 first, the final check last.
    quizzes, _ = bank.check_bank(ROOT)
    titles = {quiz.id: quiz.title for quiz in quizzes}
    order = course_order.quiz_order(ROOT)
    keys = [name for name in targets if name.startswith("answer-key-")]
    assert keys == [f"answer-key-{quiz_id}.html" for quiz_id in order]
    assert order[0] == "what-is-secondary-breast-cancer" and order[-1] == "final-check"
    linked = [text for text, target in links if target.name.startswith("answer-key-")]
    assert linked == [titles[quiz_id] for quiz_id in order]


def test_the_full_answer_key_starts_with_chapter_1(built_site):
    key = (built_site / "answer-key.html").read_text(encoding="utf-8")
    headings = [html.unescape(re.sub(r"<[^>]+>", "", h)).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", key, re.DOTALL)]
    quizzes, _ = bank.check_bank(ROOT)
    titles = {quiz.id: quiz.title for quiz in quizzes}
    in_key = [h for h in headings if h in titles.values()]
    assert in_key == [titles[quiz_id] for quiz_id in course_order.quiz_order(ROOT)]
    assert in_key[0] == titles["what-is-secondary-breast-cancer"]


def test_a_chapters_answer_key_holds_that_chapter_only(built_site):
    one = (built_site / "downloads" / "answer-key-chemotherapy.html").read_text(encoding="utf-8")
    assert ": 1 quiz, " in one
    quizzes, _ = bank.check_bank(ROOT)
    for quiz in quizzes:
        inside = all(question.id in one for question in quiz.questions)
        assert inside == (quiz.id == "chemotherapy"), quiz.id


def test_the_downloads_are_not_saved_for_offline_reading(built_site):
    worker = (built_site / "sw.js").read_text(encoding="utf-8")
    assert "downloads/" not in worker and "book/for-educators.html" in worker
