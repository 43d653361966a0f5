"""Nothing a signed package can do breaks the station or gets a wrong score counted (issue 13).

Each bad package here is signed with a real key (an expert's own, or one on no roster), so the
signature check passes and what refuses it is the check the issue asked for.
"""

from __future__ import annotations

import copy
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.signing import identity
from app.signing.key_encryption import ITERATIONS
from tests.helpers.panel import PASSPHRASE, case_ids, export, make_disc, make_expert, public_key, run, score
from tests.signing import forge

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Desk:
    tmp: Path
    station: Path
    roster: Path
    packages: dict[str, Path]
    keys: dict[str, Ed25519PrivateKey]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Desk:
    tmp = tmp_path_factory.mktemp("safety")
    disc = make_disc(tmp / "disc")
    station = tmp / "station"
    run(station, "import", disc)
    packages, keys, pems = {}, {}, []
    for index, (name, inspection, inquiry) in enumerate([("王䶮", "30", "30"), ("李明", "25", "25")]):
        expert = make_expert(tmp / f"expert{index}", disc, name)
        ids = case_ids(expert)
        score(expert, ids["德环罚〔2024〕1号"], inspection, inquiry)
        score(expert, ids["德环罚〔2024〕2号"], "20", "20")
        packages[name] = export(expert, tmp / f"{name}.zip") and tmp / f"{name}.zip"
        keys[name] = identity.load_private_key(expert, PASSPHRASE)
        pems.append(public_key(expert, tmp / f"expert{index}.pem").read_text(encoding="utf-8"))
    roster = tmp / "roster.pem"
    roster.write_text("".join(pems), encoding="utf-8")
    return Desk(tmp, station, roster, packages, keys)


def fresh_station(desk: Desk, tmp_path: Path) -> Path:
    station = tmp_path / "station"
    shutil.copytree(desk.station, station)
    return station


def forged(
    desk: Desk, tmp_path: Path, change: Any, who: str = "王䶮", key: Ed25519PrivateKey | None = None
) -> Path:
    """王䶮's package with ``change(manifest)`` applied, re-signed with ``key`` (default: 王䶮's own)."""
    members = forge.members_of(desk.packages[who])
    manifest = forge.manifest_of(members)
    changed = change(manifest)
    manifest = manifest if changed is None else changed
    name = f"forged-{len(list(tmp_path.glob('forged-*.zip')))}.zip"
    return forge.write(tmp_path / name, forge.resign(members, manifest, key or desk.keys[who]))


def verify(desk: Desk, station: Path, package: Path) -> dict[str, Any]:
    result = run(station, "verify", package, "--roster", desk.roster, "--json")
    assert "Traceback" not in result.err
    (body,) = result.json()
    return body


def assert_refused(desk: Desk, station: Path, package: Path, code: str) -> None:
    body = verify(desk, station, package)
    assert body["valid"] is False and body["code"] == code, body
    assert body["zh"] and body["en"]
    aggregated = run(station, "aggregate", package, "--roster", desk.roster)
    assert aggregated.code in (1, 2) and f"[{code}]" in aggregated.err and "Traceback" not in aggregated.err


def set_score(value: Any):
    def change(manifest: dict[str, Any]) -> None:
        manifest["cases"][0]["result"]["score"] = value

    return change


# -- 1. one signed package must not poison the station ----------------------------------------------------


@pytest.mark.parametrize("value", [None, "NaN", float("nan"), float("inf"), float("-inf"), "90"])
def test_a_score_that_is_not_a_number_is_refused_and_aggregate_keeps_working(
    desk: Desk, tmp_path: Path, value: Any
) -> None:
    station = fresh_station(desk, tmp_path)
    assert_refused(desk, station, forged(desk, tmp_path, set_score(value)), "bad_manifest")
    later = run(station, "aggregate", desk.packages["李明"], "--roster", desk.roster, "--json")
    assert later.code == 0, later.err
    assert {e["name"] for e in later.json()["experts"]} == {"李明"}


