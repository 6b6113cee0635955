"""The downloads built with a tiny book: the bank's exports and an answer key per quiz in
``downloads/``, linked from the page that holds ``{selfcheck-downloads}``, in course order
(``_toc.yml``); and ``selfcheck_publish_answer_keys: false``, which publishes no answers."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree, html as lxml_html

from tests.support import SMALL_QUIZ
from tests.tinybook import build, chapter_notebook, chapter_text, make_book

# "aardvark" comes first in file order, second in the course: the table of contents decides.
AARDVARK = SMALL_QUIZ.replace("id: small", "id: aardvark").replace("title: Small quiz", "title: Aardvark quiz") \
    .replace("id: sm-", "id: aa-")
TOC = """\
format: jb-book
root: book/intro
chapters:
  - file: book/small
  - file: book/aardvark
  - file: book/educators
"""
EDUCATORS = "## Answer key\n\n```{selfcheck-answer-key}\n```\n\n## Downloads\n\n```{selfcheck-downloads}\n```\n"


def tiny(tmp_path: Path, publish: bool | None = None):
    src = make_book(tmp_path / "src", quizzes={"aardvark.yml": AARDVARK},
                    chapters={"aardvark.ipynb": chapter_notebook("Chapter aardvark", ["aardvark"]),
                              "educators.md": chapter_text("For educators", EDUCATORS)})
    (src / "_toc.yml").write_text(TOC)
    if publish is not None:
        (src / "conf.py").write_text((src / "conf.py").read_text() + f"\nselfcheck_publish_answer_keys = {publish}\n")
    return build(src)


def links(page: Path) -> list[tuple[str, str]]:
    tree = lxml_html.fromstring(page.read_text())
    return [(a.text_content().strip(), a.get("href")) for a in tree.xpath('//ul[contains(@class, "sc-downloads")]//a | //p[contains(@class, "sc-answer-key-link")]//a')]


def test_every_download_is_linked_and_built_in_course_order(tmp_path):
    result = tiny(tmp_path)
    assert not result.failed, result.log[-3000:]
    page = result.html / "book" / "educators.html"
    found = links(page)
    hrefs = [href for _, href in found]
    for href in hrefs:
        assert (page.parent / href).resolve().is_file(), href
    assert {"../downloads/question-bank-moodle.xml", "../downloads/question-bank-gift.txt",
            "../downloads/question-bank-qti.zip", "../answer-key.html"} <= set(hrefs)
    keys = [(text, href) for text, href in found if "downloads/answer-key-" in href]
    assert keys == [("Small quiz", "../downloads/answer-key-small.html"),
                    ("Aardvark quiz", "../downloads/answer-key-aardvark.html")]
    downloads = result.html / "downloads"
    etree.parse(str(downloads / "question-bank-moodle.xml"))
    assert zipfile.ZipFile(downloads / "question-bank-qti.zip").testzip() is None
    assert (downloads / "question-bank-gift.txt").read_text().strip()
    # Course order everywhere: the full key, the exports.
    full = (result.html / "answer-key.html").read_text()
    assert full.index("Small quiz") < full.index("Aardvark quiz")
    moodle = (downloads / "question-bank-moodle.xml").read_text()
    assert moodle.index("Small quiz") < moodle.index("Aardvark quiz")
    one = (downloads / "answer-key-aardvark.html").read_text()
    assert "aa-single" in one and "sm-single" not in one


def test_with_answer_keys_off_no_answer_is_published(tmp_path):
    result = tiny(tmp_path, publish=False)
    assert not result.failed, result.log[-3000:]
    page = (result.html / "book" / "educators.html").read_text()
    assert "This site does not publish its answer keys." in page
    assert "does not publish the answer keys or the question bank exports" in page
    # The SCORM package stays (it is the site as built, so it holds no answer key either).
    answers = r'href="[^"#]*(answer-key[^"]*\.html|downloads/(?!course-scorm\.zip"))'
    assert not re.search(answers, page)
    assert not (result.html / "answer-key.html").exists()
    assert sorted(p.name for p in (result.html / "downloads").iterdir()) == ["course-scorm.zip"]
    with zipfile.ZipFile(result.html / "downloads" / "course-scorm.zip") as package:
        assert not [n for n in package.namelist() if "answer-key" in n or n.startswith("downloads/")]
    # No page of the site links to an answer key.
    for built in result.html.rglob("*.html"):
        assert not re.search(answers, built.read_text()), built
