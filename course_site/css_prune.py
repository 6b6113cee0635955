"""Remove the rules of a stylesheet that cannot match anything on the built site.

The theme ships one stylesheet for every site it could build (all of Bootstrap, 1,400
icon rules); a phone downloads and parses all of it before it draws a word. A rule is
dropped only when it surely matches nothing, so the test is generous:

- a selector matches if each of its compound parts (``ul.nav``, ``#main``) matches some
  element of some page, wherever in the page that element is (combinators are ignored);
- pseudo-classes, pseudo-elements and attribute tests are ignored (``:hover``, ``::before``,
  ``[data-theme=dark]`` can all become true later);
- a class or id named in a string in any shipped script may be added by that script
  (menus, search, dark mode, tooltips), and so may an element the script creates
  (``createElement("li")``, ``"<span ..."``), so these are treated as matching;
- a rule is kept whole if any selector in its list matches; anything not understood is kept.

At-rules that do not hold style rules (``@font-face``, ``@keyframes``) are kept as they are.

Then custom properties (``--bs-gray-500: ...``) that nothing reads, no ``var()`` in any
stylesheet or page and no name in any script, are dropped (``drop_unused_properties``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Callable

import lxml.html
import tinycss2

_GROUPING_AT_RULES = {"media", "supports", "container", "layer", "document"}
_PARENTHESES = re.compile(r"\([^()]*\)")
_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
_PSEUDO = re.compile(r"::?[\w-]+")
_COMBINATORS = re.compile(r"\s*[\s>+~]\s*")
_COMPOUND = re.compile(r"^(?P<tag>[a-zA-Z][\w-]*|\*)?(?P<rest>(?:[.#][\w-]+)*)$")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_STRING = re.compile(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`""")
_CREATED = re.compile(r"""createElement\(\s*["'`]([a-zA-Z][\w-]*)""")
_MARKUP = re.compile(r"<([a-zA-Z][\w-]*)")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_PROPERTY = re.compile(r"--[A-Za-z_][\w-]*")
_ICON = re.compile(r"\"((?:\\[0-9a-fA-F]{1,6}\s?)+)\"")  # a string of escapes only: "\f0c9 "


class SiteElements:
    """What elements the site's pages contain: tag names, ids, and class combinations."""

    def __init__(self) -> None:
        self.tags: set[str] = set()
        self.ids: set[str] = set()
        self._by_class: dict[str, set[tuple[str, frozenset[str], str]]] = defaultdict(set)

    def add_page(self, html: str) -> None:
        for element in lxml.html.document_fromstring(html.encode("utf-8")).iter():
            if not isinstance(element.tag, str):
                continue  # comments and processing instructions
            tag = element.tag.lower()
            classes = frozenset(element.get("class", "").split())
            id_ = element.get("id", "")
            self.tags.add(tag)
            if id_:
                self.ids.add(id_)
            for name in classes:
                self._by_class[name].add((tag, classes, id_))

    def has(self, tag: str | None, classes: set[str], id_: str | None) -> bool:
        if id_ is not None and id_ not in self.ids:
            return False
        if not classes:
            return tag is None or tag in self.tags
        first = next(iter(classes))
        return any(
            classes <= element_classes
            and (tag is None or tag == element_tag)
            and (id_ is None or id_ == element_id)
            for element_tag, element_classes, element_id in self._by_class.get(first, ())
        )


class DynamicNames:
    """What the site's scripts may add to a page: names in their strings, prefixes they
    build names from (``"bs-" + name + "-auto"``), and the elements they create."""

    def __init__(self, scripts: list[str]):
        strings = [string for text in scripts for string in _STRING.findall(text)]
        self.words = {word for string in strings for word in _WORD.findall(string)}
        self.prefixes = tuple(sorted(w for w in self.words if w.endswith("-") and len(w) > 2))
        self.tags = {tag.lower() for text in scripts for tag in _CREATED.findall(text)}
        self.tags |= {tag.lower() for string in strings for tag in _MARKUP.findall(string)}

    def __contains__(self, name: str) -> bool:
        return name in self.words or name.startswith(self.prefixes)


def _compound_matches(compound: str, elements: SiteElements, dynamic: DynamicNames) -> bool:
    parsed = _COMPOUND.match(compound)
    if parsed is None:
        return True  # not understood: keep
    tag = parsed["tag"]
    if tag in (None, "*") or tag.lower() in dynamic.tags:
        tag = None
    else:
        tag = tag.lower()
    classes, id_ = set(), None
    for part in re.findall(r"[.#][\w-]+", parsed["rest"]):
        name = part[1:]
        if name in dynamic:
            continue
        if part[0] == ".":
            classes.add(name)
        else:
            id_ = name
    return elements.has(tag, classes, id_)


