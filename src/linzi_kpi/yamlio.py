"""The only module that imports PyYAML: safe loading with positions, and guards.

Data comes from many hands, so loading refuses what a plan never needs: explicit tags beyond
plain values (``!!python/…`` builds Python objects; the safe loader has none, and we refuse the
tag before anything is built), anchors and aliases (the road to "billion laughs"), a key given
twice in one mapping (YAML would silently keep the last), and nesting deeper than any plan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from .errors import PathPart
from .freetext import fault
from .i18n import N_, _

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 32
MAX_NODES = 200_000
#: No figure in a plan needs more characters than this.
MAX_NUMBER_CHARS = 100


_CORE = "tag:yaml.org,2002:"
#: The tags of plain values; anything else (``!!python/…``, ``!!binary``, ``!!set``, ``!foo``) is refused.
ALLOWED_TAGS = frozenset(_CORE + name for name in
                         ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))


@dataclass(frozen=True)
class YamlProblem(Exception):
    message: str
    hint: str
    line: int
    column: int


#: PyYAML's (and libyaml's) most common problems, as catalogue entries: the English is the
#: parser's own, so a translation is used only for what the parser says word for word.
_YAML_PROBLEMS = (
    N_("found character that cannot start any token"),
    N_("found character '\\t' that cannot start any token"),
    N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("mapping values are not allowed here"),
    N_("mapping values are not allowed in this context"),
    N_("did not find expected key"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("could not find expected ':'"),
    N_("found unexpected end of stream"),
    N_("found unexpected ':'"),
    N_("found undefined alias"),
    N_("found unknown escape character"),
    N_("did not find expected node content"),
    N_("did not find expected '-' indicator"),
)


def _yaml_words(message: str) -> str:
    """The parser's problem in the reader's language where the catalogue has it word for word
    (else as the parser says it: it names what it found, which no catalogue can list)."""
    return _(message) if message in _YAML_PROBLEMS else message


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 1-based line and column of ``text`` ("" past its end)."""
    lines = text.split("\n", line)
    if line > len(lines):
        return ""
    row = lines[line - 1]
    return row[column - 1] if 0 < column <= len(row) else ""


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


def _check_shape(root: yaml.Node) -> None:
    """Refuse aliases, foreign tags, repeated keys, deep nesting and huge documents before
    anything is built."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        mark = node.start_mark
        if node.tag not in ALLOWED_TAGS:
            raise YamlProblem(
                _("the tag {short_tag} is not allowed").format(short_tag=_short_tag(node.tag)),
                _("plan files hold plain values only; remove the tag"),
                mark.line + 1,
                mark.column + 1,
            )
        if id(node) in seen:
            raise YamlProblem(
                _("anchors and aliases are not allowed"),
                _("remove the &anchor here and write the value out in full wherever *alias names it"),
                mark.line + 1,
                mark.column + 1,
            )
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            raise YamlProblem(
                _("document has more than {MAX_NODES} values")
                 .format(MAX_NODES=MAX_NODES), _("split or shorten the file"),
                mark.line + 1, mark.column + 1,
            )
        if depth > MAX_DEPTH:
            raise YamlProblem(
                _("values are nested more than {MAX_DEPTH} levels deep").format(MAX_DEPTH=MAX_DEPTH),
                _("a plan is only a few levels deep; check the indentation"),
                mark.line + 1,
                mark.column + 1,
            )
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        raise YamlProblem(
                            _("key {value!r} appears twice in the same mapping").format(value=key.value),
                            _("keep one of the two; YAML would silently use the last"),
                            key.start_mark.line + 1,
                            key.start_mark.column + 1,
                        )
                    keys.add(key.value)
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
        elif (found := fault(_("the value"), node.value, invisible=False)) is not None:
            # a control character written as an escape ("\e", "\x1b"): the reader lets it
            # through, a terminal would not. A quote keeps the document's invisible characters;
            # a department's name may not hold one (checks).
            raise YamlProblem(found.message, found.hint, mark.line + 1, mark.column + 1)


class Positions:
    """Finds the line and column of a value by its path, from the composed node tree."""

    def __init__(self, root: yaml.Node | None) -> None:
        self._root = root

    def find(self, path: tuple[PathPart, ...], *, at_key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path``, or of the nearest ancestor found.

        A block value that starts on a later line than its key is located at its key; with
        ``at_key``, the last step is located at its key (an unknown key is the key's fault).
        """
        node = self._root
        if node is None:
            return (1, 1)
        mark = node.start_mark
        for step, part in enumerate(path, start=1):
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
            if at_key and key_mark is not None and step == len(path):
                mark = key_mark
        return (mark.line + 1, mark.column + 1)


