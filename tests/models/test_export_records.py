"""The repositories behind `reviewdesk export` and `reviewdesk publication`: numbering and one row per case file."""

from __future__ import annotations

from app.models.exports import ExportRepository
from app.models.station_facts import StationFactsRepository
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
    facts = StationFactsRepository(store.db)
    assert facts.publication("abc", "a/case.pdf") is None
    facts.set_publication("abc", "a/case.pdf", False, "https://portal.example", "expert")
    facts.set_publication("abc", "a/case.pdf", True, "", "lead")
    assert facts.publication("abc", "a/case.pdf") == (True, "")
    assert facts.publication("abc", "b/case.pdf") is None
    assert store.db.execute("SELECT COUNT(*) FROM case_publication").fetchone()[0] == 1
