"""What the book build knows about its pages: which quizzes each page shows, and which pages
are "My progress" and "Review" pages. One Sphinx environment collector keeps it, so that removing,
re-reading and parallel reading of pages (purge, merge) are handled in one place.

The facts are read from each page's doctree once it has been read: the MIME renderer marks
each quiz's HTML node with the quiz id (``QUIZ_ATTRIBUTE``), and the progress and review
directives leave a ``progress_placeholder`` or ``review_placeholder``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docutils import nodes
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util import logging

from .progress import progress_placeholder
from .review import review_placeholder

logger = logging.getLogger(__name__)

# The attribute of the raw HTML node that holds one quiz (set by mime.QuizMimeRenderer).
QUIZ_ATTRIBUTE = "selfcheck_quiz"
# The attribute of the raw HTML node that holds one telephone triage call (mime.CallMimeRenderer).
CALL_ATTRIBUTE = "selfcheck_call"
ENV_ATTRIBUTE = "selfcheck_pages"


@dataclass
class BookPages:
    """The collected facts, kept on the build environment (pickled with it)."""

    quizzes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # docname -> quiz ids, in page order
    progress: set[str] = field(default_factory=set)  # docnames of "My progress" pages
    review: set[str] = field(default_factory=set)  # docnames of "Review" pages
    calls: dict[str, tuple[str, ...]] = field(default_factory=dict)  # docname -> call ids, in page order


def book_pages(env) -> BookPages:
    if not isinstance(getattr(env, ENV_ATTRIBUTE, None), BookPages):
        setattr(env, ENV_ATTRIBUTE, BookPages())
    return getattr(env, ENV_ATTRIBUTE)


def quiz_pages(env) -> dict[str, tuple[str, ...]]:
    return book_pages(env).quizzes


def call_pages(env) -> dict[str, tuple[str, ...]]:
    return book_pages(env).calls


def progress_pages(env) -> set[str]:
    return book_pages(env).progress


def review_pages(env) -> set[str]:
    return book_pages(env).review


def quiz_nodes(doctree) -> list[nodes.raw]:
    return [node for node in doctree.findall(nodes.raw) if node.get(QUIZ_ATTRIBUTE)]


class BookPagesCollector(EnvironmentCollector):
    def clear_doc(self, app, env, docname) -> None:
        pages = book_pages(env)
        pages.quizzes.pop(docname, None)
        call_pages(env).pop(docname, None)
        pages.progress.discard(docname)
        pages.review.discard(docname)

    def merge_other(self, app, env, docnames, other) -> None:
        pages, theirs = book_pages(env), book_pages(other)
        pages.quizzes.update({d: ids for d, ids in theirs.quizzes.items() if d in docnames})
        pages.progress.update(theirs.progress & set(docnames))
        pages.review.update(theirs.review & set(docnames))
        call_pages(env).update({d: ids for d, ids in call_pages(other).items() if d in docnames})

    def process_doc(self, app, doctree) -> None:
        env = app.env
        docname = env.docname
        shown = _shown_once(env, docname, doctree, QUIZ_ATTRIBUTE, "quiz")
        calls = _shown_once(env, docname, doctree, CALL_ATTRIBUTE, "call")
        pages = book_pages(env)
        if calls:
            call_pages(env)[docname] = tuple(calls)
        if shown:
            pages.quizzes[docname] = tuple(shown)
        if shown or calls:
            _drop_widget_state(env, docname)
        if any(doctree.findall(progress_placeholder)):
            pages.progress.add(docname)
        if any(doctree.findall(review_placeholder)):
            pages.review.add(docname)

    def get_outdated_docs(self, app, env, added, changed, removed) -> list[str]:
        """The progress and review pages list every chapter: re-read them when any page changes."""
        if added or changed or removed:
            return sorted(progress_pages(env) | review_pages(env))
        return []


def _shown_once(env, docname: str, doctree, attribute: str, what: str) -> list[str]:
    """The ids of the nodes marked with ``attribute``, in page order; a second copy of one is
    an error (it would share the first's element ids and the learner's record)."""
    shown: list[str] = []
    for node in [n for n in doctree.findall(nodes.raw) if n.get(attribute)]:
        node_id = node[attribute]
        if node_id in shown:
            message = f"{env.doc2path(docname, False)}: {what} '{node_id}' is shown twice on this page: show it once"
            logger.error(message, location=(docname, node.line))
            node.replace_self(nodes.paragraph(text=f"[{what} not built: {message}]", classes=["sc-build-error"]))
            continue
        shown.append(node_id)
    return shown


def _drop_widget_state(env, docname: str) -> None:
    """The saved ipywidgets state is inert on a static page and weighs ~30 KB a quiz or call."""
    js_files = getattr(env, "nb_metadata", {}).get(docname, {}).get("js_files", {})
    for key in [k for k in js_files if k.startswith("ipywidgets")]:
        del js_files[key]
