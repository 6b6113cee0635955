"""``quiz("<id>")`` and ``call("<id>")`` for a chapter's code cell.

The returned object's mime bundle carries both views: the ipywidgets view (JupyterLab
renders it, and Python grades) and ``application/vnd.selfcheck.quiz+json`` naming the
quiz, which the book's MIME renderer turns into static HTML (sphinx_ext/mime.py). A broken
or unknown quiz never raises in the kernel: the problems are shown, and the book build,
which re-reads the YAML itself, stops with them.
"""

from __future__ import annotations

from pathlib import Path

from ..core import bank
from ..core.bibliography import read_sources
from ..core.validate import QuizError, Unreadable

QUIZ_MIME = "application/vnd.selfcheck.quiz+json"
CALL_MIME = "application/vnd.selfcheck.call+json"
TEMPLATES = Path(__file__).parent / "templates"


class _Display:
    """What ``quiz()`` and ``call()`` return: the item loaded and checked, its widget, or the
    problems that stop it (shown in the notebook, never raised)."""

    kind = ""  # "Quiz" or "Call": how the problems are headed
    mime = ""
    unknown: type[Exception] = Exception  # the bank's "no such file" error for this kind

    def __init__(self, item_id: str, root: Path | None = None):
        self.item_id = item_id
        self.widget = None
        self.problems: list[str] = []
        try:
            root = bank.find_root(root)
            item = self._load(item_id, root)
        except QuizError as exc:
            self.problems = [str(p) for p in exc.problems]
        except (bank.ProjectNotFound, self.unknown) as exc:
            self.problems = [str(exc)]
        else:
            try:
                sources = read_sources(root / bank.BIB_FILE)
            except (OSError, Unreadable) as exc:  # changed since it was checked
                self.problems = [f"{bank.BIB_FILE}: cannot be read: {exc}"]
            else:
                self.widget = self._widget(item, sources)

    def _load(self, item_id: str, root: Path):
        raise NotImplementedError

    def _widget(self, item, sources):
        raise NotImplementedError

    def _summary(self) -> str:
        raise NotImplementedError

    def _problem_text(self) -> str:
        return f"{self.kind} '{self.item_id}' cannot be shown:\n" + "\n".join(self.problems)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {self.mime: {"id": self.item_id}}
        if self.widget is None:
            bundle["text/plain"] = self._problem_text()
            from .templating import template_environment  # jinja2 only to show problems

            bundle["text/html"] = template_environment(TEMPLATES, False).get_template("cannot-be-shown.html").render(
                kind=self.kind, name=self.item_id, problems=self.problems)
            return bundle
        bundle.update(self.widget.view._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/plain"] = self._summary()
        return bundle


class QuizDisplay(_Display):
    kind, mime, unknown = "Quiz", QUIZ_MIME, bank.UnknownQuiz

    @property
    def quiz_id(self) -> str:
        return self.item_id

    def _load(self, item_id, root):
        return bank.load_quiz(item_id, root)

    def _widget(self, quiz, sources):
        from .widget import QuizWidget  # ipywidgets only when a quiz is shown

        return QuizWidget(quiz, sources)

    def _summary(self) -> str:
        return f"Quiz: {self.widget.quiz.title} ({len(self.widget.quiz.questions)} questions)"


def quiz(quiz_id: str) -> QuizDisplay:
    """Show the quiz ``quizzes/<quiz_id>.yml`` of the project this kernel runs in."""
    return QuizDisplay(quiz_id)


class CallDisplay(_Display):
    """``call("<id>")``: a telephone triage call. As ``QuizDisplay``, the bundle carries the
    ipywidgets view (graded in Python) and the call MIME, which the book renders as static HTML."""

    kind, mime, unknown = "Call", CALL_MIME, bank.UnknownCall

    @property
    def call_id(self) -> str:
        return self.item_id

    def _load(self, item_id, root):
        self.call = bank.load_call(item_id, root)
        return self.call

    def _widget(self, call, sources):
        from .call_widget import CallWidget  # ipywidgets only when a call is shown

        return CallWidget(call, sources)

    def _summary(self) -> str:
        return f"Telephone triage call: {self.call.title}"


def call(call_id: str) -> CallDisplay:
    """Show the telephone triage call ``calls/<call_id>.yml`` of the project this kernel runs in."""
    return CallDisplay(call_id)
