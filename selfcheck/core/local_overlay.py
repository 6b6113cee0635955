"""A trust's own details, added to the course: ``local.yml`` beside ``_config.yml`` (optional).

A national course cannot know each trust's 24-hour number or pathway names. ``local.yml``
says them, and the book shows them (sphinx_ext/local_overlay.py). Keys:

- ``organisation`` (required, text): the trust's or university's name;
- ``advice_line`` (text): its 24-hour oncology advice line, a number or words;
- ``pathways`` (mapping): a name (acute oncology, MSCC coordinator) -> how to reach it, text;
- ``notes`` (mapping): a chapter's file name as in ``book/`` (``chemotherapy.md``) -> Markdown,
  shown on that chapter (raw HTML off, images from the site only: core.markup).

It is checked as a quiz file is: every problem is one line, ``local.yml:line: message``,
and a file with any problem gives no overlay. Everything in it is untrusted text: the
templates escape it, and notes are Markdown with raw HTML off.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path

from . import markup, yaml_lines
from .validate import Problem, Unreadable, _describe, _scalar_source, display_path, read_text
from .yaml_lines import BadScalar, LineDict

LOCAL_FILE = "local.yml"
KEYS = ("organisation", "advice_line", "pathways", "notes")


@dataclass(frozen=True)
class LocalOverlay:
    organisation: str
    advice_line: str | None
    pathways: tuple[tuple[str, str], ...]  # (name, how to reach it), in the file's order
    notes: dict[str, str]  # chapter file name -> Markdown
    note_lines: dict[str, int]  # chapter file name -> its line in the file, for messages
    display: str  # the file as a maintainer would type it


def local_file(root: Path) -> Path:
    return Path(root) / LOCAL_FILE


def present(root: Path) -> bool:
    """True when the project has a ``local.yml`` (or something by that name, to be reported)."""
    path = local_file(root)
    return path.exists() or path.is_symlink()


class _Checker:
    def __init__(self, display: str):
        self.display = display
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.display, line, message))

    def text(self, mapping: LineDict, key, where: str, line: int) -> str | None:
        """A non-empty text value, or None after saying why not."""
        value = mapping[key]
        if isinstance(value, (bool, int, float, dt.date, BadScalar)):
            source = _scalar_source(value)
            self.problem(line, f"{where} must be text, but YAML read {source!r} as {_describe(value)}; "
                               f"quote it: \"{source}\"")
            return None
        if not isinstance(value, str):
            self.problem(line, f"{where} must be text, not {_describe(value)}")
            return None
        if not value.strip():
            self.problem(line, f"{where} is empty")
            return None
        return value.strip()

    def mapping(self, data: LineDict, key: str) -> LineDict | None:
        value, line = data[key], data.key_lines[key]
        if not isinstance(value, LineDict):
            self.problem(line, f"'{key}' must be a mapping (name: text, one a line), not {_describe(value)}")
            return None
        if not value:
            self.problem(line, f"'{key}' is empty: give at least one entry, or leave '{key}' out")
            return None
        for name, dup_line in value.duplicate_keys:
            self.problem(dup_line, f"'{key}': '{name}' appears twice")
        for name in value:
            if not isinstance(name, str) or not name.strip():
                self.problem(value.key_lines[name], f"'{key}': a name must be text, not {_describe(name)}")
        return value


def check(text: str, display: str = LOCAL_FILE) -> tuple[LocalOverlay | None, list[Problem]]:
    """Check the text of a ``local.yml``: the overlay (None if any problem) and the problems."""
    checker = _Checker(display)
    try:
        data = yaml_lines.load(text)
    except yaml_lines.YamlSyntaxError as exc:
        checker.problem(exc.line, exc.message)
        return None, checker.problems
    if not isinstance(data, LineDict):
        line = getattr(data, "line", 1) or 1
        checker.problem(line, f"must be a mapping of keys ({', '.join(KEYS)}), not {_describe(data)}")
        return None, checker.problems
    for key, line in data.duplicate_keys:
        checker.problem(line, f"key '{key}' appears twice")
    for key in data:
        if key not in KEYS:
            hint = difflib.get_close_matches(str(key), KEYS, n=1)
            did_you_mean = f" (did you mean '{hint[0]}'?)" if hint else ""
            checker.problem(data.key_lines[key], f"unknown key '{key}'{did_you_mean}; allowed: {', '.join(KEYS)}")
    if "organisation" not in data:
        checker.problem(data.line, "missing 'organisation' (the name of your trust or university)")
        organisation = None
    else:
        organisation = checker.text(data, "organisation", "'organisation'", data.key_lines["organisation"])
    advice_line = None
    if "advice_line" in data:
        advice_line = checker.text(data, "advice_line", "'advice_line'", data.key_lines["advice_line"])
    pathways: list[tuple[str, str]] = []
    if "pathways" in data and (found := checker.mapping(data, "pathways")) is not None:
        for name in found:
            how = checker.text(found, name, f"pathway '{name}'", found.key_lines[name])
            if how is not None and isinstance(name, str):
                pathways.append((name.strip(), how))
    notes: dict[str, str] = {}
    note_lines: dict[str, int] = {}
    if "notes" in data and (found := checker.mapping(data, "notes")) is not None:
        for name in found:
            line = found.key_lines[name]
            note = checker.text(found, name, f"note for '{name}'", line)
            if note is None or not isinstance(name, str):
                continue
            for src in markup.outside_images(note):
                checker.problem(line, f"note for '{name}' shows an image from outside the site ({src}): "
                                      "images must come from the course's own site")
            if "/" in name or "\\" in name:
                checker.problem(line, f"note for '{name}': give the chapter's file name alone, "
                                      "as in book/ (for example chemotherapy.md)")
            notes[name.strip()], note_lines[name.strip()] = note, line
    if checker.problems:
        return None, checker.problems
    return LocalOverlay(organisation, advice_line, tuple(pathways), notes, note_lines, display), []


def read(root: Path) -> tuple[LocalOverlay | None, list[Problem]]:
    """The project's ``local.yml``: (None, []) when there is none."""
    if not present(root):
        return None, []
    path = local_file(root)
    display = display_path(path, root)
    try:
        text = read_text(path)
    except Unreadable as exc:
        return None, [Problem(display, exc.line, exc.message)]
    return check(text, display)


def unknown_chapters(overlay: LocalOverlay, chapters) -> list[Problem]:
    """Notes for a file that is not a chapter (a page with a quiz): one problem each, naming
    the chapters there are."""
    known = sorted(set(chapters))
    problems = []
    for name, line in overlay.note_lines.items():
        if name in known:
            continue
        hint = difflib.get_close_matches(name, known, n=1)
        did_you_mean = f"did you mean '{hint[0]}'? " if hint else ""
        listing = ", ".join(known) if known else "none"
        problems.append(Problem(overlay.display, line, f"note for '{name}': no chapter has that file name "
                                                       f"({did_you_mean}chapters: {listing})"))
    return problems
