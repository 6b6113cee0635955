"""QTI 2.1 content package (a zip): ``imsmanifest.xml`` (IMS CP 1.1), one assessmentItem
per question under ``items/``, and one assessmentTest per quiz (``test-<quiz-id>.xml``).

An item is a choiceInteraction (maxChoices 1 for single and true-false, 0 for multiple)
scored as on the course's pages: 1 when exactly the correct options are chosen, else 0.
Response processing sets the outcome FEEDBACK to the chosen options plus GENERAL, so each
chosen option's modalFeedback and the general feedback (explanation and source) show.
Quiz HTML comes from selfcheck.markup (XHTML output, raw HTML off) and is parsed into the
QTI namespace, so every file is well-formed XML.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile

from ..core.model import Question, Quiz
from ..core import markup
from .common import Bank, ExportError, feedback_html, general_feedback_html, option_html, xml_safe

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
GENERAL = "GENERAL"
# The package's zip entries carry a fixed date, so the same bank gives the same bytes.
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


# Elements are built without a namespace and the root declares the default one (xmlns):
# ElementTree's own default_namespace option refuses attributes without a namespace.
# Every attribute value passes xml_safe: a title made from quiz text may hold a control
# character (written as an escape in YAML) that XML cannot hold at all.
def _root(tag: str, ns: str, **attrs) -> ET.Element:
    return ET.Element(tag, {"xmlns": ns, **{k: xml_safe(v) for k, v in attrs.items()}})


def _sub(parent: ET.Element, tag: str, **attrs) -> ET.Element:
    return ET.SubElement(parent, tag, {k.rstrip("_"): xml_safe(v) for k, v in attrs.items()})


_ID_BAD = re.compile(r"[^A-Za-z0-9_.-]")


def identifier(text: str) -> str:
    """A QTI/CP identifier (an XML NCName) made from a quiz or question id."""
    out = _ID_BAD.sub("_", text)
    return out if re.match(r"[A-Za-z_]", out) else "_" + out


def _fill(element: ET.Element, html: str, question: Question) -> ET.Element:
    """Put an HTML fragment from selfcheck.markup inside ``element`` (QTI namespace)."""
    try:
        wrapper = ET.fromstring(f"<w>{xml_safe(html)}</w>")
    except ET.ParseError as exc:
        raise ExportError(f"{question.id}: its HTML is not well-formed XML ({exc})") from None
    element.text = wrapper.text
    element.extend(list(wrapper))
    return element


def _indent(element: ET.Element, level: int = 0, content: frozenset = frozenset()) -> None:
    """Indent the package's structure but never the text inside quiz content."""
    children = list(element)
    if not children or element in content:
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in children:
        _indent(child, level + 1, content)
        child.tail = pad
    children[-1].tail = "\n" + "  " * level


def _xml(root: ET.Element, content: frozenset = frozenset()) -> bytes:
    _indent(root, 0, content)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def choice_id(index: int) -> str:
    return f"choice-{index + 1}"


