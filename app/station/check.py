"""Completeness check of each candidate's submission against a scheme; every finding names its file.

Findings (code → what it means):
- ``missing_case_file``: fewer case files of a required type (per 推选/抽选) than the scheme asks;
- ``duplicate_category``: the same file submitted under two categories (002: the later one scores 0);
- ``outside_period``: the case's date (earliest transcript, else the year in its 文号) is outside the
  campaign's period;
- ``not_published``: the station recorded that the penalty was not published (with the portal address);
  it scores 0 only where the scheme's notice says so (reading ``unpublished``);
- ``level_unknown``: the scheme asks different case files of 市级 and 县级 candidates and the station has
  not set this candidate's level (``reviewdesk level``);
- ``integrity_certificate_missing``: a veto of the scheme — the candidate would be removed;
- ``merit_statement_missing``, ``merit_too_long`` (over 3,000 characters), ``merit_names_party``
  (it names a company or person from the candidate's own case files, which 002 forbids).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.intake.inspection import inspect_docx
from app.models.cases import CaseFile
from app.models.documents import DocumentRepository
from app.models.station_facts import StationFactsRepository
from app.models.store import Store
from app.rubric.scheme import REQUIREMENT_LABELS, Scheme, fill_slots
from app.station.candidates import Candidate, candidates
from app.station.levels import LEVELS, stored_levels
from app.vocabulary import SELECTION_LABELS

MERIT_LIMIT = 3000
SEVERITY = {"integrity_certificate_missing": "veto"}
LABELS = {
    "missing_case_file": "缺少案卷",
    "duplicate_category": "重复报送",
    "outside_period": "不在活动期间",
    "not_published": "未公开",
    "level_unknown": "未设定级别",
    "integrity_certificate_missing": "缺廉洁执法证明（否决）",
    "merit_statement_missing": "缺事迹材料",
    "merit_too_long": "事迹材料超字数",
    "merit_names_party": "事迹材料出现当事人",
}


@dataclass(frozen=True)
class Finding:
    candidate: str
    code: str
    zh: str
    en: str
    file: str = ""

    @property
    def label(self) -> str:
        return LABELS.get(self.code, self.code)

    @property
    def severity(self) -> str:
        return SEVERITY.get(self.code, "problem")

    def as_json(self) -> dict[str, str]:
        return {
            "candidate": self.candidate,
            "code": self.code,
            "severity": self.severity,
            "zh": self.zh,
            "en": self.en,
            "file": self.file,
        }


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @classmethod
    def parse(cls, text: str) -> Period:
        first, _, last = text.partition("..")
        return cls(date.fromisoformat(first.strip()), date.fromisoformat(last.strip()))


def check_submissions(
    store: Store, scheme: Scheme, period: Period | None = None
) -> tuple[list[Candidate], list[Finding]]:
    found, _orphans = candidates(store.db)
    mine = [c for c in found if c.kind == scheme.candidate]
    findings: list[Finding] = []
    levels = stored_levels(store.db)
    for cand in mine:
        findings += _case_files(scheme, cand, levels.get(cand.id))
        findings += _duplicates(cand)
        if period is not None:
            findings += _outside(store, cand, period)
        findings += _publication(store, scheme, cand)
        findings += _papers(store, scheme, cand)
    return mine, findings


def _required(scheme: Scheme, level: str | None) -> list[tuple[str, Counter[str], int]]:
    """Per selection: the case types required of this level (with counts), or a number of case files."""
    needs: list[tuple[str, Counter[str], int]] = []
    for indicator in scheme.indicators:
        if indicator.rule != "case_quality":
            continue
        for part in indicator.parts:
            types = part.requires.get(level or "", part.requires.get("*", ()))
            needs.append((part.selection, Counter(types), 0))
        count = int(indicator.params.get("cases", 0) or 0)
        if not indicator.parts and count:
            needs.append(("any", Counter(), count))
    return needs


def _case_files(scheme: Scheme, cand: Candidate, level: str | None) -> list[Finding]:
    out = []
    if level is None and scheme.per_level_requirements():
        out.append(
            Finding(
                cand.id,
                "level_unknown",
                f"方案对市级、县级候选要求的案卷不同，尚未设定该候选的级别：reviewdesk level “{cand.id}” city|county。",
                f"the scheme asks different case files per level; set this candidate's level: "
                f"reviewdesk level '{cand.id}' city|county",
            )
        )
        return out
    where_level = f"（{LEVELS[level]}）" if level in LEVELS and scheme.per_level_requirements() else ""
    penalty_case = scheme.reading("penalty_case").value
    for selection, types, count in _required(scheme, level):
        mine = [c for c in cand.cases if selection == "any" or c.value("selection") == selection]
        where = SELECTION_LABELS.get(selection, "")
        if count and len(mine) < count:
            out.append(
                Finding(
                    cand.id,
                    "missing_case_file",
                    f"应报送{where}案卷 {count} 份，实报 {len(mine)} 份。",
                    f"{count} case files required, {len(mine)} submitted",
                )
            )
        required = tuple(t for t, n in types.items() for _ in range(n))
        filled = fill_slots([c.value("case_type") for c in mine], required, penalty_case)
        for case_type, wanted in types.items():
            have = sum(1 for t, i in zip(required, filled, strict=True) if t == case_type and i is not None)
            if have < wanted:
                label = REQUIREMENT_LABELS.get(case_type, case_type)
                out.append(
                    Finding(
                        cand.id,
                        "missing_case_file",
                        f"缺少{where}的{label}案卷{where_level}：应报送 {wanted} 份，实报 {have} 份。",
                        f"{selection} {case_type}: {wanted} required{f' of a {level} candidate' if where_level else ''}, {have} submitted",
                    )
                )
    return out


def _duplicates(cand: Candidate) -> list[Finding]:
    out = []
    for case in cand.cases:
        for problem in case.problems:
            if problem.get("code") == "duplicate_submission":
                out.append(
                    Finding(
                        cand.id,
                        "duplicate_category",
                        f"同一案卷作为两类案卷重复报送：{problem.get('message', '')}",
                        "the same case file was submitted under two categories",
                        case.source_path,
                    )
                )
    return out


def case_date(store: Store, case: CaseFile) -> date | None:
    """The earliest transcript date, else 1 January of the year in its 文号 (〔2024〕)."""
    facts = DocumentRepository(store.db).facts(case.sha256)
    starts = sorted(str(f.get("start") or "") for f in facts)
    starts = [s for s in starts if s]
    if starts:
        try:
            return date.fromisoformat(starts[0][:10])
        except ValueError:
            pass
    year = re.search(r"[〔\[（(](\d{4})[〕\]）)]", case.value("case_number") or "")
    return date(int(year.group(1)), 1, 1) if year else None


def _outside(store: Store, cand: Candidate, period: Period) -> list[Finding]:
    out = []
    for case in cand.cases:
        when = case_date(store, case)
        if when is not None and not period.start <= when <= period.end:
            out.append(
                Finding(
                    cand.id,
                    "outside_period",
                    f"案卷日期 {when} 不在本次活动期间（{period.start} 至 {period.end}）。",
                    f"case dated {when}, outside {period.start}..{period.end}",
                    case.source_path,
                )
            )
    return out


def _publication(store: Store, scheme: Scheme, cand: Candidate) -> list[Finding]:
    out = []
    zero = scheme.reading("unpublished").value == "zero"
    consequence_zh = "该案卷按0分计" if zero else "本方案未规定未公开按0分计，不改分，请评审组掌握"
    consequence_en = (
        "the case scores 0" if zero else "the scheme's notice sets no score for this; reported only"
    )
    for case in cand.cases:
        row = StationFactsRepository(store.db).publication(case.sha256, case.source_path)
        if row is not None and not row[0]:
            portal = f"（查询：{row[1]}）" if row[1] else ""
            out.append(
                Finding(
                    cand.id,
                    "not_published",
                    f"处罚信息未在门户网站公开{portal}，{consequence_zh}。",
                    f"the penalty was not published{f' (checked at {row[1]})' if row[1] else ''}; {consequence_en}",
                    case.source_path,
                )
            )
    return out


def _papers(store: Store, scheme: Scheme, cand: Candidate) -> list[Finding]:
    out = []
    vetoed_without = {v.requires_document for v in scheme.vetoes if v.requires_document}
    if "integrity_certificate" in vetoed_without | set(scheme.documents) and not cand.papers_of(
        "integrity_certificate"
    ):
        out.append(
            Finding(
                cand.id,
                "integrity_certificate_missing",
                "未附廉洁执法证明材料：按细则一票否决，移出候选名单。",
                "no integrity certificate: a veto, the candidate is removed",
            )
        )
    if "merit_statement" not in scheme.documents:
        return out
    merits = cand.papers_of("merit_statement")
    if not merits:
        out.append(Finding(cand.id, "merit_statement_missing", "未报送个人事迹材料。", "no merit statement"))
    parties = _parties(store, cand)
    for paper in merits:
        text = _text_of(store, paper.sha256, paper.source_path)
        length = len(re.sub(r"\s", "", text))  # as Word's 字数 counts Chinese
        if length > MERIT_LIMIT:
            out.append(
                Finding(
                    cand.id,
                    "merit_too_long",
                    f"事迹材料 {length} 字，超过 {MERIT_LIMIT} 字。",
                    f"the merit statement has {length} characters, over {MERIT_LIMIT}",
                    paper.source_path,
                )
            )
        named = sorted(p for p in parties if p and p in text)
        if named:
            out.append(
                Finding(
                    cand.id,
                    "merit_names_party",
                    f"事迹材料中出现了违法企业或个人名称：{'、'.join(named)}。",
                    f"the merit statement names a party of the case files: {', '.join(named)}",
                    paper.source_path,
                )
            )
    return out


def _parties(store: Store, cand: Candidate) -> set[str]:
    """Companies and people the candidate's own transcripts were about."""
    names: set[str] = set()
    documents = DocumentRepository(store.db)
    for case in cand.cases:
        for facts in documents.facts(case.sha256):
            subject = facts.get("subject")
            if isinstance(subject, str) and len(subject) >= 4:
                names.add(subject)
    return names


def _text_of(store: Store, sha256: str, source_path: str) -> str:
    if source_path.lower().endswith(".docx"):
        return inspect_docx(Path(store.blobs.path_for(sha256))).text or ""
    return StationFactsRepository(store.db).page_text(sha256)
