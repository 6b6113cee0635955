"""A printable answer key: one standalone HTML page (no outside requests) with every quiz
and every question, its case, options (the correct ones marked in words, not by colour
alone), each option's feedback, the explanation and the source; then every telephone
triage call: the caller, the best path step by step, every outcome graded in words, and
the debrief (templates/answer-key-calls.html)."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..core import markup
from ..core.calls import Call, grade_line
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


def _sources(keys, bank: Bank) -> list[Markup]:
    return [Markup(source_html(bank.sources.get(key), key).removeprefix("Source: ")) for key in keys]


def _call(call: Call, bank: Bank) -> dict:
    """What the template shows of a call: the best path and every outcome, Markdown rendered."""
    taken, end = call.best_path()
    caller = call.caller
    return {
        "id": call.id,
        "title": call.title,
        "emergency": call.emergency,
        "reviewed": call.reviewed.isoformat(),
        "caller": {
            "who": Markup(markup.inline(caller.who)),
            "treatment": Markup(markup.inline(caller.treatment)),
            "last_dose": Markup(markup.inline(caller.last_dose)),
            "situation": Markup(markup.block(caller.situation)) if caller.situation else "",
        },
        "best_path": [
            {
                "says": Markup(markup.block(step.says)),
                "prompt": Markup(markup.inline(step.prompt)),
                "letter": option_letter(index),
                "choice": Markup(markup.inline(step.options[index].text)),
                "feedback": Markup(markup.block(step.options[index].feedback)),
            }
            for step, index in taken
        ],
        "end": end.id,
        "outcomes": [
            {
                "id": outcome.id,
                "grade": grade_line(outcome),
                "title": outcome.title,
                "correct": outcome.correct,
                "action": Markup(markup.block(outcome.action)),
                "debrief": Markup(markup.block(outcome.debrief)),
            }
            for outcome in call.outcomes
        ],
        "sources": _sources(call.source, bank),
    }


def render(bank: Bank) -> bytes:
    quizzes = [
        {"id": quiz.id, "title": quiz.title, "reviewed": quiz.reviewed.isoformat(),
         "questions": [_question(q, bank) for q in quiz.questions]}
        for quiz in bank.quizzes
    ]
    page = template_environment(TEMPLATES).get_template("answer-key.html").render(
        course=bank.course, quizzes=quizzes, total=len(bank.questions),
        calls=[_call(call, bank) for call in bank.calls],
    )
    return page.encode("utf-8")
