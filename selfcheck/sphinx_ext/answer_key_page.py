"""A built copy of the printable answer key, linked from the book (``{selfcheck-answer-key}``).

The directive leaves a link to ``answer-key.html`` at the site's root; when the build has
finished, the key is written there from the same question bank the quizzes come from
(selfcheck.export.answer_key), so the book and the key can never disagree.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..core import bank

logger = logging.getLogger(__name__)
KEY_FILE = "answer-key.html"


class AnswerKeyDirective(SphinxDirective):
    has_content = False

    def run(self):
        root = Path(self.env.app.srcdir)
        for path in [*bank.quiz_files(root / bank.QUIZ_DIR), *bank.call_files(root)]:
            self.env.note_dependency(str(path))
        href = posixpath.relpath(KEY_FILE, posixpath.dirname(self.env.docname) or ".")
        link = nodes.reference("", "Open the printable answer key", refuri=href, internal=False)
        return [nodes.paragraph("", "", link, classes=["sc-answer-key-link"])]


def write_answer_key(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from .. import export
    from ..core.bibliography import read_bibliography

    root = Path(app.srcdir)
    quizzes, problems = bank.check_bank(root)
    calls, call_problems = bank.check_calls(root)
    if problems or call_problems:
        return  # each problem has already stopped the build with its own message
    data = export.Bank(export.course_title(root), tuple(quizzes), read_bibliography(root / bank.BIB_FILE, root).sources,
                       tuple(calls))
    (Path(app.outdir) / KEY_FILE).write_bytes(export.render("answer-key", data))


def setup(app):
    app.add_directive("selfcheck-answer-key", AnswerKeyDirective)
    app.connect("build-finished", write_answer_key)
