"""Telephone triage calls: every rule of the call format with the exact one-line message it
must produce, the walk through a call, its best path and version, loading by id, the
kernel view and the answer key."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from selfcheck import export
from selfcheck.core import bank
from selfcheck.core.calls import CallWalk
from selfcheck.core.validate import QuizError
from selfcheck.core.validate_calls import check_call_file, check_call_files, looks_like_call
from selfcheck.views.call_widget import OPTIONS_CLASS, CallWidget
from selfcheck.views.notebook import CALL_MIME, CallDisplay
from tests.support import SMALL_BIB, SMALL_QUIZ, run_cli, write_project

TODAY = dt.date(2026, 12, 6)
BIB = {"nice-cg81", "nice-ng151"}
CALLS = Path(__file__).parent.parent / "data" / "calls"
VALID = (CALLS / "hot-and-shivery.yml").read_text(encoding="utf-8")
NAME = "hot-and-shivery"


def messages(tmp_path, text, name=f"{NAME}.yml", bib=BIB, refused=None):
    folder = tmp_path / "calls"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    call, problems = check_call_file(path, bib, TODAY, tmp_path, refused)
    assert (call is None) == bool(problems), "a file with problems must yield no call"
    return [str(p) for p in problems]


def replace(old, new, text=VALID):
    assert old in text, old
    return text.replace(old, new, 1)


def valid_call(tmp_path):
    path = tmp_path / f"{NAME}.yml"
    path.write_text(VALID, encoding="utf-8")
    call, problems = check_call_file(path, BIB, TODAY, tmp_path)
    assert problems == []
    return call


F = f"calls/{NAME}.yml"
WRONG_OPTION = ("      - text: Tell her to take two paracetamol and ring back if she is no better\n"
                "        next: masked-fever\n"
                "        feedback: No. Paracetamol can hide a fever, and this may be neutropenic sepsis.\n")
EXTRA_OPTIONS = "".join(f"      - text: {t}\n        next: wait-for-gp\n        feedback: No.\n" for t in "abc")


def test_valid_call_loads_with_every_field(tmp_path):
    call = valid_call(tmp_path)
    assert call.id == NAME and call.title == "Hot and shivery a week after chemotherapy"
    assert call.emergency is True and call.reviewed == dt.date(2026, 11, 20) and call.source == ("nice-cg81",)
    assert call.caller.who == "Joanne, 49, rings for herself"
    assert call.caller.last_dose == "Eight days ago"
    assert call.caller.situation == "It is 2 a.m. You are the nurse on the 24-hour oncology advice line."
    assert [s.id for s in call.steps] == ["opening", "temperature"]
    assert [o.id for o in call.outcomes] == ["come-in-now", "masked-fever", "wait-for-gp"]
    assert [o.best for o in call.steps[1].options] == [True, False, False]
    assert call.steps[1].options[0].next == "come-in-now"
    come_in = call.outcome("come-in-now")
    assert (come_in.grade, come_in.correct, come_in.line) == ("red", True, 41)
    assert call.outcome("masked-fever").correct is False


def test_a_list_of_sources_and_a_call_that_is_no_emergency(tmp_path):
    text = replace("source: nice-cg81", "source:\n  - nice-cg81\n  - nice-ng151")
    text = replace("emergency: true", "emergency: false", text)
    path = tmp_path / f"{NAME}.yml"
    path.write_text(text)
    call, problems = check_call_file(path, BIB, TODAY, tmp_path)
    assert problems == [] and call.source == ("nice-cg81", "nice-ng151") and call.emergency is False


@pytest.mark.parametrize(
    "text, expected",
    [
        ("- a list\n", [f"{F}:1: a call file must be a mapping with keys id, title, emergency, reviewed, source, caller, steps, outcomes"]),
        ("id: x\ntitle: [open\n", [f"{F}:3: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence)"]),
        (replace("title:", "titel:"), [
            f"{F}:2: {NAME}: unknown key 'titel' (did you mean 'title'?); allowed: id, title, emergency, reviewed, source, caller, steps, outcomes",
            f"{F}:1: {NAME}: missing 'title'"]),
        (replace("title: Hot and shivery a week after chemotherapy", "title: 42"),
         [f"{F}:2: {NAME}: 'title' must be text, but YAML read '42' as a number; quote it: \"42\""]),
        (replace(f"id: {NAME}", "id: other"), [f"{F}:1: id 'other' must equal the file name '{NAME}'"]),
        (replace(f"id: {NAME}", "id: Hot_Shivery"),
         [f"{F}:1: id 'Hot_Shivery' must be lowercase letters, digits and single hyphens (such as hormone-therapy)"]),
        (replace("emergency: true", "emergency: maybe"), [f"{F}:3: {NAME}: 'emergency' must be true or false, not 'maybe'"]),
        (replace("emergency: true\n", ""),
         [f"{F}:1: {NAME}: missing 'emergency' (true when the scenario is an emergency, else false)"]),
        (replace("reviewed: 2026-11-20", "reviewed: 2027-01-01"), [f"{F}:4: {NAME}: reviewed 2027-01-01 is in the future"]),
        (replace("reviewed: 2026-11-20", "reviewed: 2026-02-30"),
         [f"{F}:4: {NAME}: reviewed '2026-02-30' is not a real date (use YYYY-MM-DD)"]),
        (replace("reviewed: 2026-11-20", "reviewed: soon"),
         [f"{F}:4: {NAME}: reviewed must be a date written YYYY-MM-DD, not 'soon'"]),
        (replace("source: nice-cg81", "source: [nice-cg81, nice-cg99]"),
         [f"{F}:5: {NAME}: source 'nice-cg99' is not a key in book/references.bib"]),
        (replace("source: nice-cg81", "source: []"),
         [f"{F}:5: {NAME}: 'source' is an empty list: give at least one key of book/references.bib"]),
        (replace("source: nice-cg81", "source: [nice-cg81, nice-cg81]"), [f"{F}:5: {NAME}: source 'nice-cg81' is listed twice"]),
        (replace("source: nice-cg81", "source: 81"),
         [f"{F}:5: {NAME}: 'source' must be a key of book/references.bib or a list of them, not a number"]),
        (VALID[:VALID.index("caller:")] + "caller: Joanne\n" + VALID[VALID.index("steps:"):],
         [f"{F}:6: {NAME}: 'caller' must be a mapping with who, treatment, last_dose and optionally situation"]),
        (replace("  last_dose: Eight days ago\n", ""), [f"{F}:7: {NAME}: caller: missing 'last_dose'"]),
        (replace("  last_dose: Eight", "  lastdose: Eight"), [
            f"{F}:9: {NAME}: caller: unknown key 'lastdose' (did you mean 'last_dose'?); allowed: who, treatment, last_dose, situation",
            f"{F}:7: {NAME}: caller: missing 'last_dose'"]),
        (replace("outcomes:\n", "outcomes: []\nold:\n"), [
            f"{F}:41: {NAME}: unknown key 'old'; allowed: id, title, emergency, reviewed, source, caller, steps, outcomes",
            f"{F}:40: {NAME}: 'outcomes' must be a non-empty list"]),
    ],
    ids=["not-mapping", "syntax", "unknown-key", "wrong-type", "id-vs-filename", "bad-id", "emergency-not-bool",
         "missing-emergency", "future-review", "impossible-date", "not-a-date", "unknown-source", "empty-source",
         "source-twice", "source-wrong-type", "caller-not-mapping", "caller-missing-key", "caller-unknown-key",
         "no-outcomes"],
)
def test_call_level_rules(tmp_path, text, expected):
    assert messages(tmp_path, text) == expected


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("  - id: temperature", "  - id: Temperature",
         [f"{F}:25: {NAME}: step 2: id 'Temperature' must be lowercase letters, digits and single hyphens (such as hormone-therapy)"]),
        ("  - id: temperature", "  - id: opening", [f"{F}:25: opening: id is also used by the step at line 13"]),
        ("  - id: wait-for-gp", "  - id: temperature", [f"{F}:56: temperature: id is also used by the step at line 25"]),
        ("    prompt: What do you advise?", "    promt: What do you advise?", [
            f"{F}:28: temperature: unknown key 'promt' (did you mean 'prompt'?); allowed: id, says, prompt, options",
            f"{F}:25: temperature: missing 'prompt'"]),
        ("    prompt: What do you advise?", "    prompt: |\n      What do you\n      advise?",
         [f"{F}:28: temperature: 'prompt' must be one line"]),
        (WRONG_OPTION, "", [f"{F}:17: opening: needs 2 to 5 options (has 1)"]),
        ("      - text: Ring back in an hour", EXTRA_OPTIONS + "      - text: Ring back in an hour",
         [f"{F}:29: temperature: needs 2 to 5 options (has 6)"]),
        ("        best: true\n        feedback: Yes. A temperature", "        feedback: Yes. A temperature",
         [f"{F}:17: opening: needs exactly one option with best: true (has 0)"]),
        ("        next: masked-fever\n", "        next: masked-fever\n        best: true\n",
         [f"{F}:17: opening: needs exactly one option with best: true (has 2)"]),
        ("best: true", "best: yes please", [f"{F}:20: opening: option 1: 'best' must be true or false, not 'yes please'"]),
        ("feedback: No. Paracetamol can hide a fever, and this may be neutropenic sepsis.", 'feedback: ""',
         [f"{F}:24: opening: option 2: 'feedback' is empty"]),
        ("        feedback: No. Paracetamol can hide a fever, and this may be neutropenic sepsis.\n", "",
         [f"{F}:22: opening: option 2: missing 'feedback'"]),
        ("        next: masked-fever", "        nxt: masked-fever", [
            f"{F}:23: opening: option 2: unknown key 'nxt' (did you mean 'next'?); allowed: text, next, best, feedback",
            f"{F}:22: opening: option 2: missing 'next'"]),
        ("Ask her to take her temperature now", "Ask ![x](https://evil.example/x.png)",
         [f"{F}:18: opening: option 1: 'text' shows an image from outside the site (https://evil.example/x.png): "
          "images must come from the course's own site"]),
        ("    grade: amber", "    grade: orange", [f"{F}:57: wait-for-gp: grade 'orange' must be one of red, amber, green"]),
        ("    correct: true", "    correct: maybe", [f"{F}:43: come-in-now: 'correct' must be true or false, not 'maybe'"]),
        ("    action: |\n      She stays at home.\n", '    action: ""\n', [f"{F}:52: masked-fever: 'action' is empty"]),
        ("    debrief: |\n      Unsafe: a fever after chemotherapy cannot wait.\n", "", [f"{F}:56: wait-for-gp: missing 'debrief'"]),
        ("    title: Told to wait\n", "", [f"{F}:56: wait-for-gp: missing 'title'"]),
    ],
    ids=["bad-step-id", "duplicate-step-id", "step-and-outcome-share-id", "unknown-step-key", "prompt-two-lines",
         "one-option", "six-options", "no-best", "two-best", "best-not-bool", "empty-feedback", "missing-feedback",
         "missing-next", "outside-image", "bad-grade", "correct-not-bool", "empty-action", "missing-debrief",
         "missing-outcome-title"],
)
def test_step_and_outcome_rules(tmp_path, old, new, expected):
    assert messages(tmp_path, replace(old, new)) == expected


@pytest.mark.parametrize(
    "edits, expected",
    [
        ([("next: temperature", "next: temperatur")],
         [f"{F}:19: opening: option 1: next 'temperatur' is not a step or outcome of this call (did you mean 'temperature'?)"]),
        ([("        next: wait-for-gp\n        feedback: No. Waiting", "        next: opening\n        feedback: No. Waiting")],
         [f"{F}:38: temperature: option 3: next 'opening' makes a loop (opening -> temperature -> opening): "
          "every path must end at an outcome"]),
        ([("        next: temperature\n", "        next: come-in-now\n")],
         [f"{F}:25: temperature: no path from the first step 'opening' reaches this step",
          f"{F}:56: wait-for-gp: no path from the first step 'opening' reaches this outcome"]),
        ([("        next: masked-fever\n", "        next: wait-for-gp\n")],
         [f"{F}:49: masked-fever: no path from the first step 'opening' reaches this outcome"]),
        ([("    correct: true\n", "")], [f"{F}:40: {NAME}: no outcome has correct: true: mark the right end of the call"]),
        ([("        next: come-in-now\n        best: true", "        next: masked-fever\n        best: true"),
          ("        next: wait-for-gp\n        feedback: No. Treatment", "        next: come-in-now\n        feedback: No. Treatment")],
         [f"{F}:49: masked-fever: the best options lead here (opening -> temperature -> masked-fever), but this outcome "
          "is not correct: true",
          f"{F}:49: masked-fever: the best options of an emergency call lead here (opening -> temperature -> masked-fever), "
          "but this outcome is graded green, not red"]),
        ([("grade: red", "grade: amber")], [f"{F}:3: {NAME}: an emergency call needs at least one red outcome (has none)"]),
        ([("grade: red", "grade: amber"), ("    grade: green", "    grade: red")],
         [f"{F}:41: come-in-now: the best options of an emergency call lead here (opening -> temperature -> come-in-now), "
          "but this outcome is graded amber, not red"]),
    ],
    ids=["dangling-next", "loop", "unreachable-step", "unreachable-outcome", "no-correct-outcome",
         "best-path-wrong-end", "emergency-without-red", "emergency-best-path-not-red"],
)
def test_graph_rules(tmp_path, edits, expected):
    text = VALID
    for old, new in edits:
        text = replace(old, new, text)
    assert messages(tmp_path, text) == expected


def test_a_loop_away_from_the_first_step_is_named_with_its_steps(tmp_path):
    text = replace("        next: come-in-now\n        best: true", "        next: recheck\n        best: true")
    text = replace("outcomes:\n", "  - id: recheck\n    says: Still 38.4.\n    prompt: And now?\n    options:\n"
                   "      - text: Ask again\n        next: temperature\n        best: true\n        feedback: Again.\n"
                   "      - text: Come in\n        next: come-in-now\n        feedback: Yes.\noutcomes:\n", text)
    assert messages(tmp_path, text) == [
        f"{F}:45: recheck: option 1: next 'temperature' makes a loop (temperature -> recheck -> temperature): "
        "every path must end at an outcome"]


def test_a_loop_through_thousands_of_steps_is_still_one_line(tmp_path):
    steps = "".join(
        f"  - id: s{i}\n    says: x\n    prompt: p\n    options:\n"
        f"      - text: a\n        next: s{(i + 1) % 3000}\n        best: true\n        feedback: f\n"
        f"      - text: b\n        next: end\n        feedback: f\n"
        for i in range(3000))
    text = (f"id: {NAME}\ntitle: t\nemergency: false\nreviewed: 2026-01-01\nsource: nice-cg81\n"
            f"caller:\n  who: w\n  treatment: t\n  last_dose: l\nsteps:\n{steps}"
            "outcomes:\n  - id: end\n    grade: green\n    correct: true\n    title: t\n    action: a\n    debrief: d\n")
    found = messages(tmp_path, text)
    assert len(found) == 1
    assert found[0].startswith(f"{F}:33005: s2999: option 1: next 's0' makes a loop (s0 -> s1 -> s2 -> ")
    assert found[0].endswith(" -> s2999 -> s0): every path must end at an outcome")


def test_a_source_the_policy_refuses(tmp_path):
    refused = {"nice-cg81": "is marked superseded in book/references.bib: cite the current document instead"}
    assert messages(tmp_path, VALID, refused=refused) == [
        f"{F}:5: {NAME}: source 'nice-cg81' is marked superseded in book/references.bib: cite the current document instead"]


def test_the_source_policy_applies_to_the_calls_of_a_project(tmp_path):
    bib = SMALL_BIB + "@misc{old, title={Old}, year={2008}, url={https://www.nice.org.uk/x}, status={superseded}}\n"
    root = write_project(tmp_path, {"small.yml": SMALL_QUIZ}, bib)
    (root / "calls").mkdir()
    (root / "calls" / f"{NAME}.yml").write_text(replace("source: nice-cg81", "source: [nice-cg81, old]"))
    calls, problems = bank.check_calls(root, today=TODAY)
    assert calls == []
    assert [str(p) for p in problems] == [
        f"{F}:5: {NAME}: source 'old' is marked superseded in book/references.bib: cite the current document instead"]


def test_two_files_for_one_call(tmp_path):
    (tmp_path / "calls").mkdir()
    for suffix in ("yml", "yaml"):
        (tmp_path / "calls" / f"{NAME}.{suffix}").write_text(VALID)
    paths = sorted((tmp_path / "calls").iterdir())
    calls, problems = check_call_files(paths, BIB, TODAY, tmp_path)
    assert [str(p) for p in problems] == [f"calls/{NAME}.yml:1: another file for call '{NAME}': calls/{NAME}.yaml (keep one)"]


def test_an_unreadable_call_file_is_one_line(tmp_path):
    (tmp_path / "calls").mkdir()
    (tmp_path / "calls" / f"{NAME}.yml").write_bytes(b"id: x\ntitle: \xff\n")
    _, problems = check_call_file(tmp_path / "calls" / f"{NAME}.yml", BIB, TODAY, tmp_path)
    assert [str(p) for p in problems] == [f"{F}:2: not UTF-8 text (invalid start byte: byte 0xff); save it as UTF-8"]


def test_a_call_file_is_told_from_a_quiz_file(tmp_path):
    (tmp_path / "calls").mkdir()
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "calls" / "a.yml").write_text("- anything\n")
    (tmp_path / "quizzes" / "b.yml").write_text(VALID)
    (tmp_path / "loose-call.yml").write_text(VALID)
    (tmp_path / "loose-quiz.yml").write_text(SMALL_QUIZ)
    (tmp_path / "broken.yml").write_text("title: [open\n")
    assert [looks_like_call(tmp_path / name) for name in
            ("calls/a.yml", "quizzes/b.yml", "loose-call.yml", "loose-quiz.yml", "broken.yml")] == [
        True, False, True, False, False]


# -- the walk, the best path and the version ---------------------------------------------


def test_best_path_follows_the_best_option_of_every_step(tmp_path):
    call = valid_call(tmp_path)
    taken, end = call.best_path()
    assert [(step.id, index) for step, index in taken] == [("opening", 0), ("temperature", 0)]
    assert end.id == "come-in-now"


def test_walk_to_an_outcome_and_restart(tmp_path):
    walk = CallWalk(valid_call(tmp_path))
    assert walk.step.id == "opening" and not walk.finished and walk.taken == []
    first = walk.choose(0)
    assert (first.step.id, first.index, first.next_step.id, first.outcome) == ("opening", 0, "temperature", None)
    assert first.option.feedback.startswith("Yes. A temperature")
    last = walk.choose(2)
    assert last.next_step is None and last.outcome.id == "wait-for-gp"
    assert walk.finished and walk.step is None and walk.outcome.id == "wait-for-gp"
    assert [(c.step.id, c.index) for c in walk.taken] == [("opening", 0), ("temperature", 2)]
    with pytest.raises(ValueError, match="the call is finished"):
        walk.choose(0)
    walk.restart()
    assert walk.step.id == "opening" and walk.outcome is None and walk.taken == []
    with pytest.raises(ValueError, match="step 'opening' has no option 5"):
        walk.choose(5)
    assert walk.choose(1).outcome.id == "masked-fever"


def test_version_follows_what_the_learner_chooses_from(tmp_path):
    def version(text):
        path = tmp_path / f"{NAME}.yml"
        path.write_text(text)
        call, problems = check_call_file(path, BIB, TODAY, tmp_path)
        assert problems == []
        return call.version

    base = version(VALID)
    assert re.fullmatch(r"[0-9a-f]{12}", base)
    # Feedback, debriefs, actions, titles and the caller card may be corrected freely.
    assert version(replace("Yes. A temperature is the first", "Right. A temperature is the first")) == base
    assert version(replace("Unsafe: a fever after chemotherapy", "Unsafe: any fever after chemotherapy")) == base
    # What the learner chooses from, and where it leads, starts the call afresh.
    assert version(replace("See the GP in the morning", "See your GP in the morning")) != base
    assert version(replace('"It says 38.4.', '"It says 38.5.')) != base
    assert version(replace("    grade: amber", "    grade: green")) != base


# -- loading by id ---------------------------------------------------------------------------


def call_project(tmp_path, text=VALID):
    root = write_project(tmp_path, {"small.yml": SMALL_QUIZ}, SMALL_BIB)
    (root / "calls").mkdir()
    (root / "calls" / f"{NAME}.yml").write_text(text)
    return root


def test_load_call_by_id(tmp_path):
    root = call_project(tmp_path)
    call = bank.load_call(NAME, root, today=TODAY)
    assert call.id == NAME and call.path == root / "calls" / f"{NAME}.yml"


def test_load_call_refuses_a_broken_call_whole(tmp_path):
    root = call_project(tmp_path, replace("next: temperature", "next: nowhere"))
    with pytest.raises(QuizError) as caught:
        bank.load_call(NAME, root, today=TODAY)
    assert [str(p) for p in caught.value.problems] == [
        f"{F}:19: opening: option 1: next 'nowhere' is not a step or outcome of this call"]


def test_load_call_of_an_unknown_id_names_the_calls_there(tmp_path):
    root = call_project(tmp_path)
    with pytest.raises(bank.UnknownCall, match=rf"no call 'nope': there is no calls/nope.yml \(calls there: {NAME}\)"):
        bank.load_call("nope", root)


def test_a_project_without_calls_is_valid_and_has_none(project):
    assert bank.check_calls(project) == ([], [])
    with pytest.raises(bank.UnknownCall, match=r"\(calls there: none\)"):
        bank.load_call("any", project)


# -- the kernel view -------------------------------------------------------------------------


def test_call_display_carries_widget_and_call_mime(tmp_path, monkeypatch):
    monkeypatch.chdir(call_project(tmp_path))
    bundle = CallDisplay(NAME)._repr_mimebundle_()
    assert bundle[CALL_MIME] == {"id": NAME}
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == "Telephone triage call: Hot and shivery a week after chemotherapy"


def test_call_display_of_a_broken_call_explains_and_does_not_raise(tmp_path, monkeypatch):
    monkeypatch.chdir(call_project(tmp_path, replace("grade: amber", "grade: orange")))
    bundle = CallDisplay(NAME)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" not in bundle
    assert bundle["text/plain"] == (f"Call '{NAME}' cannot be shown:\n"
                                    f"{F}:57: wait-for-gp: grade 'orange' must be one of red, amber, green")
    assert "<code>calls/hot-and-shivery.yml:57: wait-for-gp: grade &#39;orange&#39;" in bundle["text/html"]  # escaped


def test_widget_walks_a_call_to_its_outcome_and_restarts(tmp_path):
    view = CallWidget(valid_call(tmp_path), {})
    assert [label for label, _ in view.choices.options] == [
        "A. Ask her to take her temperature now and tell you the reading",
        "B. Tell her to take two paracetamol and ring back if she is no better"]
    assert "Step 1" in view.step_text.value and "What do you do first?" in view.step_text.value
    assert view.again_button.layout.display == "none" and view.outcome.layout.display == "none"
    assert view.proceed() is None
    assert "Choose an option first" in view.feedback.value
    view.choose(0)
    assert view.proceed().next_step.id == "temperature"
    assert "You chose:</strong> A. Ask her to take her temperature" in view.feedback.value
    assert "Yes. A temperature is the first thing" in view.feedback.value
    assert "The call so far" in view.so_far.value and "What do you do first? You chose: A. Ask her" in view.so_far.value
    assert "Step 2" in view.step_text.value and view.choices.index is None
    view.choose(1)
    assert view.proceed().outcome.id == "wait-for-gp"
    assert view.step_box.layout.display == "none" and view.again_button.layout.display is None
    outcome = view.outcome.value
    for words in ("The end of the call: Told to wait", "Grade: Amber",
                  "This is not the safe outcome for this call (that is \u201cCome in now to be assessed\u201d).",
                  "She waits until morning.",
                  "Unsafe: a fever after chemotherapy cannot wait.", "<em>Source</em></p>\n<ul>\n<li>nice-cg81</li>"):
        assert words in outcome, words
    assert view.so_far.value.count("<li>") == 2
    view.again_button.click()
    assert view.walk.taken == [] and view.so_far.value == "" and view.feedback.value == ""
    assert view.step_box.layout.display is None and view.outcome.layout.display == "none"
    view.choose(0)
    view.proceed()
    view.choose(0)
    view.continue_button.click()
    assert "Grade: Red" in view.outcome.value and "This is the safe outcome for this call." in view.outcome.value


def test_widget_shows_markup_as_text_and_wraps_long_options(tmp_path):
    view = CallWidget(valid_call(tmp_path), {})
    assert "<script>" not in view.step_text.value and "&lt;script&gt;" in view.step_text.value
    assert "<em>hot and shivery</em>" in view.step_text.value
    assert OPTIONS_CLASS in view.choices._dom_classes
    style = view.view.children[0].value
    assert f".{OPTIONS_CLASS} label" in style and "height: auto" in style and "white-space: normal" in style


# -- the answer key ----------------------------------------------------------------------------


def test_answer_key_shows_each_call_after_the_quizzes(tmp_path, small_quiz):
    call = valid_call(tmp_path)
    page = export.render("answer-key", export.Bank("Course", (small_quiz,), {}, (call,))).decode()
    assert page.index('id="quiz-small"') < page.index(f'id="call-{NAME}"')
    section = page[page.index(f'<section class="call" id="call-{NAME}">'):]
    assert '<nav aria-label="Telephone triage calls">' in page
    assert "<h2>Call: Hot and shivery a week after chemotherapy</h2>" in section
    assert "<dt>Last dose</dt><dd>Eight days ago</dd>" in section
    steps = section[section.index('<ol class="best-path">'):section.index("</ol>")]
    assert steps.count("<li>") == 2
    assert "&lt;script&gt;" in steps and "<script>" not in steps
    assert '<span class="mark">Best choice:</span> A. Ask her to take her temperature' in steps
    assert '<span class="mark">Best choice:</span> A. Come in now to be assessed' in steps
    assert ("<strong>Grade: Red.</strong> <span class=\"mark\">The right end for this call</span>"
            " (where the best path ends).") in section
    assert "<strong>Grade: Green.</strong> Not the right end for this call." in section
    assert "Unsafe: paracetamol hides the fever and delays treatment." in section


def test_answer_key_without_calls_has_no_call_section(small_quiz):
    page = export.render("answer-key", export.Bank("Course", (small_quiz,), {})).decode()
    assert 'aria-label="Telephone triage calls"' not in page and 'class="call"' not in page


# -- the command line ---------------------------------------------------------------------------


def test_validate_checks_the_calls_of_the_project(tmp_path):
    result = run_cli(["validate"], call_project(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.strip() == "1 quiz file(s), 3 questions, 1 call file(s): all valid"


def test_validate_reports_a_broken_call_on_one_line(tmp_path):
    root = call_project(tmp_path, replace("        next: wait-for-gp\n        feedback: No. Waiting",
                                          "        next: opening\n        feedback: No. Waiting"))
    result = run_cli(["validate"], root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{F}:38: temperature: option 3: next 'opening' makes a loop (opening -> temperature -> opening): "
        "every path must end at an outcome"]
    assert result.stderr.strip() == "1 problem(s) in 2 file(s)"


def test_validate_a_call_given_as_a_path_in_or_out_of_calls(tmp_path):
    root = call_project(tmp_path)
    (root / "elsewhere.yml").write_text(replace(f"id: {NAME}", "id: elsewhere"))
    for args in (["calls"], [f"calls/{NAME}.yml"], ["elsewhere.yml"]):
        result = run_cli(["validate", *args], root)
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stderr.strip() == "1 call file(s): all valid"
    result = run_cli(["validate", "quizzes", "calls"], root)
    assert result.stderr.strip() == "1 quiz file(s), 3 questions, 1 call file(s): all valid"


def test_a_project_without_calls_validates_as_before(project):
    result = run_cli(["validate"], project)
    assert result.returncode == 0 and result.stderr.strip() == "1 quiz file(s), 3 questions: all valid"


def test_export_answer_key_has_the_calls(tmp_path):
    root = call_project(tmp_path)
    result = run_cli(["export", "--format", "answer-key", "-o", "key.html"], root)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "1 quiz, 3 questions, 1 call exported as answer-key to key.html"
    assert f'<section class="call" id="call-{NAME}">' in (root / "key.html").read_text()


def test_export_refuses_a_broken_call_and_a_call_in_a_quiz_format(tmp_path):
    root = call_project(tmp_path, replace("grade: amber", "grade: orange"))
    result = run_cli(["export", "--format", "answer-key"], root)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [f"{F}:57: wait-for-gp: grade 'orange' must be one of red, amber, green",
                                          "1 problem(s) in 2 file(s): nothing exported"]
    result = run_cli(["export", "--format", "gift", f"calls/{NAME}.yml"], root)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"selfcheck: calls/{NAME}.yml is a telephone triage call: "
                                     "only --format answer-key includes calls")
    result = run_cli(["export", "--format", "gift"], root)  # the quizzes alone, as before
    assert result.returncode == 0 and result.stderr.strip() == "1 quiz, 3 questions exported as gift"


# -- the authoring guide -------------------------------------------------------------------------


def guide_section(heading: str) -> str:
    text = (Path(__file__).parents[2] / "docs" / "authoring.md").read_text(encoding="utf-8")
    start = text.index(heading + "\n") + len(heading) + 1
    level = len(heading) - len(heading.lstrip("#"))
    following = re.search(rf"^#{{1,{level}}} ", text[start:], re.MULTILINE)
    return text[start:start + following.start()] if following else text[start:]


def test_the_guides_example_call_is_valid(tmp_path):
    from selfcheck.core.bibliography import read_bibliography

    root = Path(__file__).parents[2]
    example = re.search(r"```yaml\n(.*?)```", guide_section("## Telephone triage calls"), re.DOTALL).group(1)
    call_id = re.search(r"^id: (\S+)", example, re.MULTILINE).group(1)
    path = tmp_path / f"{call_id}.yml"
    path.write_text(example, encoding="utf-8")
    call, problems = check_call_file(path, read_bibliography(root / "book" / "references.bib").keys, TODAY)
    assert [str(p) for p in problems] == []
    assert call.best_path()[1].correct


def test_the_guides_key_tables_are_the_validators():
    from selfcheck.core import validate_calls

    keys = guide_section("### Every key of a call")
    call_part, rest = keys.split("Each step:")
    step_part, rest = rest.split("Each option:")
    option_part, outcome_part = rest.split("Each outcome:")
    tables = [tuple(re.findall(r"^\| `([^`]+)`", part, re.MULTILINE))
              for part in (call_part, step_part, option_part, outcome_part)]
    assert tables == [validate_calls.CALL_KEYS, validate_calls.STEP_KEYS, validate_calls.OPTION_KEYS,
                      validate_calls.OUTCOME_KEYS]
    assert all(f"`{key}`" in call_part for key in validate_calls.CALLER_KEYS)


def test_calls_come_in_the_order_the_chapters_show_them(tmp_path):
    from types import SimpleNamespace

    from selfcheck.core import course_order

    (tmp_path / "_toc.yml").write_text("root: intro\nchapters:\n  - file: second\n  - file: first\n")
    (tmp_path / "intro.md").write_text('Prose naming call("prose") shows no call.\n')
    (tmp_path / "second.md").write_text('```{code-cell} ipython3\ncall("b")\ncall("a")\n```\n')
    (tmp_path / "first.md").write_text('```{code-cell} ipython3\nfrom selfcheck import call\ncall("c")\n```\n')
    assert course_order.call_order(tmp_path) == ["b", "a", "c"]
    calls = [SimpleNamespace(id=name) for name in ("a", "unshown", "c", "b")]
    assert [c.id for c in course_order.calls_in_course_order(calls, tmp_path)] == ["b", "a", "c", "unshown"]
    assert [c.id for c in course_order.calls_in_course_order(calls, None)] == ["a", "unshown", "c", "b"]
