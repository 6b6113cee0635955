"""Every session plan links to presenter mode for its chapter: "Present this quiz", and the
questions its "Using the quiz" names, in that order. Each link resolves in the built site to
the chapter, which shows a quiz with every question number the link names."""

from __future__ import annotations

import posixpath
import re

import pytest

from tools.pages import site_pages

pytestmark = pytest.mark.build

PRESENT_LINK = re.compile(r'<a class="sc-present-link[^"]*" href="([^"?#]+)\?present(?:=([0-9,]+))?"')
NAMED = re.compile(r"^- \*\*Question (\d+)\*\*", re.M)
QUIZ = re.compile(r'<section class="sc-quiz" data-quiz-id="[^"]+".*?</section>', re.S)


def test_every_session_plan_presents_its_chapters_quiz_and_named_questions(course_build):
    site = course_build.html
    plans = [p for p in site_pages(site) if posixpath.basename(p).startswith("session-")]
    assert len(plans) >= 15
    linked = 0
    for plan in plans:
        chapter = posixpath.join(posixpath.dirname(plan), posixpath.basename(plan)[len("session-"):])
        links = PRESENT_LINK.findall((site / plan).read_text(encoding="utf-8"))
        quiz = QUIZ.search((site / chapter).read_text(encoding="utf-8")) if (site / chapter).is_file() else None
        if quiz is None:  # a chapter without a quiz (telephone triage: calls) has nothing to present
            assert links == [], plan
            continue
        total = quiz[0].count("data-question-id=")
        for href, _ in links:
            assert posixpath.normpath(posixpath.join(posixpath.dirname(plan), href)) == chapter, (plan, href)
        assert [n for _, n in links if not n], f"{plan}: no Present this quiz link"
        chosen = [[int(n) for n in numbers.split(",")] for _, numbers in links if numbers]
        assert len(chosen) == 1, f"{plan}: one link to its questions, not {len(chosen)}"
        source = (course_build.source / plan).with_suffix(".md").read_text(encoding="utf-8")
        named = [int(n) for n in NAMED.findall(source.split("## Using the quiz", 1)[1].split("\n## ", 1)[0])]
        assert named and chosen[0][: len(named)] == named, (plan, named, chosen[0])
        assert all(1 <= n <= total for n in chosen[0]), (plan, total, chosen[0])
        assert len(set(chosen[0])) == len(chosen[0]), plan
        linked += 1
    assert linked >= 15
