"""Case facts a scan hides from intake, read again once analysis has OCR'd its pages.

Intake reads a case file's unit, 文号 and case type from folder names, the file name and the
cover's text layer. A scanned case file has no text layer, so the cover says nothing at import and
the case type stays empty unless a folder names it. After analysis the cover and the documents'
titles exist as OCR text: read the facts again from it, and fill in only what intake could not
read (or an earlier OCR read found with less text). Nothing intake found and no correction by a
person is replaced.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.intake import casefacts
from app.models.case_facts import CaseFactRepository

OCR_NOTE = "（OCR）"


def fill_missing_case_facts(db: Database, sha256: str, page_texts: list[str]) -> dict[int, list[str]]:
    """For each case file with these bytes and no text layer: the facts added, by case id."""
    repository = CaseFactRepository(db)
    cases = repository.scanned_cases(sha256)
    if not cases or not any(text.strip() for text in page_texts):
        return {}
    added: dict[int, list[str]] = {}
    for case in cases:
        # What an earlier, shallower read of the OCR text found may be read again with more text.
        known = {
            stored.field
            for stored in repository.facts(case.id)
            if stored.value and not stored.detail.endswith(OCR_NOTE)
        }
        facts = casefacts.extract(case.source_label, case.source_path, page_texts[0], page_texts=page_texts)
        fresh = {name: fact for name, fact in facts.items() if name not in known and fact.value}
        if not fresh:
            continue
        repository.put(
            case.id,
            {
                name: (str(fact.value), fact.found_by, f"{fact.detail}{OCR_NOTE}")
                for name, fact in fresh.items()
            },
        )
        added[case.id] = sorted(fresh)
    return added
