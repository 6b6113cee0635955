"""`selfcheck export`: every format parsed back and compared with the real bank, GIFT
escaping, script in YAML, and the command line's errors."""

from __future__ import annotations

import html
import io
import re
import subprocess
import textwrap
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from tests.support import BIN, ROOT, SMALL_QUIZ, run_cli, write_project
from selfcheck.core import markup
from selfcheck.core.bank import BIB_FILE, check_bank, check_calls
from selfcheck.export import ExportError
from selfcheck.export.common import fractions
from selfcheck.export.gift import escape as gift_escape
from selfcheck.core.model import Option, Question
from selfcheck.core.bibliography import read_sources
from selfcheck.core.course_order import calls_in_course_order, in_course_order

FORMATS = ("moodle-xml", "gift", "qti", "answer-key")
QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
COURSE = "Treating secondary breast cancer"
# Moodle's own fractions for 1..10 answers sharing 100 % (question_bank::fraction_options).
MOODLE_LIST = ["100", "50", "33.33333", "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10"]
GIFT_SPECIAL = "~=#{}:"




def expected_fractions(q: Question) -> list[str]:
    if not q.is_multiple:
        return ["100" if o.correct else "0" for o in q.options]
    right = len(q.correct_indices)
    wrong = len(q.options) - right
    return [MOODLE_LIST[right - 1] if o.correct else "-" + MOODLE_LIST[wrong - 1] for o in q.options]


# ---- the real bank, exported once per format through the command line ----


@pytest.fixture(scope="module")
def real():
    quizzes, problems = check_bank(ROOT)
    assert not problems, problems
    assert quizzes
    # The command line exports in course order (the order of _toc.yml), not file order.
    return in_course_order(quizzes, ROOT), read_sources(ROOT / BIB_FILE)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("exports")
    files = {}
    for fmt in FORMATS:
        target = out / f"bank.{fmt}"
        result = run_cli(["export", "--format", fmt, "-o", str(target)], ROOT)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        files[fmt] = target.read_bytes()
    # nothing but the outputs is left in the folder (the temporary files were renamed)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"bank.{fmt}" for fmt in FORMATS)
    return files


def text_of(html_text: str) -> str:
    """The words of an HTML fragment, whitespace collapsed."""
    return " ".join(lxml_html.fragment_fromstring(html_text, create_parent="div").text_content().split())


def source_text(sources, key: str) -> str:
    return sources[key].text


def check_question_text(text: str, q: Question) -> None:
    """The question text is the scenario (if any) followed by the prompt."""
    prompt = f"<p>{markup.inline(q.prompt)}</p>"
    assert text.endswith(prompt), (q.id, text)
    if q.scenario:
        scenario = markup.block(q.scenario)
        assert text.startswith(scenario), q.id
        assert text.index(scenario) < text.rindex(prompt)


def check_general_feedback(text: str, q: Question, sources) -> None:
    assert text.startswith(markup.block(q.explanation)), q.id
    assert html.escape(source_text(sources, q.source), quote=False) in text.replace("&quot;", '"').replace("&#x27;", "'")


# ---- Moodle XML ----


def moodle_questions(data: bytes):
    """[(category, question element)] in file order; category elements checked on the way."""
    root = etree.fromstring(data)
    assert root.tag == "quiz"
    category, out = None, []
    for element in root:
        assert element.tag == "question"
        if element.get("type") == "category":
            category = element.findtext("category/text")
            continue
        out.append((category, element))
    return out


