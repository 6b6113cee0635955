"""The "Try it live in Python" link under each chapter quiz (selfcheck/sphinx_ext/live_site.py):
one per quiz when ``selfcheck_live_site`` names the live site's folder, relative to the page,
opening JupyterLite's REPL with the two lines that show the quiz; none without the setting;
a bad folder name stops the build with a ConfigError."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp

from selfcheck.live import live_code
from selfcheck.sphinx_ext.live_site import live_address
from tests.tinybook import make_book

OPTIONS = {"kernel": ["python"], "toolbar": ["1"], "showBanner": ["0"]}


class LiveParagraphs(HTMLParser):
    """Each ``p.sc-live``: its attributes, the links in it and its text."""

    def __init__(self):
        super().__init__()
        self.found: list[dict] = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p" and "sc-live" in (attrs.get("class") or "").split():
            self._open = {"attrs": attrs, "links": [], "text": ""}
            self.found.append(self._open)
        elif tag == "a" and self._open is not None:
            self._open["links"].append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "p":
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data


def live_paragraphs(page: Path) -> list[dict]:
    parser = LiveParagraphs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.found


def test_live_code_and_address():
    assert live_code("small") == 'from selfcheck.live import quiz\nquiz("small")'
    address = urlsplit(live_address("lite", "hormone-therapy"))
    assert address.path == "lite/repl/index.html"
    query = parse_qs(address.query)
    assert query == {**OPTIONS, "code": ['from selfcheck.live import quiz\nquiz("hormone-therapy")']}
    assert " " not in live_address("lite", "x") and "\n" not in live_address("lite", "x")


@pytest.mark.sphinx("html", testroot="tiny", freshenv=True, confoverrides={"selfcheck_live_site": "lite"})
def test_each_quiz_links_to_its_live_quiz_relative_to_the_page(app):
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    found = live_paragraphs(Path(app.outdir) / "book" / "small.html")
    assert len(found) == 1
    paragraph = found[0]
    assert paragraph["links"] and len(paragraph["links"]) == 1
    address = urlsplit(paragraph["links"][0])  # the parser has unescaped &amp;
    assert address.path == "../lite/repl/index.html"
    query = parse_qs(address.query)
    assert query == {**OPTIONS, "code": ['from selfcheck.live import quiz\nquiz("small")']}
    assert "Try it live in Python" in paragraph["text"]
    assert re.search(r"about \d+ MB to download and about \d+ seconds to start", paragraph["text"])
    assert "served" in html.unescape(paragraph["attrs"]["data-file-text"])
    assert live_paragraphs(Path(app.outdir) / "book" / "intro.html") == []


@pytest.mark.sphinx("html", testroot="tiny", freshenv=True)
def test_without_a_live_site_there_is_no_link(app):
    app.build()
    assert app.statuscode == 0
    page = (Path(app.outdir) / "book" / "small.html").read_text(encoding="utf-8")
    assert 'data-quiz-id="small"' in page
    assert "sc-live" not in page and "Try it live" not in page


@pytest.mark.parametrize("folder", ["../x", "Lite", "lite/repl", "/lite"])
def test_a_bad_folder_name_is_a_config_error(tmp_path, folder):
    src = make_book(tmp_path / "src")
    with pytest.raises(ConfigError) as raised:
        SphinxTestApp("html", srcdir=src, confoverrides={"selfcheck_live_site": folder})
    assert "selfcheck_live_site" in str(raised.value) and repr(folder) in str(raised.value)