def item_xml(question: Question, item_id: str, bank: Bank) -> bytes:
    multiple = question.is_multiple
    root = _root("assessmentItem", QTI, **{
        f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}",
        "identifier": item_id,
        "title": f"{markup.plain(question.prompt)} ({question.id})",
        "adaptive": "false",
        "timeDependent": "false",
    })
    content = []
    response = _sub(root, "responseDeclaration", identifier="RESPONSE",
                    cardinality="multiple" if multiple else "single", baseType="identifier")
    correct = _sub(response, "correctResponse")
    for i in sorted(question.correct_indices):
        _sub(correct, "value").text = choice_id(i)
    score = _sub(root, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float")
    _sub(_sub(score, "defaultValue"), "value").text = "0"
    maximum = _sub(root, "outcomeDeclaration", identifier="MAXSCORE", cardinality="single", baseType="float")
    _sub(_sub(maximum, "defaultValue"), "value").text = "1"
    _sub(root, "outcomeDeclaration", identifier="FEEDBACK", cardinality="multiple", baseType="identifier")

    body = _sub(root, "itemBody")
    if question.scenario:
        content.append(_fill(_sub(body, "div", class_="scenario"), markup.block(question.scenario), question))
    interaction = _sub(body, "choiceInteraction", responseIdentifier="RESPONSE", shuffle="true",
                       maxChoices="0" if multiple else "1")
    content.append(_fill(_sub(interaction, "prompt"), markup.inline(question.prompt), question))
    for i, option in enumerate(question.options):
        choice = _sub(interaction, "simpleChoice", identifier=choice_id(i))
        content.append(_fill(choice, option_html(option.text), question))

    processing = _sub(root, "responseProcessing")
    condition = _sub(processing, "responseCondition")
    right = _sub(condition, "responseIf")
    match = _sub(right, "match")
    _sub(match, "variable", identifier="RESPONSE")
    _sub(match, "correct", identifier="RESPONSE")
    _sub(_sub(right, "setOutcomeValue", identifier="SCORE"), "baseValue", baseType="float").text = "1"
    wrong = _sub(condition, "responseElse")
    _sub(_sub(wrong, "setOutcomeValue", identifier="SCORE"), "baseValue", baseType="float").text = "0"
    shown = _sub(_sub(processing, "setOutcomeValue", identifier="FEEDBACK"), "multiple")
    _sub(shown, "variable", identifier="RESPONSE")
    _sub(shown, "baseValue", baseType="identifier").text = GENERAL

    for i, option in enumerate(question.options):
        feedback = _sub(root, "modalFeedback", outcomeIdentifier="FEEDBACK", identifier=choice_id(i), showHide="show")
        content.append(_fill(feedback, feedback_html(option.feedback), question))
    general = _sub(root, "modalFeedback", outcomeIdentifier="FEEDBACK", identifier=GENERAL, showHide="show")
    content.append(_fill(general, general_feedback_html(question, bank.sources), question))
    return _xml(root, frozenset(content))


def test_xml(quiz: Quiz, test_id: str, item_ids: dict[str, str]) -> bytes:
    root = _root("assessmentTest", QTI, **{
        f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}",
        "identifier": test_id,
        "title": quiz.title,
    })
    _sub(root, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float")
    part = _sub(root, "testPart", identifier="part-1", navigationMode="nonlinear", submissionMode="individual")
    section = _sub(part, "assessmentSection", identifier="section-1", title=quiz.title, visible="true")
    for question in quiz.questions:
        item_id = item_ids[question.id]
        _sub(section, "assessmentItemRef", identifier=item_id, href=item_href(item_id))
    processing = _sub(root, "outcomeProcessing")
    total = _sub(_sub(processing, "setOutcomeValue", identifier="SCORE"), "sum")
    _sub(total, "testVariables", variableIdentifier="SCORE")
    return _xml(root)


def item_href(item_id: str) -> str:
    return f"items/{item_id}.xml"


def test_href(test_id: str) -> str:
    return f"{test_id}.xml"


def manifest_xml(bank: Bank, item_ids: dict[str, str], test_ids: dict[str, str]) -> bytes:
    root = _root("manifest", CP, **{
        f"{{{XSI}}}schemaLocation": CP_XSD,
        "identifier": "MANIFEST-selfcheck",
    })
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema").text = "QTIv2.1 Package"
    _sub(metadata, "schemaversion").text = "1.0.0"
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    for question in bank.questions:
        item_id = item_ids[question.id]
        resource = _sub(resources, "resource", identifier=item_id,
                        type="imsqti_item_xmlv2p1", href=item_href(item_id))
        _sub(resource, "file", href=item_href(item_id))
    for quiz in bank.quizzes:
        test_id = test_ids[quiz.id]
        resource = _sub(resources, "resource", identifier=test_id,
                        type="imsqti_test_xmlv2p1", href=test_href(test_id))
        _sub(resource, "file", href=test_href(test_id))
        for question in quiz.questions:
            _sub(resource, "dependency", identifierref=item_ids[question.id])
    return _xml(root)


def unique_identifiers(ids: list[str], prefix: str, used: set[str]) -> dict[str, str]:
    """id -> an identifier (and file name) that is a safe NCName, distinct from every
    one in ``used`` even ignoring case (some file systems ignore it)."""
    out = {}
    for raw in ids:
        base = identifier(prefix + raw)
        name, n = base, 1
        while name.lower() in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name.lower())
        out[raw] = name
    return out


def render(bank: Bank) -> bytes:
    used: set[str] = set()
    item_ids = unique_identifiers([q.id for q in bank.questions], "", used)
    test_ids = unique_identifiers([quiz.id for quiz in bank.quizzes], "test-", used)
    files = {"imsmanifest.xml": manifest_xml(bank, item_ids, test_ids)}
    for quiz in bank.quizzes:
        for question in quiz.questions:
            files[item_href(item_ids[question.id])] = item_xml(question, item_ids[question.id], bank)
        files[test_href(test_ids[quiz.id])] = test_xml(quiz, test_ids[quiz.id], item_ids)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