def _guarded(tag: str, kind: str, hint: str) -> Callable[[Any, yaml.ScalarNode], Any]:
    """A constructor that turns Python's ValueError (``2023-13-01``, a 5000-digit number) into
    a ``YamlProblem`` at the value, instead of a traceback (``kind``: ``date`` or ``number``;
    ``hint``, a catalogue entry said in the language of the run)."""

    def construct(loader: Any, node: yaml.ScalarNode) -> Any:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        # Whatever the interpreter's own limit on digits (none before 3.10.7), a number longer
        # than any figure is refused before Python spends time reading it.
        if kind == "number" and len(node.value) > MAX_NUMBER_CHARS:
            raise YamlProblem(_("a number of {n} characters is too large to read").format(
                n=len(node.value)), _(hint), line, column)
        try:
            return original(loader, node)
        except (ValueError, OverflowError) as exc:
            shown = node.value if len(node.value) <= 40 else node.value[:40] + "…"
            message = (_("{shown} is not a valid date ({exc})") if kind == "date"
                       else _("{shown} is not a valid number ({exc})"))
            raise YamlProblem(message.format(shown=shown, exc=exc), _(hint), line,
                              column) from None

    original = _Loader.yaml_constructors[_CORE + tag]
    return construct


class _PlanLoader(_Loader):  # type: ignore[misc,valid-type]
    """The safe loader, with constructors that report bad dates and numbers at their position."""


for _tag, _kind, _hint in (("timestamp", "date", N_("write a date that exists, as YYYY-MM-DD")),
                           ("int", "number", N_("write a plain number of reasonable size")),
                           ("float", "number", N_("write a plain number of reasonable size"))):
    _PlanLoader.add_constructor(_CORE + _tag, _guarded(_tag, _kind, _hint))


_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent,
                yaml.MappingStartEvent)


def _count_values(text: str) -> None:
    """Refuse a document of more than ``MAX_NODES`` values while only parsing it: composing
    first would build every node (a 10 MB flow list took 40 s and 2 GB before being refused)."""
    count = 0
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, _NODE_EVENTS):
                count += 1
                if count > MAX_NODES:
                    mark = event.start_mark  # every event the parser gives has its mark
                    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                    raise YamlProblem(_("document has more than {MAX_NODES} values").format(MAX_NODES=MAX_NODES),
                                      _("split or shorten the file"), line, column)
    finally:
        loader.dispose()


def load(text: str) -> tuple[Any, Positions]:
    """Parse one YAML document. Raises ``YamlProblem`` with a position on any failure."""
    loader = _PlanLoader(text)
    try:
        _count_values(text)
        node = loader.get_single_node()
        if node is None:
            if text.strip():
                raise YamlProblem(_("file holds no data, only comments"),
                                  _("a plan starts with `plan:`"), 1, 1)
            raise YamlProblem(_("file is empty"), _("a plan starts with `plan:`"), 1, 1)
        _check_shape(node)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in message:  # libyaml's own limit, hit before _check_shape runs
            raise YamlProblem(_("values are nested more than {MAX_DEPTH} levels deep").format(MAX_DEPTH=MAX_DEPTH),
                              _("a plan is only a few levels deep; check the brackets"),
                              line, column) from None
        if isinstance(exc, yaml.constructor.ConstructorError):
            hint = _("plan files hold plain values only; remove the tag")
        elif "alias" in message:
            hint = _("plan files use no anchors or aliases; write the value out in full")
        elif "tab" in message or _char_at(text, line, column) == "\t":
            hint = _("indent with spaces, never with a tab")
        else:
            hint = _("check indentation, quotes and colons on this line or the one before it")
        raise YamlProblem(_("YAML error: {message}").format(message=_yaml_words(message)), hint,
                          line, column) from None
    except yaml.reader.ReaderError:
        # libyaml reports a byte offset, PyYAML a character offset: find the character ourselves.
        found = yaml.reader.Reader.NON_PRINTABLE.search(text)
        offset = found.start() if found else 0
        code = f"U+{ord(found.group()):04X}" if found else "a character"
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise YamlProblem(_("the control character {code} is not allowed in YAML").format(code=code),
                          _("remove it; plan files hold printable text only"), line, column) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(_("YAML error: {exc}").format(exc=exc), _("fix the YAML syntax"), 1, 1) from None
    except RecursionError:  # the pure-Python parser's way of meeting very deep nesting
        raise YamlProblem(
            _("values are nested more than {MAX_DEPTH} levels deep").format(MAX_DEPTH=MAX_DEPTH),
            _("a plan is only a few levels deep; check the brackets"), 1, 1
        ) from None
    finally:
        loader.dispose()
    return data, Positions(node)
