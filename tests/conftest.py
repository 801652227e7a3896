"""Shared fixtures: a small plan of the tests' own, a fresh copy of the shipped data, and a CLI
runner.

Every test works in its own temporary data folder; nothing a test does touches ``data/``.
A unit test that needs a few targets uses ``small_plan`` (three tasks the tests own), so that
correcting a figure in ``data/tasks.yaml`` changes no test; a test about the shipped plan uses
``data_dir`` and names its targets by id or label (``path_of("23.1")``), never by position.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from linzi_kpi.cli import app

# Under CI the property tests draw the same examples on every run (derandomize), so that a
# failure there is one anyone can repeat, and keep no example database; elsewhere they explore.
# Loaded here, before any test module builds its own ``settings(...)``, which inherit it.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

#: The day tests pretend it is, unless they set KPI_TODAY themselves.
TODAY = "2024-03-01"


#: The language of a test that names none (``@pytest.mark.lang("zh")`` on a test or a module's
#: ``pytestmark`` names one): English, the language of the messages the tests assert.
DEFAULT_LANG = "en"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, request: pytest.FixtureRequest,
              ) -> Iterator[None]:
    """No test depends on the caller's environment or folder."""
    # COLUMNS and LINES too: a test prints at Rich's width for output that is not a terminal
    # (80 columns) unless it asks for another (the ``columns`` fixture: 80 and 120); the
    # locale too: the language is the test's (its ``lang`` mark, else DEFAULT_LANG)
    for name in ("KPI_DATA_DIR", "KPI_LANG", "KPI_USER", "NO_COLOR", "GITHUB_STEP_SUMMARY",
                 "COLUMNS", "LINES", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KPI_TODAY", TODAY)
    monkeypatch.setenv("KPI_USER", "tester")
    monkeypatch.setenv("KPI_CACHE_DIR", str(tmp_path / "plan-cache"))
    monkeypatch.chdir(tmp_path)
    mark = request.node.get_closest_marker("lang")
    # apart from the test's own monkeypatch, whose undo() must not take the language away
    with pytest.MonkeyPatch.context() as language:
        language.setenv("KPI_LANG", mark.args[0] if mark else DEFAULT_LANG)
        yield


#: The source document of the small plan. Illustrative: made up for the tests (示例), not a real
#: notice; its figures are not the shipped plan's and need not follow it.
SMALL_SOURCE = """示例区人民政府办公室
示例区2023年重点工作任务(测试用示例)

一、推动绿色发展

1.建设充电设施。新增各类充电桩1200个,实施重点项目8个左右,新建改造道路116.1公里,\
到2025年新增公共充电站50处。(牵头部门:区发改局,责任部门:区交通运输局)

2.守住发展底线。高新技术企业数量达到170家,生活污水处理率达到95%,粮食播种面积稳定在56万亩以上,\
建成区黑臭水体动态清零。(责任部门:区科技局、区农业农村局)

二、抓好组织实施

3.加强组织领导。各镇、街道要压实责任,确保各项任务落到实处。(责任部门:各镇、街道)
"""

#: The small plan: three tasks, eight targets, one of each comparator and kind, a deadline
#: beyond the period (1.4), a rate (2.2), and a task tracked by its state only (3).
SMALL_PLAN = """\
# A three-task plan for the tests (illustrative: see source/example.txt).
plan:
  title: 示例区2023年重点工作任务
  issuer: 示例区人民政府办公室
  document_number: 示政办字〔2023〕1号
  issued: 2023-03-01
  period_start: 2023-01-01
  period_end: 2023-12-31
  source: source/example.txt

grading:
  at_risk_gap: 0.10
  off_track_gap: 0.30
  approx_tolerance: 0.05

units: [个, 家, 处, 公里, 万亩, "%"]
count_units: [个, 家, 处]

departments:
  - name: 区发改局
  - name: 区交通运输局
  - name: 区科技局
  - name: 区农业农村局
    aliases: ["区农业局"]
  - name: 各镇、街道
    collective: true

sections:
  - {number: 1, title: 推动绿色发展}
  - {number: 2, title: 抓好组织实施}

tasks:
  - number: 1
    section: 1
    title: 建设充电设施
    text: "1.建设充电设施。新增各类充电桩1200个,实施重点项目8个左右,新建改造道路116.1公里,\
到2025年新增公共充电站50处。(牵头部门:区发改局,责任部门:区交通运输局)"
    lead: ["区发改局"]
    responsible: ["区交通运输局"]
    targets:
      - {id: "1.1", label: 新增充电桩, quote: "新增各类充电桩1200个", target: 1200, unit: 个,
         comparator: at_least, kind: increment}
      - {id: "1.2", label: 重点项目, quote: "实施重点项目8个左右", target: 8, unit: 个,
         comparator: approx, kind: increment}
      - {id: "1.3", label: 新建改造道路, quote: "新建改造道路116.1公里", target: 116.1, unit: 公里,
         comparator: at_least, kind: increment}
      - {id: "1.4", label: 公共充电站, quote: "到2025年新增公共充电站50处", target: 50, unit: 处,
         comparator: at_least, kind: increment, deadline: 2025-12-31}

  - number: 2
    section: 1
    title: 守住发展底线
    text: "2.守住发展底线。高新技术企业数量达到170家,生活污水处理率达到95%,粮食播种面积稳定在56万亩以上,\
建成区黑臭水体动态清零。(责任部门:区科技局、区农业农村局)"
    responsible: ["区科技局", "区农业农村局"]
    targets:
      - {id: "2.1", label: 高新技术企业数量, quote: "高新技术企业数量达到170家", target: 170,
         unit: 家, comparator: at_least, kind: level}
      - {id: "2.2", label: 生活污水处理率, quote: "生活污水处理率达到95%", target: 95, unit: "%",
         comparator: at_least, kind: level}
      - {id: "2.3", label: 粮食播种面积, quote: "粮食播种面积稳定在56万亩以上", target: 56,
         unit: 万亩, comparator: maintain_at_least, kind: level}
      - {id: "2.4", label: 黑臭水体, quote: "建成区黑臭水体动态清零", target: 0, unit: 处,
         comparator: at_most, kind: level}

  - number: 3
    section: 2
    title: 加强组织领导
    text: "3.加强组织领导。各镇、街道要压实责任,确保各项任务落到实处。(责任部门:各镇、街道)"
    responsible: ["各镇、街道"]
"""


#: The expected output of reports on the shipped plan, one file each, written by
#: ``python -m pytest -m golden --update-golden`` (and read back by every other run).
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="write tests/golden/ from what the golden tests print (after a "
                          "corrected figure in data/), instead of comparing with it")


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """``golden(name, text)``: ``text`` must equal ``tests/golden/name`` (under
    ``--update-golden``, it is written there first). Only tests marked ``golden`` use it."""
    assert request.node.get_closest_marker("golden"), "mark the test @pytest.mark.golden"

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        assert path.exists(), f"no {path.name}: run python -m pytest -m golden --update-golden"
        assert text == path.read_bytes().decode("utf-8")

    return check


