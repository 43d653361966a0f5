"""From the counted scores of many experts to case results, candidates, rankings and panel statistics.

Per case and rubric: every expert's score, the combined score and the method used, the spread and
whether it needs adjudication (spread above the tolerance, given in points of 100 and scaled to the
rubric's total). Per candidate: the scheme's rules (``app.rubric.scheme_engine``) fed with the
combined case scores and the station's other figures. Across the panel: Krippendorff's alpha
(interval) per rubric and each expert's leniency.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.aggregate.item_agreement import ItemAgreement, item_agreement
from app.aggregate.receive import CountedScore, counted_scores, events
from app.aggregate.statistics import METHOD_LABELS, combine, krippendorff_alpha_interval, leniency, spread
from app.errors import UsageError
from app.models.adjudications import Adjudication, AdjudicationRepository
from app.models.assignments import AssignmentRepository
from app.models.cases import CaseFile, CaseRepository
from app.models.received import ReceivedRepository
from app.models.store import Store
from app.rubric import catalog
from app.rubric.engine import ScoreInputError
from app.rubric.model import Rubric
from app.rubric.rounding import as_json_number, report
from app.rubric.scheme import Scheme
from app.rubric.scheme_engine import SchemeResult, compute_scheme
from app.station.candidates import candidates
from app.station.levels import stored_levels
from app.station.packets import latest_assignment


@dataclass
class Settings:
    method: str = "auto"
    tolerance: Decimal = Decimal(10)
    """points of 100"""


@dataclass
class ExpertScoreCell:
    fingerprint: str
    name: str
    score: Decimal
    package_id: str
    sequence: int


@dataclass
class CaseResult:
    sha256: str
    path: str
    """the file's path inside the disc, which tells apart one file submitted twice"""
    case: CaseFile | None
    rubric_id: str
    rubric_total: Decimal
    scores: list[ExpertScoreCell]
    final: Decimal
    method: str
    spread: Decimal
    adjudicate: bool
    combined: Decimal | None = None
    """the panel's own score by ``method``; ``final`` is the adjudicated one when the lead decided a score"""
    decision: Adjudication | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.sha256, self.path, self.rubric_id)

    @property
    def status(self) -> str:
        """``ok``, ``flagged`` (awaiting the lead), ``decided`` (a score stands) or ``rereview``."""
        if self.decision is not None:
            return "decided" if self.decision.decision == "score" else "rereview"
        return "flagged" if self.adjudicate else "ok"

    @property
    def label(self) -> str:
        if self.case is None:
            return self.sha256[:12]
        parts = [self.case.value("unit") or "", self.case.value("case_number") or ""]
        return " ".join(p for p in parts if p) or self.case.source_path

    def as_json(self) -> dict[str, Any]:
        case = self.case
        return {
            "sha256": self.sha256,
            "path": self.path,
            "case_id": case.id if case else None,
            "label": self.label,
            "unit": case.value("unit") if case else None,
            "candidate_kind": case.value("candidate_kind") if case else None,
            "candidate_name": case.value("candidate_name") if case else None,
            "selection": case.value("selection") if case else None,
            "case_type": case.value("case_type") if case else None,
            "rubric": self.rubric_id,
            "experts": [
                {
                    "fingerprint": s.fingerprint,
                    "name": s.name,
                    "score": as_json_number(s.score),
                    "sequence": s.sequence,
                }
                for s in self.scores
            ],
            "score": as_json_number(self.final),
            "method": self.method,
            "method_label": METHOD_LABELS[self.method],
            "spread": as_json_number(self.spread),
            "adjudicate": self.adjudicate,
            "combined": None if self.combined is None else as_json_number(self.combined),
            "status": self.status,
            "decision": None if self.decision is None else self.decision.as_json(),
        }


@dataclass
class ExpertSummary:
    fingerprint: str
    name: str
    unit: str
    cases: int
    packages: list[str]
    leniency: Decimal | None

    def as_json(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "name": self.name,
            "unit": self.unit,
            "cases": self.cases,
            "packages": self.packages,
            "leniency": None if self.leniency is None else as_json_number(self.leniency),
        }


