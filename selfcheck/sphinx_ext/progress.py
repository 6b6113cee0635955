"""The "My progress" page: a ``{selfcheck-progress}`` directive.

The directive leaves a placeholder; once every page has been read, the placeholder
becomes the progress view with a manifest of every quiz in the book (chapter, link,
study time, question ids and versions). The page's script reads the learner's answers
from this browser and fills in scores, chapters not yet started, the overall figure
and a printable learning record. Nothing leaves the browser.
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from markupsafe import Markup
from sphinx.util.docutils import SphinxDirective

from ..core import bank
from ..core.validate import QuizError
from ..views.templating import template_environment

TEMPLATES = Path(__file__).parent / "templates"


class progress_placeholder(nodes.General, nodes.Element):
    pass


class ProgressDirective(SphinxDirective):
    has_content = False

    def run(self):
        # The collector finds this page by its placeholder. The manifest depends on every quiz file.
        root = Path(self.env.app.srcdir)
        for path in bank.quiz_files(root / bank.QUIZ_DIR):
            self.env.note_dependency(str(path))
        return [progress_placeholder()]


def _docs_in_reading_order(env) -> list[str]:
    relations = env.collect_relations()
    order, seen = [], set()
    doc = env.config.root_doc
    while doc is not None and doc not in seen:
        order.append(doc)
        seen.add(doc)
        doc = relations.get(doc, (None, None, None))[2]
    return order + sorted(set(env.found_docs) - seen)


def manifest(app, fromdocname: str, quiz_pages: dict[str, tuple[str, ...]]) -> dict:
    env, root = app.env, Path(app.srcdir)
    quizzes = []
    for docname in _docs_in_reading_order(env):
        for quiz_id in quiz_pages.get(docname, []):
            try:
                quiz = bank.load_quiz(quiz_id, root)
            except (QuizError, bank.UnknownQuiz):
                continue  # already reported as an error by the page that shows it
            title = env.titles.get(docname)
            minutes = str(env.metadata.get(docname, {}).get("study_minutes", "0"))
            quizzes.append(
                {
                    "id": quiz.id,
                    "title": quiz.title,
                    "chapter": title.astext() if title is not None else quiz.title,
                    "url": app.builder.get_relative_uri(fromdocname, docname),
                    "minutes": int(minutes) if minutes.isdigit() else 0,
                    "questions": [
                        {"id": q.id, "version": q.version, "options": len(q.options), "multiple": q.is_multiple}
                        for q in quiz.questions
                    ],
                }
            )
    return {"quizzes": quizzes}


def _script_json(data: dict) -> str:
    """JSON that can stand inside a <script> element: no "<" that could close it."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def render(data: dict) -> str:
    """The progress view (templates/progress.html) with the manifest in it, as JSON."""
    template = template_environment(TEMPLATES).get_template("progress.html")
    return template.render(manifest=Markup(_script_json(data))).strip()


def fill_placeholders(
    app, doctree, fromdocname: str, quiz_pages: dict[str, tuple[str, ...]], review_page: str | None = None
) -> None:
    placeholders = list(doctree.findall(progress_placeholder))
    if not placeholders:
        return
    data = manifest(app, fromdocname, quiz_pages)
    if review_page:  # for "3 questions due for review today: Review"
        data["review"] = app.builder.get_relative_uri(fromdocname, review_page)
    html = render(data)
    for node in placeholders:
        node.replace_self(nodes.raw("", html, format="html"))
