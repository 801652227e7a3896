"""What `kpi init` writes is in the language of the run: the README, the comments of the plan
stub and of the git files (the YAML keys, the schema's, and the placeholders （…）, the plan's
own words, the same in every language). A fresh workspace validates but for its three
placeholders in both languages, and with them filled in it passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linzi_kpi.i18n import choose
from linzi_kpi.ledger import git_files

#: The plan stub under zh, line by line (KPI_TODAY is in 2024).
STUB_ZH = """\
# yaml-language-server: $schema=./tasks.schema.json
#
# 本文件是 kpi 跟踪的工作计划，以数据写成。先填写下面的文件信息：替换每处（…），改好日期；
# 再把文件原文逐字放入 source/plan.txt（UTF-8 编码），然后添加各部分和各项任务：
# 每项任务的全文、每个指标的原句都须从原文逐字照录，`kpi validate` 会逐一核对。
# `kpi schema` 说明每个字段。一项任务的写法如下：
#
#   - number: 1
#     section: 1
#     title: （任务标题，原文第一个“。”之前）
#     text: "（任务全文，与原文一字不差）"
#     lead: ["（牵头部门）"]
#     responsible: ["（责任部门）"]
#     targets:
#       - id: "1.1"
#         label: （简称）
#         quote: "（原文中写明数字的那一句）"
#         target: （数字，照原文）
#         unit: （单位，照原文，须在 units 中）
#         comparator: at_least   # 另可取 at_most（不超过）、approx（左右）、maintain_at_least（稳定在/保持在…以上）
#         kind: increment        # 另可取 level（应达到的存量或比率）、rate（增速，如增长8%以上）

plan:
  title: （文件标题）
  issuer: （发文机关）
  document_number: （文号）
  issued: 2024-01-01       # 发文日期
  period_start: 2024-01-01
  period_end: 2024-12-31
  source: source/plan.txt

# 对照序时进度评定，按落后的百分点计（公布的红黄绿灯规则）；增速指标（kind: rate）
# 按低于目标的百分点计：
grading:
  at_risk_gap: 0.10
  off_track_gap: 0.30
  approx_tolerance: 0.05
  rate_at_risk_points: 1.0
  rate_off_track_points: 3.0

units: []          # 指标所用的全部单位，按原文照录：[家, 个, 亿元, "%"]
departments: []    # - name: 区发改局   （其他写法列入 aliases: [..]；集体名称加 collective: true）
sections: []       # - {number: 1, title: （部分标题）}
tasks: []
"""

README_ZH = """\
# 临淄区2024

`kpi` 工作区：工作计划中的量化指标，逐月对照序时进度跟踪。

| 路径 | 内容 |
| --- | --- |
| `data/tasks.yaml` | 计划：各部分、任务和指标，均逐字引自原文 |
| `data/source/` | 计划文件的文本（UTF-8），`kpi validate` 据此核对引文 |
| `data/progress/*.csv` | 账本：每个数值一行，由 `kpi record` 和 `kpi import` 追加 |

第一步：让 kpi 根据计划文件起草计划，存入新文件夹，供您审核：
`kpi init FOLDER --from DOCUMENT`（或 `kpi draft DOCUMENT --out FOLDER`）会新建一个
与本工作区相同、已起草好计划的工作区。也可以在本工作区手工填写：把文件原文放入
`data/source/plan.txt`，替换 `data/tasks.yaml` 中的所有占位内容（…），添加各部分和
各项任务，然后在此运行 `kpi validate`，直到不再发现问题。

每月：

```sh
kpi template --dept 区发改局 区发改局-2023-06.xlsx   # 为部门生成月报模板
kpi import returns/*.xlsx returns/*.ods             # 导入各部门报表，全部录入或全不录入
kpi status --as-of 2023-06-30                       # 查看各指标进展
kpi report --html 通报-2023-06.html                  # 生成通报
```