def test_moodle_xml_holds_every_question(real, exported):
    quizzes, sources = real
    found = moodle_questions(exported["moodle-xml"])
    expected = [(quiz, q) for quiz in quizzes for q in quiz.questions]
    assert len(found) == len(expected)
    categories = etree.fromstring(exported["moodle-xml"]).xpath('question[@type="category"]/category/text/text()')
    assert categories == [f"$course$/top/{COURSE}/{quiz.title}" for quiz in quizzes]
    for (category, element), (quiz, q) in zip(found, expected):
        assert category == f"$course$/top/{COURSE}/{quiz.title}"
        assert element.findtext("name/text") == q.id
        assert element.findtext("idnumber") == q.id
        assert element.find("questiontext").get("format") == "html"
        check_question_text(element.findtext("questiontext/text"), q)
        assert element.find("generalfeedback").get("format") == "html"
        check_general_feedback(element.findtext("generalfeedback/text"), q, sources)
        answers = element.findall("answer")
        assert len(answers) == len(q.options)
        if q.type == "true-false":
            assert element.get("type") == "truefalse"
            by_text = {a.findtext("text"): a for a in answers}
            assert set(by_text) == {"true", "false"}
            for option in q.options:
                answer = by_text[option.text.lower()]
                assert answer.get("fraction") == ("100" if option.correct else "0")
                assert answer.findtext("feedback/text") == markup.block(option.feedback)
            continue
        assert element.get("type") == "multichoice"
        assert element.findtext("single") == ("false" if q.is_multiple else "true")
        assert element.findtext("shuffleanswers") == "1"
        assert element.findtext("answernumbering") == "abc"
        got = [a.get("fraction") for a in answers]
        assert got == expected_fractions(q), q.id
        for answer, option in zip(answers, q.options):
            assert answer.get("format") == "html"
            assert answer.findtext("text") == markup.inline(option.text)
            assert answer.find("feedback").get("format") == "html"
            assert answer.findtext("feedback/text") == markup.block(option.feedback)
        right = [float(f) for f, o in zip(got, q.options) if o.correct]
        wrong = [float(f) for f, o in zip(got, q.options) if not o.correct]
        assert sum(right) == pytest.approx(100, abs=1e-4)
        assert all(f in MOODLE_LIST for f, o in zip(got, q.options) if o.correct)
        if q.is_multiple:
            assert all(w < 0 for w in wrong) and sum(wrong) >= -100 - 1e-4
        else:
            assert wrong == [0] * len(wrong)


def test_moodle_fractions_use_moodles_list_for_every_count():
    def question(right, wrong):
        options = [Option(f"r{i}", True, "f") for i in range(right)] + [Option(f"w{i}", False, "f") for i in range(wrong)]
        return Question("q", "multiple", "p", tuple(options), "e", "s")

    for right in range(1, 11):
        for wrong in range(0, 11):
            got = fractions(question(right, wrong))
            assert got[:right] == [MOODLE_LIST[right - 1]] * right
            assert got[right:] == ["-" + MOODLE_LIST[wrong - 1]] * wrong
            assert sum(map(float, got[:right])) == pytest.approx(100, abs=1e-4)
            assert sum(map(float, got[right:])) >= -100 - 1e-4
    with pytest.raises(ExportError, match="11 correct options"):
        fractions(question(11, 1))
    with pytest.raises(ExportError, match="11 wrong options"):
        fractions(question(1, 11))


# ---- GIFT: a small reader, strict about escaping ----


def gift_tokens(text: str) -> list[tuple[str, bool]]:
    """(character, escaped) pairs; a backslash may only escape a special, itself or n."""
    out, i = [], 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            nxt = text[i + 1]
            assert nxt in GIFT_SPECIAL + "\\n", f"stray backslash before {nxt!r}"
            out.append(("\n" if nxt == "n" else nxt, True))
            i += 2
        else:
            out.append((char, False))
            i += 1
    return out


def _find(tokens, seq: str, start: int = 0) -> int:
    for i in range(start, len(tokens) - len(seq) + 1):
        if all(tokens[i + k] == (c, False) for k, c in enumerate(seq)):
            return i
    return -1


def _content(tokens) -> str:
    """Text from tokens that must hold no unescaped special character."""
    bare = [c for c, esc in tokens if not esc and c in GIFT_SPECIAL]
    assert not bare, f"unescaped {bare} in {''.join(c for c, _ in tokens)!r}"
    return "".join(c for c, _ in tokens)


def _strip(tokens):
    while tokens and not tokens[0][1] and tokens[0][0].isspace():
        tokens = tokens[1:]
    while tokens and not tokens[-1][1] and tokens[-1][0].isspace():
        tokens = tokens[:-1]
    return tokens


