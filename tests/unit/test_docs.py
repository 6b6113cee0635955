"""The authoring guide says what the code does: its example quiz is valid, and its lists of
keys, types, statuses and fairness limits are the ones the checks use."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from selfcheck.core import fairness, source_policy
from selfcheck.core.model import QUESTION_TYPES
from selfcheck.core.bibliography import read_bibliography
from selfcheck.core.validate import OPTION_KEYS, QUESTION_KEYS, QUIZ_KEYS, check_file

ROOT = next(p for p in Path(__file__).resolve().parents if (p / "_config.yml").is_file())
GUIDE = ROOT / "docs" / "authoring.md"
CONTRACT = ROOT / "docs" / "quiz-page.md"


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """The text under a Markdown heading, up to the next heading of the same or a higher level."""
    level = len(heading) - len(heading.lstrip("#"))
    start = text.index(heading + "\n") + len(heading) + 1
    following = re.search(rf"^#{{1,{level}}} ", text[start:], re.MULTILINE)
    return text[start : start + following.start()] if following else text[start:]


def first_table_keys(text: str) -> tuple[str, ...]:
    """The backquoted names in the first column of the first table in ``text``."""
    table = re.search(r"^\|.*?(?=\n[^|]|\Z)", text, re.MULTILINE | re.DOTALL).group(0)
    return tuple(re.findall(r"^\| `([^`]+)`", table, re.MULTILINE))


def test_the_example_quiz_is_valid(tmp_path):
    example = re.search(r"```yaml\n(.*?)```", section(guide(), "## A quiz file"), re.DOTALL).group(1)
    quiz_id = re.search(r"^id: (\S+)", example, re.MULTILINE).group(1)
    path = tmp_path / f"{quiz_id}.yml"
    path.write_text(example, encoding="utf-8")
    quiz, problems = check_file(path, read_bibliography(ROOT / "book" / "references.bib").keys, dt.date(2026, 12, 31))
    assert [str(p) for p in problems] == []
    assert quiz.questions[0].type in QUESTION_TYPES


def test_the_key_tables_list_every_key_the_validator_allows_in_its_order():
    keys = section(guide(), "### Every key")
    quiz_part, rest = keys.split("Each question:")
    question_part, option_part = rest.split("Each option:")
    assert first_table_keys(quiz_part) == QUIZ_KEYS
    assert first_table_keys(question_part) == QUESTION_KEYS
    assert first_table_keys(option_part) == OPTION_KEYS


def test_the_guide_names_the_types_statuses_and_fairness_limits_in_use():
    text = guide()
    for qtype in QUESTION_TYPES:
        assert f"`{qtype}`" in text
    assert "single | multiple | true-false" in text and len(QUESTION_TYPES) == 3
    status_rule = re.search(r"^- \*\*`status`\*\*.*?(?=^- )", text, re.MULTILINE | re.DOTALL).group(0)
    assert re.findall(r"`\{(\w+)\}`", status_rule) == list(source_policy.REFUSED_STATUSES)
    assert f"**`book/{source_policy.COPY_HOSTS_FILE}`**" in text
    fair = section(text, "## Fair banks")
    assert f"at most {fairness.MEDIAN_RATIO} times" in fair
    assert f"more than {fairness.POSITION_SHARE * 100:.0f} % of the keys" in fair


def test_the_readme_and_the_guides_point_to_each_other():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/authoring.md)" in readme and "](docs/quiz-page.md)" in readme
    assert "](quiz-page.md)" in guide()
    assert "](authoring.md)" in CONTRACT.read_text(encoding="utf-8")
    assert "shared folder" not in readme  # the design notes outside the repository


def test_the_contract_names_the_files_that_make_it_and_their_markers():
    contract = CONTRACT.read_text(encoding="utf-8")
    for path in re.findall(r"`(selfcheck/[\w/.-]+\.(?:py|html|js|css))`", contract):
        assert (ROOT / path).is_file(), path
    template = (ROOT / "selfcheck" / "views" / "templates" / "quiz.html").read_text(encoding="utf-8")
    script = (ROOT / "selfcheck" / "static" / "selfcheck-quiz.js").read_text(encoding="utf-8")
    assert "`section.sc-quiz[data-quiz-id=" in contract and '<section class="sc-quiz" data-quiz-id=' in template
    assert "`fieldset[data-question-id=" in contract and '<fieldset class="sc-fieldset" data-question-id=' in template
    assert 'role="status"' in contract and '<div class="sc-feedback" role="status">' in template
    assert '"Check answer"' in contract and ">Check answer</button>" in template
    assert "`selfcheck/v1/<quiz-id>/<question-id>/<version>`" in contract and '"selfcheck/v1/"' in script
    assert "`selfcheck-record/v1`" in contract and '"selfcheck-record/v1"' in script


def test_the_contract_names_the_progress_file_and_the_reset_confirm_the_code_uses():
    contract = CONTRACT.read_text(encoding="utf-8")
    progress = (ROOT / "selfcheck" / "static" / "selfcheck-progress.js").read_text(encoding="utf-8")
    quiz_template = (ROOT / "selfcheck" / "views" / "templates" / "quiz.html").read_text(encoding="utf-8")
    progress_template = (ROOT / "selfcheck" / "sphinx_ext" / "templates" / "progress.html").read_text(encoding="utf-8")
    assert '"format": "selfcheck-progress", "version": 1' in contract
    assert 'var FILE_FORMAT = "selfcheck-progress";' in progress and "var FILE_VERSION = 1;" in progress
    assert "secondary-breast-cancer-progress-YYYY-MM-DD.json" in contract and '"secondary-breast-cancer-progress-"' in progress
    for words in ("Yes, reset", "Cancel", "Undo"):
        assert f"**{words}**" in contract or f">{words}</button>" in contract, words
        assert f">{words}</button>" in quiz_template and f">{words}</button>" in progress_template, words
    for button in ("Save my progress to a file", "Print my learning record"):
        assert f"**{button}**" in contract and f">{button}</button>" in progress_template
    assert "**Load progress from a file**" in contract and ">Load progress from a file</label>" in progress_template


def test_the_contract_lists_the_answer_record_and_the_review_schedule():
    from tests.grading_table import load

    contract = CONTRACT.read_text(encoding="utf-8")
    browser = section(contract, "## What the browser keeps")
    written = load()["storage"]["attempts"][0]["steps"][0]["record"]
    for field in written:
        assert f'"{field}"' in browser.split("\n| `selfcheck-record/v1`")[0], field
        assert f"`{field}`" in browser, field
    script = (ROOT / "selfcheck" / "static" / "selfcheck-quiz.js").read_text(encoding="utf-8")
    intervals = re.search(r"var INTERVALS = \[([\d, ]+)\]", script).group(1).split(", ")
    review = section(contract, "## Review")
    assert f"in {intervals[1]}, {intervals[2]}, {intervals[3]} or {intervals[4]} days" in review
    assert "| wrong (in a chapter or on Review) | 0 | the next day |" in review and intervals[0] == "1"
    assert "`_static/selfcheck-questions/<quiz-id>.html`" in review
    assert "Changed since you last studied" in review
