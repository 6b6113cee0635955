"""`selfcheck validate` and `quiz()` as a maintainer and a notebook use them."""

from __future__ import annotations

import textwrap

from selfcheck.views.notebook import QUIZ_MIME, QuizDisplay
from tests.support import ROOT, SMALL_QUIZ, run_cli


def test_validate_the_projects_own_bank():
    result = run_cli(["validate"], ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all valid" in result.stderr


def test_validate_valid_project_from_a_subfolder(project):
    result = run_cli(["validate"], project / "book")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.strip() == "1 quiz file(s), 3 questions: all valid"


def test_validate_reports_each_problem_on_one_line(project):
    path = project / "quizzes" / "small.yml"
    path.write_text(path.read_text().replace("        correct: true\n        feedback: Alpha", "        corect: true\n        feedback: Alpha"))
    result = run_cli(["validate"], project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "quizzes/small.yml:23: sm-multiple: option 1: unknown key 'corect' (did you mean 'correct'?); allowed: text, correct, feedback",
    ]
    assert "Traceback" not in result.stderr


def test_validate_given_file_and_bib_outside_a_project(tmp_path):
    quiz = tmp_path / "small.yml"
    quiz.write_text(textwrap.dedent(SMALL_QUIZ))
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{other-key, title={X}}\n")
    result = run_cli(["validate", str(quiz), "--bib", str(bib)], tmp_path)
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 3
    assert all("source 'nice-cg81' is not a key in book/references.bib" in line for line in result.stdout.splitlines())


def test_validate_missing_path_is_a_clear_error(project):
    result = run_cli(["validate", "nowhere.yml"], project)
    assert result.returncode == 2
    assert result.stderr.strip() == "selfcheck: nowhere.yml: no such file or folder"


def test_quiz_display_carries_widget_and_quiz_mime(project, monkeypatch):
    monkeypatch.chdir(project / "book")
    bundle = QuizDisplay("small")._repr_mimebundle_()
    assert bundle[QUIZ_MIME] == {"id": "small"}
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == "Quiz: Small quiz (3 questions)"


def test_quiz_display_of_unknown_quiz_explains_and_does_not_raise(project, monkeypatch):
    monkeypatch.chdir(project)
    bundle = QuizDisplay("nope")._repr_mimebundle_()
    assert bundle[QUIZ_MIME] == {"id": "nope"}
    assert "application/vnd.jupyter.widget-view+json" not in bundle
    assert "no quiz 'nope': there is no quizzes/nope.yml (quizzes there: small)" in bundle["text/plain"]
