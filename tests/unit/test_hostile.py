"""Hostile input (issue 12): quiz and bibliography text is untrusted, and selfcheck runs as
root on the build machines. Each test here holds one of the issue's items: no script from
quiz data, no file replaced by an export, no hang, no traceback."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import stat
import subprocess
import sys

import pytest

from tests.support import BIN, SMALL_QUIZ, problems_of as validator_messages, run_cli
from selfcheck.views.page import render_quiz
from selfcheck.core.validate import check_file

TODAY = dt.date(2026, 11, 24)
BIB = {"nice-cg81"}


def problems_of(tmp_path, text, name="small.yml", bib=BIB):
    return validator_messages(tmp_path, text, name, bib, TODAY)


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


# ---- exports write only new paths or existing regular files (2, 4, 16) ----

selfcheck = run_cli


def one_line(result, code):
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_export_refuses_a_fifo_a_symlink_and_a_device(project, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    target = tmp_path / "target.txt"
    target.write_text("kept\n")
    link = tmp_path / "link.xml"
    link.symlink_to(target)
    cases = {fifo: "a FIFO", link: "a symbolic link"}
    if os.geteuid() == 0:  # a character device of our own (the same as /dev/null), never /dev/null itself
        device = tmp_path / "null"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        cases[device] = "a character device"
    for path, kind in cases.items():
        line = one_line(selfcheck(["export", "-f", "gift", "-o", str(path)], project, timeout=20), 2)
        assert line == f"selfcheck: cannot write {path}: it is {kind}, not a regular file; give a new file name"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert link.is_symlink() and target.read_text() == "kept\n"
    if os.geteuid() == 0:
        assert stat.S_ISCHR(os.lstat(tmp_path / "null").st_mode)


def test_export_to_an_empty_name_is_refused(project):
    line = one_line(selfcheck(["export", "-f", "gift", "-o", ""], project), 2)
    assert "-o needs a file name" in line


def test_overwritten_export_keeps_its_mode_and_owner(project, tmp_path):
    key = tmp_path / "key.html"
    key.write_text("old\n")
    key.chmod(0o600)
    if os.geteuid() == 0:
        os.chown(key, 1234, 2345)
    result = selfcheck(["export", "-f", "answer-key", "-o", str(key)], project)
    assert result.returncode == 0, result.stderr
    st = key.stat()
    assert stat.S_IMODE(st.st_mode) == 0o600
    if os.geteuid() == 0:
        assert (st.st_uid, st.st_gid) == (1234, 2345)
    assert key.read_text().startswith("<!DOCTYPE html>")


KILLED_EXPORT = """
import os, signal, sys
import selfcheck.export.output as output
real = os.fsync
def fsync(fd):
    os.kill(os.getpid(), getattr(signal, sys.argv[1]))
    real(fd)
output.os.fsync = fsync
from selfcheck.cli import main
sys.exit(main(["export", "-f", "answer-key", "-o", sys.argv[2]]))
"""


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM"])
def test_a_killed_export_leaves_nothing_behind(project, tmp_path, how):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = subprocess.run([sys.executable, "-c", KILLED_EXPORT, how, str(out_dir / "key.html")],
                            cwd=project, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert list(out_dir.iterdir()) == []


def test_export_never_writes_over_its_inputs(project):
    bank_file = project / "quizzes" / "small.yml"
    before = bank_file.read_bytes()
    bib_before = (project / "book" / "references.bib").read_bytes()
    for target, shown in [("quizzes/small.yml", "quizzes/small.yml"), ("book/references.bib", "book/references.bib"),
                          ("quizzes/../quizzes/small.yml", "quizzes/small.yml"), ("_config.yml", "_config.yml")]:
        line = one_line(selfcheck(["export", "-f", "gift", "-o", target], project), 2)
        assert line.startswith(f"selfcheck: cannot write {target}: it is one of the export's inputs ("), line
        assert line.endswith(f"{shown})"), line
    assert bank_file.read_bytes() == before
    assert (project / "book" / "references.bib").read_bytes() == bib_before


# ---- 3. every write to standard output is checked ----

def test_export_to_a_full_device_is_one_line_and_fails(project):
    with open("/dev/full", "wb") as full:
        result = subprocess.run([str(BIN / "selfcheck"), "export", "-f", "gift"], cwd=project,
                                stdout=full, stderr=subprocess.PIPE, text=True)
    line = one_line(result, 1)
    assert line == ("selfcheck: cannot write the export to standard output: No space left on device "
                    "(what was written is incomplete)")


def test_export_cut_short_by_a_full_disk_fails(project, tmp_path):
    import resource

    def small_disk():  # the file may grow to 500 bytes: a write past that is cut short, then refused
        resource.setrlimit(resource.RLIMIT_FSIZE, (500, 500))

    out = tmp_path / "export.gift"
    with open(out, "wb") as handle:
        result = subprocess.run([str(BIN / "selfcheck"), "export", "-f", "gift"], cwd=project,
                                stdout=handle, stderr=subprocess.PIPE, text=True, preexec_fn=small_disk)
    assert out.stat().st_size == 500
    line = one_line(result, 1)
    assert line.startswith("selfcheck: cannot write the export to standard output: File too large")


# ---- 5. YAML aliases and depth are bounded ----

BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
"""


