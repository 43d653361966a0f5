"""Commands over analysis: ``analyze``, ``segment set|delete`` and ``search``."""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any

from app import paths
from app.cli.intake_commands import open_store
from app.errors import UsageError
from app.models.cases import CaseRepository
from app.models.documents import DocumentRepository
from app.models.search import search
from app.vocabulary import SEGMENT_KINDS


def register(sub: Any) -> None:
    analyze = sub.add_parser(
        "analyze",
        help="分析案卷：文字识别、拆分文书、笔录要点 / analyse case files: OCR, documents, transcript facts",
    )
    analyze.add_argument("case_ids", nargs="*", type=int, metavar="CASE_ID")
    analyze.add_argument("--all", action="store_true", help="所有案卷 / every case file")
    analyze.add_argument(
        "--force", action="store_true", help="重新分析 / analyse again (corrections are kept)"
    )
    analyze.add_argument(
        "--titles-only",
        action="store_true",
        help="只识别标题带和笔录页，跳过其余扫描页的全文识别 / skip full OCR of non-transcript scanned pages",
    )
    analyze.add_argument("--json", action="store_true")
    analyze.set_defaults(handler=run_analyze)

    seg = sub.add_parser("segment", help="更正案卷的文书拆分 / correct a case file's documents")
    seg_sub = seg.add_subparsers(dest="segment_command", metavar="ACTION", required=True)
    set_cmd = seg_sub.add_parser("set", help="把页码范围标为某类文书 / mark pages as a document of a kind")
    set_cmd.add_argument("case_id", type=int, metavar="CASE_ID")
    set_cmd.add_argument("kind", choices=SEGMENT_KINDS, metavar="KIND")
    set_cmd.add_argument("pages", metavar="FIRST-LAST")
    set_cmd.set_defaults(handler=run_segment, action="set")
    delete = seg_sub.add_parser("delete", help="删除页码范围内的文书 / remove the documents within pages")
    delete.add_argument("case_id", type=int, metavar="CASE_ID")
    delete.add_argument("pages", metavar="FIRST-LAST")
    delete.set_defaults(handler=run_segment, action="delete", kind=None)

    find = sub.add_parser(
        "search", help="全文检索（含识别的文字）/ search the text of every page, OCR included"
    )
    find.add_argument("text", metavar="TEXT")
    find.add_argument("--case", type=int, metavar="ID")
    find.add_argument("--json", action="store_true")
    find.set_defaults(handler=run_search)


def _page_range(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)(?:-(\d+))?", text.strip())
    if not match:
        raise UsageError(
            "bad_pages", f"页码范围应写成 5-8 或 5：{text}", f"pages are written 5-8 or 5, not {text}"
        )
    first = int(match.group(1))
    return first, int(match.group(2) or first)


def run_analyze(args: argparse.Namespace) -> int:
    from app.analysis.analyzer import AnalysisCancelled, AnalysisProgress, Analyzer
    from app.workflow import analyse_listed

    if not args.all and not args.case_ids:
        raise UsageError("nothing_to_analyze", "请给出案卷编号，或用 --all。", "give case ids, or --all")
    store = open_store(args)
    if not args.all:
        try:
            for case_id in args.case_ids:  # an unknown id is said, not silently analysed as nothing
                CaseRepository(store.db).get(case_id)
        except UsageError:
            store.close()
            raise
    tty = sys.stderr.isatty()

    def show(progress: AnalysisProgress) -> None:
        if tty:
            phase = {"pages": "识别页面", "transcripts": "笔录全文", "full_text": "其余全文"}[progress.phase]
            sys.stderr.write(f"\r{phase} {progress.done}/{progress.total}  {progress.label[-40:]}\033[K")
            sys.stderr.flush()

    analyzer = Analyzer(store, progress=show)
    try:
        report = analyse_listed(analyzer, None if args.all else args.case_ids, args.force, args.titles_only)
    except AnalysisCancelled:
        print("\n已取消，已完成的部分已保存。/ cancelled; what was done is kept.", file=sys.stderr)
        return 130
    finally:
        analyzer.close()
        if tty:
            sys.stderr.write("\n")
        store.close()
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        for item in report.files:
            state = {
                "cached": "已分析过（缓存）/ cached",
                "analysed": "已分析 / analysed",
                "failed": "失败 / failed",
            }
            extra = (
                f"，{item.pages} 页，识别 {item.ocr_pages} 页，{item.seconds} 秒"
                if item.status == "analysed"
                else ""
            )
            print(f"{state[item.status]}  {item.label}{extra}" + (f"  {item.error}" if item.error else ""))
    return 1 if any(f.status == "failed" for f in report.files) else 0


def run_segment(args: argparse.Namespace) -> int:
    first, last = _page_range(args.pages)
    store = open_store(args)
    try:
        case = CaseRepository(store.db).get(args.case_id)
        documents = DocumentRepository(store.db)
        pages = documents.pages(case.sha256) or case.pages or 0
        documents.correct(case.sha256, args.action, args.kind, first, last, pages, paths.current_user())
        if documents.pages(case.sha256) is not None:
            from app.analysis.analyzer import Analyzer

            Analyzer(store).refresh_facts(case.sha256)
        for doc in documents.documents(case.sha256):
            print(f"  {doc.first_page:>3}-{doc.last_page:<3} {doc.kind:<22} {doc.title}  ← {doc.found_by}")
    finally:
        store.close()
    return 0


def run_search(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        hits = search(store.db, args.text, args.case)
    finally:
        store.close()
    if args.json:
        print(json.dumps([h.as_json() for h in hits], ensure_ascii=False, indent=2))
        return 0
    for hit in hits:
        print(f"案卷 {hit.case_id} 第 {hit.page} 页：{hit.snippet}")
    if not hits:
        print("没有找到。/ nothing found.")
    return 0