def read_gift(text: str) -> list[dict]:
    questions, category = [], None
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line for line in block.splitlines() if not line.strip().startswith("//")]
        block = "\n".join(lines).strip()
        if not block:
            continue
        if block.startswith("$CATEGORY:"):
            assert "\n" not in block
            category = block[len("$CATEGORY:"):].strip()
            continue
        tokens = gift_tokens(block)
        assert _find(tokens, "::") == 0, block[:80]
        end = _find(tokens, "::", 2)
        qid = _content(tokens[2:end])
        rest = tokens[end + 2:]
        fmt = None
        if "".join(c for c, _ in rest[:6]) == "[html]":
            fmt, rest = "html", rest[6:]
        opening = _find(rest, "{")
        closing = max(i for i, t in enumerate(rest) if t == ("}", False))
        assert _content(_strip(rest[closing + 1:])) == ""
        body = rest[opening + 1:closing]
        general = None
        split = _find(body, "####")
        if split >= 0:
            general, body = _content(_strip(body[split + 4:])), body[:split]
        answers, current = [], None
        for char, esc in body:
            if not esc and char in "~=":
                current = [char, []]
                answers.append(current)
            elif current is None:
                assert char.isspace()
            else:
                current[1].append((char, esc))
        parsed = []
        for mark, answer in answers:
            answer = _strip(answer)
            weight = None
            if answer and answer[0] == ("%", False):
                stop = _find(answer, "%", 1)
                weight, answer = "".join(c for c, _ in answer[1:stop]), answer[stop + 1:]
            hash_at = _find(answer, "#")
            text_part, feedback = (answer[:hash_at], answer[hash_at + 1:]) if hash_at >= 0 else (answer, [])
            parsed.append({"mark": mark, "weight": weight, "text": _content(text_part),
                           "feedback": _content(_strip(feedback))})
        questions.append({"category": category, "id": qid, "format": fmt,
                          "text": _content(rest[:opening]), "answers": parsed, "general": general})
    return questions


def same_option_text(read: str, option_text: str) -> bool:
    expected = markup.inline(option_text)
    # a leading "%" is written as an entity, so Moodle cannot read it as a weight
    return read == expected or (expected.startswith("%") and read == "&#37;" + expected[1:])


def check_gift_question(found: dict, q: Question, sources) -> None:
    assert found["id"] == q.id
    assert found["format"] == "html"
    check_question_text(found["text"], q)
    check_general_feedback(found["general"], q, sources)
    assert len(found["answers"]) == len(q.options)
    for answer, option, fraction in zip(found["answers"], q.options, expected_fractions(q)):
        assert same_option_text(answer["text"], option.text), (answer["text"], option.text)
        assert answer["feedback"] == markup.block(option.feedback)
        if q.is_multiple:
            assert answer["mark"] == "~" and answer["weight"] == fraction
        else:
            assert answer["weight"] is None
            assert answer["mark"] == ("=" if option.correct else "~")


def test_gift_holds_every_question(real, exported):
    quizzes, sources = real
    found = read_gift(exported["gift"].decode("utf-8"))
    expected = [(quiz, q) for quiz in quizzes for q in quiz.questions]
    assert len(found) == len(expected)
    for item, (quiz, q) in zip(found, expected):
        assert item["category"] == f"$course$/top/{COURSE}/{quiz.title}"
        check_gift_question(item, q, sources)
        if q.is_multiple:
            weights = [float(a["weight"]) for a in item["answers"]]
            assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=1e-4)


def test_gift_escape_each_special_character():
    for char in "~=#{}:":
        assert gift_escape(f"a{char}b") == f"a\\{char}b"
    assert gift_escape("C:\\Temp") == "C\\:\\\\Temp"
    assert gift_escape("one\ntwo") == "one\\ntwo"


# ---- a tiny project: special characters and <script> in every field ----

