"""Finding the shipped data files (rubrics, translations, icons): installed, frozen, or from a checkout.

A wheel installs the top-level ``resources/`` folder as the package ``app.resources`` (see
pyproject.toml), read through importlib.resources. An editable install or a plain checkout has no
such package (setuptools' editable mode ignores the directory mapping), so the folder beside
``app/`` is used instead. A PyInstaller bundle unpacks data under ``sys._MEIPASS`` (``_internal/``),
where the spec puts them as ``app/resources``.
"""

from __future__ import annotations

import contextlib
import sys
from importlib import resources
from pathlib import Path

from app.errors import KnownError


def resource_root() -> Path:
    """The folder holding rubrics/, translations/ and icons/, wherever this program runs from."""
    bundle = getattr(sys, "_MEIPASS", None)
    candidates: list[Path] = []
    if bundle:
        candidates.append(Path(bundle) / "app" / "resources")
    with contextlib.suppress(ModuleNotFoundError):
        candidates.append(Path(str(resources.files("app.resources"))))
    candidates.append(Path(__file__).resolve().parents[1] / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def resource_dir(name: str, required: str = "") -> Path:
    """``resources/name``; with ``required`` (a glob such as ``*.toml``), a clear error when nothing matches.

    A bundle built without its data, or an installation with files removed, then says what is missing
    and where it looked instead of failing later with a ``KeyError``.
    """
    folder = resource_root() / name
    if required and not any(folder.glob(required)):
        raise MissingResources(
            "resources_missing",
            f"安装不完整：找不到内置的 {name}（{required}），查找位置：{folder}。请重新安装 ReviewDesk。",
            f"incomplete installation: no built-in {name} ({required}) in {folder}; reinstall ReviewDesk",
        )
    return folder


class MissingResources(KnownError):
    """Shipped data files are not where this installation should have them."""
