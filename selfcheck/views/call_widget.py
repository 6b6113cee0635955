"""A telephone triage call as live ipywidgets, for a chapter opened as a notebook in
JupyterLab: ``call("<id>")`` (views/notebook.py).

The walk itself (where a choice leads, when the call ends) is ``core.calls.CallWalk``; this
module only shows it: the caller card, the current step with its options as RadioButtons
and **Continue**, the chosen option's feedback, "The call so far", then the outcome graded
in words with its action, debrief and sources, and **Try this call again**. The HTML pieces
are macros in templates/call_widget.html.
"""

from __future__ import annotations

import ipywidgets as w
from markupsafe import Markup

from ..core import markup
from ..core.bibliography import Source
from ..core.calls import Call, CallWalk, Choice, grade_line, verdict_line
from ..core.model import option_letter
from .page import source_html, templates

OPTIONS_CLASS = "sc-call-options"  # the class templates/call_widget.html styles to wrap


def _html():
    """The macros of templates/call_widget.html."""
    return templates().get_template("call_widget.html").module


def _shown(widget: w.DOMWidget, visible: bool) -> None:
    widget.layout.display = None if visible else "none"


def _choice_text(step, index: int) -> str:
    return f"{option_letter(index)}. {markup.inline(step.options[index].text)}"


class CallWidget:
    """One call, walked one step at a time. ``choose(index)`` and ``proceed()`` do what a
    learner's click on an option and on Continue do (the tests use them too)."""

    def __init__(self, call: Call, sources: dict[str, Source]):
        self.call, self.sources = call, sources
        self.walk = CallWalk(call)
        html = _html()
        caller = call.caller
        self.step_text = w.HTML("")
        self.choices = w.RadioButtons(options=[], index=None, layout=w.Layout(width="auto"))
        self.choices.add_class(OPTIONS_CLASS)
        self.continue_button = w.Button(description="Continue", button_style="primary")
        self.feedback = w.HTML("")
        self.so_far = w.HTML("")
        self.outcome = w.HTML("")
        self.again_button = w.Button(description="Try this call again")
        self.continue_button.on_click(lambda _: self.proceed())
        self.again_button.on_click(lambda _: self.restart())
        self.step_box = w.VBox([self.step_text, self.choices, self.continue_button])
        self.view = w.VBox([
            w.HTML(str(html.style())),
            w.HTML(str(html.title(call.title))),
            w.HTML(str(html.caller(
                Markup(markup.inline(caller.who)), Markup(markup.inline(caller.treatment)),
                Markup(markup.inline(caller.last_dose)),
                Markup(markup.block(caller.situation)) if caller.situation else "",
            ))),
            self.so_far,
            self.feedback,
            self.step_box,
            self.outcome,
            self.again_button,
        ])
        self._show(focus=False)

    def choose(self, index: int | None) -> None:
        """Select an option of the current step by index, as a learner's click would."""
        self.choices.index = index

    def proceed(self) -> Choice | None:
        """Continue: take the selected option, show its feedback and what comes next.
        None (and a request to choose) when nothing is selected."""
        if self.walk.finished:
            return None
        if self.choices.index is None:
            self.feedback.value = str(_html().choose_first())
            return None
        choice = self.walk.choose(self.choices.index)
        self.feedback.value = str(_html().feedback(
            Markup(_choice_text(choice.step, choice.index)), Markup(markup.block(choice.option.feedback))
        ))
        self._show()
        return choice

    def restart(self) -> None:
        """Try this call again: back to the first step, nothing chosen."""
        self.walk.restart()
        self.feedback.value = ""
        self._show()

    def _show(self, focus: bool = True) -> None:
        """Show where the walk stands; ``focus`` moves the keyboard to what comes next
        (not when the call is first shown, which would pull the notebook to it)."""
        html = _html()
        walk = self.walk
        self.so_far.value = str(html.so_far([
            {"prompt": Markup(markup.inline(c.step.prompt)), "choice": Markup(_choice_text(c.step, c.index))}
            for c in walk.taken
        ]))
        if walk.finished:
            end = walk.outcome
            self.outcome.value = str(html.outcome(
                grade_line(end), end.title, verdict_line(self.call, end),
                Markup(markup.block(end.action)), Markup(markup.block(end.debrief)),
                [Markup(source_html(self.sources.get(key), key).removeprefix("Source: ")) for key in self.call.source],
            ))
            _shown(self.step_box, False)
            _shown(self.outcome, True)
            _shown(self.again_button, True)
            if focus:
                self.again_button.focus()
            return
        step = walk.step
        self.step_text.value = str(html.step(
            len(walk.taken) + 1, Markup(markup.block(step.says)), Markup(markup.inline(step.prompt))
        ))
        labels = [f"{option_letter(i)}. {markup.plain(o.text)}" for i, o in enumerate(step.options)]
        self.choices.options = [(label, i) for i, label in enumerate(labels)]
        self.choices.index = None
        self.outcome.value = ""
        _shown(self.step_box, True)
        _shown(self.outcome, False)
        _shown(self.again_button, False)
        if focus:
            self.choices.focus()
