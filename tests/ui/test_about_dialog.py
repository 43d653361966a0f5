from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app import __version__
from app.ui import about_dialog
from app.ui.about_dialog import AboutDialog, source_location


def test_about_names_version_licence_and_source(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        about_dialog.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.text.text()
    assert __version__ in text and "AGPL-3.0-or-later" in text and str(source_location()) in text
    assert (source_location() / "cli" / "main.py").is_file()  # a checkout is its own source
    assert dialog.licence_url().startswith("file://") and dialog.licence_url().endswith("/LICENSE")
    dialog.open_source_button.click()
    assert opened == [str(source_location())]


def test_a_bundle_points_at_its_source_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "source" / f"reviewdesk-{__version__}-source.tar.gz"
    archive.parent.mkdir()
    archive.write_bytes(b"")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert source_location() == archive