@pytest.mark.parametrize("text, expected", [
    (BOMB, "small.yml:2: YAML aliases (*a) are not allowed in quiz files: write the value out in full"),
    ("id: small\nquestions: &q\n  - *q\n", "small.yml:3: YAML aliases (*q) are not allowed in quiz files: write the value out in full"),
    ("id: small\ntitle: &t Small\nreviewed: 2026-11-20\nquestions: [*t]\n",
     "small.yml:4: YAML aliases (*t) are not allowed in quiz files: write the value out in full"),
    ("id: small\nx: " + "[" * 900 + "]" * 900 + "\n", "small.yml:2: nested more than 20 levels deep: a quiz file needs five"),
    ("id: small\nx: " + "{a: " * 900 + "1" + "}" * 900 + "\n", "small.yml:2: nested more than 20 levels deep: a quiz file needs five"),
], ids=["alias-bomb", "recursive-alias", "plain-alias", "deep-brackets", "deep-braces"])
def test_aliases_and_deep_nesting_are_one_quick_line(tmp_path, text, expected):
    import time

    started = time.perf_counter()
    assert problems_of(tmp_path, text) == [expected]
    assert time.perf_counter() - started < 0.5


# ---- 17. control characters, a file given twice, complex keys ----

def test_a_control_character_is_one_line_at_its_line(tmp_path):
    text = "id: small\ntitle: Sméll\nreviewed: 2026-11-20\nquestions:\n  - id: a\x00b\n"
    assert problems_of(tmp_path, text) == [
        "small.yml:5: the character #x0000 is not allowed in a YAML file: remove it"]
    text = text.replace("\x00", "\x07")
    assert problems_of(tmp_path, text) == [
        "small.yml:5: the character #x0007 is not allowed in a YAML file: remove it"]


def test_a_complex_key_is_named_plainly(tmp_path):
    text = SMALL_QUIZ.replace("title: Small quiz\n", "title: Small quiz\n? [a, b]\n: c\n")
    assert problems_of(tmp_path, text) == ["small.yml:3: a key must be plain text, not a list or mapping"]
    text = SMALL_QUIZ.replace("    type: single\n", "    type: single\n    {a: 1}: c\n")
    assert problems_of(tmp_path, text) == ["small.yml:7: a key must be plain text, not a list or mapping"]


# ---- 7. a quiz file or bibliography that is not a regular UTF-8 file is one clear line ----

