"""Finding the shipped data files (rubrics, translations, icons) installed or from a checkout.

A wheel installs the top-level ``resources/`` folder as the package ``app.resources`` (see
pyproject.toml), read through importlib.resources. An editable install or a plain checkout has no
such package (setuptools' editable mode ignores the directory mapping), so the folder beside
``app/`` is used instead.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource_dir(name: str) -> Path:
    try:
        root = Path(str(resources.files("app.resources")))
    except ModuleNotFoundError:
        root = Path(__file__).resolve().parents[1] / "resources"
    return root / name
