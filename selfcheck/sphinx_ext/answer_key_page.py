"""A built copy of the printable answer key, linked from the book (``{selfcheck-answer-key}``).

The directive leaves a link to ``answer-key.html`` at the site's root; when the build has
finished, the key is written there from the same question bank the quizzes come from
(selfcheck.export.answer_key), in course order (core.course_order), so the book and the key
can never disagree. With ``selfcheck_publish_answer_keys: false`` (downloads.py) there is no
key and no link: the directive says the keys are not published.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..core import bank
from .downloads import course_bank, publishing_answers

logger = logging.getLogger(__name__)
KEY_FILE = "answer-key.html"


class AnswerKeyDirective(SphinxDirective):
    has_content = False

    def run(self):
        root = Path(self.env.app.srcdir)
        for path in [*bank.quiz_files(root / bank.QUIZ_DIR), *bank.call_files(root)]:
            self.env.note_dependency(str(path))
        if not publishing_answers(self.config):
            return [nodes.paragraph("", "This site does not publish its answer keys.", classes=["sc-no-answer-keys"])]
        href = posixpath.relpath(KEY_FILE, posixpath.dirname(self.env.docname) or ".")
        link = nodes.reference("", "Open the printable answer key", refuri=href, internal=False)
        return [nodes.paragraph("", "", link, classes=["sc-answer-key-link"])]


def write_answer_key(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from .. import export

    key = Path(app.outdir) / KEY_FILE
    if not publishing_answers(app.config):
        key.unlink(missing_ok=True)  # an earlier build's key must not stay published
        return
    data = course_bank(Path(app.srcdir))
    if data is None:
        return  # each problem has already stopped the build with its own message
    key.write_bytes(export.render("answer-key", data))


def setup(app):
    app.add_directive("selfcheck-answer-key", AnswerKeyDirective)
    app.connect("build-finished", write_answer_key)
