"""A trust's local.yml on a tiny book: the "At <organisation>" box on the chapter, the number
after each mention of the 24-hour line, a broken file stopping the build with one line, and,
without the file, a site byte for byte the same."""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

from selfcheck.sphinx_ext import local_overlay
from tests.tinybook import build, chapter_notebook, make_book

CHAPTER_TEXT = ("If you feel unwell, ring the 24-hour advice line at once; keep the "
                "[24-hour oncology advice line](intro.md) number by the phone.\\n\\n"
                "Later, the 24-hour line again.\\n\\n`the 24-hour line` in code stays as it is.")
LOCAL = """\
organisation: Borsetshire <Hospitals> NHS Trust
advice_line: 01632 960000
pathways:
  Acute oncology: bleep 1234 & ask for the AOS nurse
  MSCC coordinator: "01632 960001"
notes:
  small.ipynb: |
    Our **chemotherapy unit** is on ward 7. <script>alert(1)</script>
"""


def chapter_with_text() -> str:
    return chapter_notebook("Chapter small", ["small"]).replace("Some text.", CHAPTER_TEXT)


def tiny(tmp_path: Path, local: str | None):
    src = make_book(tmp_path / "src", chapters={"small.ipynb": chapter_with_text()})
    if local is not None:
        (src / "local.yml").write_text(local)
    return build(src)


def test_the_chapter_shows_the_box_and_the_number(tmp_path):
    result = tiny(tmp_path, LOCAL)
    assert not result.failed, result.log[-3000:]
    page = (result.html / "book" / "small.html").read_text()
    box = page[page.index('<aside class="sc-local"'):page.index("</aside>")]
    assert "At Borsetshire &lt;Hospitals&gt; NHS Trust" in box
    assert "01632 960000" in box
    assert re.search(r"<dt>Acute oncology</dt>\s*<dd>bleep 1234 &amp; ask for the AOS nurse</dd>", box)
    assert "<strong>chemotherapy unit</strong>" in box and "&lt;script&gt;" in box and "<script>" not in box
    assert "selfcheck-local.css" in page and (result.html / "_static" / "selfcheck-local.css").is_file()
    number = '<span class="sc-local-number"> (at Borsetshire &lt;Hospitals&gt; NHS Trust: 01632 960000)</span>'
    assert "ring the 24-hour advice line" + number + " at once" in page
    # Once a paragraph: the link's mention in the same paragraph gets no second copy.
    assert page.count(number) == 2, page
    assert "the 24-hour line" + number + " again" in page
    assert '<span class="pre">line</span></code> in code stays as it is.</p>' in page
    # The box comes after the title, not on pages without a quiz.
    assert page.index("<h1") < page.index('<aside class="sc-local"') < page.index('class="sc-quiz"')
    intro = (result.html / "book" / "intro.html").read_text()
    assert "sc-local" not in intro.replace("sc-local-number", "") and "selfcheck-local.css" not in intro


def test_the_scorm_package_carries_the_box_and_the_number(tmp_path):
    """The package is the site as built, so a trust's details reach its LMS too."""
    import io
    import zipfile

    from selfcheck.export.scorm import build_scorm

    result = tiny(tmp_path, LOCAL)
    assert not result.failed, result.log[-3000:]
    with zipfile.ZipFile(io.BytesIO(build_scorm(result.html))) as archive:
        page = archive.read("book/small.html").decode()
        assert "_static/selfcheck-local.css" in archive.namelist()
    assert '<aside class="sc-local"' in page and "At Borsetshire &lt;Hospitals&gt; NHS Trust" in page
    assert "ring the 24-hour advice line" in page and "(at Borsetshire &lt;Hospitals&gt; NHS Trust: 01632 960000)" in page


def test_without_local_yml_the_site_is_byte_for_byte_the_same(tmp_path, monkeypatch):
    """The site as it was before the overlay existed (its hooks never connected), and the site
    without local.yml: identical, file for file. The build with the file differs from both
    (so the comparison can see a change)."""
    with monkeypatch.context() as patch:
        patch.setattr(local_overlay, "setup", lambda app: None)
        before = tiny(tmp_path / "before", None)
    without = tiny(tmp_path / "without", None)
    assert not before.failed and not without.failed
    assert _differences(before.html, without.html) == []
    with_local = tiny(tmp_path / "with", LOCAL)
    assert {"book/small.html", "_static/selfcheck-local.css"} <= set(
        _differences(without.html, with_local.html))


def _differences(a: Path, b: Path) -> list[str]:
    names = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    names |= {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    skip = {".buildinfo"}  # Sphinx's build hash of the configuration: the paths differ
    return sorted(n for n in names if n not in skip and not n.startswith(".doctrees")
                  and not ((a / n).is_file() and (b / n).is_file() and filecmp.cmp(a / n, b / n, shallow=False)))


def test_a_broken_local_yml_stops_the_build_with_one_line(tmp_path):
    result = tiny(tmp_path, "organization: Borsetshire\nadvice_line: 999\n")
    assert result.failed
    assert "local.yml:1: unknown key 'organization' (did you mean 'organisation'?); allowed: organisation, advice_line, pathways, notes" in result.log
    assert "local.yml:1: missing 'organisation'" in result.log
    assert "local.yml:2: 'advice_line' must be text, but YAML read '999' as a number; quote it: \"999\"" in result.log
    assert "Traceback" not in result.log


def test_a_note_for_an_unknown_chapter_stops_the_build(tmp_path):
    result = tiny(tmp_path, "organisation: Borsetshire\nnotes:\n  smal.ipynb: A note.\n")
    assert result.failed
    assert ("local.yml:3: note for 'smal.ipynb': no chapter has that file name "
            "(did you mean 'small.ipynb'? chapters: small.ipynb)") in result.log, result.log[-2000:]
