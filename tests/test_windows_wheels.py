"""Every dependency has a wheel for 64-bit Windows / CPython 3.11 (a dry-run resolve, nothing installed)."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
spec = importlib.util.spec_from_file_location("lock_windows", ROOT / "packaging" / "lock_windows.py")
assert spec is not None and spec.loader is not None
lock_windows = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lock_windows)

UNREACHABLE = (
    "Could not fetch URL",
    "NewConnectionError",
    "Max retries exceeded",
    "Temporary failure in name",
)


def test_committed_lock_pins_every_wheel_with_a_hash() -> None:
    text = lock_windows.LOCK.read_text(encoding="utf-8")
    pins = lock_windows.pins(text)
    assert {"pyside6-essentials", "onnxruntime", "msvc-runtime", "colorama", "rapidocr"} <= set(pins)
    assert text.count("--hash=sha256:") == len(pins)


@pytest.mark.slow
def test_windows_wheel_set_resolves() -> None:
    try:
        resolved = lock_windows.resolve(lock_windows.requirements(), timeout=900)
    except subprocess.CalledProcessError as failed:
        if any(sign in (failed.stderr or "") for sign in UNREACHABLE):
            pytest.skip(f"the package registry is unreachable: {failed.stderr.strip().splitlines()[-1]}")
        raise AssertionError(f"no Windows x64 / Python 3.11 wheel set:\n{failed.stderr}") from failed
    files = [item["file"] for item in resolved]
    assert all(f.endswith(("-win_amd64.whl", "-none-any.whl")) for f in files), files
    names = {item["name"] for item in resolved}
    assert names == set(lock_windows.pins(lock_windows.LOCK.read_text(encoding="utf-8")))