@dataclass
class PanelReport:
    settings: Settings
    cases: list[CaseResult]
    experts: list[ExpertSummary]
    agreement: dict[str, float | None]
    candidates: SchemeResult | None = None
    scheme: Scheme | None = None
    events: list[dict[str, str]] = field(default_factory=list)
    missing: list[dict[str, Any]] = field(default_factory=list)
    """reviews the latest assignment asked for that no received package holds"""
    rubric_titles: dict[str, str] = field(default_factory=dict)
    items: list[ItemAgreement] = field(default_factory=list)
    """agreement and leniency per rubric item"""
    adjudication_history: list[dict[str, Any]] = field(default_factory=list)
    """every decision the panel lead recorded, oldest first (a later one replaces an earlier)"""

    def rubric_title(self, rubric_id: str) -> str:
        return self.rubric_titles.get(rubric_id, rubric_id)

    @property
    def adjudication(self) -> list[CaseResult]:
        """Cases flagged by their spread, and any other the lead decided on."""
        return [c for c in self.cases if c.adjudicate or c.decision is not None]

    def as_json(self) -> dict[str, Any]:
        return {
            "settings": {
                "method": self.settings.method,
                "tolerance": as_json_number(self.settings.tolerance),
            },
            "cases": [c.as_json() for c in self.cases],
            "adjudication": [
                {"sha256": c.sha256, "path": c.path, "rubric": c.rubric_id, "status": c.status}
                for c in self.adjudication
            ],
            "adjudication_history": self.adjudication_history,
            "experts": [e.as_json() for e in self.experts],
            "agreement": {
                rid: {"krippendorff_alpha_interval": None if a is None else round(a, 4)}
                for rid, a in self.agreement.items()
            },
            "item_agreement": [i.as_json() for i in self.items],
            "candidates": self.candidates.as_json() if self.candidates else None,
            "events": self.events,
            "missing_reviews": self.missing,
        }


def build_panel(
    store: Store,
    settings: Settings,
    scheme: Scheme | None = None,
    scheme_inputs: dict[str, Any] | None = None,
    case_rubric: str | None = None,
) -> PanelReport:
    counted = counted_scores(store)
    station_cases = CaseRepository(store.db).list()
    grouped: dict[tuple[str, str, str], list[CountedScore]] = {}
    for score in counted:
        grouped.setdefault((score.case_sha256, score.case_path, score.rubric_id), []).append(score)
    rubrics: dict[str, Rubric] = {}
    cases: list[CaseResult] = []
    decisions = AdjudicationRepository(store.db).latest()
    for (sha, path, rubric_id), scores in grouped.items():
        if rubric_id not in rubrics:
            rubrics[rubric_id] = catalog.get_case_rubric(rubric_id, store.root)
        total = rubrics[rubric_id].scoring.total
        values = [s.score for s in scores]
        final, used = combine(values, settings.method)
        gap = spread(values)
        cells = [
            ExpertScoreCell(s.fingerprint, s.expert_name, s.score, s.package_id, s.sequence) for s in scores
        ]
        tolerance = settings.tolerance * total / 100
        case = station_case(station_cases, sha, path)
        decision = decisions.get((sha, path, rubric_id))
        combined = report(final)
        stands = decision.score if decision is not None and decision.score is not None else combined
        cases.append(
            CaseResult(
                sha,
                path,
                case,
                rubric_id,
                total,
                cells,
                stands,
                used,
                gap,
                gap > tolerance,
                combined,
                decision,
            )
        )
    cases.sort(key=lambda c: (c.case.id if c.case else 10**9, c.rubric_id))
    agreement = {
        rid: krippendorff_alpha_interval(
            {
                f"{c.sha256}|{c.path}": {s.fingerprint: float(s.score) for s in c.scores}
                for c in cases
                if c.rubric_id == rid
            }
        )
        for rid in sorted(rubrics)
    }
    report_ = PanelReport(
        settings,
        cases,
        _experts(counted, cases),
        agreement,
        events=events(store),
        missing=missing_reviews(store),
        rubric_titles={rid: r.title for rid, r in rubrics.items()},
        items=_item_agreement(store, cases, rubrics),
        adjudication_history=[a.as_json() for a in AdjudicationRepository(store.db).history()],
    )
    if scheme is not None:
        report_.scheme = scheme
        levels = stored_levels(store.db)
        # The station's own grouping, so a candidate whose covers spell its unit two ways stays one.
        owners = {case.id: (cand.id, cand.name) for cand in candidates(store.db)[0] for case in cand.cases}
        report_.candidates = _candidates(scheme, cases, scheme_inputs or {}, case_rubric, owners, levels)
    return report_


