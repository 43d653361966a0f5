"""Recording the panel lead's decision on a case: checked against what the panel actually scored.

A decision is either the score that stands (within the rubric's range) or a re-review asked of
named experts (who must have scored the case or been assigned it). Both need a reason. The panel
(``app.aggregate.panel``) applies the latest decision per case: a decided score replaces the
combined one in the case table, the candidates' scores and the rankings.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from app.aggregate.panel import CaseResult, PanelReport
from app.errors import UsageError
from app.models.adjudications import Adjudication, AdjudicationRepository
from app.models.store import Store
from app.rubric.rounding import format_points
from app.station.packets import latest_assignment


def find_case(panel: PanelReport, case_id: int, rubric_id: str | None = None) -> CaseResult:
    """The panel's result for the station's case ``case_id`` (and rubric, when it was scored on several)."""
    found = [c for c in panel.cases if c.case is not None and c.case.id == case_id]
    if rubric_id:
        found = [c for c in found if c.rubric_id == rubric_id]
    if not found:
        raise UsageError(
            "case_not_scored",
            f"案卷 {case_id} 没有收到任何专家评分，无法裁定。",
            f"case {case_id} has no received scores to adjudicate",
        )
    if len(found) > 1:
        rubrics = ", ".join(c.rubric_id for c in found)
        raise UsageError(
            "rubric_needed",
            f"案卷 {case_id} 按多个评分标准评过（{rubrics}），请用 --rubric 指定。",
            f"case {case_id} was scored on several rubrics ({rubrics}); choose one with --rubric",
        )
    return found[0]


def parse_score(text: str, case: CaseResult) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation as exc:
        raise UsageError("bad_score", f"分数不是数字：{text}", f"not a number: {text}") from exc
    if not value.is_finite() or value < 0 or value > case.rubric_total:
        top = format_points(case.rubric_total)
        raise UsageError(
            "score_out_of_range",
            f"裁定分数应在 0 到 {top} 之间：{text}",
            f"the score must lie between 0 and {top}: {text}",
        )
    return value


def match_experts(names: list[str], case: CaseResult, assigned: list[tuple[str, str]]) -> list[str]:
    """Expert names as the panel knows them; ``assigned`` holds (id, name) of the case's assigned experts."""
    known = {s.name: s.name for s in case.scores}
    known |= {s.fingerprint[:16]: s.name for s in case.scores}
    for ident, name in assigned:
        known[ident] = name
        known[name] = name
    matched = []
    for given in names:
        given = given.strip()
        if not given:
            continue
        if given not in known:
            choices = "、".join(sorted({s.name for s in case.scores}))
            raise UsageError(
                "unknown_expert",
                f"“{given}”没有评过这份案卷，也没有被分配这份案卷（评过的专家：{choices}）。",
                f"{given} neither scored nor was assigned this case (scored by: {choices})",
            )
        matched.append(known[given])
    if not matched:
        raise UsageError(
            "experts_needed",
            "要求复评时请写明由哪些专家复评。",
            "name the experts asked to review again",
        )
    return matched


def record(
    store: Store,
    case: CaseResult,
    reason: str,
    by: str,
    score: Decimal | None = None,
    experts: list[str] | None = None,
) -> Adjudication:
    if not reason.strip():
        raise UsageError("reason_needed", "裁定需要写明理由。", "an adjudication needs a reason")
    if (score is None) == (not experts):
        raise UsageError(
            "decision_needed",
            "请给出认定的分数，或要求哪些专家复评（二者选一）。",
            "give either the score that stands or the experts asked to review again",
        )
    decision = "score" if score is not None else "rereview"
    return AdjudicationRepository(store.db).record(
        case.key, decision, reason.strip(), by, score=score, experts=experts
    )


def assigned_experts(store: Store, case: CaseResult) -> list[tuple[str, str]]:
    """(id, name) of the experts the latest assignment gave this case."""
    assignment = latest_assignment(store.db)
    if assignment is None:
        return []
    return [
        (expert_id, assignment.expert(expert_id).name)
        for expert_id, sha256, path in assignment.rows
        if sha256 == case.sha256 and path == case.path
    ]
