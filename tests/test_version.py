"""The version is written once, in app/__init__.py; pyproject.toml reads it from there."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

import app

PYPROJECT = Path(__file__).parents[1] / "pyproject.toml"


def test_pyproject_takes_the_version_from_the_package() -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "app.__version__"}


def test_installed_metadata_agrees_with_the_package() -> None:
    assert metadata.version("reviewdesk") == app.__version__
