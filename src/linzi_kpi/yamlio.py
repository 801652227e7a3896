"""The only module that imports PyYAML: safe loading with positions, and guards.

Data comes from many hands, so loading refuses what a plan never needs: tags that build
Python objects (the safe loader has none), anchors and aliases (the road to "billion laughs"),
and nesting deeper than any plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from .errors import PathPart

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 32
MAX_NODES = 200_000


@dataclass(frozen=True)
class YamlProblem(Exception):
    message: str
    hint: str
    line: int
    column: int


def _check_shape(root: yaml.Node) -> None:
    """Refuse aliases, deep nesting and huge documents before anything is built."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        mark = node.start_mark
        if id(node) in seen:
            raise YamlProblem(
                "anchors and aliases are not allowed",
                "write the value out in full instead of *alias",
                mark.line + 1,
                mark.column + 1,
            )
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            raise YamlProblem(
                f"document has more than {MAX_NODES} values", "split or shorten the file",
                mark.line + 1, mark.column + 1,
            )
        if depth > MAX_DEPTH:
            raise YamlProblem(
                f"values are nested more than {MAX_DEPTH} levels deep",
                "a plan is only a few levels deep; check the indentation",
                mark.line + 1,
                mark.column + 1,
            )
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)


class Positions:
    """Finds the line and column of a value by its path, from the composed node tree."""

    def __init__(self, root: yaml.Node | None) -> None:
        self._root = root

    def find(self, path: tuple[PathPart, ...]) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path``, or of the nearest ancestor found.

        A block value that starts on a later line than its key is located at its key.
        """
        node = self._root
        if node is None:
            return (1, 1)
        mark = node.start_mark
        for part in path:
            child = key_mark = None
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                        child, key_mark = value, key.start_mark
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if 0 <= part < len(node.value):
                    child = node.value[part]
            if child is None:
                break
            node = child
            same_line = key_mark is None or child.start_mark.line == key_mark.line
            mark = child.start_mark if same_line else key_mark
        return (mark.line + 1, mark.column + 1)


def load(text: str) -> tuple[Any, Positions]:
    """Parse one YAML document. Raises ``YamlProblem`` with a position on any failure."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlProblem("file is empty", "a plan starts with `plan:`", 1, 1)
        _check_shape(node)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or exc.context or "invalid YAML"
        if isinstance(exc, yaml.constructor.ConstructorError):
            hint = "plan files hold plain values only; remove the tag"
        else:
            hint = "check indentation, quotes and colons on this line or the one before it"
        raise YamlProblem(f"YAML error: {message}", hint, line, column) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML error: {exc}", "fix the YAML syntax", 1, 1) from None
    except RecursionError:
        raise YamlProblem(
            "values are nested too deeply", "a plan is only a few levels deep", 1, 1
        ) from None
    finally:
        loader.dispose()
    return data, Positions(node)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                     allow_unicode=True, sort_keys=False, width=1000)
