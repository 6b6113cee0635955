"""Hostile input (issue 12): quiz and bibliography text is untrusted, and selfcheck runs as
root on the build machines. Each test here holds one of the issue's items: no script from
quiz data, no file replaced by an export, no hang, no traceback."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import textwrap

import pytest

from conftest import SMALL_QUIZ
from selfcheck.html import render_quiz
from selfcheck.validate import check_file

TODAY = dt.date(2026, 11, 24)
BIB = {"nice-cg81"}


def problems_of(tmp_path, text, name="small.yml", bib=BIB):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    quiz, problems = check_file(path, bib, TODAY, root=tmp_path)
    assert (quiz is None) == bool(problems)
    return [str(p) for p in problems]


# ---- 1. script through ids ----

HOSTILE_IDS = ['x"><img src=x onerror=alert(1)>', 'q1" autofocus onfocus="alert(1)" x="', "s/t",
               "__proto__", "Upper", "two--hyphens", "-lead", "trail-", "sp ace", "é"]


@pytest.mark.parametrize("bad", HOSTILE_IDS)
def test_question_ids_have_a_strict_format(tmp_path, bad):
    text = SMALL_QUIZ.replace("id: sm-single", f"id: '{bad}'")
    found = problems_of(tmp_path, text)
    assert found == [f"small.yml:5: question 1: id {bad!r} must be lowercase letters, digits and single "
                     "hyphens (such as hormone-therapy)"]


@pytest.mark.parametrize("bad", ['x"><img src=x onerror=alert(1)>', "Small", "small_quiz"])
def test_quiz_ids_have_a_strict_format(tmp_path, bad):
    text = SMALL_QUIZ.replace("id: small\n", f"id: '{bad}'\n")
    assert problems_of(tmp_path, text) == [
        f"small.yml:1: id {bad!r} must be lowercase letters, digits and single hyphens (such as hormone-therapy)"]


def _attributes(html):
    """Every attribute of every tag, as the browser's parser would read them."""
    from html.parser import HTMLParser

    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Parser().feed(html)
    return found


def test_renderer_escapes_every_id_even_past_the_validator(small_quiz):
    evil_quiz = 'x"><img src=x onerror=alert(1)>'
    evil_question = 'q1" autofocus onfocus="alert(1)" x="'
    questions = (dataclasses.replace(small_quiz.questions[0], id=evil_question), *small_quiz.questions[1:])
    quiz = dataclasses.replace(small_quiz, id=evil_quiz, questions=questions)
    html = render_quiz(quiz, {})
    tags = _attributes(html)
    assert not any(tag == "img" for tag, _ in tags)
    assert not any("onfocus" in attrs or "autofocus" in attrs or "onerror" in attrs for _, attrs in tags)
    fieldset = next(attrs for tag, attrs in tags if tag == "fieldset")
    assert fieldset["data-question-id"] == evil_question
    assert fieldset["aria-describedby"] == f"sc-{evil_quiz}-{evil_question}-scenario"
    radio = next(attrs for tag, attrs in tags if tag == "input")
    assert radio["name"] == f"sc-{evil_quiz}-{evil_question}"
    label = next(attrs for tag, attrs in tags if tag == "label")
    assert label["for"] == radio["id"]
    section = next(attrs for tag, attrs in tags if tag == "section")
    assert section["data-quiz-id"] == evil_quiz
