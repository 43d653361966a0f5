"""Commands over intake: ``import``, ``cases``, ``case show``, ``case set`` and ``make-demo-disc``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import paths
from app import vocabulary as vocab
from app.cli.progressbar import ProgressBar, display_width, fit_columns
from app.errors import UsageError
from app.models.cases import FIELD_CHOICES, CaseFile, CaseRepository
from app.models.store import Store
from app.vocabulary import CASE_FACT_FIELDS as FIELDS

if TYPE_CHECKING:
    from app.intake.outcome import ImportOutcome

CLASS_LABELS = {"case_file": "案卷", "supporting": "辅助材料", "other": "其他", "rejected": "已拒收"}


def register(sub: Any) -> None:
    cmd = sub.add_parser(
        "import",
        help="导入光盘、映像、压缩包或文件 / import discs, images, zips or files",
        description="导入光盘目录、.iso/.img/.udf 映像、.zip 或单个 PDF/.docx（按内容识别）。"
        " Import a disc folder, a disc image, a zip or single files (recognised by content)."
        " Exit: 0 all imported, 1 some files had problems or a source had no case file,"
        " 2 usage error, or a source unreadable or with nothing to import (empty, no PDF or Office file).",
    )
    cmd.add_argument("sources", nargs="+", metavar="SOURCE", type=Path)
    cmd.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    cmd.add_argument(
        "--encoding",
        metavar="ENC",
        help="压缩包文件名编码，如 gbk / force the zip name encoding, e.g. gbk (default: UTF-8, then GB18030)",
    )
    cmd.set_defaults(handler=run_import)

    cmd = sub.add_parser("cases", help="列出案卷 / list the case files")
    cmd.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    cmd.set_defaults(handler=run_cases)

    case = sub.add_parser("case", help="查看或更正一份案卷 / show or correct one case file")
    case_sub = case.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    show = case_sub.add_parser("show", help="显示案卷详情 / show a case file")
    show.add_argument("case_id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_case_show)
    correct = case_sub.add_parser(
        "set",
        help="更正案卷信息（重新导入后仍保留）/ correct a case file's facts (kept across re-import)",
    )
    correct.add_argument("case_id", type=int, metavar="ID")
    correct.add_argument("--unit", help="报送单位 / submitting unit")
    correct.add_argument("--candidate-kind", choices=FIELD_CHOICES["candidate_kind"])
    correct.add_argument("--candidate-name", help="个人候选人姓名 / individual candidate's name")
    correct.add_argument("--selection", choices=FIELD_CHOICES["selection"])
    correct.add_argument("--case-type", choices=FIELD_CHOICES["case_type"])
    correct.add_argument("--case-number", help="文号，如 德环罚〔2017〕3号 / case number")
    correct.add_argument(
        "--clear",
        action="append",
        default=[],
        choices=FIELDS,
        metavar="FIELD",
        help="清除更正 / clear a field",
    )
    correct.add_argument("--json", action="store_true")
    correct.set_defaults(handler=run_case_set)

    demo = sub.add_parser("make-demo-disc", help="生成演示光盘目录 / write the demo disc to a folder")
    demo.add_argument("out", type=Path, metavar="DIR")
    demo.add_argument("--seed", type=int, default=2024)
    demo.set_defaults(handler=run_make_demo_disc)


def open_store(args: argparse.Namespace) -> Store:
    return Store.open(paths.data_dir(args.data_dir))


def run_import(args: argparse.Namespace) -> int:
    from app.intake.importer import ImportCancelled, Importer  # PyMuPDF: only for the command that reads PDFs

    store = open_store(args)
    bar = ProgressBar()
    importer = Importer(store, paths.current_user(), progress=bar, encoding=args.encoding)
    try:
        report = importer.run(list(args.sources))
    except ImportCancelled:
        bar.finish()
        print(
            "已取消：已导入的文件已保存，重新导入即可继续。/ cancelled; re-run to continue.", file=sys.stderr
        )
        return 130
    finally:
        bar.finish()
        store.close()
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        print_import_report(report)
    return report.exit_code


def print_import_report(report: ImportOutcome) -> None:
    for source in report.sources:
        if source.error is not None:
            print(f"✗ {source.path}\n  {source.error.zh}\n  {source.error.en}")
            continue
        status = {
            "unchanged": "已导入过，内容相同，无需重复导入 / already imported, nothing changed",
            "resumed": "继续上次未完成的导入 / resumed an unfinished import",
            "updated": "已导入过，有新文件 / imported before, new files added",
        }.get(source.status, "新导入 / new")
        print(f"● {source.path}  [{source.kind}, {source.filesystem}, 卷标 label: {source.label}]  {status}")
        if source.warning is not None:
            print(f"  ! {source.warning.zh}\n    {source.warning.en}")
        for item in source.files:
            mark = (
                "✗" if item.problem and item.problem.severity == "error" else ("!" if item.problem else " ")
            )
            line = f"  {mark} {CLASS_LABELS[item.cls]:<4} {item.source_path}"
            print(line)
            if item.problem:
                print(f"      {item.problem.code}: {item.problem.zh} / {item.problem.en}")
    s = report.summary()
    print(
        f"\n共 {s['files']} 个文件：新增 {s['new']}，未变 {s['unchanged']}；案卷 {s['case_file']}，"
        f"辅助材料 {s['supporting']}，其他 {s['other']}，拒收 {s['rejected']}；有问题 {s['problems']}。\n"
        f"{s['files']} files: {s['new']} new, {s['unchanged']} unchanged; {s['case_file']} case files, "
        f"{s['supporting']} supporting, {s['other']} other, {s['rejected']} rejected; {s['problems']} with problems."
    )


def _label(case: CaseFile, name: str, labels: dict[str, str]) -> str:
    value = case.value(name)
    return labels.get(value, value) if value else "—"


def _cell(text: str, columns: int) -> str:
    fitted = fit_columns(text, columns)
    return fitted + " " * (columns - display_width(fitted))


def run_cases(args: argparse.Namespace) -> int:
    from app.station.packets import visible_cases  # the rubric catalog and signing: not for an import

    store = open_store(args)
    try:
        cases = visible_cases(store.db, CaseRepository(store.db).list())
    finally:
        store.close()
    if args.json:
        print(json.dumps([c.as_json() for c in cases], ensure_ascii=False, indent=2))
        return 0
    if not cases:
        print("还没有案卷，请先导入。/ no case files yet; import a disc first.")
        return 0
    header = ["编号", "单位", "候选", "推/抽", "类型", "文号", "页", "问题"]
    widths = [5, 22, 14, 6, 16, 20, 4, 20]
    print(" ".join(_cell(h, w) for h, w in zip(header, widths, strict=True)))
    for case in cases:
        candidate = _label(case, "candidate_kind", vocab.CANDIDATE_LABELS)
        if case.value("candidate_name"):
            candidate += f" {case.value('candidate_name')}"
        row = [
            str(case.id),
            case.value("unit") or "—",
            candidate,
            _label(case, "selection", vocab.SELECTION_LABELS),
            _label(case, "case_type", vocab.CASE_TYPE_LABELS),
            case.value("case_number") or "—",
            str(case.pages or "?"),
            "；".join(p["code"] for p in case.problems),
        ]
        print(" ".join(_cell(v, w) for v, w in zip(row, widths, strict=True)))
    return 0


def _print_case(case: CaseFile, as_json: bool, transcripts: list[dict[str, Any]] | None = None) -> None:
    if as_json:
        body = case.as_json()
        if transcripts is not None:
            body["transcripts"] = transcripts
        print(json.dumps(body, ensure_ascii=False, indent=2))
        return
    print(f"案卷 {case.id}: {case.source_label}/{case.source_path}")
    print(f"  SHA-256 {case.sha256}  {case.pages} 页  识别依据 / classified by: {case.class_reason}")
    for name in FIELDS:
        found = case.fields.get(name)
        if found:
            print(f"  {name:<15} {found.value or '—'}   ← {found.found_by}: {found.detail}")
        else:
            print(f"  {name:<15} —")
    for item in case.problems:
        print(f"  ! {item['code']}: {item['message']} / {item['message_en']}")
    for doc in case.documents:
        print(f"  {doc.first_page:>3}-{doc.last_page:<3} {doc.kind:<22} {doc.title}  ← {doc.found_by}")
    for record in transcripts or []:
        officers = "、".join(f"{o['name'] or '？'}({o['badge'] or '无证号'})" for o in record["officers"])
        print(
            f"  [{record['kind']} p.{record['first_page']}] {record['start']} → {record['end']}  {officers}"
        )
        for flag in record["flags"]:
            print(f"      ⚑ {flag['message']} / {flag['message_en']}")


def run_case_show(args: argparse.Namespace) -> int:
    from app.models.documents import DocumentRepository

    store = open_store(args)
    try:
        case = CaseRepository(store.db).get(args.case_id)
        _print_case(case, args.json, DocumentRepository(store.db).facts(case.sha256))
    finally:
        store.close()
    return 0


def run_case_set(args: argparse.Namespace) -> int:
    changes: dict[str, str | None] = {}
    for name in FIELDS:
        value = getattr(args, name, None)
        if value is not None:
            changes[name] = value.strip() or None
    for name in args.clear:
        changes[name] = None
    if not changes:
        raise UsageError("nothing_to_set", "没有要更正的字段。", "no field to correct was given")
    store = open_store(args)
    try:
        case = CaseRepository(store.db).correct(args.case_id, changes, paths.current_user())
        _print_case(case, args.json)
    finally:
        store.close()
    return 0


def run_make_demo_disc(args: argparse.Namespace) -> int:
    from app.atomic import output_folder
    from app.demo.disc import generate_demo_disc

    disc = generate_demo_disc(output_folder(args.out), seed=args.seed)
    print(f"演示光盘已生成 / demo disc written: {args.out} ({len(disc.cases)} 份案卷 case files)")
    return 0
