"""The words of the bulletin (``kpi report``) in each edition, ``--lang zh|en``.

Plan text (titles, labels, department names, the document's own title) stays as written;
statuses and states come from ``labels.py``, the one table of their words.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "html_lang": "zh-CN",
        "dept_title": "{name} 工作进度（截至 {as_of}）",
        "dept_page": "部门进度",
        "dept_line": "{name}牵头 {lead} 项、参与（责任）{shared} 项。",
        "dept_counts": "牵头的：{counts}。", "dept_shared_counts": "参与的：{counts}。",
        "dept_owes": "{month}尚有 {n} 项未报送，见下。", "dept_owes_none": "{month}应报的均已报送。",
        "dept_owed": "{month}未报送", "last": "最近一次报送",
        "lead_part": "牵头（{n} 项）", "shared_part": "参与（责任，{n} 项）", "none": "无",
        "overview_targets": "截至 {as_of}，{targets} 个数值指标中，{counts}。",
        "overview_tasks": "{tasks} 项任务中，{counts}。",
        "overview_owed": "{month}有 {n} 项未报送，涉及 {depts} 个部门（见“未报送”）。",
        "overview_all_in": "{month}各项均已报送。",
        "n_targets": "{status} {n} 个", "n_tasks": "{status} {n} 项", "list_sep": "、",
        "by_status": "各指标状态",
        "group": "{status}（{n} 个）",
        "no_data_line": "另有 {n} 个指标尚无数据，应报部门见“未报送”。",
        "gap": "落后百分点", "note": "备注", "lead_dept": "牵头部门",
        "unreported": "{month}未报送（按应报部门）",
        "unreported_note": ("应报部门：计划为指标（或任务）指定的报送部门（reporter）；"
                            "未指定的，为任务的第一个牵头部门，无牵头部门时为第一个非集体名称的责任部门。"
                            "已完成的指标和任务不在其列。"),
        "owed_items": "未报送的指标和任务", "n_items": "项数", "nobody": "（未明确应报部门）",
        "sections_without": "以下部分无数值指标，不在图中：{names}。",
        "ranking_rule": ("排序规则：落后比例 =（未完成、滞后、预警的项数 + 本部门应报而无数据的项数）÷ 本部门全部项数，"
                         "比例高者在前；无数据的指标计入应报部门，与一项滞后同等计算，未报送不会使排名靠后。"),
        "all_figures": "截至 {as_of} 无任何报送数据。",
        "title": "{plan} 进度通报（截至 {as_of}）",
        "bulletin": "进度通报", "as_of": "截至", "expected": "序时进度",
        "overview": "总体情况",
        "overview_line": "共 {targets} 个数值指标、{tasks} 项任务（任务：{task_line}）。",
        "sep": "，",
        "by_section": "各部分指标状态",
        "changes": "本期变化（{start} 至 {end}）",
        "changes_line": "状态变化 {moves} 个，新报数据 {new} 条，{month}未报送 {stale} 个。",
        "month": "{d:%Y年%m月}",
        "stale_by_dept": "{month}未报送（按牵头部门）",
        "behind": "按当前进度将无法完成（{n} 个）",
        "rules": ("两种口径：<b>状态</b>按序时进度评定——完成进度落后序时进度不足 {at_risk} 个百分点为正常，"
                  "{at_risk}–{off_track} 个百分点为预警，超过 {off_track} 个百分点为滞后；<b>预计</b>按截至目前的"
                  "速度直线推算到期限，落后序时进度即会差一些。两者不一致时，该行说明原因。"),
        "flag_short": "（状态为{status}：完成 {progress}，序时进度 {expected}，落后 {gap} 个百分点，"
                      "不足预警线 {at_risk} 个百分点；按当前速度推算到期限则差一些）",
        "flag_making": "以下指标状态为预警或滞后，但按当前速度到期限可以完成：{ids}",
        "departments": "各部门情况",
        "departments_note": "每格：牵头/责任（牵头部门对任务负总责）；按落后所占比例排序，规则见表下。",
        "targets": "各指标进度",
        "targets_note": "完成进度条：色块为已完成的比例，黑色竖线为序时进度。"
                        "趋势：每次报送的数值，虚线为序时应达到的进度。",
        "tasks": "无数值任务",
        "brief_footer": ("由 kpi 生成。截至 {as_of}，按各指标截至当日的最新报送数据计算；"
                         "序时进度 = 期初至当日天数 ÷ 期初至期限天数。"),
        "footer": ("由 kpi 生成。截至 {as_of}，按各指标截至当日的最新报送数据计算；"
                   "序时进度 = 期初至当日天数 ÷ 期初至期限天数。完成进度条上的黑色竖线为序时进度；"
                   "趋势图中的虚线为按序时应达到的进度。"),
        "id": "编号", "label": "指标", "before": "之前", "after": "之后", "value": "数值",
        "department": "部门", "ids": "编号", "projection": "预计", "status": "状态",
        "lead": "牵头", "shared": "责任", "behind_share": "落后", "spread": "分布",
        "actual": "实际/目标", "progress": "完成进度", "done": "完成", "pace": "序时",
        "trend": "趋势", "task": "任务", "name": "名称", "reported": "报送",
        "total": "合计", "count": "指标数", "share": "占比", "section": "部分",
        "all_targets": "全部指标状态",
        "bar_label": "完成进度 {progress}，序时进度 {expected}",
        "rate_short": "差 {points} 个百分点", "rate_holds": "达到目标",
        "rate_note": ("增速指标：本年累计增速直接与目标比较（见“实际/目标”），不按序时进度、不推算；"
                      "低于目标不足 {risk} 个百分点为正常，{risk}–{off} 个百分点为预警，超过 {off} "
                      "为滞后；趋势图中的虚线为目标。"),
        "trend_label": "趋势 {spark}",
        "cell": "每格：牵头/责任。",
        "open": "（", "close": "）",
    },
    "en": {
        "html_lang": "en",
        "dept_title": "{name}: progress as of {as_of}",
        "dept_page": "department page",
        "dept_line": "{name} leads {lead} lines and shares {shared}.",
        "dept_counts": "Led: {counts}.", "dept_shared_counts": "Shared: {counts}.",
        "dept_owes": "{n} lines not yet reported for {month}, listed below.",
        "dept_owes_none": "Everything it owes for {month} is reported.",
        "dept_owed": "Not reported for {month}", "last": "last reported",
        "lead_part": "Leads ({n})", "shared_part": "Shares ({n})", "none": "none",
        "overview_targets": "As of {as_of}, of {targets} numeric targets: {counts}.",
        "overview_tasks": "Of {tasks} tasks: {counts}.",
        "overview_owed": "{n} lines not reported for {month}, owed by {depts} departments (see Not reported).",
        "overview_all_in": "Everything is reported for {month}.",
        "n_targets": "{n} {status}", "n_tasks": "{n} {status}", "list_sep": ", ",
        "by_status": "Targets by status",
        "group": "{status} ({n})",
        "no_data_line": "{n} more targets have no figure yet; who owes them: see Not reported.",
        "gap": "behind (points)", "note": "note", "lead_dept": "lead",
        "unreported": "Not reported for {month}, by the department that owes it",
        "unreported_note": ("Owed by the reporter the plan names for the target (or task), else the "
                            "task's first lead department, else its first responsible department "
                            "that is not a collective name. Finished work is left out."),
        "owed_items": "targets and tasks not reported", "n_items": "lines",
        "nobody": "(no department named)",
        "sections_without": "Sections without a numeric target, not in the chart: {names}.",
        "ranking_rule": ("Ranking: share behind = (lines missed, off track or at risk + lines "
                         "without a figure that the department owes) ÷ all its lines, highest "
                         "first; a line without a figure counts against the department that owes "
                         "it as much as an off-track one, so silence never ranks better."),
        "all_figures": "No figures reported as of {as_of}.",
        "title": "{plan} progress bulletin (as of {as_of})",
        "bulletin": "progress bulletin", "as_of": "as of", "expected": "expected (序时进度)",
        "overview": "Overview",
        "overview_line": "{targets} numeric targets and {tasks} tasks (tasks: {task_line}).",
        "sep": ", ",
        "by_section": "Targets by section",
        "changes": "What changed ({start} to {end})",
        "changes_line": "{moves} status moves, {new} new figures, {stale} not reported in {month}.",
        "month": "{d:%Y-%m}",
        "stale_by_dept": "Not reported in {month}, by lead department",
        "behind": "Will fall short at the pace so far ({n})",
        "rules": ("Two rules: the <b>status</b> compares progress with 序时进度 — under {at_risk} "
                  "points behind is on track, {at_risk}–{off_track} points at risk, more than "
                  "{off_track} off track; the <b>projection</b> runs the pace so far on to the "
                  "deadline, so any distance behind 序时进度 falls short. Where the two "
                  "disagree, the row says why."),
        "flag_short": (" ({status}: {progress} done against {expected} 序时进度, {gap} points "
                       "behind, under the {at_risk} points that make it at risk; yet short at the "
                       "pace so far)"),
        "flag_making": "At risk or off track, yet reaching the target at this pace: {ids}",
        "departments": "Departments",
        "departments_note": ("Each cell: lead/shared (the lead department answers for the "
                             "task); ranked by the share of lines behind, by the rule under the "
                             "table."),
        "targets": "Every target",
        "targets_note": ("Progress bar: the coloured part is the share done, the black tick is "
                         "序时进度. Trend: each figure reported; the dashed line is the pace to keep."),
        "tasks": "Tasks without a number",
        "brief_footer": ("Made by kpi. As of {as_of}, from each target's latest figure on or "
                         "before that day; 序时进度 (expected) = days from the period start to "
                         "that day ÷ days from the period start to the deadline."),
        "footer": ("Made by kpi. As of {as_of}, from each target's latest figure on or before "
                   "that day; 序时进度 (expected) = days from the period start to that day ÷ days "
                   "from the period start to the deadline. The black tick on a progress bar is "
                   "序时进度; the dashed line in a trend is the pace to keep."),
        "id": "id", "label": "target", "before": "before", "after": "after", "value": "value",
        "department": "department", "ids": "ids", "projection": "projection",
        "status": "status", "lead": "lead", "shared": "shared", "behind_share": "behind",
        "spread": "spread", "actual": "actual / target", "progress": "progress",
        "done": "done", "pace": "expected", "trend": "trend", "task": "task", "name": "name",
        "reported": "reported", "total": "total", "count": "targets", "share": "share",
        "section": "section", "all_targets": "all targets by status",
        "bar_label": "progress {progress}, expected {expected}",
        "rate_short": "{points} points short", "rate_holds": "holding",
        "rate_note": ("Rates (增速): the rate so far this year against its target (see actual / "
                      "target), not against 序时进度 and not projected; short by less than {risk} "
                      "percentage points is on track, by {risk}–{off} at risk, by more than "
                      "{off} off track; the dashed line in a trend is the target."),
        "trend_label": "trend {spark}",
        "cell": "Each cell: lead/shared.",
        "open": " (", "close": ")",
    },
}
