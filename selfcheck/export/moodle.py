"""Moodle XML: one category per quiz, then its questions (multichoice or truefalse).

Text is HTML (format="html") in CDATA; a question's name and ID number are its id.
"""

from __future__ import annotations

from ..core.model import Question
from .common import Bank, category_path, cdata, feedback_html, fractions, general_feedback_html
from .common import option_html, question_html, xml_text


def _text(tag: str, html: str, indent: str) -> str:
    return f'{indent}<{tag} format="html">\n{indent}  <text>{cdata(html)}</text>\n{indent}</{tag}>'


def _category(path: str) -> list[str]:
    return [
        '  <question type="category">',
        f"    <category>\n      <text>{xml_text(path)}</text>\n    </category>",
        "  </question>",
    ]


def _head(question: Question, kind: str, bank: Bank) -> list[str]:
    # Moodle's own defaults for the penalty per extra try (interactive behaviour).
    penalty = "1" if kind == "truefalse" else "0.3333333"
    return [
        f'  <question type="{kind}">',
        f"    <name>\n      <text>{xml_text(question.id)}</text>\n    </name>",
        _text("questiontext", question_html(question), "    "),
        _text("generalfeedback", general_feedback_html(question, bank.sources), "    "),
        "    <defaultgrade>1</defaultgrade>",
        f"    <penalty>{penalty}</penalty>",
        "    <hidden>0</hidden>",
        f"    <idnumber>{xml_text(question.id)}</idnumber>",
    ]


def _answer(fraction: str, text_html: str, feedback: str, fmt: str = "html") -> list[str]:
    text = xml_text(text_html) if fmt == "moodle_auto_format" else cdata(text_html)
    return [
        f'    <answer fraction="{fraction}" format="{fmt}">',
        f"      <text>{text}</text>",
        _text("feedback", feedback_html(feedback), "      "),
        "    </answer>",
    ]


def _truefalse(question: Question, bank: Bank) -> list[str]:
    out = _head(question, "truefalse", bank)
    # Moodle's truefalse answers are the words "true" and "false", true first.
    for option in sorted(question.options, key=lambda o: o.text != "True"):
        fraction = "100" if option.correct else "0"
        out += _answer(fraction, option.text.lower(), option.feedback, "moodle_auto_format")
    return out + ["  </question>"]


def _multichoice(question: Question, bank: Bank) -> list[str]:
    out = _head(question, "multichoice", bank)
    out += [
        f"    <single>{'false' if question.is_multiple else 'true'}</single>",
        "    <shuffleanswers>1</shuffleanswers>",
        "    <answernumbering>abc</answernumbering>",
    ]
    if question.is_multiple:
        out.append("    <shownumcorrect/>")
    for option, fraction in zip(question.options, fractions(question)):
        out += _answer(fraction, option_html(option.text), option.feedback)
    return out + ["  </question>"]


def render(bank: Bank) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    for quiz in bank.quizzes:
        lines += _category(category_path(bank.course, quiz))
        for question in quiz.questions:
            if question.type == "true-false":
                lines += _truefalse(question, bank)
            else:
                lines += _multichoice(question, bank)
    lines.append("</quiz>")
    return ("\n".join(lines) + "\n").encode("utf-8")
