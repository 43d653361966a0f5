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

OCR_NOTE = "（OCR）"


def fill_missing_case_facts(db: Database, sha256: str, page_texts: list[str]) -> dict[int, list[str]]:
    """For each case file with these bytes and no text layer: the facts added, by case id."""
    rows = db.execute(
        """SELECT c.id, s.label, f.source_path FROM cases c JOIN files f ON f.id = c.file_id
           JOIN sources s ON s.id = f.source_id WHERE f.sha256 = ? AND coalesce(f.has_text, 0) = 0""",
        [sha256],
    ).fetchall()
    if not rows or not any(text.strip() for text in page_texts):
        return {}
    added: dict[int, list[str]] = {}
    for case_id, label, source_path in rows:
        # What an earlier, shallower read of the OCR text found may be read again with more text.
        known = {
            field
            for field, value, detail in db.execute(
                "SELECT field, value, detail FROM case_facts WHERE case_id = ?", [case_id]
            ).fetchall()
            if value and not str(detail).endswith(OCR_NOTE)
        }
        facts = casefacts.extract(label, source_path, page_texts[0], page_texts=page_texts)
        fresh = {name: fact for name, fact in facts.items() if name not in known and fact.value}
        if not fresh:
            continue
        with db.atomic():
            for name, fact in fresh.items():
                db.execute(
                    """INSERT INTO case_facts (case_id, field, value, found_by, detail) VALUES (?, ?, ?, ?, ?)
                       ON CONFLICT (case_id, field) DO UPDATE SET value = excluded.value,
                           found_by = excluded.found_by, detail = excluded.detail""",
                    [case_id, name, fact.value, fact.found_by, f"{fact.detail}{OCR_NOTE}"],
                )
        added[int(case_id)] = sorted(fresh)
    return added
