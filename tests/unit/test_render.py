"""The static HTML renderer, grading, and the live ipywidgets view."""

from __future__ import annotations

import re

import ipywidgets as w

from selfcheck.core.grading import Score, grade
from selfcheck.views.page import render_quiz
from selfcheck.core.bibliography import Source
from selfcheck.views.widget import QuizWidget

SOURCES = {"nice-cg81": Source("nice-cg81", "NICE (2009). Advanced breast cancer.", "https://www.nice.org.uk/guidance/cg81")}


def test_html_follows_the_on_page_contract(small_quiz):
    html = render_quiz(small_quiz, SOURCES)
    assert '<section class="sc-quiz" data-quiz-id="small"' in html
    assert '<h3 class="sc-quiz-title" id="sc-small-title" tabindex="-1">Small quiz</h3>' in html
    fieldsets = re.findall(r'<fieldset[^>]*data-question-id="([^"]+)"', html)
    assert fieldsets == ["sm-single", "sm-multiple", "sm-tf"]
    assert "<legend>Which is <strong>right</strong>?</legend>" in html
    # the scenario comes before the options and is tied to the fieldset
    assert 'aria-describedby="sc-small-sm-single-scenario"' in html
    assert html.index('id="sc-small-sm-single-scenario"') < html.index('data-question-id="sm-single"')
    assert html.count('type="radio"') == 4 and html.count('type="checkbox"') == 3
    assert html.count(">Check answer</button>") == 3
    assert html.count('<div class="sc-feedback" role="status">') == 3
    assert '<span class="sc-reset-status" role="status">' in html  # announces a reset
    for oid in re.findall(r'<input type="\w+" id="([^"]+)"', html):
        assert f'<label for="{oid}">' in html
    # each option is lettered as in presenter mode and the answer key, so "the answer is C"
    # means the same to every learner in a session
    letters = re.findall(r'<label for="sc-small-sm-multiple-o\d"><span class="sc-letter">(\w)</span> ', html)
    assert letters == ["A", "B", "C"]


def test_one_letter_rule_for_page_print_presenter_and_answer_key():
    from selfcheck.core.model import option_letter

    assert [option_letter(i) for i in (0, 1, 2, 25, 26, 27)] == ["A", "B", "C", "Z", "AA", "AB"]


def test_script_in_yaml_shows_as_text(small_quiz):
    html = render_quiz(small_quiz, SOURCES)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "Wrong one &lt;img src=x onerror=alert(1)&gt;" in html


def test_print_answers_follow_the_questions(small_quiz):
    html = render_quiz(small_quiz, SOURCES)
    answers = html[html.index('<div class="sc-print-answers">'):]
    assert "<h3>Answers: Small quiz</h3>" in answers
    assert "<strong>Question 1:</strong> B. Right one" in answers
    assert "<strong>Question 2:</strong> A. Alpha; C. Gamma" in answers
    assert html.index("sc-print-answers") > html.index('data-question-id="sm-tf"')


def test_question_version_follows_what_the_learner_answers(small_quiz):
    import dataclasses

    single = small_quiz.questions[0]
    assert single.version == dataclasses.replace(single, explanation="Reworded.").version
    reworded_option = dataclasses.replace(
        single, options=(dataclasses.replace(single.options[0], feedback="New feedback."), single.options[1])
    )
    assert single.version == reworded_option.version
    assert single.version != dataclasses.replace(single, prompt="Which is right now?").version
    assert len({q.version for q in small_quiz.questions}) == 3


def test_answers_wait_in_a_template(small_quiz):
    html = render_quiz(small_quiz, SOURCES)
    single = html[html.index('data-question-id="sm-single"'):html.index('data-question-id="sm-multiple"')]
    template = single[single.index("<template"):single.index("</template>")]
    assert '<div data-option="1" data-correct data-text="Right one"><p>Yes, because of B.</p></div>' in template
    assert '<div data-option="0" data-text=' in template
    assert "The explanation." in template
    assert 'Source: <a href="https://www.nice.org.uk/guidance/cg81">NICE (2009). Advanced breast cancer.</a>' in template


