"""A word or number that ran onto the next line is found whole, in new stores and in old ones."""

from __future__ import annotations

from pathlib import Path

from app.models.analyses import AnalysisRepository, StoredPage
from app.models.intake import FileRecord, IntakeRepository
from app.models.schema import m015_search_lines_joined
from app.models.search import search, search_text
from app.models.store import Store

SHA = f"{7:064x}"
PAGE = [
    "询问人：曹海春  执法证号：6",
    "32856422）记录人：李明",
    "问：你公司的危险废",
    "物贮存在哪里？",
    "Total dissolved",
    "solids 583",
]


def _one_case(store: Store) -> None:
    repo = IntakeRepository(store.db)
    source = repo.add_source("folder:/t|T", "folder", "/t", "T", None, None, "folder", None, "tester")
    repo.record_files(
        source, [FileRecord("a.pdf", SHA, 1, "pdf", "case_file", "案卷", case_facts={})], "tester"
    )


def test_lines_are_joined_for_the_index_and_latin_words_keep_their_space() -> None:
    joined = search_text("\n".join(PAGE))
    assert "执法证号:632856422)" in joined and "危险废物" in joined
    assert "Total dissolved solids 583" in joined


def test_a_badge_and_a_word_broken_across_lines_are_found(store: Store) -> None:
    _one_case(store)
    lines = [[0.1, 0.1 * n, 0.9, 0.1 * n + 0.05, text, 0.9] for n, text in enumerate(PAGE)]
    AnalysisRepository(store.db).save_page(SHA, StoredPage(3, "ocr", "full", 0, lines), "\n".join(PAGE), 0.9)
    for query in ("632856422", "危险废物", "dissolved solids"):
        hits = search(store.db, query)
        assert [(h.case_id, h.page) for h in hits] == [(1, 3)], query
        assert f"【{query}】" in hits[0].snippet


def test_a_store_indexed_line_by_line_is_reindexed(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    try:
        _one_case(store)
        lines = [[0.1, 0.1, 0.9, 0.15, text, 0.9] for text in PAGE]
        AnalysisRepository(store.db).save_page(
            SHA, StoredPage(2, "ocr", "full", 0, lines), "\n".join(PAGE), 0.9
        )
        # as an older version indexed it: the page's text with its line breaks
        store.db.execute("UPDATE page_search SET text = ?", ["\n".join(PAGE)])
        assert search(store.db, "632856422") == []
        m015_search_lines_joined(store.db)
        assert [h.page for h in search(store.db, "632856422")] == [2]
    finally:
        store.close()
