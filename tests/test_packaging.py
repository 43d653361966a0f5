"""The wheel carries every package and the data files, so an installed ReviewDesk finds its rubrics."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_every_package_is_listed() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "app").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    assert found | {"app.resources"} == listed


def test_wheel_ships_the_rubrics(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("reviewdesk-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {n for n in names if n.startswith("app/resources/rubrics/")}
    expected = {f"app/resources/rubrics/{p.name}" for p in (ROOT / "resources/rubrics").glob("*.toml")}
    assert expected and expected <= shipped
    assert "app/cli/main.py" in names and "app/ui/main_window.py" in names
