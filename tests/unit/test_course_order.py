"""Course order (selfcheck.core.course_order): the quizzes as a learner meets them, in the
order of _toc.yml, for the site's downloads and for ``selfcheck export``."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from selfcheck.core import bank, course_order
from tests.support import run_cli

ROOT = next(p for p in Path(__file__).resolve().parents if (p / "_config.yml").is_file())


def test_the_course_order_is_the_table_of_contents():
    order = course_order.quiz_order(ROOT)
    assert order[0] == "what-is-secondary-breast-cancer" and order[-1] == "final-check"
    files = sorted(p.stem for p in (ROOT / "quizzes").glob("*.yml"))
    assert sorted(order) == files and order != files


def test_quizzes_come_from_code_cells_only_and_unlisted_quizzes_come_last(tmp_path):
    (tmp_path / "_toc.yml").write_text("root: intro\nparts:\n  - chapters:\n      - file: b\n"
                                       "        sections:\n          - file: nb\n      - file: a\n")
    (tmp_path / "intro.md").write_text('Prose naming quiz("a") is not a quiz.\n')
    (tmp_path / "a.md").write_text('```{code-cell} ipython3\nquiz("a")\n```\n')
    (tmp_path / "b.md").write_text('````{code-cell} ipython3\nfrom selfcheck import quiz\nquiz("b")\n````\n')
    (tmp_path / "nb.ipynb").write_text(json.dumps({"cells": [
        {"cell_type": "markdown", "source": 'quiz("z")'}, {"cell_type": "code", "source": ['quiz("nb")']}]}))
    assert course_order.quizzes_by_page(tmp_path) == [("b", ("b",)), ("nb", ("nb",)), ("a", ("a",))]
    # A chapter shows a quiz or a telephone triage call.
    (tmp_path / "_toc.yml").write_text((tmp_path / "_toc.yml").read_text() + "      - file: calls.md\n")
    (tmp_path / "calls.md").write_text('```{code-cell} ipython3\ncall("fever")\n```\n')
    assert course_order.chapter_pages(tmp_path) == ["b", "nb", "a", "calls"]

    class Quiz:
        def __init__(self, id):
            self.id = id

    given = [Quiz(i) for i in ("a", "b", "loose", "nb", "alone")]
    assert [q.id for q in course_order.in_course_order(given, tmp_path)] == ["b", "nb", "a", "loose", "alone"]
    assert [q.id for q in course_order.in_course_order(given, tmp_path / "no-project")] == ["a", "b", "loose", "nb", "alone"]


def test_the_command_lines_answer_key_starts_with_chapter_1(tmp_path):
    key = tmp_path / "key.html"
    result = run_cli(["export", "--format", "answer-key", "-o", str(key)], ROOT)
    assert result.returncode == 0, result.stderr
    headings = [html.unescape(re.sub(r"<[^>]+>", "", h)).strip()
                for h in re.findall(r"<h2[^>]*>(.*?)</h2>", key.read_text(encoding="utf-8"), re.DOTALL)]
    quizzes, _ = bank.check_bank(ROOT)
    titles = {quiz.id: quiz.title for quiz in quizzes}
    in_key = [h for h in headings if h in titles.values()]
    assert in_key == [titles[quiz_id] for quiz_id in course_order.quiz_order(ROOT)]
    assert in_key[0] == "What is secondary breast cancer?" and in_key[-1] == titles["final-check"]
