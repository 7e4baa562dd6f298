"""PyYAML's safe loader made strict, for every YAML file clinic-prep reads (see yaml_source)."""

from collections.abc import Hashable
from typing import Any

import yaml

# Far deeper than any profile, clinic file or question needs, and far short of Python's
# recursion limit, which nesting 500 deep used to reach.
MAX_DEPTH = 40

# The C loader parses the question bank several times faster than the pure-Python one.
try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class StrictLoader(_SafeLoader):
    """The safe loader, stricter where a mistake would otherwise pass unnoticed or crash:
    nesting is capped (see ``too_deep``), a key given twice is an error at its second line,
    and a date that does not exist (2026-02-30) stays text for validation to refuse by field."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        first_line: dict[object, int] = {}
        for key_node, _value in node.value:
            if (
                not isinstance(key_node, yaml.ScalarNode)
                or key_node.tag == "tag:yaml.org,2002:merge"
            ):
                continue
            key = (key_node.tag, key_node.value)
            if key in first_line:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"a key appears twice (first on line {first_line[key]})",
                    key_node.start_mark,
                )
            first_line[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep)

    def construct_timestamp_or_text(self, node: yaml.ScalarNode) -> object:
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)

    def construct_int_or_text(self, node: yaml.ScalarNode) -> object:
        """A whole number, or, past Python's 4,300-digit limit, the text itself: validation
        then refuses it by field ("give an age such as 4"), never as an unexpected error."""
        try:
            return self.construct_yaml_int(node)
        except ValueError:
            return self.construct_scalar(node)


StrictLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", StrictLoader.construct_timestamp_or_text
)
StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_int_or_text)


# Far more values than any file clinic-prep reads holds (the largest topic file of the bank
# has a few thousand), and few enough to check and load at once: aliases can make a short file
# stand for billions of values.
MAX_VALUES = 200_000


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    return []


def too_deep(root: yaml.Node, shared: bool = True) -> yaml.Node | None:
    """The first node nested more than MAX_DEPTH levels down, found without recursion.

    With ``shared`` (the text defines anchors, so aliases may share nodes), a node is looked
    at again only when it is reached deeper than before: a file of nested aliases (a few
    hundred bytes) is then checked at once, not in minutes. Without anchors every node has one
    parent, and the plain walk is the quicker one."""
    deepest: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return node
        if shared:
            if deepest.get(id(node), 0) >= depth:
                continue
            deepest[id(node)] = depth
        stack += [(child, depth + 1) for child in _children(node)]
    return None


def values_in(root: yaml.Node) -> int:
    """How many values the document stands for once every alias is expanded, counted with
    each shared node's count worked out once. Call after ``too_deep``: nesting is bounded and
    there is no loop."""
    counted: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in counted:
            continue
        children = _children(node)
        if children_done:
            counted[id(node)] = 1 + sum(counted[id(child)] for child in children)
        else:
            stack.append((node, True))
            stack += [(child, False) for child in children if id(child) not in counted]
    return counted[id(root)]
