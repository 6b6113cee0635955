"""Withdrawn, superseded or draft sources and copies are refused wherever they are cited:
in a question's `source`, in a chapter's {cite}, by `selfcheck validate` and by the build."""

from __future__ import annotations

from selfcheck.core import bank
from selfcheck.core.bibliography import Source, read_sources
from selfcheck.core.source_policy import read_copy_hosts, refusals
from tests.support import COPY_HOSTS as HOSTS, POLICY_BIB as BIB, ROOT, run_cli


def _policy_project(project):
    (project / "book" / "references.bib").write_text(BIB)
    (project / "book" / "copy-hosts.txt").write_text(HOSTS)
    return project


def test_refused_entries_and_why():
    sources = {
        "ok": Source("ok", "t", "https://www.nice.org.uk/guidance/ng234"),
        "old": Source("old", "t", "https://www.nice.org.uk/guidance/cg75", "Superseded"),
        "draft": Source("draft", "t", "", "draft"),
        "copy": Source("copy", "t", "https://www.rxreasoner.com/x"),
        "sub": Source("sub", "t", "https://uat.mimsdev.com/x"),
        "lookalike": Source("lookalike", "t", "https://notrxreasoner.com/x"),
    }
    why = refusals(sources, ("rxreasoner.com", "mimsdev.com"), "refs.bib", "hosts.txt")
    assert set(why) == {"old", "draft", "copy", "sub"}
    assert why["old"] == "is marked superseded in refs.bib: cite the current document instead"
    assert why["sub"].startswith("is a copy on mimsdev.com (listed in hosts.txt)")


def test_copy_hosts_file_ignores_comments_and_blank_lines(tmp_path):
    path = tmp_path / "copy-hosts.txt"
    path.write_text(HOSTS)
    assert read_copy_hosts(path) == ("rxreasoner.com", "mimsdev.com")
    assert read_copy_hosts(tmp_path / "none.txt") == ()


def test_source_reads_the_status_field(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB)
    assert read_sources(bib)["nice-cg75"].status == "superseded"
    assert read_sources(bib)["nice-cg81"].status == ""


def test_question_citing_a_superseded_source_is_a_problem_at_its_source_line(project):
    _policy_project(project)
    quiz = project / "quizzes" / "small.yml"
    text = quiz.read_text().replace("source: nice-cg81", "source: nice-cg75", 1)
    quiz.write_text(text)
    line = text.splitlines().index("    source: nice-cg75") + 1
    _, problems = bank.check_bank(project)
    assert [str(p) for p in problems] == [
        f"quizzes/small.yml:{line}: sm-single: source 'nice-cg75' is marked superseded in "
        "book/references.bib: cite the current document instead"
    ]


def test_chapter_citing_a_copy_is_a_problem_per_line_and_key(project):
    _policy_project(project)
    (project / "book" / "chapter.md").write_text(
        "# Title\n\nFine {cite}`nice-cg81`.\n\nTwo {cite}`nice-cg81,copy-smpc` and {cite:p}`copy-smpc`.\n"
        "Sub {cite}`sub-copy`; lookalike {cite}`lookalike`.\n"
    )
    problems = [str(p) for p in bank.chapter_problems(project)]
    assert problems == [
        "book/chapter.md:5: copy-smpc: cites a source that is a copy on rxreasoner.com "
        "(listed in book/copy-hosts.txt): cite the document at its publisher's address",
        "book/chapter.md:6: sub-copy: cites a source that is a copy on mimsdev.com "
        "(listed in book/copy-hosts.txt): cite the document at its publisher's address",
    ]


def test_a_status_that_is_not_a_policy_is_refused(project):
    _policy_project(project)
    bib = project / "book" / "references.bib"
    bib.write_text(BIB.replace("status={superseded}", "status={retired}"))
    _, problems = bank.check_bank(project)
    assert [str(p) for p in problems] == [
        "book/references.bib:3: status 'retired' must be one of withdrawn, superseded, draft"
    ]


def test_validate_fails_on_a_chapter_citing_a_withdrawn_source(project):
    _policy_project(project)
    (project / "book" / "chapter.md").write_text("# T\n\nOld advice {cite}`nice-cg75`.\n")
    result = run_cli(["validate"], project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "book/chapter.md:3: nice-cg75: cites a source that is marked superseded in book/references.bib: "
        "cite the current document instead"
    ]
    assert "Traceback" not in result.stderr


def test_validate_with_bib_applies_the_copy_hosts_beside_it(tmp_path, project):
    _policy_project(project)
    quiz = project / "quizzes" / "small.yml"
    quiz.write_text(quiz.read_text().replace("source: nice-cg81", "source: copy-smpc", 1))
    result = run_cli(["validate", str(quiz), "--bib", str(project / "book" / "references.bib")], tmp_path)
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1
    assert "sm-single: source 'copy-smpc' is a copy on rxreasoner.com" in result.stdout


def test_the_course_cites_no_refused_source():
    assert [str(p) for p in bank.chapter_problems(ROOT)] == []
    _, problems = bank.check_bank(ROOT)
    assert [str(p) for p in problems] == []


def test_reference_lists_do_not_print_the_maintainers_note():
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin

    from selfcheck.sphinx_ext import reference_style

    reference_style.register()
    entry = parse_string(
        "@misc{k, author={{NICE}}, title={Advanced breast cancer}, year={2009},"
        " note={Text read in a third-party copy}, url={https://www.nice.org.uk/guidance/cg81}}",
        "bibtex",
    ).entries["k"]
    style = find_plugin("pybtex.style.formatting", reference_style.NAME)()
    text = style.format_entry("1", entry).text.render_as("text")
    assert text == "NICE. Advanced breast cancer. 2009. URL: https://www.nice.org.uk/guidance/cg81."
    assert entry.fields["note"] == "Text read in a third-party copy"  # the source stays as written


def test_unreadable_copy_host_list_and_chapters_are_one_line_each(project):
    import os

    _policy_project(project)
    (project / "book" / "copy-hosts.txt").write_bytes(b"rxreasoner.com\ncaf\xe9.example\n")
    (project / "book" / "latin.md").write_bytes(b"# T\n\ncaf\xe9 {cite}`nice-cg81`\n")
    os.mkfifo(project / "book" / "pipe.md")  # never read: it would block
    result = run_cli(["validate"], project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("book/copy-hosts.txt:2: not UTF-8 text")
    assert lines.count(lines[0]) == 1  # found by both checks, printed once
    assert any(line.startswith("book/latin.md:3: not UTF-8 text") for line in lines)
    assert "book/pipe.md:1: cannot be read: it is a FIFO, not a regular file" in lines
    assert "Traceback" not in result.stderr
