"""The core (models, rubric, intake, demo, CLI parsing) never imports Qt: it must run headless."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1] / "app"
CORE = ["models", "rubric", "intake", "demo"]


def test_core_sources_do_not_mention_qt() -> None:
    offenders = []
    for package in CORE:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                if any(
                    n.split(".")[0] in {"PySide6", "shiboken6", "app"}
                    and ("PySide6" in n or n.startswith("app.ui"))
                    for n in names
                ):
                    offenders.append(f"{path.relative_to(ROOT)}: {names}")
    assert offenders == []


def test_importing_the_core_and_running_a_command_loads_no_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import app.models.store, app.models.cases, app.intake.importer, app.demo.disc, app.rubric\n"
        "from app.cli.main import main\n"
        f"main(['--data-dir', {str(tmp_path)!r}, 'cases'])\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT.parent, capture_output=True)