TINY_QUIZ = r"""
id: tiny
title: "Tiny: {special} quiz"
reviewed: 2026-01-10
questions:
  - id: tiny-single
    type: single
    scenario: |
      Sam, 60, asks: is 1 = 1? Use ~tildes~, #hash, {braces} and C:\Temp.
      <script>alert("scenario")</script>
    prompt: "Which of ~ = # { } : is *right*? <script>alert('prompt')</script>"
    options:
      - text: "a ~ b = c # d { e } f : g \\ h <script>alert('option')</script>"
        correct: true
        feedback: "Yes ~ = # { } : <script>alert('feedback')</script>"
      - text: "%50% of people <img src=x onerror=alert(1)>"
        feedback: "No: {not} this = that."
    explanation: "Because ~ = # { } : <script>alert('explanation')</script>"
    source: src-key
  - id: tiny-multiple
    type: multiple
    prompt: Pick {all} that apply
    options:
      - text: "One: ~1"
        correct: true
        feedback: "Right #1."
      - text: "Two = 2"
        correct: true
        feedback: "Right #2."
      - text: "Three {3}"
        feedback: "Wrong #3 <script>alert('wrong')</script>"
    explanation: Two of three.
    source: src-key
  - id: tiny-tf
    type: true-false
    prompt: "Statement: 2 = 3 <script>alert('tf')</script>"
    options:
      - text: "True"
        feedback: "No: 2 # 3."
      - text: "False"
        correct: true
        feedback: "Yes: {2 != 3}."
    explanation: "Arithmetic: see ~ above."
    source: src-key
"""

TINY_BIB = "@misc{src-key, author={{The Guide Group}}, title={A guide <script>alert('bib')</script>}, year={2020}, url={https://example.org/a?b=1&c=2}}\n"


@pytest.fixture
def tiny(tmp_path):
    write_project(tmp_path, {"tiny.yml": TINY_QUIZ.lstrip()}, TINY_BIB, title="Tiny course")
    quizzes, problems = check_bank(tmp_path)
    assert not problems, [str(p) for p in problems]
    return tmp_path, quizzes[0], read_sources(tmp_path / BIB_FILE)


def export(project: Path, fmt: str) -> bytes:
    out = project / f"out.{fmt}"
    result = run_cli(["export", "-f", fmt, "-o", str(out)], project)
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


def test_gift_escapes_specials_in_every_field(tiny):
    project, quiz, sources = tiny
    text = export(project, "gift").decode("utf-8")
    assert text.startswith("$CATEGORY: $course$/top/Tiny course/Tiny: {special} quiz\n")
    found = read_gift(text)  # the reader fails on any unescaped ~ = # { } :
    assert [f["id"] for f in found] == [q.id for q in quiz.questions]
    for item, q in zip(found, quiz.questions):
        check_gift_question(item, q, sources)
    single = found[0]
    assert "a ~ b = c # d { e } f : g \\ h" in single["answers"][0]["text"]
    assert "\\~" in text and "\\=" in text and "\\#" in text and "\\{" in text and "\\}" in text and "\\:" in text
    assert "g \\\\ h" in text  # the backslash itself
    # no blank line inside a question: the category and three questions
    assert len(text.strip().split("\n\n")) == 4


def test_script_in_yaml_is_text_in_every_format(tiny):
    project, quiz, sources = tiny
    scripts = ["scenario", "prompt", "option", "feedback", "explanation", "wrong", "tf", "bib"]

    def no_markup(fragment: str) -> None:
        assert "<script" not in fragment and "<img" not in fragment

    def shown_as_text(where: str, haystack: str) -> bool:
        return any(f"&lt;script&gt;alert({q}{where}{q})&lt;/script&gt;" in haystack for q in ("'", "&#x27;", "&quot;"))

    # Moodle XML: the HTML inside every text element
    root = etree.fromstring(export(project, "moodle-xml"))
    texts = [t.text or "" for t in root.iter("text")]
    for fragment in texts:
        no_markup(fragment)
    joined = "\n".join(texts)
    for where in scripts:
        assert shown_as_text(where, joined), where
    assert "&lt;img src=x onerror=alert(1)&gt;" in joined

    # GIFT
    found = read_gift(export(project, "gift").decode("utf-8"))
    pieces = [f["text"] for f in found] + [f["general"] for f in found]
    pieces += [a[k] for f in found for a in f["answers"] for k in ("text", "feedback")]
    for fragment in pieces:
        no_markup(fragment)
    for where in scripts:
        assert shown_as_text(where, "\n".join(pieces)), where

    # QTI: no script or img element anywhere, the words are there as text
    with zipfile.ZipFile(io.BytesIO(export(project, "qti"))) as package:
        for name in package.namelist():
            doc = etree.fromstring(package.read(name))
            tags = {etree.QName(e).localname for e in doc.iter() if isinstance(e.tag, str)}
            assert not tags & {"script", "img", "iframe", "object"}, name
        item = etree.fromstring(package.read("items/tiny-single.xml"))
        words = "".join(item.itertext())
        for where in ("scenario", "prompt", "option", "feedback", "explanation", "bib"):
            assert f"alert(\"{where}\")" in words or f"alert('{where}')" in words

    # the answer key
    page = lxml_html.fromstring(export(project, "answer-key"))
    assert not page.xpath("//script|//img|//iframe")
    words = page.text_content()
    for where in ("scenario", "prompt", "option", "feedback", "explanation", "wrong", "tf", "bib"):
        assert f"<script>alert(\"{where}\")</script>" in words or f"<script>alert('{where}')</script>" in words
    assert "<img src=x onerror=alert(1)>" in words