def _item_agreement(store: Store, cases: list[CaseResult], rubrics: dict[str, Rubric]) -> list[ItemAgreement]:
    manifests = ReceivedRepository(store.db).manifests({s.package_id for c in cases for s in c.scores})
    found: list[ItemAgreement] = []
    for rubric_id in sorted(rubrics):
        scored: dict[str, dict[str, dict[str, Any]]] = {}
        for case in (c for c in cases if c.rubric_id == rubric_id):
            for cell in case.scores:
                entry = manifest_entry(manifests.get(cell.package_id), case)
                if entry is not None:
                    items = entry.get("result", {}).get("items", {})
                    scored.setdefault(f"{case.sha256}|{case.path}", {})[cell.fingerprint] = items
        found += item_agreement(rubrics[rubric_id], scored)
    return found


def manifest_entry(manifest: dict[str, Any] | None, case: CaseResult) -> dict[str, Any] | None:
    """The case's entry in an expert's manifest (a blind packet names the file otherwise: match by hash)."""
    if manifest is None:
        return None
    same = [
        c for c in manifest.get("cases", []) if c["sha256"] == case.sha256 and c["rubric"] == case.rubric_id
    ]
    for entry in same:
        path = entry.get("source_path") or ""
        if path == case.path or case.path.endswith("/" + path):
            return dict(entry)
    return dict(same[0]) if same else None


def missing_reviews(store: Store) -> list[dict[str, Any]]:
    """Assigned (expert, case file) pairs with no score in any package sent back from that expert's packet."""
    assignment = latest_assignment(store.db)
    if assignment is None:
        return []
    sent = AssignmentRepository(store.db).packets_of(assignment.id)
    done: set[tuple[str, str]] = set()
    for manifest in ReceivedRepository(store.db).counted_manifests():
        done |= _reviewed(manifest, sent)
    cases = {(c.sha256, c.source_path): c for c in CaseRepository(store.db).list()}
    missing = []
    for expert_id, sha256, path in assignment.rows:
        if (expert_id, sha256) in done:
            continue
        expert = assignment.expert(expert_id)
        case = cases.get((sha256, path))
        missing.append(
            {
                "expert_id": expert_id,
                "expert": expert.name,
                "case_id": case.id if case else None,
                "case": (
                    f"{case.value('unit') or ''} {case.value('case_number') or ''}".strip() if case else path
                ),
                "sha256": sha256,
                "packet_sent": expert_id in sent.values(),
            }
        )
    return missing


def _reviewed(manifest: Any, sent: dict[str, str]) -> set[tuple[str, str]]:
    """(expert id, case SHA-256) pairs a received manifest answers; nothing from one stored unchecked."""
    try:
        packet_id = (manifest.get("packet") or {}).get("packet_id")
        expert_id = sent.get(packet_id) if isinstance(packet_id, str) else None
        if expert_id is None:
            return set()
        return {(expert_id, str(case["sha256"])) for case in manifest["cases"]}
    except (AttributeError, TypeError, KeyError):
        return set()


