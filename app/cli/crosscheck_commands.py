"""``reviewdesk crosscheck``: copied records, leftover names and impossible schedules across the store."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.cli.intake_commands import open_store
from app.errors import UsageError


def register(sub: Any) -> None:
    command = sub.add_parser(
        "crosscheck",
        help="跨案卷核查：笔录雷同、他案名称、执法人员时间冲突 / copied records and impossible schedules",
    )
    command.add_argument(
        "--threshold",
        type=float,
        default=None,
        metavar="0..1",
        help="笔录雷同阈值：相同问答占比（默认 0.5）/ share of answers that must recur (default 0.5)",
    )
    command.add_argument("--case", type=int, metavar="CASE_ID", help="只显示涉及此案卷的 / only this case's")
    command.add_argument("--json", action="store_true")
    command.add_argument("--xlsx", metavar="OUT", help="写出核查表 / write the findings workbook")
    command.set_defaults(handler=run_crosscheck)


def run_crosscheck(args: argparse.Namespace) -> int:
    from app.crosscheck.codes import CODES
    from app.crosscheck.copies import DEFAULT_THRESHOLD
    from app.crosscheck.run import crosscheck

    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    if not 0 < threshold <= 1:
        raise UsageError(
            "bad_threshold",
            f"阈值须在 0 到 1 之间（不含 0），收到 {threshold}。",
            f"the threshold must be in (0, 1], got {threshold}",
        )
    store = open_store(args)
    report = crosscheck(store.db, threshold)
    if args.case is not None:
        report.findings = [f for f in report.findings if _involves(f, args.case)]
    if args.xlsx:
        from app.reports.crosscheck_xlsx import write_crosscheck_xlsx

        write_crosscheck_xlsx(report, Path(args.xlsx))
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        return 0
    print(
        f"跨案卷核查：{report.records} 份笔录，{report.files} 个案卷文件，用时 {report.seconds:.1f} 秒"
        f" / {report.records} records in {report.files} files, {report.seconds:.1f} s"
    )
    for code, count in report.counts().items():
        zh, en = CODES[code]
        print(f"  {zh} / {en}: {count}")
    for finding in report.findings:
        zh, _ = CODES[str(finding["code"])]
        a = finding["a"]
        print(f"\n[{zh}] {_ref(a)}")
        print(f"  {finding['message']}")
        for passage in list(finding.get("passages") or [])[:3]:
            print(f"    本案：{passage['a'][:60]}")
            if passage["b"]:
                print(f"    他案：{passage['b'][:60]}")
    if args.xlsx:
        print(f"\n已写出 / written: {args.xlsx}")
    return 0


def _ref(ref: dict[str, Any]) -> str:
    cases = "、".join(str(c) for c in ref["case_ids"])
    return f"案卷 {cases}（{ref.get('unit') or '单位未知'}）{ref['kind_label']} 第 {ref['first_page']}–{ref['last_page']} 页"


def _involves(finding: dict[str, Any], case_id: int) -> bool:
    return any(case_id in (finding.get(side) or {}).get("case_ids", []) for side in ("a", "b"))
