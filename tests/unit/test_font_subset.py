"""Cutting an icon font down (course_site.font_subset): the glyphs asked for, and the same
bytes from the same input, so that a rebuild does not change the site."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from course_site.font_subset import subset_font

BARS, SEARCH = 0xF0C9, 0xF002


@pytest.fixture(scope="module")
def solid_font() -> Path:
    from pydata_sphinx_theme import __file__ as theme_init

    return next(Path(theme_init).parent.rglob("webfonts/fa-solid-900.woff2"))


def test_the_subset_holds_the_glyphs_asked_for_and_is_the_same_every_time(solid_font, tmp_path):
    first, second = tmp_path / "first.woff2", tmp_path / "second.woff2"
    subset_font(solid_font, {BARS, SEARCH}, first)
    subset_font(solid_font, {BARS, SEARCH}, second)
    assert set(TTFont(str(first)).getBestCmap()) == {BARS, SEARCH}
    assert first.read_bytes() == second.read_bytes()
    assert TTFont(str(first))["head"].modified == TTFont(str(solid_font))["head"].modified
    assert first.stat().st_size < solid_font.stat().st_size / 10
