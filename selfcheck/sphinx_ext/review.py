"""The Review page: a ``{selfcheck-review}`` directive, and the questions it asks.

The directive leaves a placeholder; once every page has been read it becomes the review
view with the same manifest as My progress (``progress.manifest``) and the address of the
question fragments. The page does not carry the questions (every quiz would make it about
200 KB gzipped): after the build, each quiz's HTML, as its chapter page shows it
(``render_quiz``), is written to ``_static/selfcheck-questions/<quiz-id>.html``, and the
page's script (``selfcheck-review.js``) fetches only the quizzes with questions due.
Nothing leaves the browser: the fragments come from the site itself.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from docutils import nodes
from markupsafe import Markup
from sphinx.util import logging

from ..core import bank
from ..core.bibliography import read_bibliography
from ..core.validate import QuizError
from ..views.page import render_quiz
from ..views.templating import template_environment
from .progress import ManifestDirective, _script_json, manifest

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
# Where the question fragments go in the built site, from its root.
QUESTIONS_DIR = "_static/selfcheck-questions"


class review_placeholder(nodes.General, nodes.Element):
    pass


class ReviewDirective(ManifestDirective):
    placeholder = review_placeholder


def questions_url(app, fromdocname: str) -> str:
    """The fragments' folder relative to the page (the site may live in a subfolder)."""
    page_dir = posixpath.dirname(app.builder.get_target_uri(fromdocname)) or "."
    return posixpath.relpath(QUESTIONS_DIR, page_dir) + "/"


def render(data: dict, questions: str) -> str:
    """The review view (templates/review.html) with the manifest in it, as JSON."""
    template = template_environment(TEMPLATES).get_template("review.html")
    return template.render(manifest=Markup(_script_json(data)), questions=questions).strip()


def fill_placeholders(app, doctree, fromdocname: str, quiz_pages: dict[str, tuple[str, ...]]) -> None:
    placeholders = list(doctree.findall(review_placeholder))
    if not placeholders:
        return
    html = render(manifest(app, fromdocname, quiz_pages), questions_url(app, fromdocname))
    for node in placeholders:
        node.replace_self(nodes.raw("", html, format="html"))


def write_fragments(app, quiz_ids: set[str]) -> list[Path]:
    """Write each quiz's HTML to QUESTIONS_DIR (and remove fragments of quizzes no page
    shows any more); return the files written. A quiz that does not load was reported by
    the page that shows it, and gets no fragment."""
    root = Path(app.srcdir)
    folder = Path(app.outdir) / QUESTIONS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    sources = read_bibliography(root / bank.BIB_FILE, root).sources
    written = []
    for quiz_id in sorted(quiz_ids):
        try:
            quiz = bank.load_quiz(quiz_id, root)
        except (QuizError, bank.UnknownQuiz):
            continue
        path = folder / f"{quiz_id}.html"
        # Heading level 2: on the Review page each quiz stands under the page's title.
        path.write_text(render_quiz(quiz, sources, heading_level=2) + "\n", encoding="utf-8")
        written.append(path)
    for old in folder.glob("*.html"):
        if old not in written:
            old.unlink()
    return written
