"""``reviewdesk``: parse the command line, run one command, turn known errors into messages and exit codes.

Exit codes: 0 success; 1 done, but some files had problems; 2 usage error, or a source or the
store could not be read; 130 cancelled with Ctrl+C.

Only the module of the command that runs is imported: the parser lists the others from the static
table in ``app.cli.commands`` (``--help`` stays well under a second). ``reviewdesk PATH`` (no command,
an existing file or folder) opens it: see ``app.cli.open_path``.
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NoReturn

from app import __version__
from app.cli.commands import BY_NAME, COMMANDS, MODULES
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


class _PreParseError(Exception):
    pass


class _QuietParser(argparse.ArgumentParser):
    """Finds the command name only; any complaint is left to the real parser."""

    def error(self, message: str) -> NoReturn:
        raise _PreParseError(message)


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="数据目录 / data directory (default: $REVIEWDESK_DATA_DIR, portable.txt beside the program, "
        "or the platform's user data dir)",
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


def build_parser(load: Iterable[str] | None = None) -> argparse.ArgumentParser:
    """The parser; ``load`` names the command modules to import (all when None), the rest are listed only."""
    wanted = set(MODULES if load is None else load)
    parser = BilingualParser(
        prog="reviewdesk",
        description="案卷评审台 ReviewDesk — 环境执法案卷离线评审 / offline review of enforcement case files",
        epilog="reviewdesk PATH：打开光盘目录、映像、压缩包或 PDF（导入），评分包（核验并接收），评审包（接收）"
        " / opens a disc folder, image, zip or PDF (import), a score package (verify and receive) "
        "or a review packet (receive)",
    )
    parser.add_argument("--version", action="version", version=f"ReviewDesk {__version__}")
    _add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in MODULES:
        if module_name in wanted:
            importlib.import_module(f"app.cli.{module_name}").register(sub)
        else:
            for command in COMMANDS:
                if command.module == module_name:
                    sub.add_parser(command.name, help=command.help, add_help=False)
    parser.set_defaults(handler=_run_desk)
    return parser


def _run_desk(args: argparse.Namespace) -> int:
    from app.cli.desk_commands import run_desk

    return run_desk(args)


def first_positional(argv: Sequence[str]) -> tuple[str | None, str | None]:
    """(the command or path given, the --data-dir given), read without importing any command module."""
    pre = _QuietParser(add_help=False)
    _add_global_options(pre)
    pre.add_argument("word", nargs="?")
    try:
        found, _rest = pre.parse_known_args(list(argv))
    except _PreParseError:
        return None, None
    return found.word, found.data_dir


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    word, data_dir = first_positional(arguments)
    from app.console import make_streams_safe

    # First: a windowed bundle (and its child processes) has no stdout/stderr at all.
    make_streams_safe(data_dir)
    if getattr(sys, "frozen", False):
        # A bundle's background jobs start this executable again as a child process.
        import multiprocessing

        multiprocessing.freeze_support()
    if word is not None and word not in BY_NAME and Path(word).exists():
        from app.cli.open_path import open_path

        known = argparse.Namespace(data_dir=data_dir, no_error_dialogs="--no-error-dialogs" in arguments)
        return _guarded(lambda: open_path(arguments, word), known)
    parser = build_parser([BY_NAME[word].module] if word in BY_NAME else [])
    args = parser.parse_args(arguments)
    return _guarded(lambda: int(args.handler(args)), args)


def _guarded(run: Callable[[], int], args: argparse.Namespace) -> int:
    try:
        return int(run())
    except KnownError as error:
        _tell(error, args)
        return EXIT_FAILED
    except sqlite3.DatabaseError as error:
        # The store went bad under a running command (pages corrupted, disk pulled): say so plainly.
        _tell(_store_failure(error, args), args)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("\n已取消，已完成的部分已保存。/ cancelled; what was done is saved.", file=sys.stderr)
        return EXIT_CANCELLED
    except BrokenPipeError:
        # The reader went away (`reviewdesk cases | head`): not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK


def _tell(error: KnownError, args: argparse.Namespace) -> None:
    """On stderr; a windowed program (stderr is its log) also shows it, unless --no-error-dialogs."""
    print(f"错误：{error.zh}\nerror: {error.en}", file=sys.stderr)
    from app.console import windowed

    if windowed() and not getattr(args, "no_error_dialogs", False):
        from app.ui.open_with import show_error

        show_error(error.zh, error.en)


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
