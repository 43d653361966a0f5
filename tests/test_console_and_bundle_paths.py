"""Streams that never crash (GBK, no console), portable data beside a bundle, resources in a bundle."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import console, paths, resourcefiles
from app.errors import KnownError

ROOT = Path(__file__).parents[1]


def test_a_gbk_pipe_gets_utf8_and_marks_never_raise() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="gbk")
    console.make_safe(stream)
    stream.write("✓ 有效 ✗ ⚠\n")
    stream.flush()
    assert raw.getvalue().decode("utf-8") == "✓ 有效 ✗ ⚠\n"


def test_a_gbk_console_redirected_by_the_user_keeps_working() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    script = "from app.console import make_streams_safe; make_streams_safe(); print('✓ 有效 ✗ ⚠')"
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("gbk").strip() == "? 有效 ? ?"


def test_no_console_sends_messages_and_the_progress_bar_to_the_log(tmp_path: Path) -> None:
    data = tmp_path / "data"
    script = (
        "import sys\n"
        "sys.stdout = sys.stderr = None\n"
        "from app.cli.main import main\n"
        f"code = main(['--data-dir', {str(data)!r}, '--no-error-dialogs', 'case', 'show', '999'])\n"
        "from app.cli.progressbar import ProgressBar\n"
        "ProgressBar().finish()\n"
        "raise SystemExit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, check=False)
    assert done.returncode == 2, done.stderr
    log = (data / console.LOG_NAME).read_text(encoding="utf-8")
    assert "错误" in log and "error" in log


def test_portable_marker_puts_data_beside_the_executable(tmp_path: Path) -> None:
    exe = tmp_path / "ReviewDesk" / "ReviewDesk.exe"
    exe.parent.mkdir()
    exe.write_bytes(b"")
    assert paths.portable_data_dir(str(exe), frozen=True) is None
    (exe.parent / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.portable_data_dir(str(exe), frozen=True) == exe.parent.resolve() / "data"
    assert paths.portable_data_dir(str(exe), frozen=False) is None


def test_resources_are_found_under_meipass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "app" / "resources" / "rubrics").mkdir(parents=True)
    (tmp_path / "app" / "resources" / "rubrics" / "x.toml").write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert (
        resourcefiles.resource_dir("rubrics", required="*.toml") == tmp_path / "app" / "resources" / "rubrics"
    )


def test_no_rubrics_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:
    monkeypatch.setattr(resourcefiles, "resource_root", lambda: tmp_path)
    with pytest.raises(KnownError) as missing:
        resourcefiles.resource_dir("rubrics", required="*.toml")
    assert missing.value.code == "resources_missing"
    listed = cli("rubric", "list")
    assert listed.code == 2 and "rubrics" in listed.err and "KeyError" not in listed.err