def test_a_score_of_1e999_is_refused_before_it_becomes_infinity(desk: Desk, tmp_path: Path) -> None:
    members = forge.members_of(desk.packages["王䶮"])
    text = members["manifest.json"].replace(b'"score": 90', b'"score": 1e999', 1)
    assert text != members["manifest.json"]
    package = forge.write(tmp_path / "huge.zip", forge.sign(members, text, desk.keys["王䶮"]))
    assert_refused(desk, fresh_station(desk, tmp_path), package, "bad_manifest")


def test_a_store_poisoned_by_an_older_version_still_aggregates_and_the_package_can_be_withdrawn(
    desk: Desk, tmp_path: Path
) -> None:
    station = fresh_station(desk, tmp_path)
    assert run(station, "aggregate", *desk.packages.values(), "--roster", desk.roster).code == 0
    with sqlite3.connect(station / "reviewdesk.sqlite3") as db:  # what the old code stored for "score": null
        db.execute(
            "UPDATE received_scores SET total = 'None' WHERE package = (SELECT id FROM received_packages WHERE expert_name = '王䶮')"
        )
    poisoned = run(station, "aggregate", "--json")
    assert poisoned.code == 0, poisoned.err
    assert "received remove" in poisoned.err and {e["name"] for e in poisoned.json()["experts"]} == {"李明"}
    listed = run(station, "received", "list", "--json").json()
    bad = next(p for p in listed if not p["usable"])
    assert bad["expert"] == "王䶮"
    removed = run(station, "received", "remove", bad["package_id"][:8], "--reason", "分数无法计算 / unusable")
    assert removed.code == 0, removed.err
    assert run(station, "aggregate").code == 0
    assert (
        run(station, "received", "list", "--json").json()[0]["withdrawn"]["reason"]
        == "分数无法计算 / unusable"
    )


# -- 2. scores are recomputed, not trusted ----------------------------------------------------------------


def _case(manifest: dict[str, Any], number: str = "德环罚〔2024〕1号") -> dict[str, Any]:
    return next(c for c in manifest["cases"] if c["case_number"] == number)


def _inputs_and_claim(inspection: float, claimed: float | None = None, items: bool = True):
    def change(manifest: dict[str, Any]) -> None:
        case = _case(manifest)
        case["inputs"]["scores"]["inspection_record"] = inspection
        if items:
            case["result"]["items"]["inspection_record"] = inspection
        if claimed is not None:
            case["result"]["score"] = claimed

    return change


def test_an_item_above_its_points_is_refused(desk: Desk, tmp_path: Path) -> None:
    # 50 of 35 points: the old station counted the case at 30 + 70 × 80/70 = 110, clamped 100, or 103 claimed
    package = forged(desk, tmp_path, _inputs_and_claim(50, 103))
    assert_refused(desk, fresh_station(desk, tmp_path), package, "inputs_invalid")


def test_a_negative_score_is_refused(desk: Desk, tmp_path: Path) -> None:
    assert_refused(
        desk, fresh_station(desk, tmp_path), forged(desk, tmp_path, set_score(-20)), "score_mismatch"
    )


def test_a_total_the_inputs_do_not_give_is_refused(desk: Desk, tmp_path: Path) -> None:
    # inputs 28.5 + 30 give 30 + 70 × 58.5/70 = 88.5; the manifest claims 100
    station = fresh_station(desk, tmp_path)
    assert_refused(desk, station, forged(desk, tmp_path, _inputs_and_claim(28.5, 100)), "score_mismatch")
    honest = forged(desk, tmp_path, _inputs_and_claim(28.5, 88.5))
    assert verify(desk, station, honest)["valid"] is True
    counted = run(station, "aggregate", honest, "--roster", desk.roster, "--json")
    assert counted.code == 0
    assert {c["label"].split(" ")[-1]: c["score"] for c in counted.json()["cases"]}[
        "德环罚〔2024〕1号"
    ] == 88.5


