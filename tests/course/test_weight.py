"""What the course drops on purpose stays dropped, so the weight cannot creep back silently:
no page of the built site loads a script or stylesheet listed in _config.yml's
course_site_drop_assets (or, outside the search page, in course_site_search_only_assets), directly or
joined into its stylesheet bundle; each page fetches one stylesheet; the theme's stylesheet
and icon fonts stay cut down. Not timing-based: it reads the written site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.support import ROOT
from tools.pages import site_pages

pytestmark = pytest.mark.build
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())["sphinx"]["config"]
ASSET = re.compile(r'<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"', re.IGNORECASE)


def loaded_files(html: str) -> set[str]:
    """Names of the scripts and stylesheets a page fetches, including those joined into its bundle."""
    fetched = {url.split("?", 1)[0].rsplit("/", 1)[-1] for url in ASSET.findall(html)}
    return fetched | {part.rsplit("/", 1)[-1] for part in bundled_parts(html)}


def test_the_drop_lists_are_not_empty():
    assert "fontawesome.js" in CONFIG["course_site_drop_assets"]
    assert "searchindex.js" in CONFIG["course_site_search_only_assets"]


def test_no_page_loads_a_dropped_asset(built_site):
    offenders = {}
    for page in site_pages(built_site):
        html = (built_site / page).read_text()
        dropped = set(CONFIG["course_site_drop_assets"])
        if page != "search.html":
            dropped |= set(CONFIG["course_site_search_only_assets"])
        found = loaded_files(html) & dropped
        found |= {t for t in CONFIG["course_site_drop_inline_scripts"] if re.search(rf"<script>[^<]*{re.escape(t)}", html)}
        if found:
            offenders[page] = sorted(found)
    assert offenders == {}


def test_search_page_keeps_its_search_tools(built_site):
    html = (built_site / "search.html").read_text()
    assert {"searchtools.js", "searchindex.js"} <= loaded_files(html)


STYLESHEET = re.compile(r'<link\b[^>]*rel="stylesheet"[^>]*>')
PARTS = re.compile(r'data-parts="([^"]*)"')


def bundled_parts(html: str) -> list[str]:
    return [part for tag in STYLESHEET.findall(html) for part in (PARTS.findall(tag) or [""])[0].split()]


def test_each_page_fetches_one_stylesheet_holding_what_it_lists(built_site):
    for page in site_pages(built_site):
        html = (built_site / page).read_text()
        links = STYLESHEET.findall(html)
        if "bd-header" not in html:
            continue  # not a theme page: the redirect to the first page, the answer key
        assert len(links) == 1, (page, links)
        href = re.search(r'href="([^"]+)"', links[0]).group(1)
        bundle = ((built_site / page).parent / href).resolve()
        parts = bundled_parts(html)
        assert bundle.name.startswith("bundle-") and bundle.is_file(), page
        assert bundle.read_text().splitlines()[0] == f"/* {' + '.join(parts)} */"
        assert "styles/theme.css" not in parts  # it only @imports basic.css: a wasted round trip
        assert {"basic.css", "styles/pydata-sphinx-theme.css", "course.css"} <= set(parts)


def test_theme_stylesheet_keeps_only_what_the_site_can_use(built_site):
    from pydata_sphinx_theme import __file__ as theme_init

    original = next(Path(theme_init).parent.rglob("styles/pydata-sphinx-theme.css"))
    built = built_site / "_static" / "styles" / "pydata-sphinx-theme.css"
    assert built.stat().st_size < 0.4 * original.stat().st_size
    css = built.read_text()
    # what the pages show keeps its style: the header, the sidebars, search, dark mode
    for kept in (".bd-header", ".bd-sidebar-primary", ".search-button", "html[data-theme=dark]", ".fa-magnifying-glass"):
        assert kept in css, kept
    assert ".fa-500px" not in css and ".carousel-item" not in css


def test_icon_fonts_hold_every_icon_the_stylesheets_draw_and_no_more(built_site):
    from fontTools.ttLib import TTFont

    from course_site.css_prune import icon_codepoints

    drawn = set()
    for bundle in (built_site / "_static").glob("bundle-*.css"):
        drawn |= {c for c in icon_codepoints(bundle.read_text()) if c >= 0xE000}  # private use: icons
    fonts = sorted((built_site / "_static" / "vendor" / "fontawesome" / "webfonts").glob("*.woff2"))
    assert fonts and drawn
    mapped = set()
    for font in fonts:
        assert font.stat().st_size < 8 * 1024, font.name
        mapped |= set(TTFont(str(font)).getBestCmap() or {})
    assert drawn <= mapped


def test_small_scripts_are_inlined_and_theme_scripts_start_after_first_paint(built_site):
    chapter = (built_site / "book" / "chemotherapy.html").read_text()
    assert "documentation_options.js" not in loaded_files(chapter)
    assert "const DOCUMENTATION_OPTIONS" in chapter
    late = CONFIG["course_site_after_paint_scripts"]
    for name in late:
        assert not re.search(rf'<script\b[^>]*src="[^"]*{re.escape(name)}', chapter), name
    loader = re.search(r'<script>document\.addEventListener\("DOMContentLoaded".*?(\[.*?\])', chapter)
    listed = [url.split("?", 1)[0].rsplit("/", 1)[-1] for url in json.loads(loader.group(1))]
    assert listed == late  # all of them, in the order the theme loads them
    search = (built_site / "search.html").read_text()
    assert re.search(r'<script src="[^"]*doctools\.js[^"]*"></script>', search)  # searchtools needs it first


def test_citation_hover_text_does_not_repeat_the_web_address(built_site):
    chapter = (built_site / "book" / "oncological-emergencies.html").read_text()
    titles = re.findall(r'<a class="reference internal" href="#[^"]+" title="([^"]*)"', chapter)
    assert len(titles) > 50 and all(" URL: " not in t and t.strip() for t in titles)
    assert re.search(r'<div class="citation" id="[^"]+"[^>]*>.*?https://', chapter, re.DOTALL)  # the list keeps them
