"""The panel's results as plain tables, one per level, shared by the xlsx workbook and the PDF report."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.aggregate.panel import PanelReport
from app.aggregate.statistics import METHOD_LABELS
from app.models.cases import candidate_text
from app.rubric.rounding import format_points, report
from app.signing.identity import display_fingerprint
from app.vocabulary import CASE_TYPE_LABELS, SELECTION_LABELS


@dataclass
class Table:
    sheet: str
    title: str
    header: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def panel_tables(panel: PanelReport) -> list[Table]:
    tables = [_cases(panel), _adjudication(panel)]
    if panel.candidates is not None:
        tables += [_candidates(panel), _rankings(panel)]
    tables += [_experts(panel), _agreement(panel), _item_agreement(panel), _item_leniency(panel)]
    tables += [_missing(panel), _events(panel)]
    return tables


def _missing(panel: PanelReport) -> Table:
    table = Table("未交评审", "按分配方案尚未收到的评审", ["专家编号", "专家", "案卷", "评审包已发出"])
    for row in panel.missing:
        table.rows.append(
            [row["expert_id"], row["expert"], row["case"], "是" if row["packet_sent"] else "否"]
        )
    if not table.rows:
        table.notes.append("没有分配方案，或分配的评审已全部收到。")
    return table


def _n(value: Any) -> Decimal | None:
    """Points: a Decimal, which the workbook formats 0.00 and the PDF with ``format_points``."""
    return None if value is None else report(Decimal(str(value)))


STATUS_LABELS = {"ok": "", "flagged": "待裁定", "decided": "已裁定", "rereview": "待复评"}


def _cases(panel: PanelReport) -> Table:
    experts = panel.experts
    table = Table(
        "案卷",
        "案卷得分",
        [
            "案卷",
            "候选",
            "推/抽",
            "类型",
            "评分标准",
            *[e.name for e in experts],
            "合议分",
            "方法",
            "分差",
            "裁定",
            "得分",
        ],
        notes=[
            f"合分方法：{_method_setting(panel)}；分差容限：每百分 {format_points(panel.settings.tolerance)} 分。",
        ],
    )
    for case in panel.cases:
        by_expert = {s.fingerprint: s.score for s in case.scores}
        facts = case.case
        candidate = candidate_text(facts) if facts is not None else ""
        table.rows.append(
            [
                case.label,
                candidate,
                SELECTION_LABELS.get(facts.value("selection") or "", "") if facts else "",
                CASE_TYPE_LABELS.get(facts.value("case_type") or "", "") if facts else "",
                panel.rubric_title(case.rubric_id),
                *[_n(by_expert.get(e.fingerprint)) for e in experts],
                _n(case.combined if case.combined is not None else case.final),
                METHOD_LABELS[case.method],
                _n(case.spread),
                STATUS_LABELS[case.status],
                _n(case.final),
            ]
        )
    return table


def _method_setting(panel: PanelReport) -> str:
    if panel.settings.method == "auto":
        return "自动（5位及以上专家去掉一个最高分和一个最低分后平均，否则算术平均）"
    return METHOD_LABELS[panel.settings.method]


def _adjudication(panel: PanelReport) -> Table:
    table = Table(
        "待裁定",
        "裁定（专家评分差距超过容限的案卷，及组长的裁定）",
        ["案卷", "评分标准", "各专家评分", "分差", "容限", "裁定", "理由", "裁定人、时间"],
        notes=["“认定”为组长认定的得分（计入候选得分和排名）；“复评”为要求复评的专家，复评前仍按合议分计。"],
    )
    for case in panel.adjudication:
        scores = "；".join(f"{s.name} {format_points(s.score)}" for s in case.scores)
        limit = panel.settings.tolerance * case.rubric_total / 100
        decision = case.decision
        if decision is None:
            what, reason, who = "待裁定", "", ""
        else:
            if decision.decision == "score":
                what = f"认定 {format_points(decision.score)}"
            else:
                what = "复评：" + "、".join(decision.experts)
            reason, who = (
                decision.reason,
                f"{decision.decided_by} {decision.decided_at[:16].replace('T', ' ')}",
            )
        table.rows.append(
            [
                case.label,
                panel.rubric_title(case.rubric_id),
                scores,
                _n(case.spread),
                _n(limit),
                what,
                reason,
                who,
            ]
        )
    if not table.rows:
        table.notes.append("没有需要裁定的案卷。")
    return table


def _candidates(panel: PanelReport) -> Table:
    assert panel.candidates is not None and panel.scheme is not None
    roots = panel.scheme.children(None)
    table = Table(
        "候选",
        f"候选得分 · {panel.scheme.title}",
        ["候选", "级别", *[i.label for i in roots], "总分", "一票否决", "达标", "名次", "入选", "计分说明"],
    )
    for cand in panel.candidates.candidates:
        table.rows.append(
            [
                cand.name,
                cand.level or "—",
                *[_n(cand.indicators.get(i.id)) for i in roots],
                _n(cand.total),
                cand.vetoed or "",
                "" if cand.passed is None else ("是" if cand.passed else "否"),
                cand.rank,
                "是" if cand.selected else "",
                "\n".join(step.text for step in cand.steps),
            ]
        )
    return table


def _rankings(panel: PanelReport) -> Table:
    assert panel.candidates is not None
    table = Table("排名", "排名（按级别）", ["级别", "名次", "候选", "总分", "入选"])
    ranked = sorted(
        (c for c in panel.candidates.candidates if c.rank is not None),
        key=lambda c: (c.level, c.rank or 0),
    )
    for cand in ranked:
        table.rows.append(
            [cand.level or "—", cand.rank, cand.name, _n(cand.total), "是" if cand.selected else ""]
        )
    return table


def _experts(panel: PanelReport) -> Table:
    table = Table(
        "专家",
        "评审专家",
        ["专家", "单位", "密钥指纹", "评分包", "案卷数", "宽严度"],
        notes=["宽严度：该专家评分与同一案卷全体专家平均分之差的平均（按百分制），正数偏宽，负数偏严。"],
    )
    for expert in panel.experts:
        table.rows.append(
            [
                expert.name,
                expert.unit,
                display_fingerprint(expert.fingerprint),
                len(expert.packages),
                expert.cases,
                _n(expert.leniency),
            ]
        )
    return table


def _agreement(panel: PanelReport) -> Table:
    table = Table(
        "一致性",
        "专家间一致性",
        ["评分标准", "Krippendorff α（等距）", "两位及以上专家评过的案卷"],
        notes=["α = 1 表示完全一致，0 表示与随机无异；一般认为 0.8 以上可靠，0.667 以上可作初步结论。"],
    )
    for rubric_id, alpha in panel.agreement.items():
        pairable = sum(1 for c in panel.cases if c.rubric_id == rubric_id and len(c.scores) >= 2)
        table.rows.append(
            [panel.rubric_title(rubric_id), None if alpha is None else round(alpha, 3), pairable]
        )
    return table


def _item_agreement(panel: PanelReport) -> Table:
    table = Table(
        "分项一致性",
        "分项一致性（各评分项目的 Krippendorff α，等距）",
        ["评分标准", "项目", "分值", "Krippendorff α（等距）", "两位及以上专家评过的案卷"],
        notes=["α 低的项目是专家分歧所在，宜在评审前统一尺度；α 为空表示可比的案卷不足或评分完全相同。"],
    )
    for item in panel.items:
        alpha = None if item.alpha is None else round(item.alpha, 3)
        table.rows.append(
            [panel.rubric_title(item.rubric_id), item.label, _n(item.points), alpha, item.cases]
        )
    return table


def _item_leniency(panel: PanelReport) -> Table:
    experts = panel.experts
    table = Table(
        "分项宽严",
        "各专家分项宽严度（该项得分与同一案卷全体专家该项平均分之差的平均，按该项分值）",
        ["评分标准", "项目", *[e.name for e in experts]],
        notes=["正数偏宽，负数偏严；空白表示该专家没有与他人共同评过该项。"],
    )
    for item in panel.items:
        table.rows.append(
            [
                panel.rubric_title(item.rubric_id),
                item.label,
                *[_n(item.leniency.get(e.fingerprint)) for e in experts],
            ]
        )
    return table


def _events(panel: PanelReport) -> Table:
    table = Table("接收记录", "评分包接收记录", ["时间", "评分包", "事件", "说明"])
    for event in panel.events:
        table.rows.append(
            [event["at"][:19].replace("T", " "), event["package_id"][:8], event["label"], event["detail"]]
        )
    return table