def test_tiny_moodle_truefalse_and_multiple(tiny):
    project, quiz, sources = tiny
    found = moodle_questions(export(project, "moodle-xml"))
    assert [e.get("type") for _, e in found] == ["multichoice", "multichoice", "truefalse"]
    assert {c for c, _ in found} == {"$course$/top/Tiny course/Tiny: {special} quiz"}
    tf = found[2][1]
    assert [(a.findtext("text"), a.get("fraction")) for a in tf.findall("answer")] == [("true", "0"), ("false", "100")]
    multiple = found[1][1]
    assert [a.get("fraction") for a in multiple.findall("answer")] == ["50", "50", "-100"]
    assert 'href="https://example.org/a?b=1&amp;c=2"' in found[0][1].findtext("generalfeedback/text")


# ---- QTI 2.1 package ----


def shape(element) -> tuple:
    """An element's content (text and children, names without namespace), for comparing
    exported XHTML with what selfcheck.core.markup made."""
    return (
        element.text or "",
        [(etree.QName(c).localname, dict(c.attrib), shape(c), c.tail or "") for c in element],
    )


def markup_shape(fragment: str) -> tuple:
    return shape(etree.fromstring(f"<w>{fragment}</w>"))


def test_qti_package_holds_every_question(real, exported):
    quizzes, sources = real
    package = zipfile.ZipFile(io.BytesIO(exported["qti"]))
    assert package.testzip() is None
    names = set(package.namelist())
    manifest = etree.fromstring(package.read("imsmanifest.xml"))
    assert manifest.tag == f"{{{CP}}}manifest"
    ns = {"cp": CP, "q": QTI}
    resources = manifest.findall("cp:resources/cp:resource", ns)
    listed = {f.get("href") for r in resources for f in r.findall("cp:file", ns)}
    assert listed == names - {"imsmanifest.xml"}  # every file listed, nothing else in the zip
    for resource in resources:
        assert resource.get("href") in {f.get("href") for f in resource.findall("cp:file", ns)}
    by_id = {r.get("identifier"): r for r in resources}
    assert len(by_id) == len(resources)  # identifiers unique
    items = [r for r in resources if r.get("type") == "imsqti_item_xmlv2p1"]
    tests = [r for r in resources if r.get("type") == "imsqti_test_xmlv2p1"]
    all_questions = [q for quiz in quizzes for q in quiz.questions]
    assert [r.get("identifier") for r in items] == [q.id for q in all_questions]
    assert len(tests) == len(quizzes)

    for quiz, resource in zip(quizzes, tests):
        test = etree.fromstring(package.read(resource.get("href")))
        assert test.tag == f"{{{QTI}}}assessmentTest"
        assert test.get("title") == quiz.title
        refs = test.findall(".//q:assessmentItemRef", ns)
        assert [r.get("identifier") for r in refs] == [q.id for q in quiz.questions]
        assert all(r.get("href") in names for r in refs)
        assert [d.get("identifierref") for d in resource.findall("cp:dependency", ns)] == [q.id for q in quiz.questions]

    for q, resource in zip(all_questions, items):
        item = etree.fromstring(package.read(resource.get("href")))
        assert item.tag == f"{{{QTI}}}assessmentItem"
        assert item.get("identifier") == q.id
        declaration = item.find("q:responseDeclaration", ns)
        assert declaration.get("cardinality") == ("multiple" if q.is_multiple else "single")
        interaction = item.find("q:itemBody/q:choiceInteraction", ns)
        assert interaction.get("maxChoices") == ("0" if q.is_multiple else "1")
        assert interaction.get("responseIdentifier") == declaration.get("identifier")
        choices = interaction.findall("q:simpleChoice", ns)
        assert len(choices) == len(q.options)
        ids = [c.get("identifier") for c in choices]
        correct = [v.text for v in declaration.findall("q:correctResponse/q:value", ns)]
        assert correct == [ids[i] for i in sorted(q.correct_indices)]
        for choice, option in zip(choices, q.options):
            assert shape(choice) == markup_shape(markup.inline(option.text))
        assert shape(interaction.find("q:prompt", ns)) == markup_shape(markup.inline(q.prompt))
        body = list(item.find("q:itemBody", ns))
        if q.scenario:
            assert etree.QName(body[0]).localname == "div"
            assert shape(body[0]) == markup_shape(markup.block(q.scenario))
            assert body.index(interaction) == 1  # the scenario stands before the question
        else:
            assert body == [interaction]
        feedback = {f.get("identifier"): f for f in item.findall("q:modalFeedback", ns)}
        assert all(f.get("outcomeIdentifier") == "FEEDBACK" for f in feedback.values())
        assert set(feedback) == set(ids) | {"GENERAL"}
        for choice_id, option in zip(ids, q.options):
            assert shape(feedback[choice_id]) == markup_shape(markup.block(option.feedback))
        general = " ".join("".join(feedback["GENERAL"].itertext()).split())
        assert text_of(markup.block(q.explanation)) in general
        assert source_text(sources, q.source) in general
        outcomes = {o.get("identifier") for o in item.findall("q:outcomeDeclaration", ns)}
        assert {"SCORE", "FEEDBACK"} <= outcomes


