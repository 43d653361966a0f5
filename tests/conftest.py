"""Shared fixtures: an offscreen Qt, a fresh data directory per test, the demo disc once per session."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import io
import json
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.cli.main import main
from app.demo.disc import DemoDisc, generate_demo_disc
from app.models.store import Store


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def cli(data_dir: Path) -> Callable[..., CliResult]:
    """Run ``reviewdesk --data-dir <tmp> ARGS…`` in-process and capture what it prints."""

    def run(*args: str | Path) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["--data-dir", str(data_dir), *map(str, args)])
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def store(data_dir: Path):
    opened = Store.open(data_dir)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_disc(tmp_path_factory: pytest.TempPathFactory) -> DemoDisc:
    return generate_demo_disc(tmp_path_factory.mktemp("disc") / "demo")
