"""What the experts found wrong in each case file, merged across experts, for the bureau that sent it.

A review exists to tell the bureau what to fix. From the counted package of every expert (the same
packages the panel counts), per case: each item that lost points (with the points lost, per expert),
each 基本要素 missing from a document, each 重大问题 (gate) with its written reason, items marked
missing or not applicable, and every note and cited page. The same finding from several experts is one
line saying how many of them found it; the experts are not named (the bureau gets the panel's view).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.aggregate.panel import CaseResult, PanelReport, manifest_entry
from app.crosscheck.codes import CODES
from app.models.received import ReceivedRepository
from app.models.store import Store
from app.models.transcripts import CrosscheckFindingRepository
from app.rubric import catalog
from app.rubric.model import Rubric
from app.rubric.rounding import format_points, to_decimal
from app.vocabulary import DOCUMENT_LABELS

KIND_LABELS = {
    "gate": "重大问题",
    "item": "评查项目扣分",
    "element": "基本要素缺失",
    "missing": "文书缺失",
    "not_applicable": "无需评审",
    "note": "专家意见",
    "crosscheck": "跨案卷核查",
}
KIND_ORDER = tuple(KIND_LABELS)


@dataclass
class Finding:
    kind: str
    subject: str
    """what the finding is about: the item, document and element, or the gate, in the rubric's words"""
    experts: int
    """how many of the case's experts found it"""
    lost: list[Decimal] = field(default_factory=list)
    """points lost, one per expert who found it (items only)"""
    pages: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def lost_text(self) -> str:
        if not self.lost:
            return ""
        low, high = min(self.lost), max(self.lost)
        if low == high:
            return f"−{format_points(low)}"
        return f"−{format_points(low)}～−{format_points(high)}"

    @property
    def pages_text(self) -> str:
        return "、".join(f"第{p}页" for p in sorted(set(self.pages)))

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "experts": self.experts,
            "lost": [float(v) for v in self.lost],
            "pages": sorted(set(self.pages)),
            "notes": self.notes,
        }


@dataclass
class CaseFindings:
    case: CaseResult
    reviewers: int
    findings: list[Finding]

    @property
    def unit(self) -> str:
        facts = self.case.case
        return (facts.value("unit") if facts else None) or "（单位不详）"

    @property
    def case_number(self) -> str:
        facts = self.case.case
        return (facts.value("case_number") if facts else None) or self.case.path


@dataclass
class BureauFindings:
    unit: str
    cases: list[CaseFindings]


def case_findings(store: Store, panel: PanelReport) -> list[BureauFindings]:
    """Per bureau (the case's unit), per case, the merged findings of its counted reviews."""
    manifests = ReceivedRepository(store.db).manifests({s.package_id for c in panel.cases for s in c.scores})
    rubrics: dict[str, Rubric] = {}
    by_unit: dict[str, list[CaseFindings]] = {}
    crossed = CrosscheckFindingRepository(store.db)
    for case in panel.cases:
        if case.rubric_id not in rubrics:
            rubrics[case.rubric_id] = catalog.get_case_rubric(case.rubric_id, store.root)
        entries = [manifest_entry(manifests.get(s.package_id), case) for s in case.scores]
        merged = merge(rubrics[case.rubric_id], [e for e in entries if e is not None])
        merged += crosscheck_findings(case, crossed.for_file(case.sha256))
        found = CaseFindings(case, len(case.scores), merged)
        by_unit.setdefault(found.unit, []).append(found)
    return [BureauFindings(unit, by_unit[unit]) for unit in sorted(by_unit)]