def test_item_scores_that_differ_from_the_inputs_are_refused(desk: Desk, tmp_path: Path) -> None:
    def change(manifest: dict[str, Any]) -> None:
        _case(manifest)["result"]["items"]["inspection_record"] = 35

    assert_refused(desk, fresh_station(desk, tmp_path), forged(desk, tmp_path, change), "score_mismatch")


@pytest.mark.parametrize("where", ["status", "result"])
def test_a_case_still_in_progress_is_refused(desk: Desk, tmp_path: Path, where: str) -> None:
    def change(manifest: dict[str, Any]) -> None:
        if where == "status":
            _case(manifest)["status"] = "in_progress"
        else:
            _case(manifest)["result"]["complete"] = False

    assert_refused(desk, fresh_station(desk, tmp_path), forged(desk, tmp_path, change), "case_incomplete")


def test_an_unscored_item_is_refused(desk: Desk, tmp_path: Path) -> None:
    def change(manifest: dict[str, Any]) -> None:
        del _case(manifest)["inputs"]["scores"]["inquiry_record"]

    assert_refused(desk, fresh_station(desk, tmp_path), forged(desk, tmp_path, change), "inputs_invalid")


def test_a_rubric_hash_the_station_lacks_is_refused_even_when_the_id_is_known(
    desk: Desk, tmp_path: Path
) -> None:
    def change(manifest: dict[str, Any]) -> None:
        for entry in [*manifest["rubrics"], *manifest["cases"]]:
            key = "content_hash" if "content_hash" in entry else "rubric_hash"
            entry[key] = "sha256:" + "0" * 64

    assert_refused(desk, fresh_station(desk, tmp_path), forged(desk, tmp_path, change), "unknown_rubric")


# -- 3. the name in reports is the roster's ------------------------------------------------------------------


def test_a_rostered_key_claiming_another_experts_name_is_named_by_the_roster(
    desk: Desk, tmp_path: Path
) -> None:
    station = fresh_station(desk, tmp_path)

    def impersonate(manifest: dict[str, Any]) -> None:
        manifest["expert"]["name"] = "李明"
        manifest["expert"]["unit"] = "李明的单位"

    package = forged(desk, tmp_path, impersonate)
    body = verify(desk, station, package)
    assert body["valid"] and body["expert"]["name"] == "王䶮" and body["expert"]["claimed_name"] == "李明"
    assert any("李明" in w and "王䶮" in w for w in body["warnings"])
    result = run(station, "aggregate", desk.packages["李明"], package, "--roster", desk.roster, "--json")
    assert result.code == 0, result.err
    report = result.json()
    assert {e["name"] for e in report["experts"]} == {"王䶮", "李明"}
    first = next(c for c in report["cases"] if c["label"].endswith("1号"))
    assert sorted((e["name"], e["score"]) for e in first["experts"]) == [("李明", 80), ("王䶮", 90)]


def test_an_unknown_key_is_refused_and_with_the_flag_named_by_its_fingerprint(
    desk: Desk, tmp_path: Path
) -> None:
    stranger = Ed25519PrivateKey.generate()
    raw = stranger.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    def adopt(manifest: dict[str, Any]) -> None:
        import base64

        manifest["expert"]["public_key"] = base64.b64encode(raw).decode()
        manifest["expert"]["fingerprint"] = identity.fingerprint(raw)

    members = forge.members_of(desk.packages["王䶮"])
    members["signer.pub.pem"] = identity.public_pem(raw)
    manifest = forge.manifest_of(members)
    adopt(manifest)
    forge.relist(members, manifest)
    package = forge.write(tmp_path / "stranger.zip", forge.resign(members, manifest, stranger))
    station = fresh_station(desk, tmp_path)
    assert_refused(desk, station, package, "not_on_roster")
    taken = run(station, "aggregate", package, "--roster", desk.roster, "--accept-unknown-keys", "--json")
    assert taken.code == 0, taken.err
    (expert,) = taken.json()["experts"]
    assert expert["name"] == f"未登记密钥 {identity.display_fingerprint(identity.fingerprint(raw))[:19]}"


# -- 6. a zip bomb is refused in bounded memory ---------------------------------------------------------------