在 git 中，账本会自动合并：`data/progress/.gitattributes` 让账本文件按 union 方式合并
（两个分支各自录入的数值，合并后两边的行都保留），`data/progress/.gitignore`
则把 kpi 的锁文件排除在仓库之外。
"""


@pytest.mark.lang("zh")
def test_a_chinese_run_writes_a_chinese_workspace(kpi, tmp_path: Path) -> None:
    assert kpi("init", "临淄区2024").exit_code == 0
    root = tmp_path / "临淄区2024"
    assert (root / "data" / "tasks.yaml").read_text(encoding="utf-8") == STUB_ZH
    assert (root / "README.md").read_text(encoding="utf-8") == README_ZH
    assert (root / ".gitignore").read_text(encoding="utf-8") == (
        "# kpi 的锁文件（data/progress/.gitignore 也已将其忽略）\n.kpi.lock\n.venv/\n__pycache__/\n")
    progress = root / "data" / "progress"
    assert (progress / ".gitattributes").read_text(encoding="utf-8") == (
        "# kpi：账本文件只增加行；合并时保留两边的行\n*.csv merge=union\n")
    assert (progress / ".gitignore").read_text(encoding="utf-8") == (
        "# kpi：锁文件和录入中途的回滚日志只属于本机，不提交\n.kpi.lock\n.kpi-journal\n")


def test_an_english_run_writes_an_english_workspace(kpi, tmp_path: Path) -> None:
    assert kpi("--lang", "en", "init", "ws").exit_code == 0
    root = tmp_path / "ws"
    plan = (root / "data" / "tasks.yaml").read_text(encoding="utf-8").splitlines()
    assert plan[2:6] == [
        "# The plan kpi tracks, as data. Fill in the document's details below (every value in "
        "（…） and",
        "# the dates), put the document's text in source/plan.txt (UTF-8, verbatim), then add its",
        "# sections and tasks: each task's text and each target's quote copied verbatim from it, "
        "which",
        "# `kpi validate` checks. `kpi schema` describes every field. A task looks like this:"]
    for line in ["  issued: 2024-01-01       # the issue date",
                 "# Grading against 序时进度, in points behind it (the published 红黄绿灯 rule); a "
                 "rate (kind: rate)",
                 "departments: []    # - name: 区发改局   (aliases: [..] for other spellings; "
                 "collective: true)"]:
        assert line in plan
    readme = (root / "README.md").read_text(encoding="utf-8").splitlines()
    assert readme[:5] == ["# ws", "", "A `kpi` workspace: a work plan's numeric targets, tracked "
                          "month by month against", "time-proportional progress (序时进度).", ""]
    assert "Each month:" in readme
    assert (root / ".gitignore").read_text(encoding="utf-8").startswith(
        "# kpi's lock file (also ignored by data/progress/.gitignore)\n")
    assert (root / "data" / "progress" / ".gitattributes").read_text(encoding="utf-8") == (
        "# kpi: ledger files only gain lines; a merge keeps the lines of both sides\n"
        "*.csv merge=union\n")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_fresh_workspace_validates_in_either_language(kpi, tmp_path: Path, lang: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", lang)
    assert kpi("init", "ws").exit_code == 0
    root = tmp_path / "ws"
    monkeypatch.chdir(root)
    result = kpi("validate", "--format", "json")  # its comments read as comments: only the three
    assert result.exit_code == 1                    # placeholders are for a person to fill in
    assert [(p["path"], p["title"]) for p in json.loads(result.stdout)["problems"]] == [
        ("plan.title", "placeholder"), ("plan.issuer", "placeholder"),
        ("plan.document_number", "placeholder")]
    plan = root / "data" / "tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    for placeholder, value in [("（文件标题）", "示例区2024年重点工作任务"),
                               ("（发文机关）", "示例区人民政府办公室"), ("（文号）", "示政办发〔2024〕1号")]:
        text = text.replace(f": {placeholder}\n", f": {value}\n")
    plan.write_text(text, encoding="utf-8")
    result = kpi("validate")
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.lang("zh")
def test_a_drafted_workspace_says_its_first_step_in_chinese(kpi, tmp_path: Path) -> None:
    (tmp_path / "plan.txt").write_text("示例区2024年重点工作任务\n\n1.新增各类充电桩1200个。（区发改局）\n",
                                       encoding="utf-8")
    assert kpi("draft", "plan.txt", "--out", "ws").exit_code == 0
    readme = (tmp_path / "ws" / "README.md").read_text(encoding="utf-8").splitlines()
    assert readme[10:13] == [
        "第一步：`data/tasks.yaml` 是根据 `data/source/plan.txt` 起草的草稿。请对照原文核对标记",
        "`review: draft` 的每一项，修正后删除其 review 行；`kpi validate`（在此运行）会列出",
        "尚待审核的内容，`kpi targets` 和 `kpi status` 已可在草稿上使用。"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_ledger_folder_git_files_are_in_the_language_of_the_run(lang: str) -> None:
    choose(lang)
    try:
        files = git_files()
    finally:
        choose(None)
    assert files[".gitattributes"].splitlines()[1:] == ["*.csv merge=union"]
    assert files[".gitignore"].splitlines()[1:] == [".kpi.lock", ".kpi-journal"]
    assert files[".gitattributes"].startswith("# kpi：" if lang == "zh" else "# kpi: ")


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", "错误：未知指标 '1.1'（计划中还没有指标或任务：请先在 tasks.yaml 中添加任务，再运行 kpi validate）\n"),
    ("en", "error: unknown target '1.1' (the plan has no target or task yet: add its tasks to "
           "tasks.yaml, then run kpi validate)\n")], ids=["zh", "en"])
def test_a_figure_for_a_fresh_plan_says_it_has_no_targets_yet(
        kpi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, expected: str) -> None:
    """It said "use ; `kpi targets` lists them": no example id to give, and none to list."""
    monkeypatch.setenv("KPI_LANG", lang)
    assert kpi("init", "ws").exit_code == 0
    monkeypatch.chdir(tmp_path / "ws")
    result = kpi("record", "1.1", "5")
    assert (result.exit_code, result.stderr) == (1, expected)