def crosscheck_findings(case: CaseResult, stored: list[dict[str, Any]]) -> list[Finding]:
    """The station's cross-case findings on this case's records (``reviewdesk crosscheck``), from its side.

    They are the station's, not an expert's: ``experts`` is 0 and the tables say 监理站核查.
    """
    found: list[Finding] = []
    for finding in stored:
        mine, other = finding["a"], finding.get("b")
        if other and other.get("sha256") == case.sha256 and mine.get("sha256") != case.sha256:
            mine, other = other, mine
        subject = f"{CODES.get(finding['code'], (finding['code'],))[0]}：{mine['kind_label']}"
        if other and other.get("sha256") != case.sha256:
            subject += f"（另见案卷 {'、'.join(str(c) for c in other.get('case_ids') or [])} 第{other['first_page']}页）"
        passages = [
            str(p.get("a") if p.get("a") and mine is finding["a"] else p.get("b") or p.get("a"))
            for p in finding.get("passages") or []
        ]
        notes = [finding["message"], *(f"“{text[:60]}”" for text in passages[:2] if text)]
        found.append(Finding("crosscheck", subject, 0, pages=[int(mine["first_page"])], notes=notes))
    return found


def merge(rubric: Rubric, entries: list[dict[str, Any]]) -> list[Finding]:
    """The findings of several experts' entries for one case, the same finding counted once per expert."""
    merged: dict[tuple[str, str], Finding] = {}

    def add(
        kind: str, subject: str, lost: Decimal | None = None, page: int | None = None, note: str = ""
    ) -> None:
        finding = merged.setdefault((kind, subject), Finding(kind, subject, 0))
        finding.experts += 1
        if lost is not None:
            finding.lost.append(lost)
        if page is not None:
            finding.pages.append(page)
        if note and note not in finding.notes:
            finding.notes.append(note)

    for entry in entries:
        inputs = entry.get("inputs", {})
        items = entry.get("result", {}).get("items", {})
        evidence = inputs.get("evidence", {})
        notes = inputs.get("notes", {})
        for gate_id, reason in inputs.get("gates", {}).items():
            add("gate", _gate_label(rubric, gate_id), note=str(reason))
        for item in rubric.items:
            page = _page(evidence.get(item.id))
            note = str(notes.get(item.id) or "")
            if item.id in inputs.get("missing", []):
                add("missing", item.label, page=page, note=note)
                continue
            if item.id in inputs.get("not_applicable", []):
                add("not_applicable", item.label, page=page, note=note)
                continue
            earned = items.get(item.id)
            if earned is not None and not item.bonus and to_decimal(earned) < item.points:
                add("item", item.label, item.points - to_decimal(earned), page, note)
            elif note:
                add("note", item.label, page=page, note=note)
        for group_id, documents in inputs.get("deductions", {}).items():
            group = next((g for g in rubric.deductions if g.id == group_id), None)
            if group is None:
                continue
            elements = {e.id: e for e in group.elements}
            listed = documents.items() if isinstance(documents, dict) else [("", documents)]
            for document, element_ids in listed:
                where = _document_label(rubric, document)
                for element_id in element_ids:
                    element = elements.get(element_id)
                    label = element.label if element else element_id
                    lost = element.points if element else None
                    add("element", f"{group.label}：{where + '·' if where else ''}{label}", lost)
    return sorted(merged.values(), key=lambda f: (KIND_ORDER.index(f.kind), -f.experts, f.subject))


def _gate_label(rubric: Rubric, gate_id: str) -> str:
    gate = next((g for g in rubric.gates if g.id == gate_id), None)
    return gate.label if gate else gate_id


def _document_label(rubric: Rubric, document: str) -> str:
    if not document:
        return ""
    for item in rubric.items:
        if item.id == document:
            return item.label
    return str(DOCUMENT_LABELS.get(document, document))


def _page(evidence: Any) -> int | None:
    if isinstance(evidence, dict) and isinstance(evidence.get("page"), int):
        return int(evidence["page"])
    return None


def findings_json(bureaus: list[BureauFindings]) -> list[dict[str, Any]]:
    return [
        {
            "unit": b.unit,
            "cases": [
                {
                    "case_id": c.case.case.id if c.case.case else None,
                    "case_number": c.case_number,
                    "sha256": c.case.sha256,
                    "reviewers": c.reviewers,
                    "score": float(c.case.final),
                    "findings": [f.as_json() for f in c.findings],
                }
                for c in b.cases
            ],
        }
        for b in bureaus
    ]


def dumps(bureaus: list[BureauFindings]) -> str:
    return json.dumps(findings_json(bureaus), ensure_ascii=False, indent=2)
