"""Read YAML safely and keep each value's line, so errors can name the file and line.

Both the question bank and families' profile files are YAML (JSON is valid YAML), and both
must report problems as ``file:line: field: reason``.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import ValidationError

if TYPE_CHECKING:
    import yaml

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlDocument:
    """Parsed data plus the node tree it came from."""

    path: Path
    data: Any
    root: "yaml.Node | None"

    def line_of(self, loc: Loc) -> int:
        """1-based line of the value at ``loc``, or of its nearest existing parent."""
        node = self.root
        if node is None:
            return 1
        for key in loc:
            child = _child(node, key)
            if child is None:
                break
            node = child
        return int(node.start_mark.line) + 1


def _child(node: "yaml.Node", key: str | int) -> "yaml.Node | None":
    import yaml  # loaded already: the node came from it

    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node  # type: ignore[no-any-return]
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]  # type: ignore[no-any-return]
    return None


class Located(Protocol):
    """Data that knows the line of each of its values."""

    def line_of(self, loc: Loc) -> int: ...


class YamlSyntaxError(Exception):
    """The text is not YAML; carries the 1-based line and a short reason."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def parse_yaml(text: str, path: Path) -> YamlDocument:
    """Parse one YAML document with the safe loader (no tags that run code): libyaml's, in C,
    when PyYAML was built with it (it keeps every node's line), else the pure-Python one.
    PyYAML loads here, with the first file read, not with this module."""
    import yaml

    from clinic_prep.core.strict_yaml import (
        MAX_DEPTH,
        MAX_VALUES,
        StrictLoader,
        too_deep,
        values_in,
    )

    loader = StrictLoader(text)
    try:
        root = loader.get_single_node()
        # An alias (*name) needs an anchor (&name): without "&" no node is shared.
        anchors = "&" in text
        if root is not None and (deep := too_deep(root, shared=anchors)) is not None:
            raise YamlSyntaxError(
                deep.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep"
            )
        if root is not None and anchors and values_in(root) > MAX_VALUES:
            raise YamlSyntaxError(
                1, f"its aliases (*name) stand for more than {MAX_VALUES:,} values"
            )
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise YamlSyntaxError(line, str(exc.problem or exc.context or "not valid YAML")) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, str(exc).splitlines()[0]) from None
    except RecursionError:  # a backstop: MAX_DEPTH should stop nesting long before this
        raise YamlSyntaxError(1, "nested too deeply") from None
    finally:
        loader.dispose()
    return YamlDocument(path=path, data=data, root=root)


def field_path(loc: Loc) -> str:
    """``("questions", 3, "when", "clinics", 0)`` -> ``questions[3].when.clinics[0]``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def describe_validation_error(
    exc: ValidationError, doc: Located, loc_prefix: Loc = ()
) -> list[tuple[int, str]]:
    """Turn pydantic errors into ``(line, "field: reason")`` pairs.

    Only the field path and pydantic's message are used, never the input value: the value may
    be a child's name or a family's question.
    """
    problems = []
    for error in exc.errors(include_input=False, include_url=False):
        loc = (*loc_prefix, *error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        where = field_path(loc) or "(top level)"
        problems.append((doc.line_of(loc), f"{where}: {message}"))
    return problems
