"""What every export format shares: Moodle's fraction list, the question's HTML, the
general feedback (explanation and source), the category path, and safe XML text.

Quiz text is Markdown rendered by selfcheck.markup with raw HTML off, so a ``<script>``
written in YAML comes out as escaped text in every format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from ..core import markup
from ..views.page import source_html
from ..core.calls import Call
from ..core.model import Question, Quiz
from ..core.bibliography import Source

# Moodle's own grade options for an equal share of 100 % among n answers (n = 1..10),
# written as Moodle writes them (question_bank::fraction_options(), as percentages).
# An import matches each fraction against this list, so no other value is safe.
MOODLE_SHARES = {
    1: "100",
    2: "50",
    3: "33.33333",
    4: "25",
    5: "20",
    6: "16.66667",
    7: "14.28571",
    8: "12.5",
    9: "11.11111",
    10: "10",
}


class ExportError(Exception):
    """A valid bank that a format cannot express (the message names the question)."""


@dataclass(frozen=True)
class Bank:
    """What an exporter receives: the validated quizzes, the course title and the sources;
    the telephone triage calls too, which only the answer key shows."""

    course: str
    quizzes: tuple[Quiz, ...]
    sources: dict[str, Source]
    calls: tuple[Call, ...] = ()

    @property
    def questions(self) -> list[Question]:
        return [q for quiz in self.quizzes for q in quiz.questions]


def share(count: int, question: Question, what: str) -> str:
    """Moodle's fraction for one of ``count`` answers sharing 100 %."""
    try:
        return MOODLE_SHARES[count]
    except KeyError:
        raise ExportError(
            f"{question.id}: {count} {what} options cannot share 100 % in Moodle's fraction list "
            f"(at most {max(MOODLE_SHARES)})"
        ) from None


def fractions(question: Question) -> list[str]:
    """The Moodle fraction (percent, as text) of each option, in order.

    Single and true-false: the correct option 100, the others 0. Multiple: the correct
    options share 100 and each wrong option costs the same share of 100 among the wrong
    ones, so choosing every wrong option scores exactly -100 (Moodle floors a question
    at 0, so a learner who ticks everything gets no marks for guessing)."""
    if not question.is_multiple:
        return ["100" if o.correct else "0" for o in question.options]
    n_right = len(question.correct_indices)
    n_wrong = len(question.options) - n_right
    right = share(n_right, question, "correct")
    wrong = "-" + share(n_wrong, question, "wrong") if n_wrong else "0"
    return [right if o.correct else wrong for o in question.options]


def question_html(question: Question) -> str:
    """The question text as HTML: the scenario (if any), then the prompt."""
    parts = []
    if question.scenario:
        parts.append(markup.block(question.scenario))
    parts.append(f"<p>{markup.inline(question.prompt)}</p>")
    return "\n".join(parts)


def option_html(text: str) -> str:
    return markup.inline(text)


def feedback_html(text: str) -> str:
    return markup.block(text)


def general_feedback_html(question: Question, sources: dict[str, Source]) -> str:
    """The explanation, then "Source: Issuer (year). Title." (linked when it has a URL)."""
    source = source_html(sources.get(question.source), question.source)
    return f"{markup.block(question.explanation)}\n<p>{source}</p>"


def source_text(question: Question, sources: dict[str, Source]) -> str:
    source = sources.get(question.source)
    return source.text if source else question.source


def category_path(course: str, quiz: Quiz) -> str:
    """Moodle's category path for a quiz; a "/" inside a name is written "//"."""
    names = [course, quiz.title]
    return "$course$/top/" + "/".join(n.replace("/", "//") for n in names)


# Characters XML 1.0 cannot hold at all (YAML rejects most of them already).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Text without the characters XML cannot hold."""
    return _NOT_XML.sub("", text)


def xml_text(text: str) -> str:
    """Text (or an attribute value) escaped for XML."""
    return escape(xml_safe(text), quote=True)


def cdata(text: str) -> str:
    """Text in a CDATA section; a "]]>" inside is split across two sections."""
    return "<![CDATA[" + xml_safe(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"
