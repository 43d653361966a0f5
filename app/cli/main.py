"""``reviewdesk``: parse the command line, run one command, turn known errors into messages and exit codes.

Exit codes: 0 success; 1 done, but some files had problems; 2 usage error, or a source or the
store could not be read; 130 cancelled with Ctrl+C.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence
from typing import NoReturn

from app import __version__
from app.errors import KnownError

EXIT_OK, EXIT_PROBLEMS, EXIT_FAILED, EXIT_CANCELLED = 0, 1, 2, 130


class BilingualParser(argparse.ArgumentParser):
    """argparse's usage errors, led by a Chinese line like every other message of ours."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_FAILED,
            f"错误：命令行参数不正确（{self.prog}），请看上面的用法或加 --help。\n"
            f"error: {self.prog}: {message}\n",
        )


def build_parser() -> argparse.ArgumentParser:
    from app.cli import (
        analysis_commands,
        crosscheck_commands,
        desk_commands,
        intake_commands,
        package_commands,
        rubric_commands,
        score_commands,
        station_commands,
    )

    parser = BilingualParser(
        prog="reviewdesk",
        description="案卷评审台 ReviewDesk — 环境执法案卷离线评审 / offline review of enforcement case files",
    )
    parser.add_argument("--version", action="version", version=f"ReviewDesk {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="数据目录 / data directory (default: $REVIEWDESK_DATA_DIR or the platform's user data dir)",
    )
    parser.add_argument(
        "--no-error-dialogs",
        action="store_true",
        help="出错时不弹窗，只写日志 / never block on an error dialog (tests, smoke runs)",
    )
    parser.add_argument(
        "--lang",
        choices=["zh_CN", "en"],
        help="评审台界面语言（默认中文，或设置中所选）/ the desk's language (default: Chinese or the setting)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    intake_commands.register(sub)
    analysis_commands.register(sub)
    rubric_commands.register(sub)
    score_commands.register(sub)
    package_commands.register(sub)
    station_commands.register(sub)
    crosscheck_commands.register(sub)
    desk_commands.register(sub)
    parser.set_defaults(handler=desk_commands.run_desk)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except KnownError as error:
        print(f"错误：{error.zh}\nerror: {error.en}", file=sys.stderr)
        return EXIT_FAILED
    except sqlite3.DatabaseError as error:
        # The store went bad under a running command (pages corrupted, disk pulled): say so plainly.
        known = _store_failure(error, args)
        print(f"错误：{known.zh}\nerror: {known.en}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("\n已取消，已完成的部分已保存。/ cancelled; what was done is saved.", file=sys.stderr)
        return EXIT_CANCELLED
    except BrokenPipeError:
        # The reader went away (`reviewdesk cases | head`): not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK


def _store_failure(error: sqlite3.DatabaseError, args: argparse.Namespace) -> KnownError:
    from app import paths
    from app.errors import StoreError
    from app.models.store import store_error_from

    db_path = paths.store_file(paths.data_dir(getattr(args, "data_dir", None)))
    if isinstance(error, sqlite3.OperationalError):
        return store_error_from(error, db_path)
    return StoreError(
        "store_corrupt",
        f"数据库文件已损坏（{error}）：{db_path}。请从备份（.bak）恢复，或联系技术支持。",
        f"the database file is damaged ({error}): {db_path}; restore it from a backup (.bak)",
    )


if __name__ == "__main__":
    raise SystemExit(main())
