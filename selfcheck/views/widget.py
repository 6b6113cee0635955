"""The quiz as live ipywidgets, for a chapter opened as a notebook in JupyterLab.

Python callbacks grade (core/grading.py). Feedback follows grading.feedback(), in the
words the static page's script also shows: the verdict, the chosen option's feedback, the
missed options of a multiple-response question, the explanation and the source. The HTML
pieces are macros in templates/widget.html.
"""

from __future__ import annotations

import ipywidgets as w
from markupsafe import Markup

from ..core import markup
from ..core.bibliography import Source
from ..core.grading import Result, Score, feedback, grade
from ..core.model import Question, Quiz, option_letter
from .page import templates


def _html():
    """The macros of templates/widget.html."""
    return templates().get_template("widget.html").module


def feedback_html(question: Question, chosen, source: Source | None) -> str:
    return str(_html().feedback(
        feedback(question, chosen),
        [Markup(markup.block(o.feedback)) for o in question.options],
        Markup(markup.block(question.explanation)),
        _html().source(source.text, markup.web_address(source.url)) if source else _html().source(question.source, ""),
    )).strip()


class QuestionView:
    """One question: its choices, Check answer, Try again and the feedback area."""

    def __init__(self, question: Question, number: int, total: int, source: Source | None, on_checked):
        self.question, self.source, self.on_checked = question, source, on_checked
        html = _html()
        header = [w.HTML(str(html.question_number(number, total)))]
        if question.scenario:
            header.append(w.HTML(str(html.scenario(Markup(markup.block(question.scenario))))))
        header.append(w.HTML(str(html.prompt(Markup(markup.inline(question.prompt))))))
        labels = [f"{option_letter(i)}. {markup.plain(o.text)}" for i, o in enumerate(question.options)]
        if question.is_multiple:
            header.append(w.HTML(str(html.hint())))
            self.boxes = [w.Checkbox(value=False, description=t, indent=False, layout=w.Layout(width="auto")) for t in labels]
            self.choices = w.VBox(self.boxes)
        else:
            self.boxes = []
            self.choices = w.RadioButtons(options=[(t, i) for i, t in enumerate(labels)], index=None, layout=w.Layout(width="auto"))
        self.check_button = w.Button(description="Check answer", button_style="primary")
        self.retry_button = w.Button(description="Try again")
        self.feedback = w.HTML("")
        self.check_button.on_click(lambda _: self.check())
        self.retry_button.on_click(lambda _: self.try_again())
        self.view = w.VBox(
            [*header, self.choices, w.HBox([self.check_button, self.retry_button]), self.feedback]
        )

    def chosen(self) -> list[int]:
        if self.question.is_multiple:
            return [i for i, box in enumerate(self.boxes) if box.value]
        return [] if self.choices.index is None else [self.choices.index]

    def choose(self, *indices: int) -> None:
        """Select options by index, as a learner's clicks would (used by tests too)."""
        if self.question.is_multiple:
            for i, box in enumerate(self.boxes):
                box.value = i in indices
        else:
            self.choices.index = indices[0] if indices else None

    def check(self) -> Result | None:
        chosen = self.chosen()
        self.feedback.value = feedback_html(self.question, chosen, self.source)
        result = grade(self.question, chosen)
        self.on_checked(self.question.id, result)
        return result

    def try_again(self) -> None:
        self.choose()
        self.feedback.value = ""


class QuizWidget:
    def __init__(self, quiz: Quiz, sources: dict[str, Source]):
        self.quiz = quiz
        self.score = Score(len(quiz.questions))
        self.score_line = w.HTML(str(_html().score(self.score.summary())))
        total = len(quiz.questions)
        self.questions = [
            QuestionView(q, n, total, sources.get(q.source), self._checked)
            for n, q in enumerate(quiz.questions, start=1)
        ]
        self.view = w.VBox([
            w.HTML(str(_html().style())), w.HTML(str(_html().title(quiz.title))),
            *[q.view for q in self.questions], self.score_line,
        ])
        self.view.add_class("sc-widget")  # the style's scope: long options wrap

    def _checked(self, question_id: str, result: Result | None) -> None:
        self.score.record(question_id, result)
        self.score_line.value = str(_html().score(self.score.summary()))
