"""The NMC Code as data, for the learning record: ``book/nmc-code.yml`` lists the Code's themes
and standards, and each quiz chapter names the standards it supports in its front matter
(``nmc_code: [6, 13]``, the most relevant first). Reading and checking both is pure: a fault
is an ``NmcCodeError`` whose text is one line, ``path:line: message``.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from . import yaml_lines
from .yaml_lines import LineDict, LineList

NMC_CODE_FILE = "book/nmc-code.yml"
NMC_CODE_KEY = "nmc_code"


class NmcCodeError(Exception):
    def __init__(self, where: str, line: int, message: str):
        super().__init__(f"{where}:{line}: {message}")


def read_nmc_code(path: Path, where: str = NMC_CODE_FILE) -> dict[int, dict]:
    """Standard number -> {"title", "theme"} from book/nmc-code.yml, or NmcCodeError."""
    try:
        data = yaml_lines.load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise NmcCodeError(where, 1, "not UTF-8 text") from None
    except yaml_lines.YamlSyntaxError as exc:
        raise NmcCodeError(where, exc.line, exc.message) from None
    if not isinstance(data, LineDict) or not isinstance(data.get("themes"), LineList) or not data["themes"]:
        raise NmcCodeError(where, getattr(data, "line", 1) or 1, "must be a mapping with 'source' and a list of 'themes'")
    standards: dict[int, dict] = {}
    for theme, theme_line in zip(data["themes"], data["themes"].item_lines):
        if not isinstance(theme, LineDict) or not isinstance(theme.get("name"), str) or not theme["name"].strip():
            raise NmcCodeError(where, theme_line, "each theme needs a 'name' (text) and a list of 'standards'")
        items = theme.get("standards")
        if not isinstance(items, LineList) or not items:
            raise NmcCodeError(where, theme.key_lines.get("standards", theme_line),
                               f"theme '{theme['name']}' needs a list of 'standards'")
        for item, line in zip(items, items.item_lines):
            number = item.get("number") if isinstance(item, LineDict) else None
            title = item.get("title") if isinstance(item, LineDict) else None
            if not isinstance(number, int) or isinstance(number, bool) or number < 1:
                raise NmcCodeError(where, line, "each standard needs a 'number' (a whole number from 1)")
            if not isinstance(title, str) or not title.strip():
                raise NmcCodeError(where, line, f"standard {number} needs a 'title' (text)")
            if number in standards:
                raise NmcCodeError(where, line, f"standard {number} is listed twice")
            standards[number] = {"title": title.strip(), "theme": theme["name"].strip()}
    return standards


def code_themes(standards: dict[int, dict]) -> list[str]:
    """The Code's themes in the order of book/nmc-code.yml (the reflective account's checkboxes)."""
    return list(dict.fromkeys(s["theme"] for s in standards.values()))


def _front_matter_line(path: Path, key: str) -> int:
    """The line of ``key:`` in a page's front matter (1 when it cannot be found)."""
    try:
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(rf'\s*"?{re.escape(key)}"?\s*:', text):
                return n
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def chapter_code(value, standards: dict[int, dict], path: Path, where: str) -> list[int]:
    """The standard numbers a chapter's ``nmc_code`` names, checked against the Code."""
    line = _front_matter_line(path, NMC_CODE_KEY)
    if value is None:
        raise NmcCodeError(where, 1, f"a quiz chapter needs '{NMC_CODE_KEY}:' in its front matter, "
                                     f"the numbers of the NMC Code's standards it supports (see {NMC_CODE_FILE})")
    if isinstance(value, str):  # front matter may arrive as text
        try:
            value = yaml.safe_load(value)
        except yaml.YAMLError:
            value = None
    if not isinstance(value, list) or not value or not all(isinstance(n, int) and not isinstance(n, bool) for n in value):
        raise NmcCodeError(where, line, f"'{NMC_CODE_KEY}' must be a list of standard numbers, such as [6, 13, 17]")
    unknown = [n for n in value if n not in standards]
    if unknown:
        raise NmcCodeError(where, line, f"'{NMC_CODE_KEY}' names standard {unknown[0]}, which {NMC_CODE_FILE} does not list")
    return list(dict.fromkeys(value))  # in the chapter's order: the most relevant first
