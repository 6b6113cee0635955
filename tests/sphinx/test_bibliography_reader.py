"""One bibliography reader (selfcheck.core.bibliography): `selfcheck validate --bib`, the
book build's bank check and the exports accept and refuse the same files, with the same
``path:line: message``. The build is the tiny testroot ``tests/roots/test-collector``,
built in-process."""

from __future__ import annotations

import os
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from selfcheck import cli
from selfcheck.core import bank
from selfcheck.core.bibliography import read_bibliography, read_sources

TESTROOT = Path(__file__).resolve().parent.parent / "roots" / "test-collector"
GOOD = "@misc{nice-cg81, title={Advanced breast cancer}, year={2009}, url={https://www.nice.org.uk/guidance/cg81}}\n"

# A bibliography the build refuses, and the one line that says why.
REFUSED = {
    "repeated-entry": (GOOD + "\n@misc{nice-cg81, title={B}}\n",
                       "book/references.bib:3: cannot be read: repeated bibliography entry: nice-cg81"),
    "repeated-field": ("@misc{nice-cg81,\n title={A},\n url={https://a.example/},\n url={https://b.example/}}\n",
                       "book/references.bib:1: cannot be read: entry with key nice-cg81 has a duplicate url field"),
    "syntax-error": (GOOD + "@misc{other, title={B}\n@misc{third, title={C}}\n",
                     "book/references.bib:3: BibTeX syntax error: syntax error"),
    "undefined-string": ("@misc{nice-cg81, title=undefinedmacro}\n",
                         "book/references.bib:1: BibTeX syntax error: undefined string"),
    "not-utf-8": ("% sources\n" + GOOD.replace("Advanced", "Adv\udce9nced"),
                  "book/references.bib:2: not UTF-8 text (invalid continuation byte: byte 0xe9); save it as UTF-8"),
    "javascript-url": (GOOD.replace("https://www.nice.org.uk/guidance/cg81", "javascript:alert(1)"),
                       "book/references.bib:1: nice-cg81: url 'javascript:alert(1)' must be an http or https address"),
    "bad-status": (GOOD.replace("year={2009},", "year={2009},\n  status={retired},"),
                   "book/references.bib:2: status 'retired' must be one of withdrawn, superseded, draft"),
}


