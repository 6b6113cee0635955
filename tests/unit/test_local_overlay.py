"""local.yml, read and checked by selfcheck.core.local_overlay: every problem one line naming
the line, a valid file read whole, and the examples the repository ships valid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from selfcheck.core import course_order, local_overlay
from selfcheck.core.local_overlay import check, read, unknown_chapters

ROOT = next(p for p in Path(__file__).resolve().parents if (p / "_config.yml").is_file())
CHAPTERS = [course_order.page_source(ROOT, page).name for page in course_order.chapter_pages(ROOT)]


def problems(text: str) -> list[str]:
    overlay, found = check(text)
    assert overlay is None
    return [str(p) for p in found]


def test_a_valid_file_is_read_whole():
    overlay, found = check(
        "organisation: Borsetshire NHS Trust\n"
        "advice_line: 01632 960000\n"
        "pathways:\n  Acute oncology: bleep 1234\n  MSCC coordinator: '01632 960001'\n"
        "notes:\n  chemotherapy.md: |\n    Ward **7**.\n")
    assert found == []
    assert overlay.organisation == "Borsetshire NHS Trust" and overlay.advice_line == "01632 960000"
    assert overlay.pathways == (("Acute oncology", "bleep 1234"), ("MSCC coordinator", "01632 960001"))
    assert overlay.notes == {"chemotherapy.md": "Ward **7**."} and overlay.note_lines == {"chemotherapy.md": 7}
    assert check("organisation: Only the name\n")[0].pathways == ()


@pytest.mark.parametrize("text, expected", [
    ("organization: X\n", ["local.yml:1: unknown key 'organization' (did you mean 'organisation'?); "
                           "allowed: organisation, advice_line, pathways, notes",
                           "local.yml:1: missing 'organisation' (the name of your trust or university)"]),
    ("organisation: X\nadvice_line: 999\n",
     ["local.yml:2: 'advice_line' must be text, but YAML read '999' as a number; quote it: \"999\""]),
    ("organisation: ''\n", ["local.yml:1: 'organisation' is empty"]),
    ("organisation: X\nadvice_line:\n", ["local.yml:2: 'advice_line' must be text, not empty"]),
    ("organisation: [X, Y]\n", ["local.yml:1: 'organisation' must be text, not a list"]),
    ("organisation: X\npathways: call the AOS\n",
     ["local.yml:2: 'pathways' must be a mapping (name: text, one a line), not str"]),
    ("organisation: X\npathways: {}\n",
     ["local.yml:2: 'pathways' is empty: give at least one entry, or leave 'pathways' out"]),
    ("organisation: X\npathways:\n  AOS: yes\n",
     ["local.yml:3: pathway 'AOS' must be text, but YAML read 'True' as a true/false value; quote it: \"True\""]),
    ("organisation: X\npathways:\n  AOS: a\n  AOS: b\n", ["local.yml:4: 'pathways': 'AOS' appears twice"]),
    ("organisation: X\norganisation: Y\n", ["local.yml:2: key 'organisation' appears twice"]),
    ("organisation: X\nnotes:\n  chemotherapy.md: '![x](https://example.org/x.png)'\n",
     ["local.yml:3: note for 'chemotherapy.md' shows an image from outside the site (https://example.org/x.png): "
      "images must come from the course's own site"]),
    ("organisation: X\nnotes:\n  book/chemotherapy.md: A note.\n",
     ["local.yml:3: note for 'book/chemotherapy.md': give the chapter's file name alone, as in book/ "
      "(for example chemotherapy.md)"]),
    ("- organisation: X\n", ["local.yml:1: must be a mapping of keys (organisation, advice_line, pathways, notes), not a list"]),
    ("organisation: X\n  advice_line: Y\n", None),
])
def test_each_problem_is_one_line_naming_its_line(text, expected):
    found = problems(text)
    if expected is None:  # a YAML syntax error: one line, from the quiz files' reader
        assert len(found) == 1 and re.match(r"local\.yml:\d+: YAML syntax error: ", found[0]), found
    else:
        assert found == expected
    assert all("\n" not in line for line in found)


def test_the_chapters_are_the_pages_with_a_quiz_or_a_call():
    assert "chemotherapy.md" in CHAPTERS and "final-check.md" in CHAPTERS and "telephone-triage.md" in CHAPTERS
    assert "intro.md" not in CHAPTERS and "glossary.md" not in CHAPTERS and "progress.md" not in CHAPTERS


def test_a_note_for_a_file_that_is_no_chapter_is_refused():
    overlay, _ = check("organisation: X\nnotes:\n  chemotherapy: A note.\n  chemotherapy.md: Another.\n")
    assert [str(p) for p in unknown_chapters(overlay, CHAPTERS)] == [
        "local.yml:3: note for 'chemotherapy': no chapter has that file name "
        f"(did you mean 'chemotherapy.md'? chapters: {', '.join(sorted(CHAPTERS))})"]


def test_no_file_no_overlay_and_an_unreadable_one_is_one_line(tmp_path):
    assert read(tmp_path) == (None, [])
    (tmp_path / "local.yml").mkdir()
    overlay, found = read(tmp_path)
    assert overlay is None and [str(p) for p in found] == [
        "local.yml:1: cannot be read: it is a folder, not a regular file"]


def test_the_shipped_example_is_valid_fictional_and_not_read_by_the_build():
    example = ROOT / "local.example.yml"
    overlay, found = check(example.read_text(encoding="utf-8"), "local.example.yml")
    assert found == [] and unknown_chapters(overlay, CHAPTERS) == []
    assert overlay.advice_line.startswith("01632 960")  # Ofcom's drama range: rings no one
    for number in re.findall(r"\b0\d{3,4} ?\d{6}\b", example.read_text(encoding="utf-8")):
        assert number.replace(" ", "").startswith("01632960"), number
    assert local_overlay.LOCAL_FILE != example.name and not (ROOT / local_overlay.LOCAL_FILE).exists()


def test_the_readme_and_for_educators_examples_are_valid():
    for doc in (ROOT / "README.md", ROOT / "book" / "for-educators.md"):
        text = doc.read_text(encoding="utf-8")
        example = next(block for block in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL) if "organisation:" in block)
        overlay, found = check(example)
        assert found == [] and unknown_chapters(overlay, CHAPTERS) == [], doc



def test_selfcheck_validate_checks_local_yml_too(tmp_path):
    """`make validate` (and so `make book`) stops on a broken local.yml before building."""
    import shutil

    from tests.support import run_cli

    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("book", "quizzes"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "local.yml").write_text("organisation: X\nnotes:\n  chemo.md: A note.\n")
    result = run_cli(["validate", "--strict"], tmp_path)
    assert result.returncode == 1
    assert "local.yml:3: note for 'chemo.md': no chapter has that file name" in result.stdout
    shutil.copy(ROOT / "local.example.yml", tmp_path / "local.yml")
    result = run_cli(["validate", "--strict"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
