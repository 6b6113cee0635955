"""JupyterLab as `make lab` opens it: a chapter as a notebook with its MyST rendered by
jupyterlab-myst (glossary terms, citations, admonitions: not raw `{term}` text), and the quiz
run as live ipywidgets whose long options wrap without overprinting at a narrow width, with
sources as links. JupyterLab runs headless on a free port with a token, on a copy of the
course (JupyterLab saves what it opens), and the browser asks no host but 127.0.0.1."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import jupytext
import pytest
from playwright.sync_api import expect

from tests.support import BIN, ROOT
from tools.book import copy_sources
from tools.browser import block_outside

pytestmark = pytest.mark.browser
CHAPTER = "book/hormone-therapy.md"
# Each option's text as laid out (a Range covers the lines even where they overflow their
# label), its label's box, and how many lines it took.
OPTION_BOXES = """(group) => [...group.querySelectorAll('label')].map((label) => {
  const range = document.createRange();
  range.selectNodeContents(label);
  const text = range.getBoundingClientRect();
  const box = label.getBoundingClientRect();
  const lines = new Set([...range.getClientRects()].filter((r) => r.width > 1).map((r) => Math.round(r.top))).size;
  return {top: text.top, bottom: text.bottom, boxTop: box.top, boxBottom: box.bottom, lines};
})"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab serving a copy of the course; yields (base URL, token, the copy's folder)."""
    base = tmp_path_factory.mktemp("lab")
    source = copy_sources(base / "src")
    shutil.copy(ROOT / "jupytext.toml", source / "jupytext.toml")
    settings = base / "settings"
    settings.mkdir()
    shutil.copy(ROOT / "etc" / "jupyterlab" / "overrides.json", settings / "overrides.json")
    port, token = free_port(), secrets.token_hex(16)
    command = [
        str(BIN / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={source}",
        f"--LabApp.app_settings_dir={settings}", f"--LabApp.workspaces_dir={base / 'workspaces'}",
        *(["--allow-root"] if os.geteuid() == 0 else []),
    ]
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(base / "runtime"), "JUPYTER_CONFIG_DIR": str(base / "config")}
    log = (base / "lab.log").open("w")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=source)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, (base / "lab.log").read_text()[-3000:]
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "JupyterLab did not start: " + (base / "lab.log").read_text()[-3000:]
                time.sleep(0.5)
        yield url, token, source
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def test_a_chapter_reads_like_the_book_and_its_quiz_wraps(browser, lab):
    url, token, folder = lab
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    block_outside(context, outside)
    sockets: list[str] = []
    page = context.new_page()
    page.on("websocket", lambda ws: sockets.append(ws.url))
    try:
        page.goto(f"{url}/lab/tree/{CHAPTER}?token={token}")
        chapter = page.locator(".jp-MarkdownCell").first
        note = chapter.locator("aside.myst-admonition-note").first
        expect(note).to_be_visible(timeout=90_000)

        # MyST rendered, not shown as source: a glossary term, a citation, an admonition.
        expect(note.locator(".myst-admonition-header")).to_have_text("Note")
        expect(note).to_contain_text("This course educates.")
        red_flag = chapter.locator("aside.myst-admonition-danger").first  # a titled admonition
        expect(red_flag.locator(".myst-admonition-header")).to_have_text("Red flag: fever, or feeling unwell, on treatment")
        expect(chapter.get_by_role("link", name="Secondary breast cancer", exact=True)).to_be_visible()
        expect(chapter.locator('[title="Citation Not Found"]', has_text="bcn-our-work-sbc")).to_be_visible()
        text = chapter.inner_text()  # what shows: the source editor is hidden once rendered
        assert "Secondary breast cancer is breast cancer" in text
        for raw in ("{term}", "{cite}", "```{note}", "{cite}`"):
            assert raw not in text

        # The quiz, run as the reader would (Run > Run All Cells), at a phone's width.
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.locator('[data-command="runmenu:run-all"]').click()
        groups = page.locator(".sc-widget .widget-radio-box")
        expect(groups.first).to_be_visible(timeout=90_000)
        page.set_viewport_size({"width": 480, "height": 900})
        page.wait_for_timeout(500)  # JupyterLab lays itself out again
        assert groups.count() > 5
        wrapped = 0
        for i in range(groups.count()):
            group = groups.nth(i)
            group.scroll_into_view_if_needed()
            options = group.evaluate(OPTION_BOXES)
            for option in options:  # the text stays inside its own label
                assert option["boxTop"] - 1 <= option["top"] and option["bottom"] <= option["boxBottom"] + 1, option
            for above, below in zip(options, options[1:]):  # and no option reaches into the next
                assert above["bottom"] <= below["top"], (i, above, below)
            wrapped += sum(option["lines"] > 1 for option in options)
        assert wrapped > 3, "no option was long enough to wrap: the check above proved nothing"

        # An answer, checked: the feedback's source is a link that opens in a new tab.
        first = groups.first
        first.scroll_into_view_if_needed()
        first.locator("input").nth(0).check()
        question = page.locator(".sc-widget > .widget-vbox").first
        question.get_by_role("button", name="Check answer").click()
        source = question.locator(".widget-html-content p", has_text="Source:").locator("a")
        expect(source).to_have_attribute("target", "_blank")
        assert source.get_attribute("href").startswith("https://")

        # Saved from JupyterLab, the chapter keeps its front matter (jupytext.toml).
        before = (folder / CHAPTER).read_text(encoding="utf-8")
        page.locator('.jp-NotebookPanel-toolbar [data-command="docmanager:save"]').click()
        deadline = time.monotonic() + 30
        while (folder / CHAPTER).read_text(encoding="utf-8") == before:
            assert time.monotonic() < deadline, "JupyterLab did not save the chapter"
            page.wait_for_timeout(200)  # (not time.sleep: Playwright handles the page's events meanwhile)
        saved = jupytext.read(folder / CHAPTER).metadata
        original = jupytext.read(ROOT / CHAPTER).metadata
        for key in ("reviewed", "description", "study_minutes", "nmc_code"):
            assert str(saved[key]) == str(original[key]), key  # the site reads reviewed as text
        assert "widgets" not in saved and "language_info" not in saved
    finally:
        context.close()
    assert outside == [], outside
    assert sockets and all(s.startswith(url.replace("http", "ws", 1)) for s in sockets), sockets
