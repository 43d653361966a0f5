"""The core (everything in app/ but app/ui) never imports Qt: it must run headless.

import-linter (`lint-imports`, contract in pyproject.toml) checks the same statically; this test checks
it at run time, so an import hidden from the static graph (``importlib``, ``__import__``) is caught too.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import app

ROOT = Path(__file__).parents[1] / "app"
QT = {"PySide6", "shiboken6"}


def core_modules() -> list[str]:
    """Every module of app/ outside app.ui (and the data-only app.resources), found, not listed."""
    names = []
    for info in pkgutil.walk_packages(app.__path__, "app."):
        if info.name.startswith(("app.ui", "app.resources")) or info.name == "app.__main__":
            continue
        names.append(info.name)
    return sorted(names)


def test_every_core_package_is_covered() -> None:
    packages = {name.split(".")[1] for name in core_modules() if name.count(".") >= 2}
    expected = {
        "aggregate",
        "analysis",
        "cli",
        "demo",
        "intake",
        "models",
        "reports",
        "rubric",
        "signing",
        "station",
    }
    assert expected <= packages


def test_core_sources_do_not_mention_qt() -> None:
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {"ui", "resources"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            if any(n.split(".")[0] in QT for n in names):
                offenders.append(f"{relative}: {names}")
            # the CLI opens the desk, and only inside the function that does
            if relative.parts[0] != "cli" and any(n.startswith("app.ui") for n in names):
                offenders.append(f"{relative}: {names}")
    assert offenders == []


def test_importing_the_whole_core_and_running_a_command_loads_no_qt(tmp_path: Path) -> None:
    modules = core_modules()
    assert "app.score_export" in modules and "app.jobs" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from app.cli.main import main\n"
        f"main(['--data-dir', {str(tmp_path)!r}, 'cases'])\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')], 'Qt was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT.parent, capture_output=True)
