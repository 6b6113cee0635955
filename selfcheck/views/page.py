"""The quiz as static HTML for the published book (graded in the browser by quiz.js).

The markup is the on-page contract in DESIGN.md: one region per quiz, a fieldset per
question with the prompt as its legend, native inputs with labels, a "Check answer"
button and a role="status" feedback element. Per-option feedback, the explanation
and the source wait in a <template>, which is neither shown nor read out until used.
The feedback's words (core/grading.py WORDING) travel in one JSON block per quiz.

The markup itself is the template ``templates/quiz.html``, rendered with autoescaping:
every id, attribute and text value is escaped there. Quiz text goes through markup.py
(Markdown, raw HTML off) and only that arrives as markup, so YAML cannot inject HTML.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..core import markup
from ..core.grading import WORDING, score_line
from ..core.markup import web_address
from ..core.model import Question, Quiz, human_date, option_letter, review_due
from ..core.bibliography import Source
from .templating import template_environment

INPUT_TYPE = {"single": "radio", "true-false": "radio", "multiple": "checkbox"}
TEMPLATES = Path(__file__).parent / "templates"


def templates() -> jinja2.Environment:
    return template_environment(TEMPLATES, keep_trailing_newline=False)


def render_quiz(quiz: Quiz, sources: dict[str, Source], heading_level: int = 3, today: dt.date | None = None,
                live: str = "") -> str:
    """The quiz as static HTML; ``live``, when given, is the address of the same quiz in the
    live site (sphinx_ext/live_site.py), linked as a secondary "Try it live in Python"."""
    base = f"sc-{quiz.id}"
    questions = [_question(base, q, sources) for q in quiz.questions]
    due = review_due(quiz.reviewed, today or dt.date.today())
    html = templates().get_template("quiz.html").render(
        quiz=quiz,
        due=human_date(quiz.reviewed) if due else "",
        base=base,
        h=f"h{max(2, min(heading_level, 6))}",
        total=len(quiz.questions),
        questions=questions,
        score=score_line(0, 0, len(quiz.questions)),
        wording=WORDING,
        live=live,
    )
    return html.strip()


def _question(base: str, q: Question, sources: dict[str, Source]) -> dict:
    options = [
        {
            "letter": option_letter(i),
            "html": Markup(markup.inline(o.text)),
            "plain": markup.plain(o.text),
            "correct": o.correct,
            "feedback": Markup(markup.block(o.feedback)),
        }
        for i, o in enumerate(q.options)
    ]
    return {
        "id": q.id,
        "base": f"{base}-{q.id}",
        "type": q.type,
        "input": INPUT_TYPE[q.type],
        "multiple": q.is_multiple,
        "version": q.version,
        "scenario": Markup(markup.block(q.scenario)) if q.scenario else "",
        "prompt": Markup(markup.inline(q.prompt)),
        "options": options,
        "explanation": Markup(markup.block(q.explanation)),
        "source": Markup(source_html(sources.get(q.source), q.source)),
        "right": [o for o in options if o["correct"]],
    }


def source_html(source: Source | None, key: str) -> str:
    if source is None:
        return f"Source: {escape(key)}"
    text = escape(source.text)
    if web_address(source.url):
        text = f'<a href="{escape(source.url, quote=True)}">{text}</a>'
    return f"Source: {text}"