def _spoil(project, kind):
    """One bad entry in the project; returns the line validate must print for it."""
    quizzes = project / "quizzes"
    if kind == "folder":
        (quizzes / "x.yml").mkdir()
        return "quizzes/x.yml:1: cannot be read: it is a folder, not a regular file"
    if kind == "broken-link":
        (quizzes / "x.yml").symlink_to("nowhere.yml")
        return "quizzes/x.yml:1: cannot be read: a broken symbolic link (to nowhere.yml)"
    if kind == "link-loop":
        (quizzes / "x.yml").symlink_to("y.yml")
        (quizzes / "y.yml").symlink_to("x.yml")
        return "quizzes/x.yml:1: cannot be read: a loop of symbolic links"
    if kind == "fifo":
        os.mkfifo(quizzes / "pipe.yml")
        return "quizzes/pipe.yml:1: cannot be read: it is a FIFO, not a regular file"
    if kind == "latin-1-quiz":
        (quizzes / "small.yml").write_bytes((quizzes / "small.yml").read_bytes().replace(b"Jo, 52", b"Jos\xe9, 52"))
        return "quizzes/small.yml:8: not UTF-8 text (invalid continuation byte: byte 0xe9); save it as UTF-8"
    if kind == "latin-1-bib":
        bib = project / "book" / "references.bib"
        bib.write_bytes(b"% sources\n" + bib.read_bytes().replace(b"Advanced", b"Adv\xe9nced"))
        return "book/references.bib:2: not UTF-8 text (invalid continuation byte: byte 0xe9); save it as UTF-8"
    raise AssertionError(kind)


SPOILS = ["folder", "broken-link", "link-loop", "fifo", "latin-1-quiz", "latin-1-bib"]


@pytest.mark.parametrize("kind", SPOILS)
def test_unreadable_files_are_one_line_in_validate(project, kind):
    expected = _spoil(project, kind)
    result = selfcheck(["validate"], project, timeout=20)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert expected in lines, lines
    if kind == "link-loop":
        lines.remove(expected.replace("x.yml", "y.yml"))
    assert lines == [expected]


@pytest.mark.parametrize("kind", SPOILS)
def test_unreadable_files_are_one_line_in_export(project, tmp_path, kind):
    expected = _spoil(project, kind)
    result = selfcheck(["export", "-f", "gift", "-o", str(tmp_path / "out.gift")], project, timeout=20)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert expected in result.stderr.splitlines()
    assert not (tmp_path / "out.gift").exists()


KERNEL = """
import json
from selfcheck.views.notebook import QuizDisplay
print(json.dumps(QuizDisplay("small")._repr_mimebundle_()["text/plain"]))
"""


