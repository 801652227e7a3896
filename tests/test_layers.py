"""Imports go down the layers, never up: the layers are ARCHITECTURE.md's module map, read from
it here, so that the map and the code cannot drift apart."""

from __future__ import annotations

import re
from pathlib import Path

from test_architecture import PACKAGE, import_graph, modules

MAP = PACKAGE.parent.parent / "ARCHITECTURE.md"

#: Upward imports allowed: none (the wording lives below render/, in words.py and the
#: catalogues).
ALLOWED: set[tuple[str, str]] = set()


def layers(text: str) -> list[tuple[str, list[str]]]:
    """The module map's layers, top first, each with the modules and packages its rows name
    (``cli/`` or ``cli/common.py`` → ``cli``; ``load.py`` → ``load``)."""
    table = text.split("## Module map", 1)[1].split("\n\n", 2)[1]
    found: list[tuple[str, list[str]]] = []
    for row in table.splitlines()[2:]:
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if cells[0]:
            found.append((cells[0], []))
        for name in re.findall(r"`([\w/]+(?:\.py|/))`", cells[1]):
            if "/" in name:
                found[-1][1].append(name.split("/")[0])
            elif (PACKAGE / name).is_file():
                found[-1][1].append(name.removesuffix(".py"))
    return found


def rank_of(module: str, mapped: list[tuple[str, list[str]]]) -> int:
    """How high ``module`` sits (0 for the lowest layer); -1 when the map does not place it."""
    top = module.split(".")[1] if "." in module else "__init__"
    for height, (_, names) in enumerate(reversed(mapped)):
        if top in names:
            return height
    return -1


def test_the_map_places_every_module() -> None:
    mapped = layers(MAP.read_text(encoding="utf-8"))
    assert [layer for layer, _ in mapped] == ["commands", "workflow", "files", "presentation",
                                              "computation", "storage", "rules", "data"]
    unplaced = [m for m in modules() if rank_of(m, mapped) < 0 and m != "linzi_kpi"]
    assert unplaced == [], "add these to ARCHITECTURE.md's module map"


def test_no_module_imports_a_module_of_a_higher_layer() -> None:
    mapped = layers(MAP.read_text(encoding="utf-8"))
    upward = [f"{a} → {b}" for a, imported in sorted(import_graph().items())
              for b in sorted(imported)
              if rank_of(b, mapped) > rank_of(a, mapped) and (a, b) not in ALLOWED]
    assert upward == []


def test_an_upward_import_is_found(tmp_path: Path) -> None:
    mapped = [("top", ["cli"]), ("bottom", ["model"])]
    assert rank_of("linzi_kpi.cli.common", mapped) == 1
    assert rank_of("linzi_kpi.model", mapped) == 0
    assert rank_of("linzi_kpi.unknown", mapped) == -1
    package = tmp_path / "linzi_kpi"
    (package / "cli").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "cli" / "__init__.py").write_text("from ..model import x\n", encoding="utf-8")
    (package / "model.py").write_text("def f():\n    from .cli import y\n", encoding="utf-8")
    graph = import_graph(package)
    assert [(a, b) for a, bs in graph.items() for b in bs
            if rank_of(b, mapped) > rank_of(a, mapped)] == [("linzi_kpi.model", "linzi_kpi.cli")]
