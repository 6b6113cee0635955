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
from ..views.call_page import render_call
from ..views.notebook import CALL_MIME, QUIZ_MIME
from ..views.page import TEMPLATES, render_quiz
from .collector import CALL_ATTRIBUTE, QUIZ_ATTRIBUTE
from .live_site import live_link

logger = logging.getLogger(__name__)

HTML_BUILDERS = ("html", "dirhtml", "singlehtml", "readthedocs", "readthedocsdirhtml")


def _heading_level(myst_renderer) -> int:
    """One below the heading the quiz stands under (myst-parser tracks open sections by
    heading level; the mapping is internal, so fall back to h3 if it is not there)."""
    levels = getattr(myst_renderer, "_level_to_section", None)
    if not levels:
        return 3
    return min(max(levels) + 1, 6)


def _render(renderer, data, inline, kind: str, mime: str, folder: str, load, unknown, render, attribute,
            extra=None):
    """A quiz's or a call's MIME output as static HTML: a raw node marked with its id, which
    ``collector`` reads. The page depends on the item's file, the bibliography and selfcheck's
    templates, so an edit to any of them rebuilds it even when the notebook's outputs come
    from the execution cache.
    ``extra(env, docname, item_id)`` gives more arguments for ``render`` (the quiz's live link)."""
    if data.mime_type != mime or inline:
        return None
    env = renderer.renderer.sphinx_env
    if env is None:
        return None
    content = data.content
    if isinstance(content, (str, bytes)):
        content = json.loads(content)
    item_id = str(content.get("id", ""))
    root = Path(env.app.srcdir)
    docname = env.docname
    location = (docname, data.line)
    bib_file = root / bank.BIB_FILE
    env.note_dependency(str(root / folder / f"{item_id}.yml"))
    env.note_dependency(str(bib_file))
    # The markup comes from selfcheck's templates: an edit to them must reach the page too.
    for template in sorted(TEMPLATES.iterdir()):
        env.note_dependency(str(template))
    try:
        item = load(item_id, root)
    except unknown as exc:
        return _fail(location, f"{env.doc2path(docname, False)}: {exc}", kind)
    except QuizError as exc:
        listing = "\n  ".join(str(p) for p in exc.problems)
        return _fail(
            location,
            f"{env.doc2path(docname, False)}: {kind} '{item_id}' ({folder}/{item_id}.yml) is invalid:\n  {listing}",
            kind,
        )
    level = max(_heading_level(renderer.renderer), 2)
    more = extra(env, docname, item_id) if extra else {}
    html = render(item, read_bibliography(bib_file, root).sources, heading_level=level, **more)
    return [nodes.raw("", html, format="html", **{attribute: item_id})]


class QuizMimeRenderer:
    """myst-nb MIME renderer plugin (entry point group ``myst_nb.mime_renderers``)."""

    # Below the widget view's priority (10), so the static quiz wins on HTML pages.
    mime_priority_overrides = [(name, QUIZ_MIME, 5) for name in HTML_BUILDERS]

    @staticmethod
    def handle_mime(renderer, data, inline):
        return _render(renderer, data, inline, "quiz", QUIZ_MIME, bank.QUIZ_DIR, bank.load_quiz,
                       bank.UnknownQuiz, render_quiz, QUIZ_ATTRIBUTE, _live)


def _live(env, docname, quiz_id):
    return {"live": live_link(env, docname, quiz_id)}


class CallMimeRenderer:
    """The telephone triage call of ``call("<id>")`` as static HTML, as for a quiz."""

    mime_priority_overrides = [(name, CALL_MIME, 5) for name in HTML_BUILDERS]

    @staticmethod
    def handle_mime(renderer, data, inline):
        return _render(renderer, data, inline, "call", CALL_MIME, bank.CALL_DIR, bank.load_call,
                       bank.UnknownCall, render_call, CALL_ATTRIBUTE)


def _fail(location, message: str, what: str = "quiz"):
    logger.error(message, location=location)
    return [nodes.paragraph(text=f"[{what} not built: {message}]", classes=["sc-build-error"])]
