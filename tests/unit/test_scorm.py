"""The SCORM 1.2 package (selfcheck/export/scorm.py) made from a tiny built site: the
manifest (SCORM 1.2, one SCO, every file it lists present and every file listed), the pages
(adapter in, service worker out), per-chapter packages, and one-line errors."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from selfcheck import cli
from selfcheck.export.scorm import MAX_QUESTIONS, ScormError, build_scorm
from selfcheck.sphinx_ext.live_site import live_address
from selfcheck.views.page import render_quiz

CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"

PAGE = """<!DOCTYPE html><html><head><title>{title}</title>
<link rel="stylesheet" href="../_static/site.css" />
<script>(function () {{ var workers = navigator.serviceWorker; workers.register("sw.js"); }})();</script>
</head><body><article class="bd-article">{body}</article></body></html>
"""


def _questions(n):
    return [{"id": f"q{i}", "version": f"{i:012x}", "options": 4, "multiple": False} for i in range(n)]


def make_site(root: Path, questions: int = 3) -> Path:
    site = root / "html"
    (site / "book").mkdir(parents=True)
    (site / "_static" / "fonts").mkdir(parents=True)
    (site / "_sources").mkdir()
    (site / "index.html").write_text('<meta http-equiv="Refresh" content="0; url=book/intro.html" />')
    manifest = {"course": {"title": "A course & more"}, "quizzes": [
        {"id": "one", "chapter": "Chapter one", "url": "one.html", "questions": _questions(questions)},
        {"id": "final-check", "chapter": "Final check", "url": "final-check.html", "questions": _questions(2)},
    ]}
    (site / "book" / "progress.html").write_text(PAGE.format(
        title="My progress", body=f'<script type="application/json" class="sc-manifest">{json.dumps(manifest)}</script>'))
    (site / "book" / "intro.html").write_text(PAGE.format(title="Intro", body='<a href="one.html">Chapter one</a>'))
    (site / "book" / "one.html").write_text(PAGE.format(
        title="One", body='<a href="glossary.html#term-x">x</a> <a href="final-check.html">final</a> '
                          '<a href="https://www.nice.org.uk/">NICE</a>'))
    (site / "book" / "final-check.html").write_text(PAGE.format(title="Final", body=""))
    (site / "book" / "glossary.html").write_text(PAGE.format(title="Glossary", body=""))
    (site / "book" / "about.html").write_text(PAGE.format(
        title="About", body='<a class="reference" href="../answer-key.html">the answer key</a>, '
                            '<a href="../downloads/question-bank-gift.txt">GIFT</a>'))
    (site / "answer-key.html").write_text(PAGE.format(title="Answer key", body="the answers"))
    (site / "_static" / "site.css").write_text("@font-face { src: url(fonts/a.woff2) format('woff2'); }")
    (site / "_static" / "fonts" / "a.woff2").write_bytes(b"font")
    (site / "_static" / "unused.png").write_bytes(b"png")
    (site / "_static" / "selfcheck-quiz.js").write_text("/* the quiz script */")
    (site / "_sources" / "one.md").write_text("# One")
    (site / "sw.js").write_text("/* worker */")
    (site / ".buildinfo").write_text("x")
    (site / "downloads").mkdir()
    (site / "downloads" / "course-scorm.zip").write_bytes(b"an earlier package")
    (site / "downloads" / "question-bank-gift.txt").write_text("::q1:: x {=a ~b}")
    return site


def manifest_of(archive: zipfile.ZipFile) -> ET.Element:
    return ET.fromstring(archive.read("imsmanifest.xml"))


def check_package(archive: zipfile.ZipFile) -> list[str]:
    """Assert the SCORM 1.2 rules on one package; return the files its resource lists."""
    root = manifest_of(archive)
    assert root.tag == f"{CP}manifest"
    assert root.findtext(f"{CP}metadata/{CP}schema") == "ADL SCORM"
    assert root.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
    organizations = root.findall(f"{CP}organizations/{CP}organization")
    assert len(organizations) == 1
    assert root.find(f"{CP}organizations").get("default") == organizations[0].get("identifier")
    items = organizations[0].findall(f"{CP}item")
    assert len(items) == 1
    resources = root.findall(f"{CP}resources/{CP}resource")
    assert len(resources) == 1
    resource = resources[0]
    assert items[0].get("identifierref") == resource.get("identifier")
    assert resource.get(f"{ADLCP}scormtype") == "sco"
    listed = [f.get("href") for f in resource.findall(f"{CP}file")]
    names = set(archive.namelist())
    assert resource.get("href") in listed and resource.get("href") in names
    assert [name for name in listed if name not in names] == [], "the manifest lists only files that exist"
    assert sorted(names - {"imsmanifest.xml"}) == sorted(listed), "every file of the package is listed"
    return listed


def test_the_package_is_the_built_site_as_one_sco(tmp_path):
    site = make_site(tmp_path)
    out = tmp_path / "course-scorm.zip"
    data = build_scorm(site, out, mastery=75)
    assert out.read_bytes() == data
    with zipfile.ZipFile(out) as archive:
        listed = check_package(archive)
        root = manifest_of(archive)
        item = root.find(f"{CP}organizations/{CP}organization/{CP}item")
        assert item.findtext(f"{ADLCP}masteryscore") == "75"
        assert item.findtext(f"{CP}title") == "A course & more"
        assert root.find(f"{CP}resources/{CP}resource").get("href") == "scorm-launch.html"
        for name in ("book/intro.html", "book/one.html", "book/glossary.html", "book/about.html",
                     "_static/fonts/a.woff2", "_static/unused.png", "_static/selfcheck-scorm.js", "index.html"):
            assert name in listed
        # no answer key in a package that scores the final check: the keys and the bank's
        # exports are left out, and links to them are plain text
        for left_out in ("sw.js", ".buildinfo", "_sources/one.md", "downloads/course-scorm.zip",
                         "downloads/question-bank-gift.txt", "answer-key.html"):
            assert left_out not in archive.namelist()
        about = archive.read("book/about.html").decode()
        assert "the answer key, GIFT" in about and "answer-key.html" not in about and "downloads/" not in about
        one = archive.read("book/one.html").decode()
        assert "serviceWorker" not in one
        assert '<script src="../_static/selfcheck-scorm.js"></script>\n</head>' in one
        assert 'src="_static/selfcheck-scorm.js"' in archive.read("scorm-launch.html").decode()
        launcher = archive.read("scorm-launch.html").decode()
        assert 'data-src="book/intro.html"' in launcher and "data-selfcheck-scorm-launcher" in launcher
        config = json.loads(archive.read("selfcheck-scorm.json"))
        assert config["mastery"] == 75 and config["final"] == "final-check"
        assert [q["id"] for q in config["quizzes"]] == ["one", "final-check"]
        assert config["quizzes"][0]["questions"][1] == {"id": "q1", "version": "000000000001", "options": 4, "multiple": False}
    # the site itself is untouched
    assert "serviceWorker" in (site / "book" / "one.html").read_text()
    assert "selfcheck-scorm" not in (site / "book" / "one.html").read_text()


def test_per_chapter_packages_hold_the_chapter_and_what_it_needs(tmp_path):
    site = make_site(tmp_path)
    with zipfile.ZipFile(io.BytesIO(build_scorm(site, None, per_chapter=True))) as outer:
        assert sorted(outer.namelist()) == ["final-check-scorm.zip", "one-scorm.zip"]
        with zipfile.ZipFile(io.BytesIO(outer.read("one-scorm.zip"))) as one:
            listed = check_package(one)
            assert "book/one.html" in listed and "book/glossary.html" in listed  # linked, no quiz
            assert "book/final-check.html" not in listed  # another chapter's package
            assert "book/about.html" not in listed and "_static/unused.png" not in listed
            assert "_static/site.css" in listed and "_static/fonts/a.woff2" in listed  # via the stylesheet
            assert 'data-src="book/one.html"' in one.read("scorm-launch.html").decode()
            config = json.loads(one.read("selfcheck-scorm.json"))
            assert config["final"] == "one" and [q["id"] for q in config["quizzes"]] == ["one"]
            title = manifest_of(one).findtext(f"{CP}organizations/{CP}organization/{CP}title")
            assert title == "A course & more: Chapter one"


def test_bad_input_is_one_line(tmp_path):
    with pytest.raises(ScormError, match=r"no built course \(no pages\): run `make book` first"):
        build_scorm(tmp_path / "nowhere", tmp_path / "x.zip")
    site = make_site(tmp_path)
    for bad in (101, -1, 7.5, True):
        with pytest.raises(ScormError, match="mastery score must be a whole number from 0 to 100"):
            build_scorm(site, tmp_path / "x.zip", mastery=bad)
    big = make_site(tmp_path / "big", questions=MAX_QUESTIONS)
    with pytest.raises(ScormError, match=r"course: 342 questions; SCORM 1.2 keeps at most 340 .*--per-chapter"):
        build_scorm(big, tmp_path / "x.zip")
    build_scorm(big, tmp_path / "x.zip", per_chapter=True)  # each chapter fits
    assert not (tmp_path / "nothing.zip").exists()


def test_the_command_line(tmp_path, capsys, monkeypatch):
    site = make_site(tmp_path)
    out = tmp_path / "course-scorm.zip"
    assert cli.main(["export", "--format", "scorm", "--site", str(site), "-o", str(out), "--mastery", "90"]) == 0
    assert "a SCORM 1.2 package (mastery 90%) written to" in capsys.readouterr().err
    with zipfile.ZipFile(out) as archive:
        assert json.loads(archive.read("selfcheck-scorm.json"))["mastery"] == 90
    assert cli.main(["export", "--format", "scorm", "--site", str(tmp_path / "none"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "run `make book` first" in err
    for argv, message in (
        (["--mastery", "81.5"], "--mastery: must be a whole number from 0 to 100"),
        ([], "--format scorm makes a zip file: give -o OUT"),
    ):
        with pytest.raises(SystemExit) as stop:
            cli.main(["export", "--format", "scorm", "--site", str(site), *argv] + ([] if not argv else ["-o", str(out)]))
        assert stop.value.code == 2
        assert message in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["export", "--format", "gift", "--per-chapter"])
    assert "are for --format scorm" in capsys.readouterr().err


QUIZ = """<section class="sc-quiz" data-quiz-id="one" aria-labelledby="sc-one-title">
<h3 class="sc-quiz-title" id="sc-one-title" tabindex="-1">Quiz &amp; one</h3>
<fieldset class="sc-fieldset" data-question-id="q0" data-type="multiple" data-version="00000000000a">
<legend>?</legend><div class="sc-options"><input type="checkbox" value="0"><input type="checkbox" value="1">
<input type="checkbox" value="2"></div><button type="button" class="sc-check">Check answer</button></fieldset>
<fieldset class="sc-fieldset" data-question-id="q1" data-type="true-false" data-version="00000000000b">
<legend>?</legend><div class="sc-options"><input type="radio" value="0"><input type="radio" value="1"></div></fieldset>
</section>"""


def test_without_my_progress_the_quizzes_come_from_the_pages(tmp_path):
    site = make_site(tmp_path)
    (site / "book" / "progress.html").unlink()
    (site / "book" / "one.html").write_text(PAGE.format(title="One — A small book", body=QUIZ))
    (site / "book" / "intro.html").write_text(PAGE.format(title="Intro — A small book", body=""))
    (site / "_static" / "selfcheck-questions").mkdir()
    (site / "_static" / "selfcheck-questions" / "one.html").write_text(QUIZ.replace('"one"', '"fragment"'))
    with zipfile.ZipFile(io.BytesIO(build_scorm(site, None))) as archive:
        check_package(archive)
        config = json.loads(archive.read("selfcheck-scorm.json"))
        assert config["final"] is None
        assert config["quizzes"] == [{"id": "one", "questions": [
            {"id": "q0", "version": "00000000000a", "options": 3, "multiple": True},
            {"id": "q1", "version": "00000000000b", "options": 2, "multiple": False}]}]
        assert manifest_of(archive).findtext(f"{CP}organizations/{CP}organization/{CP}title") == "A small book"


def test_the_live_site_and_the_links_to_it_stay_out(tmp_path, small_quiz):
    """An LMS serves no Python: the live site's folder (the one holding jupyter-lite.json) is
    not packaged, and each quiz's "Try it live in Python" paragraph goes from the pages."""
    site = make_site(tmp_path)
    for name, text in {"lite/jupyter-lite.json": "{}", "lite/repl/index.html": "<p>the REPL</p>",
                       "lite/build/bootstrap.js": "1", "lite/static/pyodide/pyodide.asm.wasm": "wasm"}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    quiz = render_quiz(small_quiz, {}, live="../" + live_address("lite", "small"))
    assert quiz.count('class="sc-live"') == 1 and "Try it live in Python" in quiz  # what is to go
    (site / "book" / "one.html").write_text(PAGE.format(title="One", body="<p>Before.</p>\n" + quiz))
    with zipfile.ZipFile(io.BytesIO(build_scorm(site, None))) as archive:
        listed = check_package(archive)
        assert not [name for name in archive.namelist() if name.startswith("lite/")]
        assert not [name for name in listed if name.startswith("lite/")]
        for name in archive.namelist():
            if name.endswith((".html", ".js", ".json", ".xml")):
                text = archive.read(name).decode()
                assert "sc-live" not in text and "Try it live" not in text and "lite/repl" not in text, name
        one = archive.read("book/one.html").decode()
        assert "<p>Before.</p>" in one and 'data-quiz-id="small"' in one and "sc-quiz-intro" in one
    assert "Try it live in Python" in (site / "book" / "one.html").read_text()  # the site is untouched
