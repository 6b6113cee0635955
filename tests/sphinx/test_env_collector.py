"""The Sphinx side's record of quiz pages and progress pages (selfcheck.sphinx_ext.collector),
through real in-process builds of the tiny testroot ``tests/roots/test-collector``: a first
build, parallel reading, incremental rebuilds that add, change and remove pages."""

from __future__ import annotations

import json
import re
import shutil
from io import StringIO
from pathlib import Path

import nbformat
import pytest
from sphinx.testing.util import SphinxTestApp

from selfcheck.sphinx_ext.collector import ENV_ATTRIBUTE, BookPages, progress_pages, quiz_pages
from selfcheck.views.notebook import QUIZ_MIME
from selfcheck.views.page import TEMPLATES

TESTROOT = Path(__file__).resolve().parent.parent / "roots" / "test-collector"
# Sphinx reads in parallel only when more than five documents are to be read.
EXTRA_PAGES = ("extra-1", "extra-2", "extra-3", "extra-4")


@pytest.fixture
def book(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(TESTROOT, src)
    return src


def build(src: Path, parallel: int = 0) -> SphinxTestApp:
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO(), parallel=parallel)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


WIDGET_STATE = {"application/vnd.jupyter.widget-state+json": {
    "state": {"m1": {"model_name": "LayoutModel", "model_module": "@jupyter-widgets/base",
                     "model_module_version": "2.0.0", "state": {}}},
    "version_major": 2, "version_minor": 0}}


def chapter(src: Path, name: str, *quiz_ids: str, widgets: bool = False) -> None:
    """Write ``name.ipynb`` showing the given quizzes (outputs stored: nothing is executed),
    with saved ipywidgets state in its metadata if ``widgets``."""
    nb = nbformat.v4.new_notebook(metadata={"widgets": WIDGET_STATE} if widgets else {})
    nb.cells = [nbformat.v4.new_markdown_cell(f"# Chapter {name}")]
    for quiz_id in quiz_ids:
        cell = nbformat.v4.new_code_cell(f'quiz("{quiz_id}")', metadata={"tags": ["remove-input"]})
        cell.outputs = [nbformat.v4.new_output("display_data", data={QUIZ_MIME: {"id": quiz_id}, "text/plain": quiz_id})]
        nb.cells.append(cell)
    nbformat.write(nb, src / f"{name}.ipynb")


def with_extra_pages(src: Path) -> None:
    for name in EXTRA_PAGES:
        (src / f"{name}.md").write_text(f"# {name}\n\nNo quiz here.\n")
    index = src / "index.md"
    index.write_text(index.read_text().replace("progress\n", "progress\n" + "".join(f"{n}\n" for n in EXTRA_PAGES)))


def manifest_ids(src: Path) -> list[str]:
    page = (src / "_build" / "html" / "progress.html").read_text()
    found = re.search(r'<script type="application/json" class="sc-manifest">(.*?)</script>', page, re.S)
    return [quiz["id"] for quiz in json.loads(found.group(1))["quizzes"]]


def has_quiz_assets(src: Path, page: str) -> bool:
    html = (src / "_build" / "html" / f"{page}.html").read_text()
    return "selfcheck-quiz.js" in html and "selfcheck-quiz.css" in html


def test_the_collector_records_quiz_and_progress_pages(book):
    chapter(book, "chapter-alpha", "alpha", widgets=True)
    chapter(book, "extra-1", widgets=True)
    index = book / "index.md"
    index.write_text(index.read_text().replace("progress\n", "progress\nextra-1\n"))
    app = build(book)
    assert app.statuscode == 0, app._warning.getvalue()
    assert isinstance(getattr(app.env, ENV_ATTRIBUTE), BookPages)
    assert quiz_pages(app.env) == {"chapter-alpha": ("alpha",), "chapter-beta": ("beta",)}
    assert progress_pages(app.env) == {"progress"}
    assert manifest_ids(book) == ["alpha", "beta"]
    assert has_quiz_assets(book, "chapter-alpha") and has_quiz_assets(book, "progress")
    assert not has_quiz_assets(book, "index")
    # The saved widget state is dropped from quiz pages only.
    state = "application/vnd.jupyter.widget-state+json"
    assert state not in (book / "_build" / "html" / "chapter-alpha.html").read_text()
    assert state in (book / "_build" / "html" / "extra-1.html").read_text()


def test_parallel_reading_merges_what_each_process_collected(book):
    with_extra_pages(book)
    app = build(book, parallel=2)
    assert app.statuscode == 0, app._warning.getvalue()
    assert app.parallel == 2 and app.is_parallel_allowed("read")
    assert quiz_pages(app.env) == {"chapter-alpha": ("alpha",), "chapter-beta": ("beta",)}
    assert progress_pages(app.env) == {"progress"}
    assert manifest_ids(book) == ["alpha", "beta"]


@pytest.mark.parametrize("parallel", [0, 2], ids=["serial", "parallel"])
def test_an_incremental_rebuild_keeps_the_record_up_to_date(book, parallel):
    with_extra_pages(book)
    assert build(book, parallel).statuscode == 0
    # A chapter stops showing its quiz, another starts showing two, one is removed.
    chapter(book, "chapter-alpha")
    chapter(book, "extra-1", "beta", "alpha")
    (book / "extra-1.md").unlink()
    (book / "extra-2.md").unlink()
    index = book / "index.md"
    index.write_text(index.read_text().replace("extra-2\n", ""))
    app = build(book, parallel)
    assert app.statuscode == 0, app._warning.getvalue()
    assert quiz_pages(app.env) == {"chapter-beta": ("beta",), "extra-1": ("beta", "alpha")}
    # The progress page was not edited, yet it lists the quizzes as they are now.
    assert manifest_ids(book) == ["beta", "beta", "alpha"]
    assert not has_quiz_assets(book, "chapter-alpha")
    assert has_quiz_assets(book, "extra-1")


def test_a_quiz_shown_twice_on_a_page_is_one_error_and_shown_once(book):
    chapter(book, "chapter-alpha", "alpha", "alpha")
    app = build(book)
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app._warning.getvalue())
    assert "chapter-alpha.ipynb: quiz 'alpha' is shown twice on this page: show it once" in warnings
    assert warnings.count("ERROR") == 1
    page = (book / "_build" / "html" / "chapter-alpha.html").read_text()
    assert page.count('data-quiz-id="alpha"') == 1
    assert "[quiz not built: chapter-alpha.ipynb: quiz 'alpha' is shown twice on this page: show it once]" in page
    assert quiz_pages(app.env) == {"chapter-alpha": ("alpha",), "chapter-beta": ("beta",)}


def test_a_quiz_page_depends_on_its_yaml_the_bibliography_and_selfchecks_templates(book):
    """So that an edit to selfcheck's quiz template reaches the pages on a normal rebuild
    (Sphinx re-reads a page when a file it depends on is newer than the last build)."""
    app = build(book)
    assert app.statuscode == 0, app._warning.getvalue()
    depends = {Path(p).resolve() for p in app.env.dependencies["chapter-alpha"]}
    assert (book / "quizzes" / "alpha.yml").resolve() in depends
    assert (TEMPLATES / "quiz.html").resolve() in depends
    assert not {Path(p).resolve() for p in app.env.dependencies.get("index", ())} & {(TEMPLATES / "quiz.html").resolve()}