# ---- the answer key ----


def test_answer_key_marks_every_correct_option(real, exported):
    quizzes, sources = real
    raw = exported["answer-key"].decode("utf-8")
    page = lxml_html.fromstring(raw)
    assert page.get("lang") == "en-GB"
    assert page.findtext(".//title") == "Answer key"
    assert page.findtext(".//h1") == "Answer key"
    assert [h.text_content() for h in page.xpath("//main/section[@class='quiz']/h2")] == [quiz.title for quiz in quizzes]
    # then the telephone triage calls (tests/unit/test_calls.py checks what a call shows), in course order
    calls, problems = check_calls(ROOT)
    assert calls and not problems
    assert [h.text_content() for h in page.xpath("//main//h2")] == [
        *(quiz.title for quiz in quizzes), *(f"Call: {call.title}" for call in calls_in_course_order(calls, ROOT))]
    # standalone: no script, no stylesheet or image to fetch (its icon is empty, inline, so a
    # browser asks for no favicon); the print stylesheet is inline
    assert not page.xpath("//script|//link[not(@rel='icon' and @href='data:,')]|//img|//iframe|//*[@src]")
    style = "".join(page.xpath("//style/text()"))
    assert "@media print" in style and "url(" not in style and "@import" not in style
    sections = page.xpath("//section[contains(concat(' ', @class, ' '), ' question ')]")
    assert len(sections) == sum(len(quiz.questions) for quiz in quizzes)
    for quiz in quizzes:
        for number, q in enumerate(quiz.questions, start=1):
            [section] = page.xpath(f'//section[@id="q-{q.id}"]')
            assert section.findtext("h3") == f"Question {number}"
            words = " ".join(section.text_content().split())
            assert text_of(markup.inline(q.prompt)) in words
            if q.scenario:
                assert text_of(markup.block(q.scenario)) in words
            options = section.xpath('.//ol[@class="options"]/li')
            assert len(options) == len(q.options)
            for li, option in zip(options, q.options):
                li_words = " ".join(li.text_content().split())
                assert text_of(markup.inline(option.text)) in li_words
                # marked in words, not by colour alone
                assert ("Correct answer:" in li_words) == option.correct, (q.id, li_words)
                assert ("correct" in li.get("class", "").split()) == option.correct
            assert text_of(markup.block(q.explanation)) in words
            assert f"Source: {source_text(sources, q.source)}" in words


# ---- the command line ----




def one_line_error(result, code: int) -> str:
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    return lines[0]


