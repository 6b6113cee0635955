"""``quiz("<id>")`` for a chapter's code cell.

The returned object's mime bundle carries both views: the ipywidgets view (JupyterLab
renders it, and Python grades) and ``application/vnd.selfcheck.quiz+json`` naming the
quiz, which the book's MIME renderer turns into static HTML (sphinx_ext/mime.py). A broken
or unknown quiz never raises in the kernel: the problems are shown, and the book build,
which re-reads the YAML itself, stops with them.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..core import bank
from ..core.bibliography import read_sources
from ..core.validate import QuizError, Unreadable

QUIZ_MIME = "application/vnd.selfcheck.quiz+json"


class QuizDisplay:
    def __init__(self, quiz_id: str, root: Path | None = None):
        self.quiz_id = quiz_id
        self.widget = None
        self.problems: list[str] = []
        try:
            root = bank.find_root(root)
            quiz = bank.load_quiz(quiz_id, root)
        except QuizError as exc:
            self.problems = [str(p) for p in exc.problems]
        except (bank.ProjectNotFound, bank.UnknownQuiz) as exc:
            self.problems = [str(exc)]
        else:
            from .widget import QuizWidget  # ipywidgets only when a quiz is shown

            try:
                sources = read_sources(root / bank.BIB_FILE)
            except (OSError, Unreadable) as exc:  # changed since it was checked
                self.problems = [f"{bank.BIB_FILE}: cannot be read: {exc}"]
            else:
                self.widget = QuizWidget(quiz, sources)

    def _problem_text(self) -> str:
        return f"Quiz '{self.quiz_id}' cannot be shown:\n" + "\n".join(self.problems)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {QUIZ_MIME: {"id": self.quiz_id}}
        if self.widget is None:
            items = "".join(f"<li><code>{escape(p)}</code></li>" for p in self.problems)
            bundle["text/plain"] = self._problem_text()
            bundle["text/html"] = (
                f"<div><p><strong>Quiz '{escape(self.quiz_id)}' cannot be shown:</strong></p><ul>{items}</ul></div>"
            )
            return bundle
        widget_bundle = self.widget.view._repr_mimebundle_(include=include, exclude=exclude)
        bundle.update(widget_bundle or {})
        bundle["text/plain"] = f"Quiz: {self.widget.quiz.title} ({len(self.widget.quiz.questions)} questions)"
        return bundle


def quiz(quiz_id: str) -> QuizDisplay:
    """Show the quiz ``quizzes/<quiz_id>.yml`` of the project this kernel runs in."""
    return QuizDisplay(quiz_id)


CALL_MIME = "application/vnd.selfcheck.call+json"


class CallDisplay:
    """``call("<id>")``: a telephone triage call. As ``QuizDisplay``, the bundle carries the
    ipywidgets view (graded in Python) and the call MIME, which the book renders as static HTML."""

    def __init__(self, call_id: str, root: Path | None = None):
        self.call_id = call_id
        self.widget = None
        self.problems: list[str] = []
        try:
            root = bank.find_root(root)
            self.call = bank.load_call(call_id, root)
        except QuizError as exc:
            self.problems = [str(p) for p in exc.problems]
        except (bank.ProjectNotFound, bank.UnknownCall) as exc:
            self.problems = [str(exc)]
        else:
            from .call_widget import CallWidget  # ipywidgets only when a call is shown

            try:
                sources = read_sources(root / bank.BIB_FILE)
            except (OSError, Unreadable) as exc:  # changed since it was checked
                self.problems = [f"{bank.BIB_FILE}: cannot be read: {exc}"]
            else:
                self.widget = CallWidget(self.call, sources)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {CALL_MIME: {"id": self.call_id}}
        if self.problems:
            items = "".join(f"<li><code>{escape(p)}</code></li>" for p in self.problems)
            bundle["text/plain"] = f"Call '{self.call_id}' cannot be shown:\n" + "\n".join(self.problems)
            bundle["text/html"] = (
                f"<div><p><strong>Call '{escape(self.call_id)}' cannot be shown:</strong></p><ul>{items}</ul></div>"
            )
            return bundle
        if self.widget is not None:
            bundle.update(self.widget.view._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/plain"] = f"Telephone triage call: {self.call.title}"
        return bundle


def call(call_id: str) -> CallDisplay:
    """Show the telephone triage call ``calls/<call_id>.yml`` of the project this kernel runs in."""
    return CallDisplay(call_id)
