"""``reviewdesk keys|export|verify|aggregate``: the expert's identity, signed packages, the station's panel."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app import paths
from app.aggregate import receive
from app.aggregate.panel import PanelReport, Settings, build_panel
from app.aggregate.statistics import METHOD_LABELS, METHODS
from app.atomic import write_durably
from app.cli.intake_commands import open_store
from app.errors import UsageError
from app.localtime import local_text
from app.rubric import catalog
from app.rubric.rounding import as_json_number
from app.rubric.scheme import Scheme
from app.score_export import export_package
from app.signing import identity as ident
from app.signing.roster import label_lines, load_roster
from app.signing.verify import PackageRejected, VerifiedPackage, check_against_station, read_package


def register(sub: Any) -> None:
    keys = sub.add_parser("keys", help="专家身份与签名密钥 / the expert's identity and signing key")
    ksub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    init = ksub.add_parser("init", help="生成密钥对（首次使用）/ make the key pair (first run)")
    init.add_argument("--name", required=True, help="专家姓名 / expert's name")
    init.add_argument("--unit", required=True, help="工作单位 / unit")
    init.add_argument("--number", default="", help="专家编号 / expert number")
    init.add_argument("--passphrase-file", metavar="FILE")
    init.set_defaults(handler=run_keys_init)
    show = ksub.add_parser("show", help="显示专家身份和密钥指纹 / show identity and fingerprint")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_keys_show)
    export_public = ksub.add_parser(
        "export-public", help="导出公钥（交给监理站的名册）/ write the public key"
    )
    export_public.add_argument("--out", metavar="FILE", help="默认输出到屏幕 / default: standard output")
    export_public.set_defaults(handler=run_keys_export_public)

    export = sub.add_parser("export", help="导出签名评分包 / export a signed score package")
    export.add_argument("--out", required=True, metavar="FILE")
    export.add_argument(
        "--cases", nargs="+", type=int, metavar="ID", help="默认全部已完成 / default: all complete"
    )
    export.add_argument("--rubric", metavar="ID", help="只导出该评分标准下的评分 / only this rubric")
    export.add_argument("--passphrase-file", metavar="FILE")
    export.add_argument("--json", action="store_true")
    export.set_defaults(handler=run_export)

    verify = sub.add_parser("verify", help="核验评分包 / verify score packages")
    verify.add_argument("files", nargs="+", metavar="FILE")
    verify.add_argument(
        "--roster", metavar="KEYS", help="专家公钥名册（PEM 文件或文件夹）/ roster of public keys"
    )
    verify.add_argument(
        "--accept-unknown-keys",
        action="store_true",
        help="接收名册中没有的签名密钥（以指纹标识）/ take keys on no roster, named by fingerprint",
    )
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=run_verify)

    aggregate = sub.add_parser("aggregate", help="汇总专家评分 / aggregate the panel's packages")
    aggregate.add_argument("files", nargs="*", metavar="FILE", help="新收到的评分包 / packages to receive")
    aggregate.add_argument("--roster", metavar="KEYS")
    aggregate.add_argument(
        "--accept-unknown-keys",
        action="store_true",
        help="接收名册中没有的签名密钥（以指纹标识）/ take keys on no roster, named by fingerprint",
    )
    aggregate.add_argument("--scheme", metavar="RUBRIC_ID", help="候选评选方案 / candidate scheme")
    aggregate.add_argument(
        "--scheme-inputs", metavar="FILE", help="方案所需的其他数据（JSON）/ other figures"
    )
    aggregate.add_argument(
        "--case-rubric", metavar="ID", help="计入案卷质量的评分标准 / rubric for case quality"
    )
    aggregate.add_argument("--mean", choices=METHODS, default="auto", help="合分方法 / how scores combine")
    aggregate.add_argument("--tolerance", default="10", help="分差容限（百分制）/ spread tolerance per 100")
    aggregate.add_argument("--json", action="store_true")
    aggregate.add_argument("--xlsx", metavar="OUT")
    aggregate.add_argument("--pdf", metavar="OUT")
    aggregate.set_defaults(handler=run_aggregate)


def _root(args: argparse.Namespace) -> Path:
    return paths.data_dir(args.data_dir)


def run_keys_init(args: argparse.Namespace) -> int:
    root = _root(args)
    ident.ensure_no_identity(root)
    passphrase = ident.read_passphrase(args.passphrase_file, confirm=True)
    made = ident.create_identity(root, args.name, args.unit, args.number, passphrase)
    print(f"已生成专家密钥 / key made: {made.name} · {made.unit}")
    print(f"密钥指纹 / fingerprint: {made.short_fingerprint}")
    return 0


def run_keys_show(args: argparse.Namespace) -> int:
    made = ident.require_identity(_root(args))
    if args.json:
        print(json.dumps(made.as_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"专家 / expert: {made.name}（{made.unit}）编号 / number: {made.number or '—'}")
    print(f"密钥指纹 / fingerprint: {made.short_fingerprint}")
    print(f"完整指纹 / full: {made.fingerprint}")
    print(f"创建于 / created: {local_text(made.created_at)}")
    return 0


def run_keys_export_public(args: argparse.Namespace) -> int:
    made = ident.require_identity(_root(args))
    # The name and unit above the key are what the station's roster reports; openssl ignores them.
    labelled = label_lines(made.name, made.unit).encode("utf-8") + made.public_pem()
    if args.out:
        write_durably(Path(args.out), labelled)
        print(f"公钥已写入 / public key written: {args.out}（{made.short_fingerprint}）", file=sys.stderr)
    else:
        sys.stdout.write(labelled.decode("utf-8"))
    return 0


def run_export(args: argparse.Namespace) -> int:
    made, key = ident.unlock(_root(args), args.passphrase_file)
    store = open_store(args)
    try:
        result = export_package(store, made, key, Path(args.out), args.cases, args.rubric)
    finally:
        store.close()
    if args.json:
        body = {
            "file": str(result.path),
            "package_id": result.package_id,
            "sequence": result.sequence,
            "cases": result.cases,
            "fingerprint": made.fingerprint,
            "missing_glyphs": result.missing_glyphs,
        }
        print(json.dumps(body, ensure_ascii=False, indent=2))
    else:
        print(f"已导出评分包 / exported: {result.path}")
        print(
            f"  {result.cases} 份案卷 / cases · 第 {result.sequence} 号 / sequence · {made.short_fingerprint}"
        )
    if result.missing_glyphs:
        print(
            f"注意：评分表 PDF 中无法显示的字以 〓 代替（签名数据中保留原字）：{result.missing_glyphs}\n"
            f"note: characters the PDF font lacks are printed as 〓 (the signed data keeps them)",
            file=sys.stderr,
        )
    return 0


def run_verify(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        context = receive.station_context(
            store, load_roster(args.roster, store.root), args.accept_unknown_keys
        )
    finally:
        store.close()
    results: list[dict[str, Any]] = []
    failed = False
    for name in args.files:
        try:
            package = read_package(Path(name))
            check_against_station(package, context)
            results.append(package.summary())
        except PackageRejected as rejected:
            failed = True
            results.append(
                {"file": name, "valid": False, "code": rejected.code, "zh": rejected.zh, "en": rejected.en}
            )
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for item in results:
            _print_verification(item)
    return 1 if failed else 0


def _print_verification(item: dict[str, Any]) -> None:
    if not item["valid"]:
        print(f"✗ {item['file']}\n  无效 / INVALID [{item['code']}]: {item['zh']}\n  {item['en']}")
        return
    expert = item["expert"]
    print(f"✓ {item['file']}: 有效 / valid")
    print(
        f"  专家 / expert: {expert['name']}（{expert['unit']}）{ident.display_fingerprint(expert['fingerprint'])}"
    )
    print(
        f"  第 {item['sequence']} 号 / sequence · {item['created_at']} · {len(item['cases'])} 份案卷 / cases"
    )
    for case in item["cases"]:
        label = " ".join(x for x in (case["unit"], case["case_number"]) if x) or case["sha256"][:12]
        print(f"    {label} · {case['rubric']} · {case['score']}")
    for warning in item["warnings"]:
        print(f"  ! {warning}")


def _settings(args: argparse.Namespace) -> Settings:
    try:
        tolerance = Decimal(args.tolerance.strip())
    except InvalidOperation:
        tolerance = Decimal("NaN")
    if not tolerance.is_finite() or not 0 <= tolerance <= 100:
        raise UsageError(
            "bad_tolerance",
            f"分差容限应为 0–100 之间的数（百分制）：{args.tolerance[:40]}",
            f"the tolerance must be a number from 0 to 100 (points of 100): {args.tolerance[:40]}",
        )
    return Settings(args.mean, tolerance)


def _scheme(args: argparse.Namespace) -> tuple[Scheme | None, dict[str, Any]]:
    if not args.scheme:
        return None, {}
    scheme = catalog.get_scheme(args.scheme, _root(args))
    if not args.scheme_inputs:
        return scheme, {}
    try:
        extra = json.loads(Path(args.scheme_inputs).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(
            "bad_scheme_inputs",
            f"无法读取方案数据文件：{args.scheme_inputs}（{exc}）",
            f"cannot read {args.scheme_inputs}: {exc}",
        ) from exc
    return scheme, extra


def run_aggregate(args: argparse.Namespace) -> int:
    settings = _settings(args)
    scheme, extra = _scheme(args)
    store = open_store(args)
    refused = 0
    try:
        context = receive.station_context(
            store, load_roster(args.roster, store.root), args.accept_unknown_keys
        )
        for name in args.files:
            try:
                package = read_package(Path(name))
                check_against_station(package, context)
                events = receive.receive(store, package)
            except PackageRejected as rejected:
                refused += 1
                receive.record_rejection(store, Path(name), f"{rejected.code}: {rejected.en}")
                print(
                    f"✗ 拒收 / refused {name} [{rejected.code}]: {rejected.zh}\n  {rejected.en}",
                    file=sys.stderr,
                )
                continue
            for warning in package.warnings:
                print(f"  ! {warning}", file=sys.stderr)
            for event in events:
                _print_event(name, package, event)
        for package_id in receive.unusable_packages(store):
            print(
                f"! 评分包 {package_id[:8]} 中有无法计算的分数，未计入；请用 reviewdesk received remove 撤回\n"
                f"  package {package_id[:8]} holds a score that is not a number and is not counted; "
                f"withdraw it with `reviewdesk received remove`",
                file=sys.stderr,
            )
        panel = build_panel(store, settings, scheme, extra, args.case_rubric)
        if not panel.cases:
            raise UsageError(
                "nothing_received",
                "还没有收到任何有效的评分包。",
                "no valid score packages have been received yet",
            )
        if args.xlsx:
            from app.reports.panel_xlsx import write_panel_xlsx

            write_panel_xlsx(panel, Path(args.xlsx))
        if args.pdf:
            from app.reports.panel_pdf import write_panel_pdf

            write_panel_pdf(panel, Path(args.pdf))
    finally:
        store.close()
    if args.json:
        print(json.dumps(panel.as_json(), ensure_ascii=False, indent=2))
    else:
        _print_panel(panel)
    return 1 if refused else 0


def _print_event(name: str, package: VerifiedPackage, event: receive.Event) -> None:
    detail = f": {event.detail}" if event.detail and event.event != "received" else ""
    print(
        f"{'✓' if event.event == 'received' else '!'} {name} · {package.signer_name}"
        f" · 第 {package.sequence} 号 / sequence {package.sequence} · {event.label}{detail}",
        file=sys.stderr,
    )


def _print_panel(panel: PanelReport) -> None:
    print(f"案卷得分 / case scores（分差容限 / tolerance {panel.settings.tolerance}/100）")
    for case in panel.cases:
        experts = "  ".join(f"{s.name} {as_json_number(s.score)}" for s in case.scores)
        flag = "  ⚠ 需裁定 / adjudicate" if case.adjudicate else ""
        print(
            f"  {case.label} · {case.rubric_id}: {as_json_number(case.final)}（{METHOD_LABELS[case.method]} / {case.method}）"
            f" 分差 / spread {as_json_number(case.spread)} · {experts}{flag}"
        )
    print("专家 / experts")
    for expert in panel.experts:
        lenient = "—" if expert.leniency is None else f"{as_json_number(expert.leniency):+}"
        print(f"  {expert.name}（{expert.unit}）{expert.cases} 份 / cases · 宽严度 / leniency {lenient}")
    for rubric_id, alpha in panel.agreement.items():
        shown = (
            "—（不足两位专家评同一案卷 / fewer than two experts per case）"
            if alpha is None
            else f"{alpha:.3f}"
        )
        print(f"一致性 / Krippendorff α (interval) · {rubric_id}: {shown}")
    if panel.missing:
        print(f"未交评审 / missing reviews（{len(panel.missing)}）")
        for row in panel.missing:
            sent = "" if row["packet_sent"] else "（评审包未发出 / no packet sent）"
            print(f"  {row['expert_id']} {row['expert']}: {row['case']}{sent}")
    if panel.candidates is not None:
        print(f"候选 / candidates（{panel.candidates.scheme_id}）")
        for cand in sorted(panel.candidates.candidates, key=lambda c: (c.level, c.rank or 10**6)):
            total = "—" if cand.total is None else as_json_number(cand.total)
            mark = " ★ 入选 / selected" if cand.selected else ""
            veto = f" 否决 / vetoed: {cand.vetoed}" if cand.vetoed else ""
            print(f"  {cand.rank or '—'}. {cand.name}: {total}{veto}{mark}")
