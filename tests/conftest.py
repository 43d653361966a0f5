"""Shared fixtures: an offscreen Qt, a fresh data directory per test, the demo disc once per session."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable
from pathlib import Path

import pytest

from app.demo.disc import DemoDisc, generate_demo_disc
from app.models.store import Store
from tests.helpers.cli import Result, run

CliResult = Result


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def cli(data_dir: Path) -> Callable[..., CliResult]:
    """Run ``reviewdesk --data-dir <tmp> ARGS…`` in-process and capture what it prints."""

    return lambda *args: run(data_dir, *args)


@pytest.fixture
def store(data_dir: Path):
    opened = Store.open(data_dir)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_disc(tmp_path_factory: pytest.TempPathFactory) -> DemoDisc:
    return generate_demo_disc(tmp_path_factory.mktemp("disc") / "demo")
