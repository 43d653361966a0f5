"""One station cycle (three discs, five experts) made once per session; tests work on copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.station_cycle import Cycle, run_cli_cycle


@pytest.fixture(scope="session")
def cycle_made(tmp_path_factory: pytest.TempPathFactory) -> Cycle:
    return run_cli_cycle(tmp_path_factory.mktemp("cycle"))


@pytest.fixture
def cycle(cycle_made: Cycle, tmp_path: Path) -> Cycle:
    """The session's cycle with a station of this test's own (experts' directories are shared, read-only)."""
    station = tmp_path / "station"
    shutil.copytree(cycle_made.station, station)
    return Cycle(
        cycle_made.root,
        station,
        cycle_made.passphrase,
        cycle_made.discs,
        cycle_made.experts_file,
        dict(cycle_made.packets),
        dict(cycle_made.packages),
        dict(cycle_made.experts),
        cycle_made.station_fingerprint,
        dict(cycle_made.assignment),
    )
