"""The package's imports run one way (ARCHITECTURE.md): no module imports, directly or through
others, a module that imports it. Imports inside functions count, and so do imports for the
type checker only: a cycle hidden in a function still makes two modules one.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "linzi_kpi"


def modules(root: Path = PACKAGE) -> dict[str, tuple[Path, bool]]:
    """Every module of the package by dotted name: (file, whether it is a package's __init__)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        found[".".join(parts)] = (path, is_package)
    return found


def imports_of(name: str, path: Path, is_package: bool, known: set[str]) -> set[str]:
    """The package's modules that ``name`` imports, wherever in the file the import is."""
    package = name.split(".") if is_package else name.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:  # `from . import spreadsheet` imports a module
                child = f"{module}.{alias.name}"
                out.add(child if child in known else module)
    return {m for m in out if m in known and m != name}


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    found = modules(root)
    return {name: imports_of(name, path, is_package, set(found))
            for name, (path, is_package) in found.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of ``graph`` as a path that ends where it starts, or [] when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return []


def test_the_package_has_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle == [], "import cycle: " + " → ".join(cycle)


def test_the_graph_sees_imports_inside_functions_and_relative_forms() -> None:
    graph = import_graph()
    assert "linzi_kpi.service" in graph["linzi_kpi.cli.common"]  # inside open_plan
    assert "linzi_kpi.importing" in graph["linzi_kpi.api"]  # inside a function
    assert "linzi_kpi.files.spreadsheet" in graph["linzi_kpi.files.intake"]  # from . import
    assert "linzi_kpi.errors" in graph["linzi_kpi.cli.common"]  # from ..errors import


def test_command_modules_import_common_and_not_each_other() -> None:
    graph = import_graph()
    # every command's, no command (forms.py: a report in the form asked, over common.py;
    # translated.py: the command classes)
    shared = {"linzi_kpi.cli.common", "linzi_kpi.cli.usage", "linzi_kpi.cli.forms",
              "linzi_kpi.cli.translated"}
    commands = {name for name in graph if name.startswith("linzi_kpi.cli.")} - shared
    for name in sorted(commands):
        assert "linzi_kpi.cli.common" in graph[name], name
        assert not graph[name] & (commands | {"linzi_kpi.cli"}), name
    assert {m for m in graph["linzi_kpi.cli.common"] if m.startswith("linzi_kpi.cli")} == {
        "linzi_kpi.cli.translated", "linzi_kpi.cli.usage"}
    assert {m for m in graph["linzi_kpi.cli.translated"] if m.startswith("linzi_kpi.cli")} == {
        "linzi_kpi.cli.usage"}
    assert not {m for m in graph["linzi_kpi.cli.usage"] if m.startswith("linzi_kpi.cli")}
    assert {m for m in graph["linzi_kpi.cli.forms"] if m.startswith("linzi_kpi.cli")} == {
        "linzi_kpi.cli.common"}


def test_the_library_never_imports_the_command_line() -> None:
    graph = import_graph()
    for name, imported in graph.items():
        if not name.startswith("linzi_kpi.cli") and name != "linzi_kpi.__main__":
            assert not {m for m in imported if m.startswith("linzi_kpi.cli")}, name


def test_a_cycle_is_found_and_named(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "a.py").write_text("from .sub import b\n", encoding="utf-8")
    (package / "sub" / "__init__.py").write_text("", encoding="utf-8")
    (package / "sub" / "b.py").write_text("def f():\n    from ..c import x\n", encoding="utf-8")
    (package / "c.py").write_text("import pkg.a\n", encoding="utf-8")
    assert find_cycle(import_graph(package)) == ["pkg.a", "pkg.sub.b", "pkg.c", "pkg.a"]
    (package / "c.py").write_text("x = 1\n", encoding="utf-8")
    assert find_cycle(import_graph(package)) == []


#: The commands built on the library: these modules (or, where named, this command of theirs)
#: reach the workflow only through ``api`` (``common.opened``, ``api.validate``), so that a
#: command and the API are one code path. Of ``recording`` they may take its words only: a
#: figure as read (``shown``), what was recorded already (``already_note``).
ON_THE_API = {"linzi_kpi.cli.status": None, "linzi_kpi.cli.record": None,
              "linzi_kpi.cli.plan": "validate"}
WORKFLOW = {"linzi_kpi.service", "linzi_kpi.recording", "linzi_kpi.importing"}
WORDS = {"shown", "already_note"}
#: What cli/common.py opens without the library (for the commands not yet on it).
AROUND_THE_API = {"workspace", "open_plan", "every_record"}


def _imported_names(node: ast.AST, name: str) -> list[tuple[str, str]]:
    """(module, name) of each ``from … import`` under ``node``; name '' for a whole module."""
    package = name.split(".")[:-1]
    found = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Import):
            found += [(alias.name, "") for alias in sub.names]
        elif isinstance(sub, ast.ImportFrom):
            base = package[:len(package) - sub.level + 1] if sub.level else []
            module = ".".join(base + ([sub.module] if sub.module else []))
            for alias in sub.names:
                if sub.module is None:  # `from .. import service`: the module itself
                    found.append((f"{module}.{alias.name}", ""))
                else:
                    found.append((module, alias.name))
    return found


def test_the_commands_on_the_api_reach_the_workflow_through_it() -> None:
    found = modules()
    for name, function in ON_THE_API.items():
        tree: ast.AST = ast.parse(found[name][0].read_text(encoding="utf-8"))
        if function is not None:
            tree = next(n for n in ast.walk(tree)
                        if isinstance(n, ast.FunctionDef) and n.name == function)
        imported = _imported_names(tree, name)
        for module, what in imported:
            assert module not in WORKFLOW or what in WORDS, (name, module, what)
            assert module != "linzi_kpi.cli.common" or what not in AROUND_THE_API, (name, what)
        assert any(module == "linzi_kpi.api" or (module, what) == ("linzi_kpi.cli.common", "opened")
                   for module, what in imported), name


def test_the_check_of_the_commands_on_the_api_sees_a_workflow_call() -> None:
    source = "def validate():\n    from .. import service\n    from ..recording import withdraw\n"
    names = _imported_names(ast.parse(source), "linzi_kpi.cli.plan")
    assert names == [("linzi_kpi.service", ""), ("linzi_kpi.recording", "withdraw")]
