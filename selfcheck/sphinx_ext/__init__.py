"""The Sphinx side of selfcheck: the extension that shows quizzes in a book.

- ``mime.QuizMimeRenderer`` (entry point ``myst_nb.mime_renderers``) turns the quiz output
  of ``quiz("<id>")`` into static HTML;
- ``collector.BookPagesCollector`` keeps which pages show which quizzes (and drops the
  saved ipywidgets state there, inert on a static page) and which are progress pages;
- ``setup`` checks the whole bank and the bibliography before reading, adds the quiz
  script and stylesheet to quiz pages only, and lists the quizzes due for review;
- ``progress`` (the My progress page), ``review`` (the Review page and the question
  fragments it fetches) and ``answer_key_page`` (the printable answer key);
  ``reference_style`` (the bibliography's style); ``jump_links`` ("Go to the quiz" under
  the title of a quiz page, "Back to the chapter" after the quiz); ``present_links`` (links
  into presenter mode, ``chapter.md?present=2,3``, as the session plans have them).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from sphinx.util import logging

from ..core import bank, fairness
from ..core.model import due_listing
from ..core.bibliography import read_bibliography
from ..core.validate import display_path
from . import review
from .collector import BookPagesCollector, call_pages, progress_pages, quiz_pages, review_pages
from .mime import CallMimeRenderer, QuizMimeRenderer
from .progress import ProgressDirective, fill_placeholders, progress_placeholder

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent.parent / "static"
QUIZ_JS = "selfcheck-quiz.js"
QUIZ_CSS = "selfcheck-quiz.css"
PROGRESS_JS = "selfcheck-progress.js"
PROGRESS_CSS = "selfcheck-progress.css"
REVIEW_JS = "selfcheck-review.js"
CALL_JS = "selfcheck-call.js"
CALL_CSS = "selfcheck-call.css"


def _add_static_path(app, config) -> None:
    config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]


def _check_bibliography(app, config) -> None:
    """Every bibliography the book reads is read by the one reader first: a fault is one
    clear error, not a traceback or a warning that drops every entry after it.

    sphinxcontrib-bibtex skips a missing or irregular file with a warning, but a file it
    cannot decode stops the whole build with a traceback: such a file is read as Latin-1,
    which can decode anything, so that nothing else fails first. The bank's own
    bibliography is reported by the bank check (``_check_bank``), the others here."""
    root = Path(app.srcdir)
    for entry in getattr(config, "bibtex_bibfiles", None) or []:
        path = Path(app.confdir) / entry
        bibliography = read_bibliography(path, root)
        if any(p.message.startswith("not UTF-8") for p in bibliography.problems):
            config.bibtex_encoding = "latin-1"
        if _bank_checked(root) and os.path.abspath(path) == os.path.abspath(root / bank.BIB_FILE):
            continue
        for problem in bibliography.problems:
            logger.error(f"bibliography: {problem}")


def _bank_checked(root: Path) -> bool:
    return (root / bank.QUIZ_DIR).is_dir()


def _check_bank(app) -> None:
    """A broken quiz or telephone triage call fails the build even if no chapter shows it
    yet; so does a chapter citing a withdrawn source or a copy."""
    root = Path(app.srcdir)
    quizzes, problems = bank.check_bank(root) if _bank_checked(root) else ([], [])
    chapters = bank.chapter_problems(root)
    for problem in chapters:
        if problem not in problems:  # a broken copy-host list is found by both checks
            logger.error(f"sources: {problem}")
    for problem in problems:
        logger.error(f"quiz bank: {problem}")
    for problem in bank.check_calls(root)[1]:  # a project with no calls/ has none
        if problem not in problems and problem not in chapters:  # (the copy-host list again)
            logger.error(f"calls: {problem}")
    # The build is strict: a bank that rewards the longest option or one position fails it.
    for problem in fairness.bank_problems(quizzes, root):
        logger.error(f"quiz bank: {problem}")


def tell(app, line: str) -> None:
    """Information for whoever runs the build, shown by a quiet build too (as course_site's)."""
    logger.info(line)
    if app.quiet:
        print(line, file=sys.stderr, flush=True)  # make book sends stdout to its log


def _list_overdue(app, exception) -> None:
    """After a build: the quizzes and calls due for review, as information (the build does not fail on
    the passage of time, and it runs with -W, so this is no warning)."""
    root = Path(app.srcdir)
    if exception is not None:
        return
    if (root / bank.QUIZ_DIR).is_dir():
        quizzes, _ = bank.check_bank(root)
        reviewed = {display_path(quiz.path, root): quiz.reviewed for quiz in quizzes}
        for line in due_listing("Quizzes", reviewed, dt.date.today()):
            tell(app, line)
    reviewed = {display_path(call.path, root): call.reviewed for call in bank.check_calls(root)[0]}
    for line in due_listing("Calls", reviewed, dt.date.today()):
        tell(app, line)


def _page_context(app, pagename, templatename, context, doctree) -> None:
    if app.builder.format != "html":
        return
    progress = pagename in progress_pages(app.env)
    reviewing = pagename in review_pages(app.env)
    if pagename in quiz_pages(app.env) or progress or reviewing:
        app.add_css_file(QUIZ_CSS)
        app.add_js_file(QUIZ_JS, loading_method="defer")
    if reviewing:  # after the quiz's own, whose setUpQuiz it uses
        app.add_js_file(REVIEW_JS, loading_method="defer")
    if pagename in call_pages(app.env):  # a telephone triage call: its own script, on its own
        app.add_css_file(CALL_CSS)
        app.add_js_file(CALL_JS, loading_method="defer")
    if progress:  # after the quiz's own, which it builds on (deferred scripts run in order)
        app.add_css_file(PROGRESS_CSS)
        if call_pages(app.env):  # the call records' rules, for the calls' line and the file
            app.add_js_file(CALL_JS, loading_method="defer")
        app.add_js_file(PROGRESS_JS, loading_method="defer")


def _resolve_progress(app, doctree, docname) -> None:
    review_page = min(review_pages(app.env), default=None)
    fill_placeholders(app, doctree, docname, quiz_pages(app.env), review_page, call_pages(app.env))
    review.fill_placeholders(app, doctree, docname, quiz_pages(app.env))


def _write_question_fragments(app, exception) -> None:
    """The questions the Review page fetches: written only where a book has a Review page."""
    if exception is not None or app.builder.format != "html" or not review_pages(app.env):
        return
    shown = {quiz_id for ids in quiz_pages(app.env).values() for quiz_id in ids}
    review.write_fragments(app, shown)


__all__ = ["CallMimeRenderer", "QuizMimeRenderer", "setup"]


def setup(app):
    from . import answer_key_page, downloads, jump_links, live_site, local_overlay, present_links, reference_style

    reference_style.register()  # before sphinxcontrib-bibtex looks the style up
    downloads.setup(app)
    answer_key_page.setup(app)
    local_overlay.setup(app)
    live_site.setup(app)
    app.connect("config-inited", _add_static_path)
    app.connect("config-inited", _check_bibliography)
    app.connect("builder-inited", _check_bank)
    app.connect("html-page-context", _page_context)
    app.add_node(progress_placeholder)
    app.add_directive("selfcheck-progress", ProgressDirective)
    app.add_node(review.review_placeholder)
    app.add_directive("selfcheck-review", review.ReviewDirective)
    app.connect("build-finished", _write_question_fragments)
    app.connect("doctree-resolved", _resolve_progress)
    jump_links.setup(app)
    present_links.setup(app)
    app.connect("build-finished", _list_overdue)
    # Which pages show which quizzes and calls, and which are progress and review pages
    # (env_version 4: calls added; 5: quiz and call pages depend on selfcheck's templates).
    app.add_env_collector(BookPagesCollector)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 5}
