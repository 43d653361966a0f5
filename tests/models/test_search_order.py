"""Search at scale: a word on every page is found in case order, and one case's pages are never crowded out."""

from __future__ import annotations

from app.models.intake import FileRecord, IntakeRepository
from app.models.search import search
from app.models.store import Store


def _cases_with_pages(store: Store, cases: int, pages: int) -> None:
    repo = IntakeRepository(store.db)
    source = repo.add_source("folder:/t|T", "folder", "/t", "T", None, None, "folder", None, "tester")
    records = [
        FileRecord(f"case{n}.pdf", f"{n:064x}", 1, "pdf", "case_file", "案卷", case_facts={})
        for n in range(cases)
    ]
    repo.record_files(source, records, "tester")
    with store.db.atomic():
        for n in range(cases):
            for page in range(1, pages + 1):
                store.db.execute(
                    "INSERT INTO page_search (text, sha256, page) VALUES (?, ?, ?)",
                    [f"调查询问笔录 第{page}页", f"{n:064x}", page],
                )


def test_a_common_word_lists_the_first_cases_first(store: Store) -> None:
    _cases_with_pages(store, cases=30, pages=40)
    hits = search(store.db, "询问笔录", limit=50)
    assert len(hits) == 50
    assert [(h.case_id, h.page) for h in hits] == [(1, p) for p in range(1, 41)] + [
        (2, p) for p in range(1, 11)
    ]


def test_one_case_is_searched_in_full_however_many_other_pages_match(store: Store) -> None:
    _cases_with_pages(store, cases=30, pages=40)
    for query in ("询问笔录", "笔录"):  # the index and the short-word scan
        hits = search(store.db, query, case_id=30, limit=10)
        assert [(h.case_id, h.page) for h in hits] == [(30, p) for p in range(1, 11)]
