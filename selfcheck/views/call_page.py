"""A telephone triage call as static HTML for the published book (templates/call.html).

The same HTML serves three readers: without JavaScript, and in print, it is a table-top
exercise (every step as a table of options, where each leads and why, then the outcomes and
the debrief); with JavaScript ``selfcheck-call.js`` walks it one step at a time. Every step
and outcome is in the HTML with an id. Call text goes through markup.py (Markdown, raw HTML
off), the rest is escaped by the template, so a call file cannot inject markup.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from ..core import markup
from ..core.bibliography import Source
from ..core.calls import Call, grade_line, verdict_line
from ..core.model import human_date, option_letter, review_due
from .page import source_html, templates


def call_anchor(call_id: str) -> str:
    return f"sc-call-{call_id}"


def render_call(call: Call, sources: dict[str, Source], heading_level: int = 3, today: dt.date | None = None) -> str:
    base = call_anchor(call.id)
    level = max(2, min(heading_level, 6))
    # Where each id leads, as the exercise names it: "Step 2" or "Outcome 1".
    targets = {s.id: {"anchor": f"{base}-s-{s.id}", "name": f"Step {n}"} for n, s in enumerate(call.steps, 1)}
    targets.update({o.id: {"anchor": f"{base}-o-{o.id}", "name": f"Outcome {n}"}
                    for n, o in enumerate(call.outcomes, 1)})
    steps = [
        {
            "id": s.id,
            "anchor": targets[s.id]["anchor"],
            "says": Markup(markup.block(s.says)),
            "prompt": Markup(markup.inline(s.prompt)),
            "options": [
                {
                    "letter": option_letter(i),
                    "text": Markup(markup.inline(o.text)),
                    "next": o.next,
                    "target": targets.get(o.next, {"anchor": base, "name": o.next}),
                    "feedback": Markup(markup.block(o.feedback)),
                }
                for i, o in enumerate(s.options)
            ],
        }
        for s in call.steps
    ]
    outcomes = [
        {
            "id": o.id,
            "anchor": targets[o.id]["anchor"],
            "name": targets[o.id]["name"],
            "grade": o.grade,
            # In the words the kernel's view uses (core/calls.py OUTCOME_WORDING).
            "grade_words": grade_line(o),
            "correct": o.correct,
            "verdict": verdict_line(call, o),
            "title": o.title,
            "action": Markup(markup.block(o.action)),
            "debrief": Markup(markup.block(o.debrief)),
        }
        for o in call.outcomes
    ]
    cited = "; ".join(source_html(sources.get(key), key).removeprefix("Source: ") for key in call.source)
    due = review_due(call.reviewed, today or dt.date.today()) if isinstance(call.reviewed, dt.date) else False
    html = templates().get_template("call.html").render(
        call=call,
        base=base,
        due=human_date(call.reviewed) if due else "",
        h=f"h{level}",
        h2=f"h{min(level + 1, 6)}",
        h3=f"h{min(level + 2, 6)}",
        situation=Markup(markup.block(call.caller.situation)) if call.caller.situation else "",
        steps=steps,
        outcomes=outcomes,
        sources=Markup(("Sources: " if len(call.source) > 1 else "Source: ") + cited),
    )
    return html.strip()
