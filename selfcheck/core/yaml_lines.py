"""Read YAML into plain Python values that remember the line they came from.

PyYAML's ordinary loaders forget positions, and a maintainer needs
``path:line`` in every message. We compose the node tree and build the values
ourselves, so that mappings and sequences carry their own line, each key
carries its line, duplicate keys are reported rather than silently merged, and a
scalar PyYAML cannot construct (``2026-13-45``) becomes a value we can report.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml


class LineDict(dict):
    """A mapping with ``line`` (1-based) and ``key_lines`` (key -> line)."""

    line: int = 0
    key_lines: dict
    duplicate_keys: list  # (key, line) of every repeated key


class LineList(list):
    line: int = 0
    item_lines: list


@dataclass(frozen=True)
class BadScalar:
    """A scalar PyYAML recognised by its shape but could not construct."""

    text: str
    tag: str
    reason: str


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


# Quiz files nest five levels deep (file, questions, question, options, option).
MAX_DEPTH = 20


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _build(node: yaml.Node, constructor: yaml.constructor.SafeConstructor):
    if isinstance(node, yaml.MappingNode):
        out = LineDict()
        out.line, out.key_lines, out.duplicate_keys = _line(node), {}, []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlSyntaxError(_line(key_node), "a key must be plain text, not a list or mapping")
            key = _build(key_node, constructor)
            if isinstance(key, BadScalar):
                key = str(key_node.value)
            if key in out:
                out.duplicate_keys.append((key, _line(key_node)))
            out[key] = _build(value_node, constructor)
            out.key_lines[key] = _line(key_node)
        return out
    if isinstance(node, yaml.SequenceNode):
        out = LineList(_build(item, constructor) for item in node.value)
        out.line = _line(node)
        out.item_lines = [_line(item) for item in node.value]
        return out
    try:
        return constructor.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError) as exc:
        return BadScalar(str(node.value), node.tag, str(exc))


# libyaml's parser is about ten times faster; its nodes carry the same positions.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _check_events(text: str) -> None:
    """Refuse aliases and deep nesting before anything is built from the text.

    An alias makes a node appear twice in the tree: a few hundred bytes of nested aliases
    expand to gigabytes, and an alias inside itself never ends. Quiz files have no use for
    them. Nesting is bounded so that building the tree cannot exhaust the stack."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise YamlSyntaxError(
                event.start_mark.line + 1,
                f"YAML aliases (*{event.anchor}) are not allowed in quiz files: write the value out in full",
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlSyntaxError(
                    event.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep: a quiz file needs five"
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _reader_error(text: str, exc: yaml.reader.ReaderError) -> YamlSyntaxError:
    """A character YAML cannot hold, on one line, at the line it stands on."""
    # libyaml counts bytes of the UTF-8 text; the pure-Python reader counts characters.
    before = text.encode("utf-8")[: exc.position] if _Loader is not yaml.SafeLoader else text[: exc.position].encode()
    line = before.count(b"\n") + 1
    code = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
    return YamlSyntaxError(line, f"the character {code} is not allowed in a YAML file: remove it")


def load(text: str):
    """Return the document's value, or raise YamlSyntaxError with a 1-based line."""
    try:
        _check_events(text)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(text, exc) from None
    except yaml.MarkedYAMLError:
        pass  # reported with its position below
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _build(node, loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or str(exc)
        if exc.context:
            problem = f"{problem} ({exc.context})"
        raise YamlSyntaxError(line, f"YAML syntax error: {problem}") from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(text, exc) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, "YAML syntax error: " + " ".join(str(exc).split())) from None
    except RecursionError:
        raise YamlSyntaxError(1, "nested too deeply to read") from None
    finally:
        loader.dispose()
