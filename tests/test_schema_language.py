"""`kpi schema` (and the tasks.schema.json `kpi init` writes) describes the plan file's fields in
the language of the run: an editor shows the descriptions as hover help to the people who edit
tasks.yaml. Keys, types, constraints and titles (the keys' names) are the same in every
language; only the descriptions and the schema's title differ."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest


def descriptions(node: Any, path: str = "") -> dict[str, str]:
    """Every description of a schema by where it is."""
    found: dict[str, str] = {}
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description":
                found[path] = value
            else:
                found.update(descriptions(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found.update(descriptions(item, f"{path}/{i}"))
    return found


def without(node: Any) -> Any:
    """The schema with neither descriptions nor its title."""
    if isinstance(node, dict):
        return {k: without(v) for k, v in node.items()
                if k != "description" and not (k == "title" and isinstance(v, str)
                                               and "tasks.yaml" in v)}
    if isinstance(node, list):
        return [without(item) for item in node]
    return node


@pytest.fixture
def schemas(kpi) -> dict[str, dict[str, Any]]:
    return {lang: json.loads(kpi("schema", "--lang", lang).stdout) for lang in ("zh", "en")}


def test_the_descriptions_follow_the_language_and_nothing_else_does(schemas) -> None:
    zh, en = schemas["zh"], schemas["en"]
    assert without(zh) == without(en)
    assert (zh["title"], en["title"]) == ("kpi 计划文件（tasks.yaml）", "kpi plan file (tasks.yaml)")
    chinese, english = descriptions(zh), descriptions(en)
    assert chinese.keys() == english.keys() and len(chinese) == 53
    target = "/$defs/Target/properties"
    assert chinese[f"{target}/unit"] == "单位，与原文完全一致：万千瓦仍写作万千瓦"
    assert english[f"{target}/unit"] == "the unit exactly as written: 万千瓦 stays 万千瓦"
    assert chinese[f"{target}/comparator"] == (
        "at_least（不少于）| at_most（不超过）| approx（左右）| maintain_at_least（保持不低于）")
    assert chinese["/$defs/Task/properties/lead"] == "牵头部门，按原文照录"
    assert chinese["/$defs/Grading"] == (
        "正常、预警、滞后之间的阈值：按落后于序时进度的百分点计；增速指标按低于目标的百分点计。")
    assert chinese[""] == "整个计划文件：文件信息、评定阈值、单位、部门、各部分和各项任务。"


def test_no_description_of_the_chinese_schema_is_left_in_english(schemas) -> None:
    """A field added without its Chinese (or a class the schema's table does not name) fails
    here: the only Latin words a Chinese description holds are the file's own keys and codes."""
    codes = {"kpi", "draft", "review", "rate", "kind", "increment", "level", "at_least",
             "at_most", "approx", "maintain_at_least", "task", "n", "YAML", "yaml", "tasks"}
    english = {path: text for path, text in descriptions(schemas["zh"]).items()
               if set(re.findall(r"[A-Za-z_]+", text)) - codes}
    assert english == {}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_new_workspace_holds_the_schema_of_its_language(kpi, tmp_path: Path, lang: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", lang)
    assert kpi("init", "ws").exit_code == 0
    written = (tmp_path / "ws" / "data" / "tasks.schema.json").read_text(encoding="utf-8")
    assert written == kpi("schema").stdout
    assert json.loads(written)["properties"]["units"]["description"] == {
        "zh": "指标可用的全部单位", "en": "every unit a target may use"}[lang]
