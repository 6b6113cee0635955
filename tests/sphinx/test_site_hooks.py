"""course_site's hooks on the course's real theme, in a tiny site built in-process
(``tests/roots/test-site-theme``, with the course's own course_site_* settings): what each
page loads, the theme templates it overrides, the reference list, the citations' hover
text and the navigation's toggles. (Cutting the stylesheets and fonts down is left out
here: tests/test_weight.py checks it on the whole course.)"""

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
SETTINGS = {key: value for key, value in COURSE.items()
            if key.startswith("course_site_") and key not in ("course_site_prune_stylesheets", "course_site_subset_fonts")}
SCRIPT_SRC = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"')
LINK = re.compile(r'<link\b[^>]*\bhref="([^"]+)"[^>]*>')


def file_name(url: str) -> str:
    return url.split("?", 1)[0].rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("site-theme") / "src"
    shutil.copytree(TESTROOT, src)
    app = SphinxTestApp("html", srcdir=src, confoverrides=SETTINGS, freshenv=True)
    try:
        app.build()
        assert app.statuscode == 0
        warnings = app.warning.getvalue()
    finally:
        app.cleanup()
    assert warnings == ""
    return Path(app.outdir)


def loaded(html: str) -> set[str]:
    """Names of the files a page fetches as scripts, stylesheets or preloads, and of the
    stylesheets joined into its one stylesheet."""
    names = {file_name(url) for url in SCRIPT_SRC.findall(html)}
    for link in LINK.finditer(html):
        if re.search(r'rel="(stylesheet|preload)"', link.group(0)):
            names.add(file_name(link.group(1)))
            parts = re.search(r'data-parts="([^"]*)"', link.group(0))
            names |= {file_name(part) for part in parts.group(1).split()} if parts else set()
    return names


def test_a_chapter_loads_nothing_the_course_drops(site):
    html = (site / "book" / "chapter.html").read_text()
    dropped = set(SETTINGS["course_site_drop_assets"]) | set(SETTINGS["course_site_search_only_assets"])
    assert loaded(html) & dropped == set()
    for token in SETTINGS["course_site_drop_inline_scripts"]:
        assert token not in html, token
    assert "basic.css" in loaded(html) and "theme.css" not in loaded(html)  # it only @imports basic.css


def test_a_chapter_writes_the_options_in_and_starts_the_theme_scripts_after_the_first_paint(site):
    html = (site / "book" / "chapter.html").read_text()
    assert "documentation_options.js" not in loaded(html)
    assert re.search(r"<script>const DOCUMENTATION_OPTIONS = \{", html)
    late = SETTINGS["course_site_after_paint_scripts"]
    assert set(late) & loaded(html) == set()  # neither run nor preloaded before the first paint
    assert not re.search(r'<link\b[^>]*rel="stylesheet"[^>]*(bootstrap|pydata-sphinx-theme)\.js', html)
    loader = re.search(r'<script>document\.addEventListener\("DOMContentLoaded".*?(\[.*?\])\.forEach', html)
    urls = json.loads(loader.group(1))
    assert [file_name(url) for url in urls] == late  # all of them, in the order the theme loads them
    assert 'rel="preload"' not in html  # a preload would compete with the text for the line
    for url in urls:
        assert (site / "book" / url.split("?", 1)[0]).is_file(), url


def test_the_search_page_keeps_its_tools_and_runs_the_scripts_at_once(site):
    html = (site / "search.html").read_text()
    assert {"searchtools.js", "language_data.js", "searchindex.js", "doctools.js", "bootstrap.js"} <= loaded(html)
    assert "DOMContentLoaded" not in html
    assert not set(SETTINGS["course_site_drop_assets"]) & loaded(html)


def test_only_the_visible_drawer_buttons_carry_the_drawer_classes(site):
    html = (site / "book" / "chapter.html").read_text()
    header = re.findall(r'<button class="pst-navbar-icon sidebar-toggle[^"]*"', html)
    assert header == ['<button class="pst-navbar-icon sidebar-toggle"'] * 2
    assert re.search(r'<button class="sidebar-toggle primary-toggle btn btn-sm"', html)
    assert re.search(r'<button class="sidebar-toggle secondary-toggle btn btn-sm pst-navbar-icon"', html)


def test_the_navigation_toggles_have_a_name(site):
    html = (site / "index.html").read_text()
    summaries = re.findall(r"<summary[^>]*>", html)
    assert summaries and set(summaries) == {'<summary aria-label="Show or hide the pages in this section">'}


def test_the_reference_list_has_plain_containers_and_the_hover_no_address(site):
    html = (site / "book" / "chapter.html").read_text()
    assert '<div class="citation-list">' in html and 'role="list"' not in html and "doc-biblioentry" not in html
    entry = re.search(r'<div class="citation" id="[^"]+">(.*?)</div>', html, re.DOTALL)
    assert "https://www.nice.org.uk/guidance/cg81" in entry.group(1)  # the list keeps the address
    titles = re.findall(r'<a class="reference internal" href="#[^"]+" title="([^"]*)"', html)
    assert titles and all("Advanced breast cancer" in t and "URL" not in t and "https://" not in t for t in titles)
