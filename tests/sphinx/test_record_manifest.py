"""The learning record's data in the My progress manifest (selfcheck.sphinx_ext.progress):
the course's title and build date, each chapter's parts of the NMC Code (read from
book/nmc-code.yml and the chapter's ``nmc_code`` front matter, checked, one clear error
``path:line: message`` when wrong) and the length of its educator-led session."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from selfcheck.core.nmc_code import NmcCodeError, chapter_code, read_nmc_code
from tests.tinybook import build, chapter_notebook, chapter_text, make_book

HERE = Path(__file__).parent
CODE = (HERE.parent / "data" / "nmc-code.yml").read_text(encoding="utf-8")
PROGRESS = chapter_text("My progress", body="```{selfcheck-progress}\n```")
SESSION = chapter_text("Session plan: Small").replace("study_minutes: 5", "study_minutes: 45")


def with_code(notebook: str, code) -> str:
    data = json.loads(notebook)
    data["metadata"]["nmc_code"] = code
    return json.dumps(data)


def tiny_book(tmp_path, code="[6, 13]", nmc=CODE, session=True):
    chapters = {"progress.md": PROGRESS}
    if session:
        chapters["session-small.md"] = SESSION
    src = make_book(tmp_path / "src", chapters=chapters)
    if code is not None:
        small = src / "book" / "small.ipynb"
        small.write_text(with_code(small.read_text(), json.loads(code)))
    if nmc is not None:
        (src / "book" / "nmc-code.yml").write_text(nmc)
    return src


def manifest_of(result) -> dict:
    page = (result.html / "book" / "progress.html").read_text()
    text = re.search(r'<script type="application/json" class="sc-manifest">(.*?)</script>', page, re.DOTALL).group(1)
    return json.loads(text)


def test_the_manifest_names_the_course_its_build_date_and_each_chapters_code(tmp_path):
    result = build(tiny_book(tmp_path))
    assert not result.failed, result.log[-3000:]
    data = manifest_of(result)
    assert data["course"]["title"] == "Tiny course"
    assert data["course"]["built"] == dt.date.today().isoformat()
    small = data["quizzes"][0]
    assert small["code"] == [6, 13] and small["sessionMinutes"] == 45
    assert data["code"]["13"]["title"] == "Recognise and work within the limits of your competence"
    assert data["code"]["6"]["theme"] == "Practise effectively"
    # the reflective account's themes are the Code's, in its order, from the data
    assert data["themes"] == ["Prioritise people", "Practise effectively", "Preserve safety",
                              "Promote professionalism and trust"]
    page = (result.html / "book" / "progress.html").read_text()
    assert "Course version: built " + dt.date.today().isoformat() in page
    boxes = re.findall(r'class="sc-account-theme" value="([^"]*)"', page)
    assert boxes == data["themes"]


def test_each_chapter_carries_its_description_the_topic_of_the_cpd_log(tmp_path):
    src = tiny_book(tmp_path)
    small = src / "book" / "small.ipynb"
    notebook = json.loads(small.read_text())
    notebook["metadata"]["description"] = "Caring for a small <b>test</b> chapter."
    small.write_text(json.dumps(notebook))
    result = build(src)
    assert not result.failed, result.log[-3000:]
    assert manifest_of(result)["quizzes"][0]["description"] == "Caring for a small <b>test</b> chapter."


def test_a_course_without_the_codes_data_offers_no_theme_to_tick(tmp_path):
    result = build(tiny_book(tmp_path, code=None, nmc=None, session=False))
    assert not result.failed, result.log[-3000:]
    assert "themes" not in manifest_of(result)
    assert "sc-account-theme" not in (result.html / "book" / "progress.html").read_text()


def test_without_the_code_file_a_chapter_needs_no_code_and_a_session_defaults_to_an_hour(tmp_path):
    result = build(tiny_book(tmp_path, code=None, nmc=None, session=False))
    assert not result.failed, result.log[-3000:]
    small = manifest_of(result)["quizzes"][0]
    assert "code" not in small and small["sessionMinutes"] == 60


@pytest.mark.parametrize("code, message", [
    (None, "book/small.ipynb:1: a quiz chapter needs 'nmc_code:' in its front matter"),
    ("[6, 99]", "'nmc_code' names standard 99, which book/nmc-code.yml does not list"),
    ('"six"', "'nmc_code' must be a list of standard numbers, such as [6, 13, 17]"),
])
def test_a_wrong_chapter_code_fails_the_build_with_one_line(tmp_path, code, message):
    result = build(tiny_book(tmp_path, code=code))
    assert result.failed
    assert message in result.log
    assert "Traceback" not in result.log


def test_a_malformed_code_file_fails_the_build_with_its_line(tmp_path):
    bad = CODE.replace("        title: Work co-operatively\n", "")
    result = build(tiny_book(tmp_path, nmc=bad))
    assert result.failed
    line = bad.splitlines().index("      - number: 8") + 1
    assert f"book/nmc-code.yml:{line}: standard 8 needs a 'title' (text)" in result.log
    assert "Traceback" not in result.log


@pytest.mark.parametrize("text, message", [
    ("themes: [\n", "nmc-code.yml:"),
    ("source: x\n", "nmc-code.yml:1: must be a mapping with 'source' and a list of 'themes'"),
    ("themes:\n  - name: A\n    standards:\n      - number: 1\n        title: T\n      - number: 1\n        title: U\n",
     "nmc-code.yml:6: standard 1 is listed twice"),
    ("themes:\n  - name: A\n    standards:\n      - number: x\n        title: T\n",
     "nmc-code.yml:4: each standard needs a 'number'"),
])
def test_the_code_reader_names_the_line(tmp_path, text, message):
    path = tmp_path / "nmc-code.yml"
    path.write_text(text)
    with pytest.raises(NmcCodeError) as caught:
        read_nmc_code(path, "nmc-code.yml")
    assert message in str(caught.value)


def test_a_text_chapters_code_arrives_as_text_and_its_errors_name_its_line(tmp_path):
    # MyST text notebooks hand front matter lists over as text ("[6, 13]").
    chapter = tmp_path / "chapter.md"
    chapter.write_text("---\nreviewed: 2026-01-10\nnmc_code: [6, 99]\n---\n\n# Chapter\n")
    standards = read_nmc_code(HERE.parent / "data" / "nmc-code.yml")
    assert chapter_code("[13, 6, 13]", standards, chapter, "book/chapter.md") == [13, 6]  # as given
    with pytest.raises(NmcCodeError) as caught:
        chapter_code("[6, 99]", standards, chapter, "book/chapter.md")
    assert str(caught.value) == "book/chapter.md:3: 'nmc_code' names standard 99, which book/nmc-code.yml does not list"
