"""The live site's build script (tools/lite.py) without building the live site: the course's
data wheel, the folder _config.yml names, the build Python, the input digest, copying a
built site into the book's output, the one-line failure, and the in-browser pins."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.support import ROOT, SMALL_BIB, SMALL_QUIZ, write_project
from tools import lite, pages

PACKAGE = "selfcheck_course_data"


def wheel_of(project: Path, dest: Path) -> Path:
    dest.mkdir(exist_ok=True)
    return lite.course_data_wheel(dest, "0.1.0", project)


def test_the_data_wheel_holds_the_course_data_and_its_metadata(project, tmp_path):
    (project / "quizzes" / "second.yml").write_text(SMALL_QUIZ.replace("id: small", "id: second"))
    path = wheel_of(project, tmp_path / "wheels")
    match = re.fullmatch(rf"{PACKAGE}-(0\.1\.0\+([0-9a-f]{{12}}))-py3-none-any\.whl", path.name)
    assert match, path.name
    version = match[1]
    info = f"{PACKAGE}-{version}.dist-info"
    with zipfile.ZipFile(path) as wheel:
        names = wheel.namelist()
        assert sorted(names) == sorted([
            f"{PACKAGE}/__init__.py", f"{PACKAGE}/_config.yml", f"{PACKAGE}/book/references.bib",
            f"{PACKAGE}/quizzes/second.yml", f"{PACKAGE}/quizzes/small.yml",
            f"{info}/METADATA", f"{info}/WHEEL", f"{info}/RECORD"])
        assert wheel.read(f"{PACKAGE}/quizzes/small.yml") == (project / "quizzes" / "small.yml").read_bytes()
        assert wheel.read(f"{PACKAGE}/_config.yml") == (project / "_config.yml").read_bytes()
        metadata = wheel.read(f"{info}/METADATA").decode()
        assert "Name: selfcheck-course-data\n" in metadata and f"Version: {version}\n" in metadata
        assert "Tag: py3-none-any\n" in wheel.read(f"{info}/WHEEL").decode()
        assert "Root-Is-Purelib: true\n" in wheel.read(f"{info}/WHEEL").decode()
        record = wheel.read(f"{info}/RECORD").decode().splitlines()
        recorded = {}
        for line in record:
            name, digest, size = line.split(",")
            recorded[name] = (digest, size)
        assert set(recorded) == set(names)
        assert recorded[f"{info}/RECORD"] == ("", "")
        for name in names:
            if name == f"{info}/RECORD":
                continue
            data = wheel.read(name)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert recorded[name] == (f"sha256={expected}", str(len(data))), name


def test_the_data_wheel_is_the_same_bytes_when_built_twice(project, tmp_path):
    first = wheel_of(project, tmp_path / "one")
    os.utime(project / "quizzes" / "small.yml", (946684800, 946684800))  # a file's date is not in it
    second = wheel_of(project, tmp_path / "two")
    assert first.name == second.name
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as wheel:  # nor the time of the build
        assert {entry.date_time for entry in wheel.infolist()} == {(2026, 1, 1, 0, 0, 0)}


def test_the_data_wheel_version_changes_with_a_quiz(project, tmp_path):
    before = wheel_of(project, tmp_path / "one").name
    quiz = project / "quizzes" / "small.yml"
    quiz.write_text(quiz.read_text() + "\n# a corrected dose\n")
    after = wheel_of(project, tmp_path / "two").name
    assert before != after
    assert before.split("+")[0] == after.split("+")[0] == f"{PACKAGE}-0.1.0"


# --- the folder ---------------------------------------------------------------------------

def with_config(root: Path, sphinx_config: dict | None) -> Path:
    config = {"title": "t"}
    if sphinx_config is not None:
        config["sphinx"] = {"config": sphinx_config}
    (root / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root


def test_live_folder_reads_selfcheck_live_site(tmp_path):
    assert lite.live_folder(with_config(tmp_path, {"selfcheck_live_site": "lite"})) == "lite"
    assert lite.live_folder(with_config(tmp_path, {"selfcheck_live_site": "try-it-2"})) == "try-it-2"


@pytest.mark.parametrize("sphinx_config", [None, {}, {"selfcheck_live_site": ""},
                                           {"selfcheck_live_site": "../x"}, {"selfcheck_live_site": "Lite"},
                                           {"selfcheck_live_site": "a/b"}])
def test_live_folder_missing_or_bad_is_one_line_naming_config(tmp_path, sphinx_config):
    with pytest.raises(lite.LiteBuildError) as raised:
        lite.live_folder(with_config(tmp_path, sphinx_config))
    message = str(raised.value)
    assert message.startswith("_config.yml: selfcheck_live_site must name a folder")
    assert "\n" not in message


def test_the_course_config_names_the_live_site_the_other_tools_leave_alone():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]
    assert config["selfcheck_live_site"] == pages.LIVE_SITE == lite.live_folder(ROOT)
    assert pages.LIVE_SITE in config["course_site_other_sites"]


# --- the build's Python ---------------------------------------------------------------------

def fake_python(folder: Path, major: int, minor: int) -> Path:
    """A program answering the version question as a Python ``major.minor`` would."""
    path = folder / f"python{major}.{minor}"
    path.write_text(f"#!/bin/sh\necho {major} {minor}\n")
    path.chmod(0o755)
    return path


def no_other_pythons(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-path"))
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path / "no-pyenv"))


def test_a_python_older_than_3_12_is_refused_in_one_line(monkeypatch, tmp_path):
    no_other_pythons(monkeypatch, tmp_path)
    monkeypatch.setenv("SELFCHECK_LITE_PYTHON", str(fake_python(tmp_path, 3, 11)))
    assert lite.candidate_pythons() == [tmp_path / "python3.11"]
    with pytest.raises(lite.LiteBuildError) as raised:
        lite.find_python()
    message = str(raised.value)
    assert "3.12" in message and "SELFCHECK_LITE_PYTHON" in message and "\n" not in message


def test_the_named_python_is_used_when_new_enough(monkeypatch, tmp_path):
    no_other_pythons(monkeypatch, tmp_path)
    monkeypatch.setenv("SELFCHECK_LITE_PYTHON", str(fake_python(tmp_path, 3, 13)))
    assert lite.find_python() == tmp_path / "python3.13"


def test_pythons_on_the_path_and_in_pyenv_are_found_newest_first(monkeypatch, tmp_path):
    monkeypatch.delenv("SELFCHECK_LITE_PYTHON", raising=False)
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    fake_python(bin_folder, 3, 12)
    monkeypatch.setenv("PATH", str(bin_folder))
    for version in ("3.11.7", "3.12.1", "3.13.0"):
        (tmp_path / "pyenv" / "versions" / version / "bin").mkdir(parents=True)
        fake_python(tmp_path / "pyenv" / "versions" / version / "bin", *map(int, version.split(".")[:2])).rename(
            tmp_path / "pyenv" / "versions" / version / "bin" / "python")
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path / "pyenv"))
    versions = tmp_path / "pyenv" / "versions"
    assert lite.candidate_pythons() == [bin_folder / "python3.12", versions / "3.13.0/bin/python",
                                        versions / "3.12.1/bin/python"]


def test_a_missing_named_python_is_passed_over(monkeypatch, tmp_path):
    no_other_pythons(monkeypatch, tmp_path)
    monkeypatch.setenv("SELFCHECK_LITE_PYTHON", str(tmp_path / "no-such-python"))
    with pytest.raises(lite.LiteBuildError):
        lite.find_python()


# --- what a build depends on -----------------------------------------------------------------

def test_the_digest_changes_with_a_file_or_its_name(tmp_path):
    project = write_project(tmp_path, {"small.yml": SMALL_QUIZ}, SMALL_BIB)
    files = [project / "_config.yml", project / "quizzes" / "small.yml"]
    first = lite._digest(files, project)
    assert lite._digest(files, project) == first
    quiz = project / "quizzes" / "small.yml"
    quiz.write_text(quiz.read_text() + "\n# a corrected dose\n")
    second = lite._digest(files, project)
    assert second != first
    quiz.rename(project / "quizzes" / "renamed.yml")
    assert lite._digest([files[0], project / "quizzes" / "renamed.yml"], project) not in (first, second)


def test_the_real_inputs_include_every_quiz_the_pins_and_the_code():
    """input_digest() is the digest of these: a changed quiz, pin or line of code rebuilds."""
    files = set(lite.input_files())
    assert set((ROOT / "quizzes").glob("*.yml")) <= files
    assert ROOT / "lite" / "requirements.txt" in files
    assert ROOT / "lite" / "browser-requirements.txt" in files
    assert ROOT / "lite" / "package-lock.json" in files
    assert ROOT / "selfcheck" / "live.py" in files
    assert ROOT / "tools" / "lite.py" in files
    assert ROOT / "_config.yml" in files and ROOT / "book" / "references.bib" in files
    assert lite.input_digest() == lite._digest(lite.input_files())


# --- into the book's output ------------------------------------------------------------------

def built_site(folder: Path, stamp: str, text: str = "<p>the REPL</p>") -> Path:
    (folder / "repl").mkdir(parents=True, exist_ok=True)
    (folder / "repl" / "index.html").write_text(text)
    (folder / "jupyter-lite.json").write_text("{}")
    (folder / lite.STAMP).write_text(stamp)
    return folder


def test_install_copies_the_built_site_into_the_folder(tmp_path):
    site = built_site(tmp_path / "built", "digest-1")
    html = tmp_path / "html"
    html.mkdir()
    dest = lite.install(site, html, "lite")
    assert dest == html / "lite"
    assert (dest / "repl" / "index.html").read_text() == "<p>the REPL</p>"
    assert (dest / "jupyter-lite.json").is_file() and (dest / lite.STAMP).read_text() == "digest-1"


def test_install_leaves_a_current_copy_alone_and_replaces_an_older_one(tmp_path):
    site = built_site(tmp_path / "built", "digest-1")
    html = tmp_path / "html"
    html.mkdir()
    dest = lite.install(site, html, "lite")
    (dest / "kept.txt").write_text("untouched while the stamps match")
    lite.install(site, html, "lite")
    assert (dest / "kept.txt").is_file()
    # a new build (build() removes the old one first, so its files are new ones, not the
    # copy's hard-linked files written over): the old copy goes, files and all
    shutil.rmtree(site)
    site = built_site(tmp_path / "built", "digest-2", "<p>the new REPL</p>")
    lite.install(site, html, "lite")
    assert not (dest / "kept.txt").exists()
    assert (dest / "repl" / "index.html").read_text() == "<p>the new REPL</p>"
    assert (dest / lite.STAMP).read_text() == "digest-2"


def test_a_failed_build_is_one_line_and_exit_1(monkeypatch, capsys, tmp_path):
    def failing_build():
        raise lite.LiteBuildError("npm ci ... failed (exit 1); its output is in _build/lite.log")

    monkeypatch.setattr(lite, "build", failing_build)
    assert lite.main([]) == 1
    out, err = capsys.readouterr()
    assert err == "==> The live site was not built: npm ci ... failed (exit 1); its output is in _build/lite.log\n"
    assert out == ""


def test_main_installs_into_each_output_named(monkeypatch, capsys, tmp_path):
    site = built_site(tmp_path / "built", "digest-1")
    monkeypatch.setattr(lite, "build", lambda: site)
    html = tmp_path / "html"
    html.mkdir()
    assert lite.main([str(html)]) == 0
    assert (html / pages.LIVE_SITE / "repl" / "index.html").is_file()
    assert f"The live site is in {html / pages.LIVE_SITE}" in capsys.readouterr().out


# --- the pins ---------------------------------------------------------------------------------

def _name(name: str) -> str:
    return name.lower().replace("_", "-")


def test_browser_pins_are_read_from_browser_requirements():
    pins = lite.browser_pins()
    assert pins["ipywidgets"] and pins["pyyaml"] and pins["selfcheck-course-data"]
    for name, version in pins.items():
        assert name == _name(name) and re.fullmatch(r"[0-9][0-9A-Za-z.+-]*", version), (name, version)
    # every pinned line is read
    lines = [line for line in (ROOT / "lite" / "browser-requirements.txt").read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert len(pins) == len(lines)


def test_browser_pins_names_are_normalised_and_comments_skipped(monkeypatch, tmp_path):
    (tmp_path / "browser-requirements.txt").write_text(
        "# a comment==1.0\nPyYAML==6.0.4\n  Jinja2==3.1.6  # the templates\nmarkdown_it_py==3.0.0\n"
        "micropip>=0.11\n\nselfcheck-course-data==0.1.0\n")
    monkeypatch.setattr(lite, "INPUTS", tmp_path)
    assert lite.browser_pins() == {"pyyaml": "6.0.4", "jinja2": "3.1.6", "markdown-it-py": "3.0.0",
                                   "selfcheck-course-data": "0.1.0"}


def test_the_browser_pins_agree_with_the_course_requirements():
    course = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line.strip())
        if match:
            course[_name(match[1])] = match[2]
    both = set(course) & set(lite.browser_pins())
    assert {"ipywidgets", "pyyaml", "markupsafe", "jinja2", "pybtex", "traitlets"} <= both
    differ = {name: (lite.browser_pins()[name], course[name]) for name in both
              if lite.browser_pins()[name] != course[name]}
    assert not differ, f"lite/browser-requirements.txt and requirements.txt pin differently: {differ}"


def test_the_guard_allows_exactly_the_code_the_live_links_write():
    """The guard's pattern (selfcheck-live-guard.js) and live_code() agree on every quiz of
    the course, and the pattern refuses anything added to it."""
    from selfcheck.live import live_code

    source = lite.GUARD.read_text(encoding="utf-8")
    allowed = re.compile(re.search(r"var ALLOWED = /(.+)/;", source)[1])
    quiz_ids = [p.stem for p in (lite.ROOT / "quizzes").glob("*.yml")]
    assert quiz_ids
    for quiz_id in quiz_ids:
        assert allowed.fullmatch(live_code(quiz_id)), quiz_id
    assert not allowed.fullmatch(live_code("hormone-therapy") + "\nimport js")
    assert not allowed.fullmatch('import js\nquiz("hormone-therapy")')


def test_the_guard_is_the_first_script_of_the_repl_page(tmp_path):
    site = tmp_path / "lite"
    (site / "repl").mkdir(parents=True)
    (site / "repl" / "index.html").write_text(
        "<html>\n<head>\n<title>REPLite</title>\n<script>boot()</script>\n</head></html>\n", encoding="utf-8")
    lite.guard_repl(site)
    page = (site / "repl" / "index.html").read_text(encoding="utf-8")
    assert page.index('<script src="../selfcheck-live-guard.js"></script>') < page.index("<script>boot()")
    assert (site / "selfcheck-live-guard.js").read_bytes() == lite.GUARD.read_bytes()


def test_a_repl_page_without_a_head_stops_the_build_in_one_line(tmp_path):
    site = tmp_path / "lite"
    (site / "repl").mkdir(parents=True)
    (site / "repl" / "index.html").write_text("<html><body></body></html>", encoding="utf-8")
    with pytest.raises(lite.LiteBuildError) as error:
        lite.guard_repl(site)
    assert "\n" not in str(error.value) and "repl/index.html" in str(error.value)


@pytest.mark.parametrize("text", ["sphinx: [unclosed\n", "sphinx: 5\n", "- a list\n",
                                  "sphinx: {config: {selfcheck_live_site: 7}}\n"])
def test_a_config_that_is_broken_or_of_the_wrong_shape_is_one_line(tmp_path, text):
    (tmp_path / "_config.yml").write_text(text, encoding="utf-8")
    with pytest.raises(lite.LiteBuildError) as error:
        lite.live_folder(tmp_path)
    assert str(error.value).startswith("_config.yml: ") and "\n" not in str(error.value)


def test_a_config_that_is_not_text_is_one_line(tmp_path):
    (tmp_path / "_config.yml").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(lite.LiteBuildError, match=r"^_config.yml: cannot be read: "):
        lite.live_folder(tmp_path)


def test_a_wheel_without_a_pin_stops_the_build_in_one_line():
    with pytest.raises(lite.LiteBuildError) as error:
        lite._pin({"pyyaml": "6.0.4"}, "markupsafe")
    assert str(error.value) == "lite/browser-requirements.txt: no exact pin for markupsafe (markupsafe==<version>)"
