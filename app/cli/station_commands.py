"""``reviewdesk check|publication|level|assign|packet|receive-packet``: the station's workflow and the expert's packet."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app import paths
from app.aggregate import adjudication
from app.aggregate.panel import Settings, build_panel
from app.aggregate.withdrawals import received_packages, withdraw
from app.cli.intake_commands import open_store
from app.errors import UsageError
from app.localtime import local_text
from app.models.adjudications import Adjudication, AdjudicationRepository
from app.models.cases import CaseRepository
from app.models.station_facts import StationFactsRepository
from app.rubric import catalog
from app.rubric.rounding import format_points
from app.rubric.scheme import Scheme
from app.signing import identity as ident
from app.station.assign import ALGORITHM, assign, read_experts, summary
from app.station.check import Period, check_submissions
from app.station.levels import LEVELS, parse_level, set_level, stored_levels
from app.station.packets import receive_packet, record_assignment, write_packet


def register(sub: Any) -> None:
    check = sub.add_parser("check", help="报送材料完整性检查 / check each candidate's submission")
    check.add_argument("--scheme", required=True, metavar="ID", help="评选方案 / the candidate scheme")
    check.add_argument("--period", metavar="START..END", help="活动期间，如 2024-01-01..2024-09-30")
    check.add_argument("--json", action="store_true")
    check.add_argument("--xlsx", metavar="OUT")
    check.set_defaults(handler=run_check)

    published = sub.add_parser(
        "publication", help="记录处罚信息是否公开 / record whether a penalty was published"
    )
    published.add_argument("case_id", type=int, metavar="CASE_ID")
    published.add_argument("state", choices=["yes", "no"])
    published.add_argument(
        "--portal", default="", metavar="URL", help="查询的门户网站地址 / where it was checked"
    )
    published.set_defaults(handler=run_publication)

    level = sub.add_parser(
        "level", help="记录候选的级别（市级/县级）/ record a candidate's level (city or county)"
    )
    level.add_argument("candidate", metavar="CANDIDATE", help="候选（check 显示的名称）/ as check shows it")
    level.add_argument("level", metavar="city|county", help="city 市级 / county 县级")
    level.set_defaults(handler=run_level)

    assign_cmd = sub.add_parser("assign", help="分配案卷给专家 / assign case files to experts")
    assign_cmd.add_argument("--experts", required=True, metavar="FILE", help="专家名单 JSON / experts file")
    assign_cmd.add_argument("--per-case", required=True, type=int, metavar="N")
    assign_cmd.add_argument("--seed", type=int, metavar="S", help="随机种子（默认随机并记录）/ recorded seed")
    assign_cmd.add_argument("--json", action="store_true")
    assign_cmd.set_defaults(handler=run_assign)

    packet = sub.add_parser("packet", help="为专家生成签名评审包 / write an expert's signed review packet")
    packet.add_argument("--expert", required=True, metavar="ID")
    packet.add_argument("--out", required=True, metavar="FILE")
    packet.add_argument("--rubric", default="transcripts-2024", metavar="ID")
    packet.add_argument("--blind", action="store_true", help="隐去报送单位（盲评）/ hide the units")
    packet.add_argument("--passphrase-file", metavar="FILE")
    packet.add_argument("--json", action="store_true")
    packet.set_defaults(handler=run_packet)

    receive = sub.add_parser("receive-packet", help="导入监理站的评审包 / import the station's review packet")
    receive.add_argument("file", metavar="FILE")
    receive.add_argument(
        "--station-fingerprint",
        metavar="FP",
        help="监理站公布的密钥指纹 / the station's published fingerprint",
    )
    receive.add_argument(
        "--accept-unknown-keys",
        action="store_true",
        help="不核对指纹也导入（不建议）/ import without checking the fingerprint (not advised)",
    )
    receive.add_argument("--json", action="store_true")
    receive.set_defaults(handler=run_receive)
    register_received(sub)
    register_adjudicate(sub)
    findings = sub.add_parser(
        "findings", help="评查意见：各单位案卷的问题清单（PDF、xlsx）/ findings back to each bureau"
    )
    findings.add_argument("--out", required=True, metavar="DIR", help="输出文件夹 / output folder")
    findings.add_argument("--json", action="store_true")
    findings.set_defaults(handler=run_findings)
    results = sub.add_parser(
        "results", help="签名的评审结果（含裁定、汇总表、评查意见）/ the station's signed results"
    )
    results.add_argument("--out", required=True, metavar="FILE")
    results.add_argument("--passphrase-file", metavar="FILE")
    results.add_argument("--json", action="store_true")
    results.set_defaults(handler=run_results)


def register_adjudicate(sub: Any) -> None:
    cmd = sub.add_parser(
        "adjudicate", help="组长裁定：认定分数或要求复评 / the panel lead's decision on a case"
    )
    cmd.add_argument(
        "case_id", nargs="?", type=int, metavar="CASE_ID", help="本站的案卷编号 / station case id"
    )
    decision = cmd.add_mutually_exclusive_group()
    decision.add_argument("--score", metavar="N", help="认定的分数（按评分标准满分）/ the score that stands")
    decision.add_argument(
        "--rereview", metavar="EXPERT,…", help="要求复评的专家（编号或姓名）/ experts asked to review again"
    )
    cmd.add_argument("--reason", default="", help="裁定理由（必填）/ why (required)")
    cmd.add_argument("--rubric", metavar="ID", help="案卷按多个评分标准评过时指定 / when scored on several")
    cmd.add_argument("--list", action="store_true", help="列出全部裁定及其历史 / every decision so far")
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(handler=run_adjudicate)


def register_received(sub: Any) -> None:
    received = sub.add_parser("received", help="已接收的评分包：列出、撤回 / received score packages")
    rsub = received.add_subparsers(dest="received_command", metavar="ACTION", required=True)
    listed = rsub.add_parser("list", help="列出已接收的评分包 / list received packages")
    listed.add_argument("--json", action="store_true")
    listed.set_defaults(handler=run_received_list)
    remove = rsub.add_parser("remove", help="撤回一个评分包（不再计入）/ withdraw a package from the count")
    remove.add_argument(
        "package_id", metavar="PACKAGE_ID", help="评分包编号（或至少 8 位前缀）/ id or prefix"
    )
    remove.add_argument("--reason", required=True, help="撤回原因（记入日志）/ why (logged)")
    remove.set_defaults(handler=run_received_remove)


def _scheme(args: argparse.Namespace) -> Scheme:
    return catalog.get_scheme(args.scheme, paths.data_dir(args.data_dir))


def run_check(args: argparse.Namespace) -> int:
    scheme = _scheme(args)
    try:
        period = Period.parse(args.period) if args.period else None
    except ValueError as exc:
        raise UsageError(
            "bad_period",
            f"活动期间应写成 2024-01-01..2024-09-30：{args.period}",
            f"bad --period: {args.period}",
        ) from exc
    store = open_store(args)
    try:
        cands, findings = check_submissions(store, scheme, period)
        levels = stored_levels(store.db)
    finally:
        store.close()
    if args.xlsx:
        from app.reports.check_xlsx import write_check_xlsx

        write_check_xlsx(scheme, cands, findings, Path(args.xlsx))
    if args.json:
        body = {
            "scheme": scheme.id,
            "candidates": [
                {
                    "id": c.id,
                    "kind": c.kind,
                    "unit": c.unit,
                    "level": levels.get(c.id),
                    "cases": len(c.cases),
                    "papers": [p.role for p in c.papers],
                }
                for c in cands
            ],
            "findings": [f.as_json() for f in findings],
        }
        print(json.dumps(body, ensure_ascii=False, indent=2))
    else:
        print(f"{scheme.title}：{len(cands)} 个候选 / candidates，{len(findings)} 项问题 / findings")
        for cand in cands:
            mine = [f for f in findings if f.candidate == cand.id]
            mark = "✓" if not mine else "✗"
            level = LEVELS.get(levels.get(cand.id, ""), "级别未设定")
            print(f"{mark} {cand.name}（{level}，案卷 {len(cand.cases)} 份）")
            for finding in mine:
                veto = "【否决】" if finding.severity == "veto" else ""
                where = f"  [{finding.file}]" if finding.file else ""
                print(f"    {veto}{finding.zh}{where}\n      {finding.en}")
    return 1 if findings else 0


def run_publication(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        case = CaseRepository(store.db).get(args.case_id)
        with store.db.atomic():
            StationFactsRepository(store.db).set_publication(
                case.sha256, case.source_path, args.state == "yes", args.portal, paths.current_user()
            )
    finally:
        store.close()
    state = "已公开 / published" if args.state == "yes" else "未公开 / not published"
    print(f"案卷 {args.case_id}：{state}{'（' + args.portal + '）' if args.portal else ''}")
    return 0


def run_level(args: argparse.Namespace) -> int:
    level = parse_level(args.level)
    store = open_store(args)
    try:
        name = set_level(store, args.candidate, level, paths.current_user())
    finally:
        store.close()
    print(f"候选 {name}：{LEVELS[level]} / {level}")
    return 0


def run_assign(args: argparse.Namespace) -> int:
    experts = read_experts(Path(args.experts))
    seed = args.seed if args.seed is not None else int.from_bytes(__import__("os").urandom(4), "big")
    store = open_store(args)
    try:
        cases = CaseRepository(store.db).list()
        result = assign(cases, experts, args.per_case, seed)
        assignment_id = record_assignment(store, result, cases, paths.current_user())
    finally:
        store.close()
    body = summary(result, cases) | {"assignment": assignment_id}
    if args.json:
        print(json.dumps(body, ensure_ascii=False, indent=2))
        return 0
    names = {e.id: e.name for e in experts}
    print(f"分配方案 / assignment {assignment_id}：每份案卷 {args.per_case} 位专家，随机种子 / seed {seed}")
    print(f"  算法 / algorithm: {ALGORITHM}")
    print(
        f"  复现 / to reproduce: reviewdesk assign --experts {args.experts} --per-case {args.per_case} --seed {seed}"
    )
    for expert in experts:
        mine = [c for c in body["cases"] if expert.id in c["experts"]]
        print(f"{expert.id} {expert.name}（{expert.unit}）：{len(mine)} 份")
        for case in mine:
            print(f"    {case['case_id']:>4}  {case['unit'] or '?'}  {case['case_number'] or ''}")
    if body["conflicts"]:
        print("回避 / conflicts:")
        for conflict in body["conflicts"]:
            print(f"    案卷 {conflict['case_id']} ✗ {names[conflict['expert']]}：{conflict['reason']}")
    return 0


def run_packet(args: argparse.Namespace) -> int:
    station, key = ident.unlock(paths.data_dir(args.data_dir), args.passphrase_file)
    store = open_store(args)
    try:
        written = write_packet(
            store, station, key, args.expert, args.rubric, Path(args.out), blind=args.blind
        )
    finally:
        store.close()
    if args.json:
        print(json.dumps(written, ensure_ascii=False, indent=2))
    else:
        blind = "，盲评 / blind" if written["blind"] else ""
        print(
            f"评审包 / packet {written['file']}：专家 {written['expert']}，案卷 {written['cases']} 份{blind}"
        )
        print(f"  监理站密钥指纹 / station key: {station.short_fingerprint}")
    return 0


def run_receive(args: argparse.Namespace) -> int:
    if not args.station_fingerprint and not args.accept_unknown_keys:
        raise UsageError(
            "station_fingerprint_needed",
            "请用 --station-fingerprint 给出监理站公布的密钥指纹（reviewdesk keys show 可查）；"
            "确需不核对而导入，请加 --accept-unknown-keys。",
            "give the station's published key fingerprint with --station-fingerprint FP; to import "
            "without checking it, add --accept-unknown-keys",
        )
    store = open_store(args)
    try:
        received = receive_packet(store, Path(args.file), args.station_fingerprint, paths.current_user())
    finally:
        store.close()
    if args.json:
        print(json.dumps(received, ensure_ascii=False, indent=2))
    else:
        print(f"已导入评审包 / packet received: {received['cases']} 份案卷，评分标准 {received['rubric']}")
        print(
            f"  监理站 / station: {received['station']} · {ident.display_fingerprint(received['station_fingerprint'])}"
        )
        if not args.station_fingerprint:
            print(
                "  ! 未核对指纹（--accept-unknown-keys），请与监理站公布的密钥指纹核对"
                " / fingerprint not checked: compare it with the one the station published",
                file=sys.stderr,
            )
    return 0


def run_received_list(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        listed = received_packages(store)
    finally:
        store.close()
    if args.json:
        print(json.dumps([p.as_json() for p in listed], ensure_ascii=False, indent=2))
        return 0
    if not listed:
        print("还没有接收任何评分包。/ no packages received yet.")
    for package in listed:
        state = "计入 / counted"
        if package.withdrawn:
            state = f"已撤回 / withdrawn {package.withdrawn['at']}：{package.withdrawn['reason']}"
        elif not package.usable:
            state = "分数无法计算，请撤回 / unusable score: withdraw it"
        print(
            f"{package.package_id}  {package.expert_name} · 第 {package.sequence} 号 / sequence {package.sequence}"
            f" · {package.cases} 份 / cases · {package.file_name} · {state}"
        )
    return 0


def run_received_remove(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        package_id = withdraw(store, args.package_id, args.reason, paths.current_user())
    finally:
        store.close()
    print(
        f"已撤回评分包 / withdrawn: {package_id}；重新运行 reviewdesk aggregate 得到不含它的结果"
        f" / run `reviewdesk aggregate` again for results without it"
    )
    return 0


def run_adjudicate(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        if args.list or args.case_id is None:
            history = AdjudicationRepository(store.db).history()
            labels = {(c.sha256, c.source_path): c for c in CaseRepository(store.db).list()}
            if args.json:
                print(json.dumps([a.as_json() for a in history], ensure_ascii=False, indent=2))
                return 0
            if not history:
                print("还没有任何裁定。/ no adjudications yet.")
            for item in history:
                known = labels.get((item.sha256, item.source_path))
                print(f"{local_text(item.decided_at)}  案卷 {known.id if known else '?'}  {describe(item)}")
            return 0
        panel = build_panel(store, Settings())
        case = adjudication.find_case(panel, args.case_id, args.rubric)
        score = adjudication.parse_score(args.score, case) if args.score is not None else None
        experts = None
        if args.rereview is not None:
            names = args.rereview.replace("，", ",").split(",")
            experts = adjudication.match_experts(names, case, adjudication.assigned_experts(store, case))
        made = adjudication.record(store, case, args.reason, paths.current_user(), score, experts)
    finally:
        store.close()
    if args.json:
        print(json.dumps(made.as_json(), ensure_ascii=False, indent=2))
    else:
        flagged = "" if case.adjudicate else "（该案卷分差未超过容限 / not flagged by its spread）"
        print(f"已记录裁定 / recorded: 案卷 {args.case_id} {describe(made)}{flagged}")
    return 0


def describe(item: Adjudication) -> str:
    if item.decision == "score":
        what = f"认定 {format_points(item.score or 0)} 分 / score stands"
    else:
        what = f"要求复评 / re-review: {'、'.join(item.experts)}"
    return f"[{item.rubric_id}] {what}；理由 / reason: {item.reason}（{item.decided_by}）"


def run_findings(args: argparse.Namespace) -> int:
    from app.aggregate.findings import case_findings, findings_json
    from app.reports.findings_files import write_findings

    store = open_store(args)
    try:
        bureaus = case_findings(store, build_panel(store, Settings()))
    finally:
        store.close()
    written = write_findings(bureaus, Path(args.out))
    if args.json:
        print(
            json.dumps(
                {"files": [str(p) for p in written], "bureaus": findings_json(bureaus)},
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for bureau in bureaus:
        count = sum(len(c.findings) for c in bureau.cases)
        print(f"{bureau.unit}：{len(bureau.cases)} 份案卷，{count} 条意见 / findings")
    print(f"已写入 / written: {len(written)} 个文件 / files → {args.out}")
    return 0


def run_results(args: argparse.Namespace) -> int:
    from app.results_export import write_results

    station, key = ident.unlock(paths.data_dir(args.data_dir), args.passphrase_file)
    store = open_store(args)
    try:
        written = write_results(store, build_panel(store, Settings()), station, key, Path(args.out))
    finally:
        store.close()
    if args.json:
        print(json.dumps(written, ensure_ascii=False, indent=2))
    else:
        print(
            f"已写入签名的评审结果 / signed results: {written['file']}（{len(written['members'])} 个文件 / files）"
        )
        print(f"  监理站密钥指纹 / station key: {station.short_fingerprint}")
    return 0
