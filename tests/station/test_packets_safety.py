"""Review packets an expert must never import: forged paths, a rubric that is not the one named, bombs, bad shapes.

Each packet is re-signed with the station's real key, so the signature passes and the refusal comes
from the checks after it; and by default an expert must name the station's fingerprint.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.signing import identity
from tests.helpers.panel import PASSPHRASE, make_disc, passphrase_file, run
from tests.signing import forge


@dataclass
class Station:
    root: Path
    packet: Path
    fingerprint: str
    key: Ed25519PrivateKey


@pytest.fixture(scope="module")
def station(tmp_path_factory: pytest.TempPathFactory) -> Station:
    tmp = tmp_path_factory.mktemp("packets")
    root = tmp / "station"
    run(root, "import", make_disc(tmp / "disc"))
    pw = passphrase_file(tmp)
    assert (
        run(root, "keys", "init", "--name", "监理站", "--unit", "监理站", "--passphrase-file", pw).code == 0
    )
    experts = tmp / "experts.json"
    experts.write_text(json.dumps({"experts": [{"id": "E4", "unit": "省厅"}, {"id": "E5", "unit": "总队"}]}))
    assert run(root, "assign", "--experts", experts, "--per-case", "2", "--seed", "3").code == 0
    packet = tmp / "packet.zip"
    assert run(root, "packet", "--expert", "E4", "--out", packet, "--passphrase-file", pw).code == 0
    fingerprint = run(root, "keys", "show", "--json").json()["fingerprint"]
    return Station(root, packet, fingerprint, identity.load_private_key(root, PASSPHRASE))


def receive(station: Station, laptop: Path, packet: Path, *extra: str) -> Any:
    result = run(laptop, "receive-packet", packet, "--station-fingerprint", station.fingerprint, *extra)
    assert "Traceback" not in result.err
    return result


def forged_packet(station: Station, tmp_path: Path, change: Any, members_change: Any = None) -> Path:
    members = forge.members_of(station.packet)
    manifest = forge.manifest_of(members)
    if members_change is not None:
        members_change(members, manifest)
        forge.relist(members, manifest)
    changed = change(manifest)
    manifest = manifest if changed is None else changed
    return forge.write(tmp_path / "forged.zip", forge.resign(members, manifest, station.key))


def assert_refused(station: Station, tmp_path: Path, packet: Path, code_text: str) -> None:
    laptop = tmp_path / "laptop"
    result = receive(station, laptop, packet)
    assert result.code == 2 and code_text in result.err and "error:" in result.err and "错误" in result.err
    assert run(laptop, "cases", "--json").json() == []
    assert not (laptop / "rubrics").exists() or not any((laptop / "rubrics").iterdir())


def test_the_untouched_packet_imports_with_the_fingerprint(station: Station, tmp_path: Path) -> None:
    result = receive(station, tmp_path / "laptop", station.packet, "--json")
    assert result.code == 0, result.err
    assert result.json()["cases"] == 3


def test_without_a_fingerprint_the_packet_is_refused_unless_the_user_accepts(
    station: Station, tmp_path: Path
) -> None:
    laptop = tmp_path / "laptop"
    refused = run(laptop, "receive-packet", station.packet)
    assert refused.code == 2 and "--station-fingerprint" in refused.err and "监理站" in refused.err
    taken = run(laptop, "receive-packet", station.packet, "--accept-unknown-keys")
    assert taken.code == 0 and "fingerprint not checked" in taken.err


def _escape_case(manifest: dict[str, Any], members: dict[str, bytes], name: str) -> None:
    old = manifest["cases"][0]["file"]
    members[name] = members.pop(old)
    manifest["cases"][0]["file"] = name


@pytest.mark.parametrize(
    "name",
    ["cases/../../escaped.pdf", "cases/./a.pdf", "/etc/escaped.pdf", "cases\\..\\x.pdf", "other/a.pdf"],
)
def test_a_case_file_outside_the_packet_folder_is_refused(
    station: Station, tmp_path: Path, name: str
) -> None:
    packet = forged_packet(
        station, tmp_path, lambda m: None, lambda members, manifest: _escape_case(manifest, members, name)
    )
    assert_refused(station, tmp_path, packet, "cases/")
    assert not (tmp_path / "escaped.pdf").exists()


def test_a_rubric_id_that_is_a_path_is_refused(station: Station, tmp_path: Path) -> None:
    packet = forged_packet(station, tmp_path, lambda m: m["rubric"].update(id="../../evil"))
    assert_refused(station, tmp_path, packet, "manifest.rubric.id")


def test_a_rubric_file_that_is_not_the_named_rubric_is_refused(station: Station, tmp_path: Path) -> None:
    def swap(members: dict[str, bytes], manifest: dict[str, Any]) -> None:
        name = manifest["rubric"]["file"]
        changed = members[name].replace(b'version = "2024.1"', b'version = "2024.9"', 1)
        assert changed != members[name]
        members[name] = changed

    assert_refused(
        station, tmp_path, forged_packet(station, tmp_path, lambda m: None, swap), "not the rubric"
    )

    def junk(members: dict[str, bytes], manifest: dict[str, Any]) -> None:
        members[manifest["rubric"]["file"]] = b"\xff\xfe not toml ["

    assert_refused(station, tmp_path, forged_packet(station, tmp_path, lambda m: None, junk), "not usable")


MALFORMED = {
    "cases_object": lambda m: m.update(cases={"a": 1}),
    "case_twice": lambda m: m.update(cases=[m["cases"][0], m["cases"][0]]),
    "blind_text": lambda m: m.update(blind="yes"),
    "expert_null": lambda m: m.update(expert=None),
    "assignment_huge": lambda m: m["assignment"].update(id=10**30),
    "case_file_unlisted": lambda m: m["cases"][0].update(file="cases/nowhere.pdf"),
    "station_text": lambda m: m.update(station="监理站"),
    "unknown_key": lambda m: m.update(extra=[]),
}


@pytest.mark.parametrize("how", sorted(MALFORMED))
def test_a_malformed_signed_packet_is_refused(station: Station, tmp_path: Path, how: str) -> None:
    assert_refused(station, tmp_path, forged_packet(station, tmp_path, MALFORMED[how]), "error:")


def test_a_packet_member_inflating_to_2_gib_is_refused(station: Station, tmp_path: Path) -> None:
    members = forge.members_of(station.packet)
    manifest = forge.manifest_of(members)
    name = manifest["cases"][0]["file"]
    manifest["members"][name] = forge.ZEROS_2GIB_SHA256
    manifest["cases"][0]["sha256"] = forge.ZEROS_2GIB_SHA256
    signed = forge.resign(members, manifest, station.key)
    bomb = forge.write_with_bomb(tmp_path / "bomb.zip", signed, name, forge.ZEROS_2GIB_CRC, 2 << 30, 2048)
    assert_refused(station, tmp_path, bomb, "inflates beyond 1024 MB")
