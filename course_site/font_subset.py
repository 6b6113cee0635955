"""Cut an icon font down to the glyphs the site's stylesheets draw.

Font Awesome's solid font is 156 KB for some 1,400 icons; the course shows about a dozen.
The subset keeps the same family, metrics and file format, so the stylesheets that name
the font do not change."""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont


def subset_font(source: Path, codepoints: set[int], destination: Path) -> None:
    """Write the font at ``source`` (woff2, woff or ttf) with only ``codepoints`` to ``destination``."""
    # The source's modification time, not the build's: the same input gives the same bytes.
    font = TTFont(str(source), recalcTimestamp=False)
    options = subset.Options()
    options.flavor = font.flavor  # None for ttf, "woff" or "woff2"
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    font.flavor = options.flavor
    font.save(str(destination))
