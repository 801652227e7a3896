"""One workspace from draft to status: ``kpi draft DOC --out DIR``, ``kpi init DIR --from DOC``
and ``kpi init DIR`` make the same layout; from inside it the everyday commands need no option;
the placeholders of ``kpi init``'s stub are validate problems.

The document drafted is the made-up example plan in examples/plans/ (its offices and figures
are invented for the tests).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "examples" / "plans" / "dongling-2024" / "source" / "dongling-2024.txt"


def files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_draft_and_init_make_the_same_layout(kpi, tmp_path: Path) -> None:
    assert kpi("init", "empty").exit_code == 0
    drafted = kpi("draft", str(DOCUMENT), "--out", "drafted")
    assert (drafted.exit_code, drafted.stderr) == (0, "")
    assert drafted.stdout == (
        "drafted drafted/data/tasks.yaml: 8 tasks in 3 sections, 19 targets, 15 department "
        "names, all marked review: draft\n"
        "next: check each against drafted/data/source, delete its review line, then run kpi "
        "validate in drafted\n")
    assert kpi("init", "fromdoc", "--from", str(DOCUMENT)).stdout == drafted.stdout.replace(
        "drafted/", "fromdoc/").replace("in drafted", "in fromdoc")
    shared = [".gitignore", "README.md", "data/progress/.gitattributes",
              "data/progress/.gitignore", "data/tasks.schema.json", "data/tasks.yaml"]
    assert files(tmp_path / "empty") == sorted([*shared, "data/source/plan.txt"])
    assert files(tmp_path / "drafted") == sorted([*shared, "data/source/dongling-2024.txt"])
    assert files(tmp_path / "fromdoc") == files(tmp_path / "drafted")
    for name in ("data/tasks.yaml", "data/source/dongling-2024.txt", "data/tasks.schema.json"):
        assert (tmp_path / "fromdoc" / name).read_bytes() == (tmp_path / "drafted" / name).read_bytes()
    assert (tmp_path / "drafted" / "data" / "source" / "dongling-2024.txt").read_bytes() == \
        DOCUMENT.read_bytes()
    readme = (tmp_path / "drafted" / "README.md").read_text(encoding="utf-8")
    assert "`data/tasks.yaml` is a draft of `data/source/dongling-2024.txt`" in readme
    assert "kpi init FOLDER --from DOCUMENT" in (tmp_path / "empty" / "README.md").read_text(
        encoding="utf-8")


def test_inside_a_drafted_workspace_the_commands_need_no_option(
        kpi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "en")
    assert kpi("init", "plan-2024", "--from", str(DOCUMENT)).exit_code == 0
    monkeypatch.chdir(tmp_path / "plan-2024")
    checked = kpi("validate", "--format", "json")
    assert checked.exit_code == 1
    titles = {p["title"] for p in json.loads(checked.stdout)["problems"]}
    assert titles == {"draft"}  # only what a reviewer must still check
    targets = kpi("targets", "--format", "json")
    assert targets.exit_code == 0 and len(json.loads(targets.stdout)) == 19
    status = kpi("status", "--format", "json")
    assert status.exit_code == 0 and len(json.loads(status.stdout)["targets"]) == 19
    pytest.importorskip("openpyxl")
    template = kpi("template", "june.xlsx")
    assert template.exit_code == 0, template.stderr
    assert template.stdout.startswith("wrote june.xlsx: 19 targets")


def test_a_drafted_workspace_refuses_a_folder_that_is_not_empty(kpi, tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "notes.md").write_text("mine", encoding="utf-8")
    result = kpi("init", "ws", "--from", str(DOCUMENT))
    assert (result.exit_code, result.stderr) == (
        2, "error: ws is not empty; name a new or empty folder\n")
    assert files(tmp_path / "ws") == ["notes.md"]


def test_the_stubs_placeholders_are_problems_with_a_fix_but_do_not_stop_status(
        kpi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "en")
    assert kpi("init", "ws").exit_code == 0
    monkeypatch.chdir(tmp_path / "ws")
    plan = Path("data/tasks.yaml")
    text = plan.read_text(encoding="utf-8")
    text = text.replace("title: （文件标题）", "title: 示例区2024年重点工作任务")
    text = text.replace("sections: []       # - {number: 1, title: （部分标题）}",
                        "sections:\n  - {number: 1, title: （部分标题）}")
    plan.write_text(text, encoding="utf-8")
    result = kpi("validate", "--format", "json")
    problems = json.loads(result.stdout)["problems"]
    assert [(p["path"], p["message"]) for p in problems if p["title"] == "placeholder"] == [
        ("plan.issuer", "（发文机关） is a placeholder kpi init wrote, not the document's words"),
        ("plan.document_number", "（文号） is a placeholder kpi init wrote, not the document's words"),
        ("sections[0].title", "（部分标题） is a placeholder kpi init wrote, not the document's words"),
    ]
    assert problems[0]["hint"] == ("write what the document says in its place (kpi init FOLDER "
                                   "--from DOCUMENT drafts a plan from the document for you to "
                                   "review)")
    assert kpi("status").exit_code == 1  # an empty section is a fault, not a placeholder
    text = plan.read_text(encoding="utf-8").replace(
        "sections:\n  - {number: 1, title: （部分标题）}", "sections: []")
    plan.write_text(text, encoding="utf-8")
    status = kpi("status")
    assert (status.exit_code, status.stdout.splitlines()[:1]) == (0, ["示例区2024年重点工作任务"])
    plan.write_text(text.replace("（发文机关）", "示例区人民政府办公室")
                    .replace("（文号）", "示政办字〔2024〕1号"), encoding="utf-8")
    assert kpi("validate").exit_code == 0
