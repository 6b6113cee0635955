"""Telephone triage calls in a tiny book (tests/roots/test-calls), built in-process: the call's
static HTML (a table-top exercise with every step and outcome, each with an id), its script
and stylesheet on call pages only, the calls in My progress's manifest, hostile words shown as
text, and a missing or doubled call stopping the build in one line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html
import pytest

from selfcheck.core import bank
from tests.tinybook import build

CALLS_ROOT = Path(__file__).parent.parent / "roots" / "test-calls"


def call_notebook(path: Path, call_ids: list[str]) -> None:
    """Replace the calls a chapter notebook shows with ``call_ids``."""
    nb = json.loads(path.read_text())
    template = next(c for c in nb["cells"] if c["cell_type"] == "code")
    cells = [c for c in nb["cells"] if c["cell_type"] != "code"][:1]
    for n, call_id in enumerate(call_ids, 1):
        cell = json.loads(json.dumps(template))
        cell["id"] = f"call-{n}"
        cell["source"] = f'from selfcheck import call\ncall("{call_id}")'
        cell["outputs"][0]["data"]["application/vnd.selfcheck.call+json"] = {"id": call_id}
        cells.append(cell)
    nb["cells"] = cells
    path.write_text(json.dumps(nb))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    src = tmp_path_factory.mktemp("calls") / "src"
    shutil.copytree(CALLS_ROOT, src)
    result = build(src)
    assert not result.failed, result.log[-3000:]
    return result.html


def select(element, selector: str) -> list:
    """``tag.class`` (either part optional), or a tag path such as ``thead th``: lxml's XPath,
    as cssselect is not installed."""
    path = "."
    for part in selector.split():
        tag, _, cls = part.partition(".")
        test = f"[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]" if cls else ""
        path += f"//{tag or '*'}{test}"
    return element.xpath(path)


def page(built, name):
    return lxml.html.fromstring((built / "book" / f"{name}.html").read_text())


def test_each_call_is_a_region_with_every_step_and_outcome(built):
    doc = page(built, "triage")
    sections = select(doc, "section.sc-call")
    assert [s.get("data-call-id") for s in sections] == ["hot-and-shivery", "sore-mouth"]
    for section in sections:
        call = bank.load_call(section.get("data-call-id"), CALLS_ROOT)
        assert section.get("data-call-version") == call.version
        title = section.get_element_by_id(section.get("aria-labelledby"))
        assert title.text_content() == f"Call: {call.title}"
        assert [dt.text_content() for dt in select(section, ".sc-caller dt")] == ["Caller", "Treatment", "Last dose"]
        ids = {e.get("id") for e in section.iter() if e.get("id")}
        for step in call.steps:
            box = section.get_element_by_id(f"sc-call-{call.id}-s-{step.id}")
            assert box.get("data-step") == step.id
            table = select(box, "table.sc-call-options")[0]
            assert [th.text_content() for th in select(table, "thead th")] == ["Option", "Leads to", "Feedback"]
            rows = select(table, "tbody tr")
            assert [r.get("data-next") for r in rows] == [o.next for o in step.options]
            for row in rows:  # each "Leads to" is a link to a step or outcome of this call
                assert select(row, "a")[0].get("href")[1:] in ids
        for n, outcome in enumerate(call.outcomes, 1):
            box = section.get_element_by_id(f"sc-call-{call.id}-o-{outcome.id}")
            assert box.get("data-grade") == outcome.grade
            assert select(box, ".sc-call-grade")[0].text_content() == f"Grade: {outcome.grade.title()}"
            verdict = select(box, ".sc-call-verdict")[0].text_content()
            assert verdict.startswith("This is the safe outcome" if outcome.correct else "This is not the safe outcome")
            assert section.get_element_by_id(f"sc-call-{call.id}-o-{outcome.id}-debrief") is not None
        debriefs = select(section, ".sc-call-debriefs")[0]
        assert select(debriefs, ".sc-call-sources")[0].text_content().startswith("Source")


def test_the_call_script_and_stylesheet_load_on_call_pages_and_my_progress_only(built):
    triage = (built / "book" / "triage.html").read_text()
    intro = (built / "book" / "intro.html").read_text()
    progress = (built / "book" / "progress.html").read_text()
    assert "selfcheck-call.js" in triage and "selfcheck-call.css" in triage
    assert "selfcheck-call" not in intro
    # My progress uses the call records' rules: after the quiz script, before its own
    order = [progress.index(name) for name in ("selfcheck-quiz.js", "selfcheck-call.js", "selfcheck-progress.js")]
    assert order == sorted(order)
    assert "selfcheck-call.css" not in progress


def test_my_progress_lists_the_calls_and_their_chapter(built):
    doc = page(built, "progress")
    data = json.loads(select(doc, "script.sc-manifest")[0].text)
    assert [c["id"] for c in data["calls"]] == ["hot-and-shivery", "sore-mouth", "hostile-words"]
    first = data["calls"][0]
    assert first["url"] == "triage.html#sc-call-hot-and-shivery"
    assert first["version"] == bank.load_call("hot-and-shivery", CALLS_ROOT).version
    assert first["outcomes"] == ["come-in-now", "masked-fever", "morning"]
    chapters = {c["id"]: c for c in data["callChapters"]}
    assert chapters["triage-calls"]["calls"] == ["hot-and-shivery", "sore-mouth"]
    assert chapters["triage-calls"]["minutes"] == 30
    assert select(doc, "section.sc-calls .sc-calls-summary")


def test_hostile_words_in_a_call_are_shown_as_text(built):
    html = (built / "book" / "odd.html").read_text()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold" not in html
    doc = lxml.html.fromstring(html)
    section = select(doc, "section.sc-call")[0]
    text = section.text_content()
    for word in ("title", "who", "situation", "says", "option", "feedback", "outcome", "action", "debrief"):
        assert f'<script>alert("{word}")</script>' in text or f"<script>alert('{word}')</script>" in text, word
    assert not [e for tag in ("script", "img", "b", "em") for e in select(section, tag)]


def test_an_unknown_call_stops_the_build_naming_the_chapter(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(CALLS_ROOT, src)
    call_notebook(src / "book" / "triage.ipynb", ["hot-and-shiverry"])
    result = build(src)
    assert result.failed
    assert "Traceback" not in result.log
    assert "book/triage.ipynb: no call 'hot-and-shiverry': there is no calls/hot-and-shiverry.yml" in result.log, \
        result.log[-3000:]


def test_a_call_shown_twice_on_a_page_stops_the_build(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(CALLS_ROOT, src)
    call_notebook(src / "book" / "triage.ipynb", ["sore-mouth", "sore-mouth"])
    result = build(src)
    assert result.failed
    assert "book/triage.ipynb: call 'sore-mouth' is shown twice on this page: show it once" in result.log, \
        result.log[-3000:]


def test_the_call_script_and_stylesheet_stay_small():
    """The triage page shows a dozen calls and must stay under 120 KiB transferred: the call's
    own script and stylesheet keep to 6 KB gzipped together."""
    import gzip

    static = Path(__file__).parent.parent.parent / "selfcheck" / "static"
    size = sum(len(gzip.compress((static / name).read_bytes(), 9)) for name in ("selfcheck-call.js", "selfcheck-call.css"))
    assert size < 6 * 1024, size
