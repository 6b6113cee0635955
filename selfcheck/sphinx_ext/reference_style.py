"""How the course's reference lists show a source: pybtex's ``unsrt``, without the ``note``.

An entry's ``note`` is for maintainers (where the text was read, what replaced it: see
DESIGN.md, "Sources"). Printed, it would tell a reader about third-party copies, and
sphinxcontrib-bibtex would repeat it in the hover text of every citation of the entry.
"""

from __future__ import annotations

from pybtex.database import Entry
from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as Unsrt

NAME = "course"
HIDDEN_FIELDS = ("note",)


class ReferenceStyle(Unsrt):
    def format_entry(self, label, entry, bib_data=None):
        if any(field in entry.fields for field in HIDDEN_FIELDS):
            fields = {k: v for k, v in entry.fields.items() if k.lower() not in HIDDEN_FIELDS}
            shown = Entry(entry.type, fields=fields, persons=entry.persons)
            shown.key = entry.key
            entry = shown
        return super().format_entry(label, entry, bib_data)


def register() -> None:
    register_plugin("pybtex.style.formatting", NAME, ReferenceStyle, force=True)
