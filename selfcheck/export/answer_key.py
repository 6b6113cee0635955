"""A printable answer key: one standalone HTML page (no outside requests) with every quiz
and every question, its case, options (the correct ones marked in words, not by colour
alone), each option's feedback, the explanation and the source."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..core import markup
from ..core.model import Question, option_letter
from ..views.page import source_html
from ..views.templating import template_environment
from .common import Bank

# The page is templates/answer-key.html (its stylesheet templates/answer-key.css, inlined).
TEMPLATES = Path(__file__).parent / "templates"
KIND = {"single": "single answer", "multiple": "multiple response", "true-false": "true or false"}


def _question(question: Question, bank: Bank) -> dict:
    """What the template shows of a question: Markdown already rendered (raw HTML off)."""
    options = []
    for i, option in enumerate(question.options):
        feedback = markup.block(option.feedback)
        options.append({
            "letter": option_letter(i),
            "correct": option.correct,
            "text": Markup(markup.inline(option.text)),
            # The "Feedback:" label goes inside the feedback's first paragraph.
            "feedback_in_paragraph": feedback.startswith("<p>"),
            "feedback_rest": Markup(feedback[3:]),
            "feedback": Markup(feedback),
        })
    return {
        "id": question.id,
        "kind": KIND[question.type],
        "scenario": Markup(markup.block(question.scenario)) if question.scenario else "",
        "prompt": Markup(markup.inline(question.prompt)),
        "options": options,
        "right": [option_letter(i) for i in sorted(question.correct_indices)],
        "explanation": Markup(markup.block(question.explanation)),
        "source": Markup(source_html(bank.sources.get(question.source), question.source).removeprefix("Source: ")),
    }


def render(bank: Bank) -> bytes:
    quizzes = [
        {"id": quiz.id, "title": quiz.title, "reviewed": quiz.reviewed.isoformat(),
         "questions": [_question(q, bank) for q in quiz.questions]}
        for quiz in bank.quizzes
    ]
    page = template_environment(TEMPLATES).get_template("answer-key.html").render(
        course=bank.course, quizzes=quizzes, total=len(bank.questions)
    )
    return page.encode("utf-8")
