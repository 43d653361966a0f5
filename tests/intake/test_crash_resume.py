"""A process killed at any moment of an import leaves a sound store, and a re-run finishes the job."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.models.store import Store


def _count_files(db_path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM files").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("kill_after", [0, 3, 9])
def test_kill_mid_import_then_rerun(demo_disc, tmp_path: Path, kill_after: int) -> None:
    data = tmp_path / "data"
    command = [sys.executable, "-m", "app", "--data-dir", str(data), "import", str(demo_disc.root)]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if _count_files(data / "reviewdesk.sqlite3") >= kill_after and (data / "blobs").exists():
            break
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()

    store = Store.open(data)
    try:
        assert store.integrity_ok()
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        missing_blobs = [
            sha
            for (sha,) in store.db.execute("SELECT sha256 FROM files WHERE sha256 IS NOT NULL").fetchall()
            if not store.blobs.exists(sha)
        ]
        assert missing_blobs == []
    finally:
        store.close()

    rerun = subprocess.run([*command, "--json"], env=env, capture_output=True, text=True, check=False)
    assert rerun.returncode == 1  # the demo disc's duplicate submission is a warning
    listed = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data), "cases", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    import json

    cases = json.loads(listed.stdout)
    assert len(cases) == len(demo_disc.cases) + len(demo_disc.duplicates)
    assert len({c["source_path"] for c in cases}) == len(cases)
