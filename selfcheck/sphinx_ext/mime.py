"""The quiz in a built page: a myst-nb MIME renderer plugin.

``QuizMimeRenderer`` turns the quiz MIME output of ``quiz("<id>")`` into static HTML: a raw
node marked with the quiz id, which ``collector`` reads. It re-reads the YAML from the
book's source folder (``app.srcdir``) and declares it a page dependency, so a YAML edit
rebuilds the page even when the notebook's outputs come from the execution cache.
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

from ..core import bank
from ..core.bibliography import read_bibliography
from ..core.validate import QuizError
from ..views.notebook import CALL_MIME, QUIZ_MIME
from ..views.page import render_quiz
from .collector import QUIZ_ATTRIBUTE

logger = logging.getLogger(__name__)

HTML_BUILDERS = ("html", "dirhtml", "singlehtml", "readthedocs", "readthedocsdirhtml")


def _heading_level(myst_renderer) -> int:
    """One below the heading the quiz stands under (myst-parser tracks open sections by
    heading level; the mapping is internal, so fall back to h3 if it is not there)."""
    levels = getattr(myst_renderer, "_level_to_section", None)
    if not levels:
        return 3
    return min(max(levels) + 1, 6)


class QuizMimeRenderer:
    """myst-nb MIME renderer plugin (entry point group ``myst_nb.mime_renderers``)."""

    # Below the widget view's priority (10), so the static quiz wins on HTML pages.
    mime_priority_overrides = [(name, QUIZ_MIME, 5) for name in HTML_BUILDERS]
    # PROVISIONAL (issue 17, lead): the call's static HTML comes from the calls-site work;
    # until then a call shows as its name, so the strict build stays green.
    mime_priority_overrides += [(name, CALL_MIME, 5) for name in HTML_BUILDERS]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type == CALL_MIME and not inline:
            return [nodes.paragraph(text=f"[telephone triage call: {data.content}]")]
        if data.mime_type != QUIZ_MIME or inline:
            return None
        env = renderer.renderer.sphinx_env
        if env is None:
            return None
        content = data.content
        if isinstance(content, (str, bytes)):
            content = json.loads(content)
        quiz_id = str(content.get("id", ""))
        root = Path(env.app.srcdir)
        docname = env.docname
        location = (docname, data.line)
        quiz_file = root / bank.QUIZ_DIR / f"{quiz_id}.yml"
        bib_file = root / bank.BIB_FILE
        # Rebuild this page whenever its quiz or the bibliography changes.
        env.note_dependency(str(quiz_file))
        env.note_dependency(str(bib_file))
        try:
            quiz = bank.load_quiz(quiz_id, root)
        except bank.UnknownQuiz as exc:
            return _fail(location, f"{env.doc2path(docname, False)}: {exc}")
        except QuizError as exc:
            listing = "\n  ".join(str(p) for p in exc.problems)
            return _fail(
                location,
                f"{env.doc2path(docname, False)}: quiz '{quiz_id}' ({bank.QUIZ_DIR}/{quiz_id}.yml) "
                f"is invalid:\n  {listing}",
            )
        level = max(_heading_level(renderer.renderer), 2)
        html = render_quiz(quiz, read_bibliography(bib_file, root).sources, heading_level=level)
        # The collector finds the page's quizzes by this attribute once the page is read.
        return [nodes.raw("", html, format="html", **{QUIZ_ATTRIBUTE: quiz_id})]


def _fail(location, message: str):
    logger.error(message, location=location)
    return [nodes.paragraph(text=f"[quiz not built: {message}]", classes=["sc-build-error"])]
