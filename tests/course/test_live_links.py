"""Each chapter quiz of the real course links to the same quiz in the live site, and the live
site that `make book` puts into the output is there, with no outside address in its settings."""

from __future__ import annotations

import json
from html import unescape
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from tools.lite import live_folder
from tools.pages import live_links, quiz_pages

pytestmark = pytest.mark.build


def test_every_quiz_links_to_its_own_live_quiz(built_site):
    pages = quiz_pages(built_site)
    assert len(pages) >= 15
    for quiz_id, page in pages.items():
        links = live_links((built_site / page).read_text(encoding="utf-8"))
        assert len(links) == 1, f"{page}: {len(links)} live links"
        address = urlsplit(urljoin(f"http://site/{page}", unescape(links[0])))
        assert address.path == f"/{live_folder()}/repl/index.html"
        assert (built_site / address.path.lstrip("/")).is_file()
        query = parse_qs(address.query)
        assert query["kernel"] == ["python"]
        assert query["code"] == [f'from selfcheck.live import quiz\nquiz("{quiz_id}")']


def test_the_live_site_carries_the_course_data_and_asks_no_other_host(built_site):
    lite = built_site / live_folder()
    settings = json.loads((lite / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    kernel = settings["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True
    lock = json.loads((lite / "static" / "pyodide-lock" / "pyodide-lock.json").read_text(encoding="utf-8"))
    names = set(lock["packages"])
    assert {"selfcheck", "selfcheck-course-data", "ipywidgets", "pyyaml", "markupsafe", "pybtex"} <= names
    assert not names & {"sphinx", "myst-nb", "lxml", "widgetsnbextension"}
    for name, package in lock["packages"].items():
        assert "://" not in package["file_name"], f"{name} would be fetched from {package['file_name']}"
        assert (lite / "static" / "pyodide" / package["file_name"]).resolve().is_file(), name
    for text_file in [lite / "jupyter-lite.json", lite / "repl" / "jupyter-lite.json"]:
        if text_file.is_file():
            assert "cdn.jsdelivr" not in text_file.read_text(encoding="utf-8")