def test_unknown_format_is_a_one_line_error(project):
    line = one_line_error(run_cli(["export", "--format", "pdf"], project), 2)
    assert line.startswith("selfcheck export: error: argument --format/-f: invalid choice: 'pdf'")


def test_missing_format_and_qti_to_stdout_are_one_line_errors(project):
    assert "required: --format" in one_line_error(run_cli(["export"], project), 2)
    assert "give -o OUT" in one_line_error(run_cli(["export", "--format", "qti"], project), 2)


def test_unwritable_output_is_a_one_line_error(project):
    line = one_line_error(run_cli(["export", "-f", "moodle-xml", "-o", "/nonexistent/dir/x.xml"], project), 2)
    assert line == "selfcheck: cannot write /nonexistent/dir/x.xml: no such folder /nonexistent/dir"
    assert not Path("/nonexistent/dir/x.xml").exists()
    line = one_line_error(run_cli(["export", "-f", "gift", "-o", str(project / "book")], project), 2)
    assert "it is a folder" in line


def test_invalid_bank_prints_problems_and_writes_nothing(project):
    path = project / "quizzes" / "small.yml"
    path.write_text(path.read_text().replace("        correct: true\n        feedback: Alpha", "        corect: true\n        feedback: Alpha"))
    kept = project / "kept.xml"
    kept.write_text("an earlier export\n")
    for fmt in FORMATS:
        for out in (project / f"new.{fmt}", kept):
            result = run_cli(["export", "-f", fmt, "-o", str(out)], project)
            assert result.returncode == 1
            assert "Traceback" not in result.stderr
            assert result.stdout == ""
            assert result.stderr.splitlines()[0] == (
                "quizzes/small.yml:23: sm-multiple: option 1: unknown key 'corect' (did you mean 'correct'?); "
                "allowed: text, correct, feedback"
            )
        assert not (project / f"new.{fmt}").exists()
    assert kept.read_text() == "an earlier export\n"
    assert sorted(p.name for p in project.iterdir()) == ["_config.yml", "book", "kept.xml", "quizzes"]


def test_quiz_that_moodle_cannot_grade_is_a_one_line_error(project):
    options = "".join(f"      - text: Option {i}\n        correct: true\n        feedback: Yes.\n" for i in range(11))
    (project / "quizzes" / "big.yml").write_text(
        "id: big\ntitle: Big\nreviewed: 2026-01-10\nquestions:\n  - id: big-many\n    type: multiple\n"
        f"    prompt: All of them\n    options:\n{options}    explanation: All.\n    source: nice-cg81\n"
    )
    line = one_line_error(run_cli(["export", "-f", "gift", "-o", str(project / "x.gift")], project), 1)
    assert line.startswith("selfcheck: cannot export as gift: big-many: 11 correct options")
    assert not (project / "x.gift").exists()
    assert run_cli(["export", "-f", "answer-key", "-o", str(project / "key.html")], project).returncode == 0


def test_stdout_export_equals_file_export_and_paths_select_quizzes(project):
    (project / "quizzes" / "other.yml").write_text(
        textwrap.dedent(SMALL_QUIZ).replace("id: small", "id: other").replace("title: Small quiz", "title: Other")
        .replace("id: sm-", "id: ot-")
    )
    for fmt in ("moodle-xml", "gift", "answer-key"):
        to_stdout = subprocess.run([str(BIN / "selfcheck"), "export", "-f", fmt], cwd=project / "book", capture_output=True)
        assert to_stdout.returncode == 0, to_stdout.stderr
        assert to_stdout.stderr.decode().strip() == f"2 quizzes, 6 questions exported as {fmt}"
        assert to_stdout.stdout == export(project, fmt)
    one = run_cli(["export", "-f", "gift", "quizzes/other.yml"], project)
    assert one.returncode == 0
    assert [q["id"] for q in read_gift(one.stdout)] == ["ot-single", "ot-multiple", "ot-tf"]
    missing = run_cli(["export", "-f", "gift", "nowhere.yml"], project)
    assert one_line_error(missing, 2) == "selfcheck: nowhere.yml: no such file or folder"


def test_outside_a_project_is_a_one_line_error(tmp_path):
    line = one_line_error(run_cli(["export", "-f", "gift"], tmp_path), 2)
    assert line.startswith("selfcheck: no _config.yml in ")
