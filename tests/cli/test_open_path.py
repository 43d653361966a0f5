"""``reviewdesk PATH``: the content decides — import into the desk, verify and receive, or receive a packet."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from app.cli import open_path
from app.errors import UsageError
from tests.helpers.cli import run
from tests.helpers.files import text_pdf
from tests.helpers.panel import export, make_disc, make_expert, passphrase_file, score


def _signed_like(path: Path, format_name: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", json.dumps({"format": format_name}))
        archive.writestr("manifest.sig", b"\0" * 64)
    return path


def test_what_is_decided_by_content(tmp_path: Path) -> None:
    folder = make_disc(tmp_path / "disc")
    pdf = tmp_path / "named.zip"  # a PDF whatever its name says
    pdf.write_bytes(text_pdf(["行政处罚案卷"], pages=1))
    plain_zip = tmp_path / "cases.bin"
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("a.pdf", text_pdf(["案卷"], pages=1))
    assert open_path.what_is(folder) == "import"
    assert open_path.what_is(pdf) == "import"
    assert open_path.what_is(plain_zip) == "import"
    assert open_path.what_is(_signed_like(tmp_path / "p.zip", "reviewdesk-score-package")) == "score-package"
    assert open_path.what_is(_signed_like(tmp_path / "r.zip", "reviewdesk-review-packet")) == "review-packet"
    assert open_path.what_is(_signed_like(tmp_path / "o.zip", "something-else")) == "import"
    notes = tmp_path / "notes.txt"
    notes.write_text("备忘", encoding="utf-8")
    with pytest.raises(UsageError) as refused:
        open_path.what_is(notes)
    assert refused.value.code == "cannot_open"


def test_a_score_package_is_verified_and_received(tmp_path: Path) -> None:
    disc = make_disc(tmp_path / "disc")
    expert = make_expert(tmp_path / "expert", disc, "王䶮")
    listed = run(expert, "cases", "--json").json()
    assert isinstance(listed, list)
    score(expert, listed[0]["id"], "20", "20")
    package = tmp_path / "package.zip"
    export(expert, package)
    station = tmp_path / "station"
    run(station, "import", disc)
    # No roster and no --accept-unknown-keys: verified, and refused for its unknown key, as aggregate does.
    refused = run(station, package)
    assert "refused" in refused.err and "unknown" in refused.err.lower()
    roster = tmp_path / "roster.pem"
    assert run(expert, "keys", "export-public", "--out", roster).code == 0
    (station / "roster").mkdir()
    (station / "roster" / "expert.pem").write_bytes(roster.read_bytes())
    received = run(station, package)
    assert received.code == 0, received.err
    assert len(run(station, "received", "list", "--json").json()) == 1


def test_a_review_packet_needs_a_person_to_compare_the_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disc = make_disc(tmp_path / "disc")
    station = tmp_path / "station"
    run(station, "import", disc)
    pw = passphrase_file(tmp_path)
    assert (
        run(station, "keys", "init", "--name", "监理站", "--unit", "监理站", "--passphrase-file", pw).code
        == 0
    )
    experts = tmp_path / "experts.json"
    experts.write_text(
        json.dumps({"experts": [{"id": "E1", "name": "丁", "unit": "省厅", "region": "", "conflicts": []}]}),
        encoding="utf-8",
    )
    assert run(station, "assign", "--experts", experts, "--per-case", "1", "--seed", "1").code == 0
    packet = tmp_path / "packet.zip"
    assert run(station, "packet", "--expert", "E1", "--out", packet, "--passphrase-file", pw).code == 0
    station_fp = run(station, "keys", "show", "--json").json()["fingerprint"]
    assert open_path.packet_signer(packet) == station_fp

    laptop = tmp_path / "laptop"
    monkeypatch.setattr("sys.stdin", None)
    unattended = run(laptop, packet)
    assert unattended.code == 2 and "--station-fingerprint" in unattended.err

    monkeypatch.setattr(open_path, "confirm_fingerprint", lambda fp: False)
    assert run(laptop, packet).code == 1
    monkeypatch.setattr(open_path, "confirm_fingerprint", lambda fp: fp == station_fp)
    received = run(laptop, packet)
    assert received.code == 0, received.err
    assert len(run(laptop, "cases", "--json").json()) == 3


def test_a_disc_opens_the_desk_and_starts_its_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    from PySide6.QtWidgets import QWidget

    from app.ui import main_window

    disc = make_disc(tmp_path / "disc")
    started: list[list[str]] = []
    seen: list[object] = []

    class Window(QWidget):
        def start_import(self, sources: list[str]) -> None:
            started.append(sources)

    def desk(args) -> int:
        seen.append(args.data_dir)
        window = Window()
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: bool(started))
        return 0

    monkeypatch.setattr(main_window, "MainWindow", Window)
    monkeypatch.setattr("app.cli.desk_commands.run_desk", desk)
    assert run(tmp_path / "data", disc).code == 0
    assert started == [[str(disc.resolve())]] and seen == [str(tmp_path / "data")]
