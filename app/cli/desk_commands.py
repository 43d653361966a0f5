"""Commands that open the desk: no command at all, and ``demo`` (the README's first command)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app import paths


def register(sub: Any) -> None:
    demo = sub.add_parser(
        "demo",
        help="在内置演示光盘上打开评审台 / open the desk on the built-in demo disc",
    )
    demo.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE",
        help="等第一页显示后截图并退出 / save a screenshot once the first page is shown, then exit",
    )
    demo.add_argument("--no-window", action="store_true", help="只生成并导入，不开窗口 / import only")
    demo.set_defaults(handler=run_demo)


def prepare_demo(data_dir: Path) -> int:
    """Generate the demo disc once and import it; re-running changes nothing."""
    from app.demo.disc import ensure_demo_disc
    from app.intake.importer import Importer
    from app.models.store import Store

    disc_dir = paths.demo_disc_dir(data_dir)
    if not disc_dir.with_name(disc_dir.name + ".complete").exists():
        print("正在生成演示光盘… / generating the demo disc…", file=sys.stderr)
    ensure_demo_disc(disc_dir)
    store = Store.open(data_dir)
    try:
        report = Importer(store, paths.current_user()).run([disc_dir])
        # Born-digital files analyse in milliseconds; scans need OCR (reviewdesk analyze --all).
        from app.analysis.analyzer import Analyzer
        from app.models.cases import CaseRepository

        born_digital = [c.id for c in CaseRepository(store.db).list() if c.has_text]
        Analyzer(store).analyze_cases(born_digital, titles_only=True)
    finally:
        store.close()
    return report.exit_code


def run_demo(args: argparse.Namespace) -> int:
    data_dir = paths.data_dir(args.data_dir)
    prepare_demo(data_dir)
    if args.no_window:
        return 0
    return run_desk(args)


def run_desk(args: argparse.Namespace) -> int:
    from app.ui.application import run

    return run(
        paths.data_dir(args.data_dir),
        screenshot=getattr(args, "screenshot", None),
        error_dialogs=not args.no_error_dialogs,
        language=args.lang,
    )
