"""One cross-case run over the store: every finding with both records' pages, in words a reviewer reads."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from app.crosscheck.codes import CODES
from app.crosscheck.copies import DEFAULT_THRESHOLD, CopyMatch, find_copies
from app.crosscheck.leftovers import Leftover, find_leftovers
from app.crosscheck.masking import MASK_VERSION
from app.crosscheck.records import Prepared, prepare, text_hash
from app.crosscheck.schedules import (
    DoubleBooking,
    OutOfLine,
    find_double_bookings,
    find_out_of_line,
    timelines,
)
from app.models.transcripts import (
    CrosscheckFindingRepository,
    MaskedUnitCache,
    StoredTranscript,
    TranscriptRepository,
)
from app.vocabulary import DOCUMENT_LABELS


def record_ref(record: StoredTranscript) -> dict[str, Any]:
    return {
        "sha256": record.sha256,
        "kind": record.kind,
        "kind_label": DOCUMENT_LABELS.get(record.kind, record.kind),
        "first_page": record.first_page,
        "last_page": record.last_page,
        "case_ids": [c.case_id for c in record.cases],
        "unit": next((c.unit for c in record.cases if c.unit), None),
        "source_path": record.cases[0].source_path if record.cases else "",
        "start": record.facts.get("start"),
        "end": record.facts.get("end"),
    }


def _where(record: StoredTranscript) -> str:
    ids = "、".join(str(c.case_id) for c in record.cases)
    return f"案卷 {ids} 第 {record.first_page}–{record.last_page} 页"


def _copy(match: CopyMatch) -> dict[str, Any]:
    what_zh, what_en = ("问答", "answers") if match.dialogue else ("叙述", "statements")
    count = f"{len(match.shared)}/{match.compared}"
    return {
        "code": "copied_record",
        "a": record_ref(match.a.record),
        "b": record_ref(match.b.record),
        "score": round(match.similarity, 3),
        "message": f"{what_zh} {count} 相同（已遮蔽人名、单位、地点、日期和数字）：与{_where(match.b.record)}",
        "message_en": f"{count} {what_en} identical after masking names, places, dates and numbers",
        "passages": [{"a": p.text_a, "b": p.text_b} for p in match.shared],
    }


def _leftover(found: Leftover) -> dict[str, Any]:
    owner = found.owners[0]
    role_zh, role_en = ("当事人", "party") if found.kind == "party" else ("被询问人", "interviewee")
    return {
        "code": "leftover_name",
        "a": record_ref(found.record),
        "b": record_ref(owner),
        "name": found.name,
        "message": f"笔录出现“{found.name}”，是{_where(owner)}的{role_zh}，不是本案的",
        "message_en": f"the record names {found.name}, the {role_en} of another case file, not its own",
        "passages": [{"a": found.excerpt, "b": ""}],
    }


def _booking(found: DoubleBooking) -> dict[str, Any]:
    who = f"{found.officer}（{found.badge}）" if found.badge else found.officer
    return {
        "code": "double_booked",
        "a": record_ref(found.a),
        "b": record_ref(found.b),
        "officer": found.officer,
        "badge": found.badge,
        "message": (
            f"{who} 同时记录在两份笔录中：{found.a.facts.get('start')}–{found.a.facts.get('end')} 与 "
            f"{_where(found.b)} {found.b.facts.get('start')}–{found.b.facts.get('end')}"
        ),
        "message_en": f"{found.officer} is recorded in two records whose times overlap",
    }


def _out_of_line(found: OutOfLine) -> dict[str, Any]:
    zh, en = CODES[found.code]
    reference = found.reference.isoformat() if found.reference else None
    message = (
        zh
        if reference is None
        else f"{zh}（{'决定' if found.code == 'after_decision' else '立案'}日期 {reference}）"
    )
    return {
        "code": found.code,
        "a": record_ref(found.record),
        "reference": reference,
        "message": message,
        "message_en": en if reference is None else f"{en} ({reference})",
    }


def _prepare_all(db: Database, records: list[StoredTranscript]) -> list[Prepared]:
    """Every record's units, masking only records not masked before (or changed since)."""
    cache = MaskedUnitCache(db)
    known = cache.load(MASK_VERSION)
    prepared: list[Prepared] = []
    fresh: list[tuple[str, int, str, list[list[str]]]] = []
    for record in records:
        digest = text_hash(record)
        hit = known.get(record.key)
        if hit is not None and hit[0] == digest:
            prepared.append(prepare(record, hit[1]))
            continue
        made = prepare(record)
        prepared.append(made)
        fresh.append(
            (record.sha256, record.first_page, digest, [[u.kind, u.masked, u.original] for u in made.units])
        )
    if fresh:
        cache.save(MASK_VERSION, fresh)
    return prepared


@dataclass
class CrosscheckReport:
    records: int
    files: int
    findings: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    threshold: float = DEFAULT_THRESHOLD

    def counts(self) -> dict[str, int]:
        counts = {code: 0 for code in CODES}
        for finding in self.findings:
            counts[str(finding["code"])] += 1
        return counts

    def as_json(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "files": self.files,
            "threshold": self.threshold,
            "seconds": round(self.seconds, 2),
            "counts": self.counts(),
            "findings": self.findings,
        }


def crosscheck(db: Database, threshold: float = DEFAULT_THRESHOLD, *, store: bool = True) -> CrosscheckReport:
    """Every finding over the store; with ``store`` they replace the last run's, for the desk."""
    began = time.perf_counter()
    repository = TranscriptRepository(db)
    records = repository.transcripts()
    prepared = _prepare_all(db, records)
    findings = [_copy(m) for m in find_copies(prepared, threshold)]
    findings += [_leftover(f) for f in find_leftovers(records)]
    findings += [_booking(f) for f in find_double_bookings(records)]
    lines = timelines(repository.document_texts(("filing_approval", "decision")))
    findings += [_out_of_line(f) for f in find_out_of_line(records, lines)]
    if store:
        CrosscheckFindingRepository(db).replace(findings)
    files = len({r.sha256 for r in records})
    return CrosscheckReport(len(records), files, findings, time.perf_counter() - began, threshold)
