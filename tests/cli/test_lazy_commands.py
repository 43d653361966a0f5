"""The parser lists every command from a static table and imports only the module of the command run."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from app.cli.commands import COMMANDS
from app.cli.main import build_parser, first_positional

ROOT = Path(__file__).parents[2]
COMMAND_MODULES = {f"app.cli.{c.module}" for c in COMMANDS}


def _subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, str | None]]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return [(choice.dest, choice.help) for choice in action._choices_actions]


def test_table_says_exactly_what_the_modules_register() -> None:
    assert _subcommands(build_parser()) == [(c.name, c.help) for c in COMMANDS]


def test_lazy_parser_lists_the_same_commands_in_the_same_order() -> None:
    assert _subcommands(build_parser([])) == _subcommands(build_parser())


def _imported_after(*args: str) -> set[str]:
    script = (
        "import json, sys\n"
        "from app.cli.main import main\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_help_and_version_import_no_command_module_and_no_heavy_library() -> None:
    for args in (["--help"], ["--version"]):
        loaded = _imported_after(*args)
        assert not loaded & COMMAND_MODULES
        assert not {"sqlite_utils", "pymupdf", "PySide6", "numpy"} & loaded


def test_cases_imports_its_own_module_only(tmp_path: Path) -> None:
    loaded = _imported_after("--data-dir", str(tmp_path / "data"), "cases", "--json")
    assert loaded & COMMAND_MODULES == {"app.cli.intake_commands"}
    assert "PySide6" not in loaded


def test_the_command_is_found_after_global_options() -> None:
    assert first_positional(["--data-dir", "x", "--lang", "en", "cases", "--json"]) == ("cases", "x")
    assert first_positional(["--data-dir=x", "--no-error-dialogs", "score", "show"]) == ("score", "x")
    assert first_positional([]) == (None, None)
    assert first_positional(["--lang", "klingon", "cases"]) == (None, None)


def test_subcommand_help_still_works() -> None:
    import contextlib
    import io

    from app.cli.main import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main(["case", "set", "--help"])
    assert "--candidate-kind" in out.getvalue()
