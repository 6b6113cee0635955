"""What is due for review is information: shown by a quiet build (`make book` runs Sphinx with
-q), and never a warning, which would fail the strict build."""

from __future__ import annotations

import types

import pytest

from course_site import front_matter
from selfcheck import sphinx_ext


@pytest.mark.parametrize("tell", [front_matter.tell, sphinx_ext.tell], ids=["pages", "quizzes"])
def test_a_quiet_build_still_prints_what_is_due(tell, capsys):
    tell(types.SimpleNamespace(quiet=True), "  book/old.md: reviewed 2018-01-05")
    assert capsys.readouterr().err == "  book/old.md: reviewed 2018-01-05\n"


@pytest.mark.parametrize("tell", [front_matter.tell, sphinx_ext.tell], ids=["pages", "quizzes"])
def test_a_normal_build_says_it_once_through_its_log(tell, capsys):
    tell(types.SimpleNamespace(quiet=False), "  book/old.md: reviewed 2018-01-05")
    assert capsys.readouterr() == ("", "")  # the Sphinx log carries it (tests/sphinx/test_hostile_build.py)


def test_the_due_listing_names_only_what_is_past_twelve_months_oldest_first():
    import datetime as dt

    from selfcheck.core.model import due_listing

    reviewed = {"book/new.md": dt.date(2026, 1, 5), "book/old.md": dt.date(2018, 1, 5), "book/older.md": dt.date(2017, 6, 1)}
    assert due_listing("Pages", reviewed, dt.date(2026, 12, 6)) == [
        "Pages due for review (last reviewed more than 12 months before 2026-12-06):",
        "  book/older.md: reviewed 2017-06-01",
        "  book/old.md: reviewed 2018-01-05",
    ]
    assert due_listing("Pages", {"book/new.md": dt.date(2026, 1, 5)}, dt.date(2026, 12, 6)) == []