def write_small_plan(folder: Path) -> Path:
    """Write the small plan (tasks.yaml and its source) into ``folder``; return ``folder``."""
    (folder / "source").mkdir(parents=True, exist_ok=True)
    (folder / "source" / "example.txt").write_text(SMALL_SOURCE, encoding="utf-8")
    (folder / "tasks.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    return folder


@pytest.fixture
def small_plan(tmp_path: Path) -> Path:
    """The small plan with an empty ledger, as ./data (where ``kpi`` finds it)."""
    return write_small_plan(tmp_path / "data")


@pytest.fixture(scope="session")
def small_plan_model(tmp_path_factory: pytest.TempPathFactory):
    """The small plan, loaded and checked once (a ``Plan`` for the pure functions' tests)."""
    from linzi_kpi.load import load_plan

    loaded = load_plan(write_small_plan(tmp_path_factory.mktemp("small")) / "tasks.yaml")
    assert loaded.problems == [] and loaded.plan is not None
    return loaded.plan


@pytest.fixture(params=[80, 120], ids=lambda n: f"{n}cols")
def columns(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """The terminal width a rendering test prints at: a narrow terminal and a wide one."""
    monkeypatch.setenv("COLUMNS", str(request.param))
    return request.param


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the shipped plan (tasks.yaml and its source) with an empty ledger, as ./data."""
    target = tmp_path / "data"
    target.mkdir()
    shutil.copy(DATA / "tasks.yaml", target / "tasks.yaml")
    shutil.copytree(DATA / "source", target / "source")
    return target


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def kpi():
    """Run ``kpi ARGS…`` in-process; returns exit code, stdout and stderr apart."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return run


def edit(data_dir: Path, after: str, old: str, new: str) -> int:
    """Replace the first ``old`` that follows the one place ``after`` occurs in the plan of
    ``data_dir``; return its line, so that a test's expected text names it."""
    path = data_dir / "tasks.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(after) == 1, f"{after!r} must occur exactly once"
    at = text.index(old, text.index(after))
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return text.count("\n", 0, at) + 1


@functools.cache
def _shipped_tasks() -> list[dict]:
    import yaml

    return yaml.safe_load((DATA / "tasks.yaml").read_text(encoding="utf-8"))["tasks"]


def shipped(key: str) -> dict:
    """Target ``key`` (``"23.1"``) of the shipped plan as its YAML has it: a test of the shipped
    data reads the figure, quote and unit it expects from here, so that a corrected figure in
    ``data/tasks.yaml`` (and its source) changes what the test expects, not whether it passes."""
    for task in _shipped_tasks():
        for target in task.get("targets") or ():
            if target["id"] == key:
                return dict(target)
    raise KeyError(f"{key} is not in the shipped plan")


def said(kpi, key: str, value: object, date: str = "2023-06-30") -> str:
    """The line ``kpi record KEY VALUE --date DATE`` confirms (checked, nothing written): a test
    of another way in (a return, a sheet) expects the same line for the same figure, without
    pinning the plan's figure, its progress or its status. Ask before recording anything."""
    result = kpi("record", key, str(value), "--date", date, "--dry-run")
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()[0] + "\n"


def path_of(key: str) -> str:
    """Where target ``key`` (``"23.1"``) or task ``key`` (``"23"``) sits in the shipped plan, as a
    problem names it (``tasks[22].targets[0]``): tests name a target by what it is, so that a
    task added to or removed from ``data/tasks.yaml`` moves no expected message."""
    for ti, task in enumerate(_shipped_tasks()):
        if str(task["number"]) == key:
            return f"tasks[{ti}]"
        for gi, target in enumerate(task.get("targets") or ()):
            if target["id"] == key:
                return f"tasks[{ti}].targets[{gi}]"
    raise KeyError(f"{key} is not in the shipped plan")


def validate(kpi) -> tuple[int, str]:
    """``kpi validate``: its exit code and its report, with nothing on stderr."""
    result = kpi("validate")
    assert result.stderr == ""
    return result.exit_code, result.stdout


@pytest.fixture(scope="session")
def _shared_plan_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("shared-plan-cache")


@pytest.fixture
def warm_plan_cache(_shared_plan_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One plan cache for a module's tests (it is keyed by content, so sharing it is safe):
    each test then skips parsing the plan again, which is most of its time."""
    monkeypatch.setenv("KPI_CACHE_DIR", str(_shared_plan_cache))


def soffice_convert(source: Path, to: str, out_dir: Path) -> Path:
    """Convert with LibreOffice, as a person would with 另存为; its own profile, so that runs in
    parallel (or a desktop LibreOffice) do not share one."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
    profile = (out_dir / "lo-profile").as_uri()
    done = subprocess.run([program, f"-env:UserInstallation={profile}", "--headless",
                           "--convert-to", to, "--outdir", str(out_dir), str(source)],
                          capture_output=True, text=True, timeout=180,
                          env=dict(os.environ, HOME=str(out_dir)))
    converted = out_dir / (source.stem + "." + to.split(":")[0])
    assert done.returncode == 0 and converted.is_file(), done.stdout + done.stderr
    return converted


# ---------------------------------------------------------------- drafts


def header(yaml_text: str) -> list[str]:
    """The lines of a draft's header comment that say the layout recognised (``#   …``)."""
    return [line[4:] for line in yaml_text.splitlines() if line.startswith("#   ")]


def loads_clean(yaml_text: str, source: str, tmp_path: Path) -> None:
    """The draft loads as a plan whose only problems are its review lines."""
    (tmp_path / "source").mkdir(exist_ok=True)
    (tmp_path / "source" / "x.txt").write_text(source, encoding="utf-8")
    (tmp_path / "tasks.yaml").write_text(yaml_text, encoding="utf-8")
    from linzi_kpi.load import load_plan

    loaded = load_plan(tmp_path / "tasks.yaml")
    assert [p.message for p in loaded.problems if p.title != "draft"] == []