def station_case(cases: list[CaseFile], sha256: str, path: str) -> CaseFile | None:
    """The station's case file with this content; of a file submitted twice, the one at the same path."""
    same = [c for c in cases if c.sha256 == sha256]
    for case in same:
        if (
            case.source_path == path
            or case.source_path.endswith("/" + path)
            or path.endswith("/" + case.source_path)
        ):
            return case
    return same[0] if same else None


def _experts(counted: list[CountedScore], cases: list[CaseResult]) -> list[ExpertSummary]:
    lenient = leniency([{s.fingerprint: s.score * 100 / c.rubric_total for s in c.scores} for c in cases])
    experts: dict[str, ExpertSummary] = {}
    for score in counted:
        summary = experts.setdefault(
            score.fingerprint,
            ExpertSummary(
                score.fingerprint, score.expert_name, score.expert_unit, 0, [], lenient.get(score.fingerprint)
            ),
        )
        summary.cases += 1
        if score.package_id not in summary.packages:
            summary.packages.append(score.package_id)
    return sorted(experts.values(), key=lambda e: e.name)


def _candidates(
    scheme: Scheme,
    cases: list[CaseResult],
    extra: dict[str, Any],
    case_rubric: str | None,
    owners: dict[int, tuple[str, str]],
    levels: dict[str, str] | None = None,
) -> SchemeResult:
    levels = levels or {}
    rubric_ids = sorted({c.rubric_id for c in cases})
    if case_rubric is None:
        if len(rubric_ids) != 1:
            raise UsageError(
                "case_rubric_needed",
                f"评分包中有多个评分标准（{', '.join(rubric_ids)}），请用 --case-rubric 指定哪一个计入案卷质量。",
                f"several rubrics were scored ({', '.join(rubric_ids)}); say which counts with --case-rubric",
            )
        case_rubric = rubric_ids[0]
    candidates: dict[str, dict[str, Any]] = {}
    extra_candidates: dict[str, Any] = extra.get("candidates", {})
    for result in cases:
        if result.rubric_id != case_rubric or result.case is None:
            continue
        if result.case.value("candidate_kind") != scheme.candidate:
            continue
        ident = owners.get(result.case.id)
        if ident is None:
            continue
        entry = candidates.setdefault(
            ident[0], {"id": ident[0], "name": ident[1], "level": levels.get(ident[0], ""), "cases": []}
        )
        entry["cases"].append(
            {
                "id": result.label,
                "sha256": result.sha256,
                "path": result.path,
                "selection": result.case.value("selection"),
                "case_type": result.case.value("case_type"),
                "score": str(report(result.final * 100 / result.rubric_total)),
            }
        )
    for candidate_id, given in extra_candidates.items():
        entry = candidates.setdefault(
            candidate_id,
            {
                "id": candidate_id,
                "name": given.get("name", candidate_id),
                "level": levels.get(candidate_id, ""),
                "cases": [],
            },
        )
        cases_extra = given.get("cases_published", {})
        for case in entry["cases"]:
            if case["sha256"] in cases_extra:
                case["published"] = bool(cases_extra[case["sha256"]])
        entry.update({k: v for k, v in given.items() if k not in ("cases", "cases_published")})
    if not candidates:
        raise UsageError(
            "no_candidates",
            f"没有属于“{scheme.title}”候选类型的已评案卷。",
            f"no scored case files belong to candidates of the kind {scheme.candidate} in {scheme.id}",
        )
    data = {"region": extra.get("region", {}), "candidates": list(candidates.values())}
    if "readings" in extra:  # a reading the panel chose for this campaign (scheme.READINGS)
        data["readings"] = extra["readings"]
    try:
        return compute_scheme(scheme, data)
    except ScoreInputError as exc:
        raise UsageError(
            "scheme_inputs_missing",
            f"计算候选得分还缺少数据：{exc}。请用 --scheme-inputs 文件提供（格式见 README）。",
            f"the scheme needs more data: {exc}; give it with --scheme-inputs FILE (see README)",
        ) from exc
