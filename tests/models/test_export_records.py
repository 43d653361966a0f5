"""The repositories behind `reviewdesk export` and `reviewdesk publication`: numbering and one row per case file."""

from __future__ import annotations

from app.models.exports import ExportRepository
from app.models.publication import Publication, PublicationRepository
from app.models.store import Store


def test_export_sequence_counts_up_from_one(store: Store) -> None:
    exports = ExportRepository(store.db)
    assert exports.next_sequence() == 1
    exports.record("p1", exports.next_sequence(), "fp", "/tmp/a.zip", 3, "2026-11-30T06:00:00")
    exports.record("p2", exports.next_sequence(), "fp", "/tmp/b.zip", 1, "2026-11-30T06:01:00")
    assert exports.next_sequence() == 3
    assert exports.latest_packet() is None
    assert exports.score_states() == []


def test_publication_is_one_row_per_case_file_and_the_last_word_wins(store: Store) -> None:
    publication = PublicationRepository(store.db)
    assert publication.get("abc", "a/case.pdf") is None
    publication.record("abc", "a/case.pdf", False, "https://portal.example", "expert", "t1")
    publication.record("abc", "a/case.pdf", True, "", "lead", "t2")
    assert publication.get("abc", "a/case.pdf") == Publication(True, "")
    assert publication.get("abc", "b/case.pdf") is None
    assert store.db.execute("SELECT COUNT(*) FROM case_publication").fetchone()[0] == 1
