"""Every score a package carries, recomputed from its inputs by the engine the expert's app used.

A signature proves who wrote a number, not that the number follows from the rubric: a hand-edited
manifest re-signed with the expert's real key could claim 50 points on a 35-point item, a negative
score, 100 where the inputs give 88.5, or count a case still in progress. The station holds the
rubric with the content hash the package names, so it recomputes and refuses any difference.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.rubric.engine import CaseScore, compute_case
from app.rubric.model import Rubric
from app.rubric.rounding import report, to_decimal
from app.signing.rejection import reject


def check_recomputed(case: dict[str, Any], rubric: Rubric) -> CaseScore:
    """The engine's result for this case entry; raises PackageRejected unless the entry says the same."""
    label = case["source_path"] or case["sha256"][:12]
    if case["status"] != "complete" or case["result"]["complete"] is not True:
        raise reject(
            "case_incomplete",
            f"案卷尚未评审完成（状态：{case['status'][:40]}），不能计入：{label}",
            f"the case is not complete (status {case['status'][:40]}) and cannot count: {label}",
        )
    computed = _compute(case, rubric, label)
    claimed = report(to_decimal(case["result"]["score"]))
    if claimed != report(computed.score):
        raise reject(
            "score_mismatch",
            f"案卷得分与评分输入不符：清单写 {claimed}，按评分标准重算为 {report(computed.score)}：{label}",
            f"the case score does not follow from its inputs: the manifest says {claimed}, "
            f"the rubric gives {report(computed.score)}: {label}",
        )
    items = case["result"].get("items")
    if items is not None and _reported(items) != _reported(computed.item_scores):
        raise reject(
            "score_mismatch",
            f"各项得分与评分输入不符：{label}",
            f"the item scores do not follow from the inputs: {label}",
        )
    return computed


def _compute(case: dict[str, Any], rubric: Rubric, label: str) -> CaseScore:
    try:
        return compute_case(rubric, case["inputs"])
    except (ArithmeticError, TypeError, ValueError, KeyError, AttributeError) as exc:
        # ScoreInputError (a ValueError) for inputs outside the rubric; the rest for shapes the
        # engine never expected from its own desk. Either way the score cannot be trusted.
        reason = str(exc)[:300] or type(exc).__name__
        raise reject(
            "inputs_invalid",
            f"评分输入不符合评分标准 {rubric.id}（{reason}）：{label}",
            f"the inputs do not fit rubric {rubric.id} ({reason}): {label}",
        ) from exc


def _reported(items: dict[str, Any]) -> dict[str, Decimal | None]:
    return {name: None if value is None else report(to_decimal(value)) for name, value in items.items()}
