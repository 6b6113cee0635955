"""What the course drops on purpose stays dropped: no page of the built site loads a script
or stylesheet listed in _config.yml's site_drop_assets (or, outside the search page, in
site_search_only_assets). Not timing-based: it reads the written pages."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT, site_pages

pytestmark = pytest.mark.build
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())["sphinx"]["config"]
ASSET = re.compile(r'<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"', re.IGNORECASE)


def loaded_files(html: str) -> set[str]:
    return {url.split("?", 1)[0].rsplit("/", 1)[-1] for url in ASSET.findall(html)}


def test_the_drop_lists_are_not_empty():
    assert "fontawesome.js" in CONFIG["site_drop_assets"]
    assert "searchindex.js" in CONFIG["site_search_only_assets"]


def test_no_page_loads_a_dropped_asset(built_site):
    offenders = {}
    for page in site_pages(built_site):
        html = (built_site / page).read_text()
        dropped = set(CONFIG["site_drop_assets"])
        if page != "search.html":
            dropped |= set(CONFIG["site_search_only_assets"])
        found = loaded_files(html) & dropped
        found |= {t for t in CONFIG["site_drop_inline_scripts"] if re.search(rf"<script>[^<]*{re.escape(t)}", html)}
        if found:
            offenders[page] = sorted(found)
    assert offenders == {}


def test_search_page_keeps_its_search_tools(built_site):
    html = (built_site / "search.html").read_text()
    assert {"searchtools.js", "searchindex.js"} <= loaded_files(html)
