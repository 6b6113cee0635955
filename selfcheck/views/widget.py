"""The quiz as live ipywidgets, for a chapter opened as a notebook in JupyterLab.

Python callbacks grade (grading.py). Feedback reads like the static page's:
"Correct"/"Not quite", the chosen option's feedback, the missed options of a
multiple-response question, the explanation and the source.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w

from ..core import markup
from ..core.grading import NOTHING_CHOSEN, Result, Score, grade
from .page import source_html
from ..core.model import Question, Quiz, option_letter
from ..core.bibliography import Source


def feedback_html(question: Question, result: Result | None, source: Source | None) -> str:
    if result is None:
        return f"<p><strong>{NOTHING_CHOSEN}.</strong></p>"
    parts = [f"<p><strong>{result.verdict}.</strong></p>"]
    for i in result.chosen:
        option = question.options[i]
        if question.is_multiple:
            parts.append(f"<p><em>You chose: {escape(markup.plain(option.text))}</em></p>")
        parts.append(markup.block(option.feedback))
    if result.missed:
        missed = "; ".join(escape(markup.plain(question.options[i].text)) for i in result.missed)
        parts.append(f"<p>You missed: {missed}.</p>")
    parts.append(markup.block(question.explanation))
    parts.append(f"<p>{source_html(source, question.source)}</p>")
    return "\n".join(parts)


class QuestionView:
    """One question: its choices, Check answer, Try again and the feedback area."""

    def __init__(self, question: Question, number: int, total: int, source: Source | None, on_checked):
        self.question, self.source, self.on_checked = question, source, on_checked
        header = [w.HTML(f"<p><strong>Question {number} of {total}</strong></p>")]
        if question.scenario:
            header.append(w.HTML(f"<div><em>Case</em>{markup.block(question.scenario)}</div>"))
        header.append(w.HTML(f"<p><strong>{markup.inline(question.prompt)}</strong></p>"))
        labels = [f"{option_letter(i)}. {markup.plain(o.text)}" for i, o in enumerate(question.options)]
        if question.is_multiple:
            header.append(w.HTML("<p><em>Choose all that apply.</em></p>"))
            self.boxes = [w.Checkbox(value=False, description=t, indent=False) for t in labels]
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
        result = grade(self.question, self.chosen())
        self.feedback.value = feedback_html(self.question, result, self.source)
        self.on_checked(self.question.id, result)
        return result

    def try_again(self) -> None:
        self.choose()
        self.feedback.value = ""


class QuizWidget:
    def __init__(self, quiz: Quiz, sources: dict[str, Source]):
        self.quiz = quiz
        self.score = Score(len(quiz.questions))
        self.score_line = w.HTML(f"<p><strong>{self.score.summary()}</strong></p>")
        total = len(quiz.questions)
        self.questions = [
            QuestionView(q, n, total, sources.get(q.source), self._checked)
            for n, q in enumerate(quiz.questions, start=1)
        ]
        self.view = w.VBox(
            [w.HTML(f"<h3>{escape(quiz.title)}</h3>"), *[q.view for q in self.questions], self.score_line]
        )

    def _checked(self, question_id: str, result: Result | None) -> None:
        self.score.record(question_id, result)
        self.score_line.value = f"<p><strong>{self.score.summary()}</strong></p>"
