"""A broken telephone triage call stops the book build with one line naming the file, the
step or outcome and the fault, as a broken quiz does; a valid call lets it pass and is
listed when it is due for review. Tiny books (tests/roots/test-tiny) built in-process."""

from __future__ import annotations

from pathlib import Path

from tests.tinybook import build, make_book

FIXTURE = Path(__file__).parent.parent / "data" / "calls" / "hot-and-shivery.yml"
CALL = "calls/hot-and-shivery.yml"


def book_with_call(root: Path, text: str) -> Path:
    src = make_book(root)
    (src / "calls").mkdir()
    (src / CALL).write_text(text)
    return src


def test_a_broken_call_stops_the_build_with_one_line(tmp_path):
    text = FIXTURE.read_text().replace("grade: amber", "grade: orange", 1)
    result = build(book_with_call(tmp_path / "src", text))
    assert result.failed
    lines = [line for line in result.log.splitlines() if CALL in line]
    assert len(lines) == 1, result.log[-3000:]
    assert lines[0].endswith(f"calls: {CALL}:57: wait-for-gp: grade 'orange' must be one of red, amber, green")


def test_a_valid_call_builds_and_is_listed_when_due_for_review(tmp_path):
    text = FIXTURE.read_text().replace("reviewed: 2026-11-20", "reviewed: 2020-01-02", 1)
    result = build(book_with_call(tmp_path / "src", text))
    assert not result.failed, result.log[-3000:]
    assert "Calls due for review (last reviewed more than 12 months before" in result.log
    assert f"  {CALL}: reviewed 2020-01-02" in result.log


def test_the_built_answer_key_has_the_calls(tmp_path):
    src = book_with_call(tmp_path / "src", FIXTURE.read_text())
    intro = src / "book" / "intro.md"
    intro.write_text(intro.read_text().replace("Some text.", "Some text.\n\n```{selfcheck-answer-key}\n```"))
    result = build(src)
    assert not result.failed, result.log[-3000:]
    key = (result.html / "answer-key.html").read_text()
    assert key.index('id="quiz-small"') < key.index('<section class="call" id="call-hot-and-shivery">')
    assert "<h2>Call: Hot and shivery a week after chemotherapy</h2>" in key
