"""A printable answer key: one standalone HTML page (no outside requests) with every quiz
and every question, its case, options (the correct ones marked in words, not by colour
alone), each option's feedback, the explanation and the source."""

from __future__ import annotations

from html import escape

from ..core import markup
from ..views.page import source_html
from ..core.model import Question, Quiz, option_letter
from .common import Bank

STYLE = """
body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 48rem; margin: 0 auto;
       padding: 1rem; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.8rem; } h2 { font-size: 1.4rem; margin-top: 2.5rem; border-bottom: 2px solid #444; }
h3 { font-size: 1.1rem; margin-bottom: 0.25rem; }
.question { border-top: 1px solid #bbb; padding-top: 0.5rem; margin-top: 1.25rem; }
.qid, .meta { color: #444; font-size: 0.9rem; }
.scenario { border-left: 4px solid #666; padding-left: 0.75rem; }
.scenario-label, .label { font-weight: bold; }
ol.options { padding-left: 0; list-style: none; }
ol.options > li { margin: 0.4rem 0; padding: 0.25rem 0.5rem; border: 1px solid transparent; }
ol.options > li.correct { border: 2px solid #1a5e20; background: #eef7ee; }
.mark { font-weight: bold; }
.option-feedback { font-size: 0.92rem; color: #333; margin: 0.1rem 0 0 1.5rem; }
.option-feedback p { margin: 0.1rem 0; }
.answer { font-weight: bold; }
a { color: #0b4f8a; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  .quiz + .quiz > h2 { break-before: page; }
  .question { break-inside: avoid; }
  ol.options > li.correct { background: none; }
  a { color: inherit; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; word-break: break-all; }
}
""".strip()




def _anchor(prefix: str, value: str) -> str:
    return escape(f"{prefix}-{value}", quote=True)


def _labelled(label: str, html: str) -> str:
    """A bold label at the start of a block of HTML (inside its first paragraph)."""
    tag = f'<span class="label">{label}</span> '
    return "<p>" + tag + html[3:] if html.startswith("<p>") else f"<p>{tag}</p>{html}"


def _question(number: int, question: Question, bank: Bank) -> str:
    right = [option_letter(i) for i in sorted(question.correct_indices)]
    kind = {
        "single": "single answer",
        "multiple": "multiple response",
        "true-false": "true or false",
    }[question.type]
    out = [
        f'<section class="question" id="{_anchor("q", question.id)}">',
        f"<h3>Question {number}</h3>",
        f'<p class="qid">ID: <code>{escape(question.id)}</code> ({kind})</p>',
    ]
    if question.scenario:
        out.append(f'<div class="scenario"><p class="scenario-label">Case</p>{markup.block(question.scenario)}</div>')
    out.append(f'<p class="prompt"><strong>{markup.inline(question.prompt)}</strong></p>')
    out.append('<ol class="options">')
    for i, option in enumerate(question.options):
        cls = ' class="correct"' if option.correct else ""
        mark = '<span class="mark">Correct answer:</span> ' if option.correct else ""
        out.append(
            f"<li{cls}>{option_letter(i)}. {mark}{markup.inline(option.text)}"
            f'<div class="option-feedback">{_labelled("Feedback:", markup.block(option.feedback))}</div></li>'
        )
    out.append("</ol>")
    label = "Answer" if len(right) == 1 else "Answers"
    out.append(f'<p class="answer">{label}: {", ".join(right)}</p>')
    out.append(f'<div class="explanation"><p class="label">Explanation</p>{markup.block(question.explanation)}</div>')
    source = source_html(bank.sources.get(question.source), question.source).removeprefix("Source: ")
    out.append(f'<p class="source"><span class="label">Source:</span> {source}</p>')
    out.append("</section>")
    return "\n".join(out)


def _quiz(quiz: Quiz, bank: Bank) -> str:
    out = [
        f'<section class="quiz" id="{_anchor("quiz", quiz.id)}">',
        f"<h2>{escape(quiz.title)}</h2>",
        f'<p class="meta">Quiz <code>{escape(quiz.id)}</code>: {len(quiz.questions)} questions. '
        f"Content last reviewed {quiz.reviewed.isoformat()}.</p>",
    ]
    out += [_question(n, q, bank) for n, q in enumerate(quiz.questions, start=1)]
    out.append("</section>")
    return "\n".join(out)


def render(bank: Bank) -> bytes:
    contents = "\n".join(
        f'<li><a href="#{_anchor("quiz", quiz.id)}">{escape(quiz.title)}</a> ({len(quiz.questions)} questions)</li>'
        for quiz in bank.quizzes
    )
    total = len(bank.questions)
    page = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Answer key</title>
<link rel="icon" href="data:,">
<style>
{STYLE}
</style>
</head>
<body>
<header>
<h1>Answer key</h1>
<p>{escape(bank.course)}: {len(bank.quizzes)} quizzes, {total} questions. In each question the
correct options are marked "Correct answer" and listed under "Answer"; every option's feedback,
the explanation and the source follow.</p>
</header>
<nav aria-label="Quizzes">
<h2>Quizzes</h2>
<ol>
{contents}
</ol>
</nav>
<main>
{"".join(_quiz(quiz, bank) + chr(10) for quiz in bank.quizzes)}</main>
</body>
</html>
"""
    return page.encode("utf-8")
