"""The documents `kpi draft` is measured and tested on at scale: a plan document of a given size,
and crafted shapes up to the 16 MB cap on a document (illustrative: every figure made up).

One source for both: `benchmarks/draft_large.py` times and measures each as a whole `kpi draft`
process, and `tests/test_bounds.py` drafts the shapes at the cap and holds each to its refusal
(or its draft) and to the memory bound. Imports nothing of kpi.
"""

from __future__ import annotations

from collections.abc import Callable

#: The cap on a document (``draft/source.py``): every shape below stays under it.
CAP = 16 << 20
#: Just under the longest a paragraph may be (50,000 characters).
PARAGRAPH = 49_000

SENTENCES = ["新增各类充电桩{n}个,实施重点项目{k}个左右。",
             "坚持统筹推进,强化要素保障,完善工作机制,加强督促检查,确保各项工作落地见效。",
             "到2025年,全面完成各项改造提升任务,群众满意度持续提高。",
             "健全协调联动机制,压实各方责任,形成工作合力,推动高质量发展取得新成效。"]


def plan_document(size: int) -> str:
    """A plan document of about ``size`` bytes: sections of a hundred numbered tasks, each a few
    sentences of targets with its departments."""
    parts = ["示例区人民政府办公室", "示例区2023年重点工作任务(基准测试用示例)", ""]
    n = 0
    section = 0
    while sum(len(p.encode("utf-8")) + 1 for p in parts) < size:
        section += 1
        parts.append(f"{_chinese(section)}、示例方面{section}")
        for _ in range(100):
            n += 1
            body = "".join(s.format(n=100 + n % 900, k=1 + n % 9) for s in SENTENCES)
            parts.append(f"{n}.示例任务{n}。{body}(牵头部门:区发改局,责任部门:区交通运输局)")
        parts.append("")
    return "\n".join(parts) + "\n"


def filled(unit: str, head: str = "") -> str:
    """``head``, then ``unit`` as many times as fit under the cap."""
    return head + unit * ((CAP - 4096 - len(head.encode())) // len(unit.encode()))


def paragraphs_at_the_cap(unit: str, head: str = "任务") -> str:
    """Numbered tasks of just under 50,000 characters each (``head``, then ``unit`` repeated),
    up to the cap."""
    body = unit * ((PARAGRAPH - len(head)) // len(unit))
    out, size, n = [], 0, 0
    while size < CAP - 200_000:
        n += 1
        out.append(f"{n}、{head}{body}\n")
        size += len(out[-1].encode())
    return "".join(out)


def _chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")


#: The crafted shapes, by the name the bounds test gives each: (the benchmark's description,
#: the text, built when asked). Each once took minutes or gigabytes, or would have.
SHAPES: dict[str, tuple[str, Callable[[], str]]] = {
    "one line": ("新增充电桩1200个 ×400,000, one line (8.8 MB)",
                 lambda: "新增充电桩1200个" * 400_000),
    "numbers without units": ("tasks of 2023年 ×9,800 (16 MB)",
                              lambda: paragraphs_at_the_cap("2023年")),
    "targets": ("tasks of 新增充电桩1200个 ×4,900 (16 MB)",
                lambda: paragraphs_at_the_cap("新增充电桩1200个")),
    "commas": ("tasks of ， ×49,000 (16 MB)", lambda: paragraphs_at_the_cap("，", "任务新增1个")),
    "400k short lines": ("1、新增1个。 ×400,000 lines (7.2 MB)",
                         lambda: "一、发展\n" + "1、新增1个。\n" * 400_000),
    "headings": ("一、示例 ×199,000 lines (2.6 MB)", lambda: "一、示例\n" * 199_000),
    "a review of past work": ("a review section of 新增35家， (16 MB)",
                              lambda: filled("过去一年，新增35家，增长6%。\n" + "新增35家，" * 300,
                                             "一、2023年工作回顾\n")),
    "review headings": ("一、2023年工作回顾 / 二、2024年工作安排 ×99,000 (5.1 MB)",
                        lambda: "1、新增1个。\n" + "一、2023年工作回顾\n二、2024年工作安排\n" * 99_000),
}