def selector_list_matches(selectors: str, elements: SiteElements, dynamic: DynamicNames) -> bool:
    if "\\" in selectors or "&" in selectors:
        return True  # escapes and nesting are not analysed: keep
    text = _ATTRIBUTE.sub("", selectors)
    while _PARENTHESES.search(text):
        text = _PARENTHESES.sub("", text)
    text = _PSEUDO.sub("", text)
    for selector in text.split(","):
        compounds = [c for c in _COMBINATORS.split(selector.strip()) if c]
        if all(_compound_matches(c, elements, dynamic) for c in compounds):
            return True
    return False


def _serialize(nodes) -> str:
    # tinycss2 writes escaped characters (icon code points) back unescaped; escape them
    # again so the file stays ASCII and does not depend on how it is decoded.
    text = tinycss2.serialize(nodes).strip()
    return re.sub(r"[^\x00-\x7f]", lambda m: f"\\{ord(m.group()):x} ", text)


def _inner_rules(rule) -> list:
    return tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)


def _is_grouping(rule) -> bool:
    return rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in _GROUPING_AT_RULES


def _rewrite(rules, style_rule: Callable[..., str | None]) -> list[str]:
    """The rules serialized, each style rule (also inside @media and the like) replaced by
    ``style_rule(rule)``, None to drop it; a grouping rule left empty goes too; other
    at-rules (``@font-face``, ``@keyframes``) are kept as they are."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            text = style_rule(rule)
            if text is not None:
                kept.append(text)
        elif rule.type == "at-rule":
            head = f"@{rule.at_keyword} {_serialize(rule.prelude)}".rstrip()
            if _is_grouping(rule):
                body = _rewrite(_inner_rules(rule), style_rule)
                if body:
                    kept.append(head + "{" + "".join(body) + "}")
            else:
                kept.append(head + (";" if rule.content is None else "{" + _serialize(rule.content) + "}"))
        elif rule.type == "error":
            raise ValueError(f"cannot read the stylesheet: {rule.message} (line {rule.source_line})")
    return kept


def _declarations(rule) -> list:
    return [d for d in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
            if d.type == "declaration"]


def _style_rules(rules):
    """Every style rule, also those inside @media and other grouping rules."""
    for rule in rules:
        if rule.type == "qualified-rule":
            yield rule
        elif _is_grouping(rule):
            yield from _style_rules(_inner_rules(rule))


def _used_properties(sheets: list[str], readers: list[str]) -> set[str]:
    """Custom properties read by ``readers`` (other stylesheets, pages, scripts) or by the
    ordinary declarations of ``sheets``, and those the used ones read in turn."""
    used = {name for text in readers for name in _PROPERTY.findall(text)}
    custom: dict[str, set[str]] = defaultdict(set)
    for css in sheets:
        for rule in _style_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)):
            for declaration in _declarations(rule):
                reads = set(_VAR.findall(tinycss2.serialize(declaration.value)))
                if declaration.name.startswith("--"):
                    custom[declaration.name] |= reads
                else:
                    used |= reads
    pending = list(used)
    while pending:
        for name in custom.get(pending.pop(), ()):
            if name not in used:
                used.add(name)
                pending.append(name)
    return used


def _without_properties(rule, unused: set[str]) -> str | None:
    declarations = [d for d in _declarations(rule) if d.name not in unused]
    if not declarations:
        return None
    body = ";".join(_serialize([d]).rstrip(";") for d in declarations)
    return f"{_serialize(rule.prelude)}{{{body}}}"


def drop_unused_properties(sheets: dict[str, str], readers: list[str]) -> dict[str, str]:
    """``sheets`` without the custom properties that neither they nor ``readers`` read."""
    used = _used_properties(list(sheets.values()), readers)
    result = {}
    for name, css in sheets.items():
        rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        declared = {d.name for rule in _style_rules(rules) for d in _declarations(rule) if d.name.startswith("--")}
        unused = declared - used
        result[name] = "\n".join(_rewrite(rules, lambda rule: _without_properties(rule, unused))) + "\n" if unused else css
    return result


def prune_stylesheet(css: str, elements: SiteElements, dynamic: DynamicNames) -> str:
    """The stylesheet with only the rules that may match; comments (and source maps) go."""
    def may_match(rule) -> str | None:
        if selector_list_matches(_serialize(rule.prelude), elements, dynamic):
            return f"{_serialize(rule.prelude)}{{{_serialize(rule.content)}}}"
        return None

    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "\n".join(_rewrite(rules, may_match)) + "\n"


def icon_codepoints(css: str) -> set[int]:
    """Code points of strings made only of escapes (``content: "\\f0c9"``, or a custom
    property such as ``--pst-icon-info-circle: "\\f05a"`` that ``content`` reads): icons."""
    points = set()
    for escapes in _ICON.findall(css):
        points |= {int(h, 16) for h in re.findall(r"[0-9a-fA-F]{1,6}", escapes)}
    return points
