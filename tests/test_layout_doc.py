"""The README's layout section names every package and top-level module, in the contract's layer order."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
LAYOUT = README.split("### Layout", 1)[1].split("\n## ", 1)[0]


def _layers() -> list[list[str]]:
    """The import-linter layers, lowest first, each as its module names (optional ones unwrapped)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    layers = []
    for layer in reversed(contract["layers"]):
        names = layer.replace("|", ":").split(":")
        layers.append([n.strip().strip("()") for n in names])
    return layers


def test_every_package_and_module_of_app_is_in_the_layout() -> None:
    packages = [p.name for p in (ROOT / "app").iterdir() if (p / "__init__.py").exists()]
    modules = [p.stem for p in (ROOT / "app").glob("*.py") if p.stem not in ("__init__", "__main__")]
    missing = [f"app/{p}" for p in packages if f"`app/{p}`" not in LAYOUT]
    missing += [m for m in modules if f"`{m}`" not in LAYOUT and f"`app/{m}.py`" not in LAYOUT]
    assert missing == []


def test_the_layout_lists_the_packages_in_the_contracts_order() -> None:
    rows = [line for line in LAYOUT.splitlines() if line.startswith("| `app/") or line.startswith("| ground")]
    order = {}
    for index, layer in enumerate(_layers()):
        for name in layer:
            order[name] = index
    positions = []
    for row in rows:
        first = row.split("|")[1]
        name = next((n for n in order if f"`app/{n}`" in first or f"`app/{n}.py`" in first), None)
        if name is not None:
            positions.append(order[name])
    assert len(positions) >= 11
    assert positions == sorted(positions)