def test_grading_rule_exact_set_no_partial_credit(small_quiz):
    single, multiple, tf = small_quiz.questions
    assert grade(single, []) is None
    assert grade(single, [1]).correct and not grade(single, [0]).correct
    assert grade(multiple, [0, 2]).correct
    partial = grade(multiple, [0])
    assert not partial.correct and partial.missed == (2,)
    assert not grade(multiple, [0, 1, 2]).correct
    assert grade(tf, [1]).verdict == "Correct." and grade(tf, [0]).verdict == "Not quite."


def test_score_counts_first_attempts_only(small_quiz):
    single, multiple, _ = small_quiz.questions
    score = Score(3)
    score.record("sm-single", grade(single, []))  # nothing chosen: not an attempt
    assert score.answered == 0
    score.record("sm-single", grade(single, [0]))
    score.record("sm-single", grade(single, [1]))  # second attempt: feedback only
    score.record("sm-multiple", grade(multiple, [0, 2]))
    assert (score.right, score.answered) == (1, 2)


def test_widget_choose_check_and_read_feedback(small_quiz):
    quiz = QuizWidget(small_quiz, SOURCES)
    assert isinstance(quiz.view, w.VBox)
    single = quiz.questions[0]
    assert isinstance(single.choices, w.RadioButtons)
    assert single.check_button.description == "Check answer"

    single.check_button.click()
    assert "Choose an answer first" in single.feedback.value
    assert quiz.score.answered == 0

    single.choose(0)
    single.check_button.click()
    text = single.feedback.value
    assert text.startswith("<p><strong>Not quite.</strong></p>")
    assert "No, because of A." in text and "The explanation." in text and "Source:" in text
    assert "Score: 0 of 3" in quiz.score_line.value

    single.choose(1)
    single.check_button.click()
    assert single.feedback.value.startswith("<p><strong>Correct.</strong></p>")
    assert "Score: 0 of 3" in quiz.score_line.value  # first attempt counted

    single.retry_button.click()
    assert single.choices.index is None and single.feedback.value == ""


def test_widget_multiple_names_missed_options(small_quiz):
    quiz = QuizWidget(small_quiz, SOURCES)
    multiple = quiz.questions[1]
    assert all(isinstance(b, w.Checkbox) for b in multiple.boxes)
    multiple.boxes[0].value = True
    multiple.check_button.click()
    assert multiple.feedback.value.startswith("<p><strong>Not quite.</strong></p>")
    assert "You missed: Gamma." in multiple.feedback.value
    multiple.boxes[2].value = True
    multiple.check_button.click()
    assert multiple.feedback.value.startswith("<p><strong>Correct.</strong></p>")
    assert "You missed" not in multiple.feedback.value


def test_widget_labels_show_markup_as_text(small_quiz):
    quiz = QuizWidget(small_quiz, SOURCES)
    labels = [label for label, _ in quiz.questions[0].choices.options]
    assert labels == ["A. Wrong one <img src=x onerror=alert(1)>", "B. Right one"]


def test_widget_sources_are_links_and_long_options_wrap(small_quiz):
    quiz = QuizWidget(small_quiz, SOURCES)
    single = quiz.questions[0]
    single.choose(1)
    single.check_button.click()
    assert ('<p>Source: <a href="https://www.nice.org.uk/guidance/cg81" target="_blank" '
            'rel="noopener noreferrer">NICE (2009). Advanced breast cancer.</a></p>') in single.feedback.value
    # a source missing from the bibliography is named, never a link
    unknown = QuizWidget(small_quiz, {}).questions[0]
    unknown.choose(1)
    unknown.check_button.click()
    assert "<p>Source: nice-cg81</p>" in unknown.feedback.value and "<a " not in unknown.feedback.value
    # the view carries the style that wraps long options, scoped to its own class
    assert "sc-widget" in quiz.view._dom_classes
    style = quiz.view.children[0].value
    assert style.startswith("<style>") and ".sc-widget .widget-radio-box label" in style
    assert "height: auto" in style