@pytest.fixture
def book(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(TESTROOT, src)
    return src


def write_bib(src: Path, text: str) -> Path:
    bib = src / "book" / "references.bib"
    bib.write_bytes(text.encode("utf-8", "surrogateescape"))
    return bib


def validate(args: list[str], cwd: Path, capsys, monkeypatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(cwd)
    code = cli.main(["validate", *args])
    return code, capsys.readouterr().out.splitlines()


def build_log(src: Path) -> tuple[int, str]:
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    log = re.sub(r"\x1b\[[0-9;]*m", "", app._warning.getvalue())
    # An app made earlier in this process without sphinx.testing's clean-up leaves its node
    # classes registered: Sphinx says so, and it has nothing to do with the book.
    return app.statuscode, "".join(line for line in log.splitlines(True) if "is already registered" not in line)


@pytest.mark.parametrize("name", REFUSED)
def test_a_bib_the_build_refuses_is_refused_by_validate_bib_with_the_same_line(book, name, capsys, monkeypatch):
    text, line = REFUSED[name]
    write_bib(book, text)
    _, log = build_log(book)
    assert f"quiz bank: {line}" in log.splitlines()[0], log  # the build stops on it, first thing
    assert "Traceback" not in log
    code, out = validate(["quizzes", "--bib", "book/references.bib"], book, capsys, monkeypatch)
    assert (code, out) == (1, [line])
    # The same file given from elsewhere is named as the user named it.
    code, out = validate([str(book / "quizzes"), "--bib", str(book / "book" / "references.bib")], book.parent, capsys, monkeypatch)
    assert (code, out) == (1, [line.replace("book/references.bib", "src/book/references.bib")])


def test_a_good_bib_passes_both(book, capsys, monkeypatch):
    assert build_log(book) == (0, "")
    assert validate(["quizzes", "--bib", "book/references.bib"], book, capsys, monkeypatch) == (0, [])


def test_keys_are_the_entries_bibtex_reads_not_lookalikes(book, capsys, monkeypatch):
    # Written inside another entry's field, at the start of a line: not an entry at all.
    write_bib(book, "@misc{nice-cg81, title={A\n@misc{hidden, title={B}},}}\n")
    quiz = book / "quizzes" / "alpha.yml"
    quiz.write_text(quiz.read_text().replace("source: nice-cg81", "source: hidden", 1))
    assert read_bibliography(book / "book" / "references.bib").keys == {"nice-cg81"}
    code, out = validate(["quizzes", "--bib", "book/references.bib"], book, capsys, monkeypatch)
    assert code == 1
    assert out == ["quizzes/alpha.yml:15: alpha-one: source 'hidden' is not a key in book/references.bib"]


def test_an_entry_without_a_comma_after_its_key_is_read_as_bibtex_reads_it(book, capsys, monkeypatch):
    write_bib(book, "@misc{nice-cg81 title={A}}\n")
    assert read_bibliography(book / "book" / "references.bib").keys == {"nice-cg81"}
    assert validate(["quizzes", "--bib", "book/references.bib"], book, capsys, monkeypatch) == (0, [])


def test_the_reader_names_each_source_and_keeps_its_status(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{old, title={Spinal cord {compression}}, organization={NICE}, year={2008},\n"
                   "  status={superseded}, url={https://www.nice.org.uk/guidance/cg75}}\n"
                   "@book{edited, title={A \\& B}, editor={Smith, Jo}, year={2020}}\n")
    read = read_bibliography(bib, tmp_path)
    assert read.problems == () and read.keys == {"old", "edited"}
    assert read.sources == read_sources(bib)
    assert read.sources["old"].text == "NICE (2008). Spinal cord compression."
    assert read.sources["old"].status == "superseded"
    assert read.sources["old"].url == "https://www.nice.org.uk/guidance/cg75"
    assert read.sources["edited"].text == "Smith, Jo (2020). A & B."
    assert (read.line_of("old"), read.line_of("old", "status"), read.line_of("edited")) == (1, 2, 3)


@pytest.mark.parametrize(
    "spoil, message",
    [
        (lambda bib: None, "bibliography not found: every question's source must be a key in it"),
        (lambda bib: bib.mkdir(), "cannot be read: it is a folder, not a regular file"),
        (lambda bib: os.mkfifo(bib), "cannot be read: it is a FIFO, not a regular file"),
    ],
    ids=["missing", "folder", "fifo"],
)
def test_a_bib_that_is_not_a_regular_file_is_one_problem(tmp_path, spoil, message):
    bib = tmp_path / "book" / "references.bib"
    bib.parent.mkdir()
    spoil(bib)
    read = read_bibliography(bib, tmp_path)
    assert read.keys is None and read.sources == {}
    assert [str(p) for p in read.problems] == [f"book/references.bib:1: {message}"]
    assert bank.read_bib(tmp_path) == (None, list(read.problems))


def test_every_bibliography_the_book_reads_is_checked_by_the_same_reader(book):
    # Chapters may cite a second file; a fault in it is one line too, never a traceback.
    with (book / "conf.py").open("a") as conf:
        conf.write('extensions.append("sphinxcontrib.bibtex")\nbibtex_bibfiles = ["book/references.bib", "other.bib"]\n')
    (book / "other.bib").write_bytes(b"% more\n@misc{extra, title={Caf\xe9}}\n")
    status, log = build_log(book)
    assert "Traceback" not in log
    assert "bibliography: other.bib:2: not UTF-8 text (invalid continuation byte: byte 0xe9); save it as UTF-8" in log
    (book / "other.bib").write_text("@misc{extra, title={A}}\n\n@misc{extra, title={B}}\n")
    status, log = build_log(book)
    # First, before sphinxcontrib-bibtex's own warning (which would only drop the entry).
    assert log.splitlines()[0] == "ERROR: bibliography: other.bib:3: cannot be read: repeated bibliography entry: extra"
    (book / "other.bib").write_text("@misc{extra, title={A}}\n")
    assert build_log(book) == (0, "")