def _bomb(desk: Desk, tmp_path: Path, declared: int) -> Path:
    members = forge.members_of(desk.packages["王䶮"])
    manifest = forge.manifest_of(members)
    manifest["members"]["score-sheet.pdf"] = forge.ZEROS_2GIB_SHA256
    signed = forge.resign(members, manifest, desk.keys["王䶮"])
    return forge.write_with_bomb(
        tmp_path / "bomb.zip", signed, "score-sheet.pdf", forge.ZEROS_2GIB_CRC, declared, 2048
    )


def _peak_rss_mib(*args: str | Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run reviewdesk in a child process; its peak resident memory (ru_maxrss, KiB on Linux) in MiB."""
    probe = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run([sys.executable, '-m', 'app', *sys.argv[1:]], capture_output=True, text=True)\n"
        "print(done.returncode); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.stderr.write(done.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *map(str, args)], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    code, peak = done.stdout.split()[-2:]
    return subprocess.CompletedProcess(done.args, int(code), "", done.stderr), int(peak) / 1024


@pytest.mark.parametrize("declared", [2 * forge.GiB, 16 << 20], ids=["honest-size", "lying-size"])
def test_a_package_inflating_to_2_gib_is_refused_fast_in_little_memory(
    desk: Desk, tmp_path: Path, declared: int
) -> None:
    bomb = _bomb(desk, tmp_path, declared)
    assert bomb.stat().st_size < 3 << 20
    station = fresh_station(desk, tmp_path)
    done, peak = _peak_rss_mib("--data-dir", station, "verify", bomb, "--roster", desk.roster)
    print(f"peak memory refusing a 2 GiB bomb ({declared} bytes declared): {peak:.0f} MiB")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert peak < 200


def test_the_bomb_is_refused_with_its_reason(desk: Desk, tmp_path: Path) -> None:
    station = fresh_station(desk, tmp_path)
    assert verify(desk, station, _bomb(desk, tmp_path, 2 * forge.GiB))["code"] == "member_too_large"
    assert verify(desk, station, _bomb(desk, tmp_path, 16 << 20))["code"] == "member_changed"


# -- 8. messages, never tracebacks ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-Infinity", "-1", "101", "abc", "", "1e999999"])
def test_a_bad_tolerance_is_a_message(desk: Desk, tmp_path: Path, value: str) -> None:
    result = run(fresh_station(desk, tmp_path), "aggregate", f"--tolerance={value}")
    assert result.code == 2 and "分差容限" in result.err and "tolerance" in result.err


def _nested(depth: int) -> list[Any]:
    value: list[Any] = [1]
    for _ in range(depth):
        value = [value]
    return value


MALFORMED = {
    "cases_object": (lambda m: m.update(cases={"a": 1}), "bad_manifest"),
    "cases_empty": (lambda m: m.update(cases=[]), "bad_manifest"),
    "case_twice": (lambda m: m.update(cases=[m["cases"][0], copy.deepcopy(m["cases"][0])]), "duplicate_case"),
    "sequence_1e30": (lambda m: m.update(sequence=10**30), "bad_manifest"),
    "sequence_zero": (lambda m: m.update(sequence=0), "bad_manifest"),
    "sequence_text": (lambda m: m.update(sequence="1"), "bad_manifest"),
    "sequence_bool": (lambda m: m.update(sequence=True), "bad_manifest"),
    "package_id_number": (lambda m: m.update(package_id=7), "bad_manifest"),
    "expert_list": (lambda m: m.update(expert=[m["expert"]]), "bad_manifest"),
    "rubrics_text": (lambda m: m.update(rubrics="transcripts-2024"), "bad_manifest"),
    "rubric_entry_null": (lambda m: m.update(rubrics=[None]), "bad_manifest"),
    "members_list": (lambda m: m.update(members=list(m["members"])), "bad_manifest"),
    "unknown_top_key": (lambda m: m.update(extra=1), "bad_manifest"),
    "created_at_missing": (lambda m: m.pop("created_at"), "bad_manifest"),
    "packet_text": (lambda m: m.update(packet="p"), "bad_manifest"),
    "case_sha_short": (lambda m: m["cases"][0].update(sha256="abc"), "bad_manifest"),
    "case_inputs_list": (lambda m: m["cases"][0].update(inputs=[]), "bad_manifest"),
    "case_scores_list": (lambda m: m["cases"][0]["inputs"].update(scores=[1, 2]), "bad_manifest"),
    "case_score_bool": (lambda m: m["cases"][0]["inputs"]["scores"].update(inspection_record=True), "bad_manifest"),
    "case_criteria_number": (lambda m: m["cases"][0]["inputs"]["scores"].update(inspection_record={"criteria": 5}), "bad_manifest"),
    "case_result_null": (lambda m: m["cases"][0].update(result=None), "bad_manifest"),
    "case_pages_negative": (lambda m: m["cases"][0].update(pages=-1), "bad_manifest"),
    "case_history_deep": (lambda m: m["cases"][0].update(history=_nested(40)), "bad_manifest"),
    "case_gate_number": (lambda m: m["cases"][0]["inputs"].update(gates={"x": 1}), "bad_manifest"),
    "case_unknown_gate": (lambda m: m["cases"][0]["inputs"].update(gates={"x": "理由"}), "inputs_invalid"),
    "case_deduction_text": (lambda m: m["cases"][0]["inputs"].update(deductions={"g": "e"}), "bad_manifest"),
    "format_version_text": (lambda m: m.update(format_version="1"), "newer_format"),
    "manifest_list": (lambda m: [m], "bad_manifest"),
}  # fmt: skip


@pytest.mark.parametrize("how", sorted(MALFORMED))
def test_a_malformed_signed_manifest_is_refused_with_a_reason(desk: Desk, tmp_path: Path, how: str) -> None:
    change, code = MALFORMED[how]
    assert_refused(desk, fresh_station(desk, tmp_path), forged(desk, tmp_path, change), code)


def test_a_deeply_nested_manifest_is_refused(desk: Desk, tmp_path: Path) -> None:
    members = forge.members_of(desk.packages["王䶮"])
    text = b'{"format": "reviewdesk-score-package", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    package = forge.write(tmp_path / "deep.zip", forge.sign(members, text, desk.keys["王䶮"]))
    assert verify(desk, fresh_station(desk, tmp_path), package)["code"] == "bad_manifest"


# -- 9. keys, defaults, bilingual messages ------------------------------------------------------------------------


@pytest.mark.parametrize("passphrase", ["      ", "\t\t\t\t\t\t", "", "  ab cd  "])
def test_a_blank_or_mostly_blank_passphrase_is_refused(tmp_path: Path, passphrase: str) -> None:
    with pytest.raises(identity.UsageError) as refused:
        identity.create_identity(tmp_path, "甲", "乙", "", passphrase)
    assert refused.value.code == "weak_passphrase" and refused.value.zh and refused.value.en


def _pbkdf2_iterations(pem: bytes) -> int:
    """The PBKDF2 iteration count of an encrypted PKCS#8 key, read from its DER (the INTEGER after the salt)."""
    import base64

    der = base64.b64decode(b"".join(line for line in pem.splitlines() if not line.startswith(b"-----")))
    salt_at = (
        der.index(bytes.fromhex("06092a864886f70d01050c")) + 11 + 2
    )  # PBKDF2 OID, then the params SEQUENCE
    assert der[salt_at] == 0x04
    after_salt = salt_at + 2 + der[salt_at + 1]
    assert der[after_salt] == 0x02
    size = der[after_salt + 1]
    return int.from_bytes(der[after_salt + 2 : after_salt + 2 + size], "big")


def test_a_new_key_uses_today_s_pbkdf2_count_and_an_old_key_still_loads(tmp_path: Path) -> None:
    made = identity.create_identity(tmp_path / "new", "甲", "乙", "", PASSPHRASE)
    pem = (identity.key_dir(tmp_path / "new") / "expert.key.pem").read_bytes()
    assert _pbkdf2_iterations(pem) == ITERATIONS >= 600_000
    loaded = identity.load_private_key(tmp_path / "new", PASSPHRASE)
    assert loaded.public_key().public_bytes_raw() == made.public_key
    # a key written by an earlier version (BestAvailableEncryption: PBKDF2 with 2048 iterations)
    old_root = tmp_path / "old"
    identity.create_identity(old_root, "甲", "乙", "", PASSPHRASE)
    key_file = identity.key_dir(old_root) / "expert.key.pem"
    key = identity.load_private_key(old_root, PASSPHRASE)
    old_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(PASSPHRASE.encode()),
    )
    assert _pbkdf2_iterations(old_pem) == 2048
    key_file.write_bytes(old_pem)
    assert identity.load_private_key(old_root, PASSPHRASE).public_key().public_bytes_raw() == (
        key.public_key().public_bytes_raw()
    )


