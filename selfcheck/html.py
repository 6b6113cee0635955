"""The quiz as static HTML for the published book (graded in the browser by quiz.js).

The markup is the on-page contract in DESIGN.md: one region per quiz, a fieldset per
question with the prompt as its legend, native inputs with labels, a "Check answer"
button and a role="status" feedback element. Per-option feedback, the explanation
and the source wait in a <template>, which is neither shown nor read out until used.
All quiz text goes through markup.py, so YAML cannot inject HTML.
"""

from __future__ import annotations

from html import escape

from . import markup
from .model import Question, Quiz
from .sources import Source

INPUT_TYPE = {"single": "radio", "true-false": "radio", "multiple": "checkbox"}


def _attr(value: str) -> str:
    return escape(value, quote=True)


def render_quiz(quiz: Quiz, sources: dict[str, Source], heading_level: int = 3) -> str:
    base = f"sc-{quiz.id}"
    h = f"h{max(2, min(heading_level, 6))}"
    total = len(quiz.questions)
    parts = [
        f'<section class="sc-quiz" data-quiz-id="{_attr(quiz.id)}" aria-labelledby="{base}-title">',
        f'<{h} class="sc-quiz-title" id="{base}-title">{escape(quiz.title)}</{h}>',
        f'<p class="sc-quiz-intro">{total} questions. Choose your answer, then press '
        "<strong>Check answer</strong>. Your first attempt at each question counts towards "
        "your score; you can try again as often as you like.</p>",
        '<noscript><p class="sc-noscript">The quiz needs JavaScript to check answers. '
        "The questions are shown so you can still read them.</p></noscript>",
    ]
    for number, question in enumerate(quiz.questions, start=1):
        parts.append(_question(base, question, number, total, sources))
    parts.append(
        f'<p class="sc-score" data-total="{total}">Score: 0 of {total} '
        f"(0 of {total} checked; first attempts count)</p>"
    )
    # Shown by the script (a reset needs it); the status line announces the reset.
    parts.append(
        '<p class="sc-reset-line"><button type="button" class="sc-reset" hidden>Reset this quiz</button> '
        '<span class="sc-reset-status" role="status"></span></p>'
    )
    parts.append(_print_answers(quiz, h))
    parts.append("</section>")
    return "\n".join(parts)


def _print_answers(quiz: Quiz, heading: str) -> str:
    """The answers, for a printed handout only (hidden on screen, after the questions)."""
    items = []
    for number, q in enumerate(quiz.questions, start=1):
        right = "; ".join(markup.inline(o.text) for o in q.options if o.correct)
        items.append(
            f"<li><p><strong>Question {number}:</strong> {right}</p>{markup.block(q.explanation)}</li>"
        )
    return (
        '<div class="sc-print-answers">'
        f"<{heading}>Answers: {escape(quiz.title)}</{heading}><ol>{''.join(items)}</ol></div>"
    )


def _question(base: str, q: Question, number: int, total: int, sources: dict[str, Source]) -> str:
    qbase = f"{base}-{q.id}"
    kind = INPUT_TYPE[q.type]
    described = f' aria-describedby="{qbase}-scenario"' if q.scenario else ""
    out = [f'<div class="sc-question" id="{qbase}">']
    out.append(f'<p class="sc-question-number">Question {number} of {total}</p>')
    if q.scenario:
        out.append(
            f'<div class="sc-scenario" id="{qbase}-scenario">'
            f'<p class="sc-scenario-label">Case</p>{markup.block(q.scenario)}</div>'
        )
    out.append(
        f'<fieldset class="sc-fieldset" data-question-id="{_attr(q.id)}" data-type="{q.type}" '
        f'data-version="{q.version}"{described}>'
    )
    out.append(f"<legend>{markup.inline(q.prompt)}</legend>")
    if q.is_multiple:
        out.append('<p class="sc-hint">Choose all that apply.</p>')
    out.append('<div class="sc-options">')
    for i, option in enumerate(q.options):
        oid = f"{qbase}-o{i}"
        out.append(
            f'<div class="sc-option"><input type="{kind}" id="{oid}" name="{qbase}" value="{i}">'
            f'<label for="{oid}">{markup.inline(option.text)}</label></div>'
        )
    out.append("</div>")
    out.append('<button type="button" class="sc-check">Check answer</button>')
    out.append('<div class="sc-feedback" role="status"></div>')
    out.append('<template class="sc-answer">')
    for i, option in enumerate(q.options):
        flag = " data-correct" if option.correct else ""
        out.append(
            f'<div data-option="{i}"{flag} data-text="{_attr(markup.plain(option.text))}">'
            f"{markup.block(option.feedback)}</div>"
        )
    out.append(f'<div data-explanation class="sc-explanation">{markup.block(q.explanation)}</div>')
    out.append(f'<p data-source class="sc-source">{source_html(sources.get(q.source), q.source)}</p>')
    out.append("</template>")
    out.append("</fieldset></div>")
    return "\n".join(out)


def source_html(source: Source | None, key: str) -> str:
    if source is None:
        return f"Source: {escape(key)}"
    text = escape(source.text)
    if source.url:
        text = f'<a href="{_attr(source.url)}">{text}</a>'
    return f"Source: {text}"
