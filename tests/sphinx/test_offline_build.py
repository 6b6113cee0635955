"""course_site.offline in a real Sphinx build of the tiny site on the course's theme
(``tests/roots/test-site-theme``, with the course's course_site_* settings): ``sw.js`` at the
root lists the pages and the files they load, written after the stylesheets are joined;
every page carries the registering script once; turned off, pages register nothing and
``sw.js`` retires an earlier worker."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).resolve().parents[2]
TESTROOT = ROOT / "tests" / "roots" / "test-site-theme"
COURSE = yaml.safe_load((ROOT / "_config.yml").read_text())["sphinx"]["config"]
SETTINGS = {key: value for key, value in COURSE.items() if key.startswith("course_site_")}
REGISTER = "course-offline-status"


def build(tmp_path_factory, **overrides) -> Path:
    src = tmp_path_factory.mktemp("offline-site") / "src"
    shutil.copytree(TESTROOT, src)
    app = SphinxTestApp("html", srcdir=src, confoverrides={**SETTINGS, **overrides}, freshenv=True)
    try:
        app.build()
        assert app.statuscode == 0 and app.warning.getvalue() == ""
    finally:
        app.cleanup()
    return Path(app.outdir)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(tmp_path_factory)


def listed(site: Path) -> list[str]:
    script = (site / "sw.js").read_text(encoding="utf-8")
    return [path for path, _ in json.loads(re.search(r"^const FILES = (.+);$", script, re.M).group(1))]


def test_the_worker_lists_the_pages_and_the_files_they_load(site):
    files = listed(site)
    assert {"index.html", "book/chapter.html", "book/part.html", "search.html", "genindex.html"} <= set(files)
    assert "searchindex.js" in files and "_static/searchtools.js" in files
    bundles = {name for name in files if re.fullmatch(r"_static/bundle-\w+\.css", name)}
    page = (site / "book" / "chapter.html").read_text(encoding="utf-8")
    # The stylesheet the page links is the joined one, so the list was made after trim.
    assert re.search(r'href="\.\./(_static/bundle-\w+\.css)"', page).group(1) in bundles
    assert not any(name.startswith("_sources/") or name.endswith(("copybutton.js", "sphinx-thebe.js")) for name in files)
    assert all((site / name).is_file() for name in files)


def test_every_page_registers_the_worker_once(site):
    for page in ("index.html", "book/chapter.html", "search.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert html.count("<script>(function () {\ntry {\nvar workers = navigator.serviceWorker;") == 1, page
        assert REGISTER in html


def test_turned_off_pages_register_nothing_and_the_worker_retires(tmp_path_factory):
    site = build(tmp_path_factory, course_site_offline=False)
    assert REGISTER not in (site / "book" / "chapter.html").read_text(encoding="utf-8")
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert "registration.unregister()" in worker and "FILES" not in worker and "fetch" not in worker