def test_receipt_lines_are_bilingual(desk: Desk, tmp_path: Path) -> None:
    station = fresh_station(desk, tmp_path)
    first = run(station, "aggregate", desk.packages["王䶮"], "--roster", desk.roster)
    again = run(station, "aggregate", desk.packages["王䶮"], "--roster", desk.roster)
    assert "已接收 / received" in first.err and "sequence 1" in first.err
    assert "重复提交" in again.err and "already received" in again.err


# -- withdrawing a received package ---------------------------------------------------------------------------------


def test_withdrawing_a_package_recounts_and_is_logged(desk: Desk, tmp_path: Path) -> None:
    station = fresh_station(desk, tmp_path)
    both = run(station, "aggregate", *desk.packages.values(), "--roster", desk.roster, "--json").json()
    assert {e["name"] for e in both["experts"]} == {"王䶮", "李明"}
    listed = run(station, "received", "list", "--json").json()
    wang = next(p for p in listed if p["expert"] == "王䶮")
    blank = run(station, "received", "remove", wang["package_id"], "--reason", "   ")
    assert blank.code == 2 and "reason" in blank.err
    unknown = run(station, "received", "remove", "0000", "--reason", "x")
    assert unknown.code == 2 and "received list" in unknown.err
    assert (
        run(station, "received", "remove", wang["package_id"], "--reason", "签错了 / signed by mistake").code
        == 0
    )
    twice = run(station, "received", "remove", wang["package_id"], "--reason", "again")
    assert twice.code == 2 and "already withdrawn" in twice.err
    after = run(station, "aggregate", "--json").json()
    assert {e["name"] for e in after["experts"]} == {"李明"}
    assert after["events"][-1]["event"] == "withdrawn" and "签错了" in after["events"][-1]["detail"]
    offered = run(station, "aggregate", desk.packages["王䶮"], "--roster", desk.roster, "--json")
    assert "withdrawn" in offered.err and {e["name"] for e in offered.json()["experts"]} == {"李明"}
    text = run(station, "received", "list")
    assert "已撤回 / withdrawn" in text.out and "计入 / counted" in text.out


def test_roster_names_come_from_labels_then_the_file_then_the_fingerprint(tmp_path: Path) -> None:
    from app.signing.roster import label_lines, load_roster

    keys = [Ed25519PrivateKey.generate().public_key().public_bytes_raw() for _ in range(3)]
    folder = tmp_path / "roster"
    folder.mkdir()
    (folder / "赵婧.pem").write_bytes(identity.public_pem(keys[0]))
    (folder / "two.pem").write_bytes(
        label_lines("钱多", "省厅").encode() + identity.public_pem(keys[1]) + identity.public_pem(keys[2])
    )
    roster = load_roster(folder, tmp_path)
    assert roster is not None
    named = {fp: (e.name, e.unit) for fp, e in roster.entries.items()}
    fps = [identity.fingerprint(k) for k in keys]
    assert named[fps[0]] == ("赵婧", "")
    assert named[fps[1]] == ("钱多", "省厅")
    # a second key in the same file has no label of its own: it is named by its fingerprint
    assert named[fps[2]] == (f"未登记姓名 {identity.display_fingerprint(fps[2])[:19]}", "")
