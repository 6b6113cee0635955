"""GIFT: a ``$CATEGORY:`` line per quiz, then one question per paragraph.

Every question is ``::id::[html]question text{ answers ####general feedback }``. All text
is HTML with each GIFT special character (``~ = # { } :`` and the backslash) escaped by a
backslash, and each newline written as ``\\n``, so no text can end a question early or
start an answer. A true-false question is written as a choice between "True" and "False"
so that both options keep their own feedback.
"""

from __future__ import annotations

from ..core.model import Question
from .common import Bank, category_path, feedback_html, fractions, general_feedback_html
from .common import option_html, question_html

SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    """Text safe anywhere in GIFT: specials backslash-escaped, newlines as \\n."""
    out = []
    for char in text:
        if char in SPECIAL:
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            continue
        else:
            out.append(char)
    return "".join(out)


def _answer_text(text: str) -> str:
    """An option's HTML; a leading "%" as an entity, so it can never read as a weight."""
    html = option_html(text)
    return "&#37;" + html[1:] if html.startswith("%") else html


def _question(question: Question, bank: Bank) -> str:
    lines = [f"// question: {question.id}".replace("\n", " ")]
    lines.append(f"::{escape(question.id)}::[html]{escape(question_html(question))}{{")
    for option, fraction in zip(question.options, fractions(question)):
        text, feedback = escape(_answer_text(option.text)), escape(feedback_html(option.feedback))
        if question.is_multiple:
            lines.append(f"\t~%{fraction}%{text}#{feedback}")
        else:
            lines.append(f"\t{'=' if option.correct else '~'}{text}#{feedback}")
    lines.append(f"\t####{escape(general_feedback_html(question, bank.sources))}")
    lines.append("}")
    return "\n".join(lines)


def render(bank: Bank) -> bytes:
    blocks = []
    for quiz in bank.quizzes:
        blocks.append(f"$CATEGORY: {category_path(bank.course, quiz)}".replace("\n", " "))
        blocks.extend(_question(q, bank) for q in quiz.questions)
    return ("\n\n".join(blocks) + "\n").encode("utf-8")