@pytest.mark.parametrize("kind", SPOILS)
def test_unreadable_files_never_raise_in_a_kernel(project, kind):
    import json

    expected = _spoil(project, kind)
    # In a child process: a FIFO once made quiz() hang for ever.
    result = subprocess.run([sys.executable, "-c", KERNEL], cwd=project, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    shown = json.loads(result.stdout)
    if kind in ("latin-1-quiz", "latin-1-bib"):  # the quiz itself (or its sources) cannot be shown
        assert shown.startswith("Quiz 'small' cannot be shown:") and expected in shown.splitlines()
    else:  # another file of the bank is broken: this quiz still shows
        assert shown == "Quiz: Small quiz (3 questions)"


def test_validate_a_fifo_given_by_name_does_not_hang(project):
    os.mkfifo(project / "pipe.yml")
    result = selfcheck(["validate", "pipe.yml"], project, timeout=20)
    assert result.stdout.splitlines() == ["pipe.yml:1: cannot be read: it is a FIFO, not a regular file"]


# ---- 8. front-matter dates with a comment or a time ----

@pytest.mark.parametrize("line, quoted", [
    ("reviewed: 2026-11-24", 'reviewed: "2026-11-24"'),
    ("reviewed: 2026-11-24  # checked", 'reviewed: "2026-11-24"  # checked'),
    ("reviewed: 2026-11-24 # checked by Sam", 'reviewed: "2026-11-24"  # checked by Sam'),
    ("reviewed: 2026-11-24 10:30:00", 'reviewed: "2026-11-24 10:30:00"'),
    ("reviewed: 2026-11-24T10:30:00Z  # utc", 'reviewed: "2026-11-24T10:30:00Z"  # utc'),
    ("reviewed: 2026-11-24 10:30:00.5 +01:00", 'reviewed: "2026-11-24 10:30:00.5 +01:00"'),
    ('reviewed: "2026-11-24"', 'reviewed: "2026-11-24"'),
])
def test_front_matter_dates_are_quoted_with_comments_and_times(line, quoted):
    from course_site.front_matter import quote_front_matter_dates

    source = [f"---\ntitle: x\n{line}\nstudy_minutes: 5\n---\n# Page\n\nreviewed: 2026-01-01\n"]
    quote_front_matter_dates(None, "page", source)
    assert source[0] == f"---\ntitle: x\n{quoted}\nstudy_minutes: 5\n---\n# Page\n\nreviewed: 2026-01-01\n"


# ---- 9. images from the site only ----

def test_remote_images_are_refused_by_the_validator(tmp_path):
    text = (SMALL_QUIZ.replace("Which is **right**?", "'Which is ![pixel](https://tracker.example/p.gif)?'")
            .replace("No, because of A.", "'No ![x](//tracker.example/q.gif) because.'")
            .replace("The explanation.", "'![ok](../_static/diagram.png) and ![d](data:image/png;base64,AA)'"))
    assert problems_of(tmp_path, text) == [
        "small.yml:9: sm-single: 'prompt' shows an image from outside the site "
        "(https://tracker.example/p.gif): images must come from the course's own site",
        "small.yml:16: sm-single: 'explanation' shows an image from outside the site "
        "(data:image/png;base64,AA): images must come from the course's own site",
        "small.yml:12: sm-single: option 1: 'feedback' shows an image from outside the site "
        "(//tracker.example/q.gif): images must come from the course's own site",
    ]


def test_remote_images_never_reach_a_page_or_an_export(small_quiz):
    from selfcheck.export import Bank, render

    questions = (dataclasses.replace(small_quiz.questions[0], prompt="Look ![a pixel](https://tracker.example/p.gif)",
                                     explanation="![local](img/a.png)"), *small_quiz.questions[1:])
    quiz = dataclasses.replace(small_quiz, questions=questions)
    page = render_quiz(quiz, {})
    assert "tracker.example" not in page and "<legend>Look a pixel</legend>" in page
    assert '<img src="img/a.png" alt="local" />' in page
    for fmt in ("moodle-xml", "gift", "answer-key"):
        assert b"tracker.example" not in render(fmt, Bank("Course", (quiz,), {}))


# ---- 10. a source's address is http or https, or no link at all ----

EVIL_BIB = ("@misc{nice-cg81,\n  title={Advanced breast cancer},\n  year={2009},\n"
            "  url={javascript:alert(document.cookie)}\n}\n")


def test_a_javascript_source_address_is_refused_and_never_a_link(project, tmp_path):
    from selfcheck.core import bank
    from selfcheck.export import Bank, render
    from selfcheck.core.bibliography import read_sources

    (project / "book" / "references.bib").write_text(EVIL_BIB)
    _, problems = bank.read_bib(project)
    assert [str(p) for p in problems] == [
        "book/references.bib:1: nice-cg81: url 'javascript:alert(document.cookie)' must be an http or https address"]
    assert one_line(selfcheck(["validate"], project), 1) == "1 problem(s) in 1 file(s)"
    quiz, _ = check_file(project / "quizzes" / "small.yml", BIB, TODAY)
    sources = read_sources(project / "book" / "references.bib")
    assert sources["nice-cg81"].url == ""
    outputs = [render_quiz(quiz, sources).encode()]
    outputs += [render(fmt, Bank("Course", (quiz,), sources)) for fmt in ("moodle-xml", "gift", "answer-key")]
    for output in outputs:
        assert b"javascript:" not in output
        assert b"Advanced breast cancer" in output


def test_the_renderers_link_only_web_addresses_even_past_the_reader(small_quiz):
    from selfcheck.export import Bank, render
    from selfcheck.core.bibliography import Source

    sources = {"nice-cg81": Source("nice-cg81", "NICE (2009).", " JavaScript:alert(1)")}
    assert "javascript:" not in render_quiz(small_quiz, sources).lower()
    assert b"javascript:" not in render("answer-key", Bank("Course", (small_quiz,), sources)).lower()


# ---- 11. every QTI file is well-formed, whatever the text holds ----

def test_qti_is_well_formed_with_control_characters_in_titles(project, tmp_path):
    import io
    import zipfile

    from lxml import etree

    path = project / "quizzes" / "small.yml"
    path.write_text(path.read_text().replace("title: Small quiz", 'title: "Small\\x01 quiz\\x1f"')
                    .replace("prompt: Pick the right ones", 'prompt: "Pick\\x02 the right ones\\x7f"'))
    out = tmp_path / "bank.zip"
    result = selfcheck(["export", "-f", "qti", "-o", str(out)], project)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
        names = archive.namelist()
        for name in names:
            etree.fromstring(archive.read(name))  # raises on a file that is not well-formed
        test = etree.fromstring(archive.read(next(n for n in names if n.startswith("test-"))))
    assert test.get("title") == "Small quiz"
    for fmt in ("moodle-xml", "answer-key"):
        data = selfcheck(["export", "-f", fmt], project).stdout.encode()
        (etree.fromstring if fmt == "moodle-xml" else etree.HTML)(data)


# ---- 13 and 17. one file per quiz; a file given twice is checked once ----

def test_x_yml_beside_x_yaml_is_an_error(project):
    (project / "quizzes" / "small.yaml").write_text((project / "quizzes" / "small.yml").read_text())
    result = selfcheck(["validate"], project)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "quizzes/small.yml:1: another file for quiz 'small': quizzes/small.yaml (keep one)"


def test_the_same_file_given_twice_is_checked_once(project):
    for args in (["quizzes/small.yml", "quizzes/small.yml"], ["quizzes", "quizzes/small.yml"],
                 ["quizzes/small.yml", "quizzes/../quizzes/small.yml"]):
        result = selfcheck(["validate", *args], project)
        assert (result.returncode, result.stdout) == (0, ""), (args, result.stdout)


# ---- 18. the answer key asks for no favicon ----

def test_answer_key_names_its_icon_so_no_browser_asks_for_one(small_quiz):
    from lxml import html as lxml_html

    from selfcheck.export import Bank, render

    page = lxml_html.fromstring(render("answer-key", Bank("Course", (small_quiz,), {})))
    icons = page.xpath('//head/link[@rel="icon"]/@href')
    assert icons == ["data:,"]  # an empty icon: no request to /favicon.ico, nor to any host
    assert not [src for src in page.xpath("//@src | //@href") if src.startswith(("http:", "https:", "//"))
                and "nice.org.uk" not in src]


# ---- 19. content past its review date says so ----

def test_review_is_due_more_than_twelve_months_after():
    from selfcheck.core.model import review_due

    today = dt.date(2026, 11, 24)
    assert not review_due(dt.date(2025, 11, 24), today)
    assert review_due(dt.date(2025, 11, 23), today)
    assert review_due(dt.date(2018, 1, 1), today)
    assert not review_due(dt.date(2024, 2, 28), dt.date(2025, 2, 28))
    assert review_due(dt.date(2023, 2, 27), dt.date(2024, 2, 29))


def test_a_quiz_past_its_review_date_says_so_on_the_page(small_quiz):
    old = dataclasses.replace(small_quiz, reviewed=dt.date(2018, 3, 1))
    html = render_quiz(old, {}, today=dt.date(2026, 11, 24))
    assert ('<p class="sc-due-review"><strong>Due for review:</strong> the questions were last checked on '
            "1 March 2018, more than 12 months ago.") in html
    assert "sc-due-review" not in render_quiz(small_quiz, {}, today=dt.date(2026, 11, 24))


def test_every_problem_is_one_line_whatever_the_file_holds(tmp_path):
    text = SMALL_QUIZ.replace("title: Small quiz\n", 'title: Small quiz\n"ti\\ntle\\u2028x": 1\n')
    found = problems_of(tmp_path, text)
    assert found == ["small.yml:3: unknown key 'ti\\ntle\\u2028x' (did you mean 'title'?); allowed: id, title, reviewed, questions"]
    assert all(len(p.splitlines()) == 1 for p in found)
    odd = tmp_path / "odd\nname.yml"
    odd.write_text("- a list\n")
    _, problems = check_file(odd, BIB, TODAY, root=tmp_path)
    assert [str(p) for p in problems] == ["odd\\nname.yml:1: a quiz file must be a mapping with keys id, title, reviewed, questions"]
