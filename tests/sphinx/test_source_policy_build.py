"""The book build refuses a chapter citing a source the policy refuses (a copy of a
publisher's document), naming the chapter's line: the tiny book, built in-process."""

from __future__ import annotations

from tests.tinybook import build, chapter_text, make_book
from tests.support import COPY_HOSTS, POLICY_BIB


def test_the_build_refuses_a_chapter_citing_a_refused_source(tmp_path):
    page = chapter_text("Chapter", body="Checked against an SmPC copy {cite}`copy-smpc`.")
    line = page.splitlines().index("Checked against an SmPC copy {cite}`copy-smpc`.") + 1
    src = make_book(tmp_path / "src", bib=POLICY_BIB, chapters={"chapter.md": page})
    (src / "book" / "copy-hosts.txt").write_text(COPY_HOSTS)
    result = build(src)
    assert result.failed
    assert f"sources: book/chapter.md:{line}: copy-smpc: cites a source that is a copy on rxreasoner.com" in result.log, result.log
    assert "Traceback" not in result.log
