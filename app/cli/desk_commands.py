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
    """Generate the demo disc once and import it; re-running changes nothing.

    Born-digital files get their documents here (milliseconds); the scans are read by the desk in the
    background when it opens, through the same workflow.
    """
    from app.demo.disc import ensure_demo_disc
    from app.models.store import Store
    from app.workflow import analyse_born_digital, import_and_analyse

    disc_dir = paths.demo_disc_dir(data_dir)
    if not disc_dir.with_name(disc_dir.name + ".complete").exists():
        print("正在生成演示光盘… / generating the demo disc…", file=sys.stderr)
    ensure_demo_disc(disc_dir)
    store = Store.open(data_dir)
    try:
        report = import_and_analyse(store, paths.current_user(), [disc_dir], analyse=analyse_born_digital)
    finally:
        store.close()
    assert report.imported is not None
    return report.imported.exit_code


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
