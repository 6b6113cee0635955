"""The progress view and the answer key come from Jinja templates with autoescaping on:
text from the bank or the configuration is escaped, the manifest cannot close its script."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path

from lxml import html as lxml_html

from selfcheck.core.model import Option, Question, Quiz
from selfcheck.export import Bank, render
from selfcheck.sphinx_ext.progress import render as render_progress

REPO = Path(__file__).resolve().parent.parent.parent
HOSTILE = 'A <b>bold</b> & "quoted" </script><script>alert(1)</script>'


def test_the_progress_manifest_is_json_that_cannot_close_its_script():
    data = {"quizzes": [{"id": "q", "title": HOSTILE, "chapter": HOSTILE, "url": "x.html", "minutes": 5,
                         "questions": [{"id": "q-one", "version": "v1", "options": 2, "multiple": False}]}]}
    page = render_progress(data)
    script = re.search(r'<script type="application/json" class="sc-manifest">(.*?)</script>', page, re.S).group(1)
    assert json.loads(script) == data
    assert "<" not in script
    assert page.count("<script") == 1
    assert page.startswith('<p class="sc-progress-needs-js">') and page.endswith("</div>")


def test_the_course_title_on_the_printed_record_is_escaped():
    data = {"course": {"title": HOSTILE, "built": "2026-12-06", "release": ""}, "quizzes": []}
    page = render_progress(data)
    printed = re.search(r'<p class="sc-record-course-title">(.*?)</p>', page, re.S).group(1)
    assert "<" not in printed and printed.strip()
    assert "Course version: built 2026-12-06</p>" in page


def test_the_answer_key_escapes_titles_and_keeps_rendered_markdown():
    question = Question(id="q-one", type="single", prompt="Which is **right**?",
                        options=(Option("Wrong", False, "No."), Option("Right", True, "Yes.")),
                        explanation="Because.", source="nice-cg81")
    quiz = Quiz(id="demo", title=HOSTILE, reviewed=dt.date(2026, 1, 10), questions=(question,))
    raw = render("answer-key", Bank(HOSTILE, (quiz,), {})).decode("utf-8")
    page = lxml_html.fromstring(raw)
    assert not page.xpath("//script|//b")
    assert page.xpath("//h2[@id]") == [] and page.xpath("string(//section[@class='quiz']/h2)") == HOSTILE
    assert page.xpath("string(//p[@class='prompt']/strong/strong)") == "right"
    assert page.xpath("string(//li[@class='correct'])") == "B. Correct answer: RightFeedback: Yes."
    assert "body { font-family: system-ui" in page.xpath("string(//style)")
    assert raw.endswith("</main>\n</body>\n</html>\n")


def test_the_templates_are_package_data():
    data = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["selfcheck"]
    for template in ("sphinx_ext/templates/progress.html", "export/templates/answer-key.html",
                     "export/templates/answer-key.css"):
        assert (REPO / "selfcheck" / template).is_file()
        assert any(Path(template).match(pattern) for pattern in data), template
