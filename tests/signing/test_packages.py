"""Score packages end to end: score → export → verify → aggregate, and every way a package can be wrong."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pymupdf
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.signing.identity import fingerprint
from tests.helpers.files import require_tool
from tests.helpers.panel import case_ids, export, make_disc, make_expert, public_key, run, score


@dataclass
class Panel:
    tmp: Path
    disc: Path
    station: Path
    experts: list[Path]
    packages: list[Path]
    roster: Path


# Hand-chosen totals (30 + inspection + inquiry) per case number and expert:
#   1号: 90, 80, 95   → mean 88.33, spread 15 > 10: adjudicate
#   2号: 70, 72, 71   → mean 71, spread 2
#   3号: 60, 64 (expert 3 did not score it) → mean 62, spread 4
SCORES = {
    "德环罚〔2024〕1号": [("30", "30"), ("25", "25"), ("32.5", "32.5")],
    "德环罚〔2024〕2号": [("20", "20"), ("21", "21"), ("20.5", "20.5")],
    "格环罚〔2024〕3号": [("15", "15"), ("17", "17"), None],
}


@pytest.fixture(scope="module")
def panel(tmp_path_factory: pytest.TempPathFactory) -> Panel:
    tmp = tmp_path_factory.mktemp("panel")
    disc = make_disc(tmp / "disc")
    station = tmp / "station"
    run(station, "import", disc)
    experts, packages, keys = [], [], []
    for index, name in enumerate(["王䶮", "李明", "赵婧"]):
        expert = make_expert(tmp / f"expert{index}", disc, name)
        ids = case_ids(expert)
        for number, per_expert in SCORES.items():
            if per_expert[index] is not None:
                score(expert, ids[number], *per_expert[index])
        package = tmp / f"package{index}.zip"
        export(expert, package)
        experts.append(expert)
        packages.append(package)
        keys.append(public_key(expert, tmp / f"expert{index}.pem").read_text())
    roster = tmp / "roster.pem"
    roster.write_text("".join(keys))
    return Panel(tmp, disc, station, experts, packages, roster)


def test_verify_accepts_each_package_and_names_the_expert(panel: Panel) -> None:
    result = run(panel.station, "verify", *panel.packages, "--roster", panel.roster, "--json")
    assert result.code == 0, result.out
    body = result.json()
    assert [p["expert"]["name"] for p in body] == ["王䶮", "李明", "赵婧"]
    assert [len(p["cases"]) for p in body] == [3, 3, 2]
    assert all(p["valid"] and not p["warnings"] for p in body)


def test_verify_without_roster_refuses_unless_unknown_keys_are_accepted(panel: Panel) -> None:
    refused = run(panel.station, "verify", panel.packages[0], "--json")
    assert refused.code == 1 and refused.json()[0]["code"] == "no_roster"
    taken = run(panel.station, "verify", panel.packages[0], "--accept-unknown-keys", "--json")
    assert taken.code == 0
    (body,) = taken.json()
    # named by the key's fingerprint, not by the name the manifest claims
    assert body["expert"]["name"].startswith("未登记密钥") and body["expert"]["claimed_name"] == "王䶮"
    assert "accept-unknown-keys" in body["warnings"][0]


def test_openssl_alone_checks_signature_fingerprint_and_members(panel: Panel, tmp_path: Path) -> None:
    openssl = require_tool("openssl")
    with zipfile.ZipFile(panel.packages[0]) as archive:
        archive.extractall(tmp_path)
    verified = subprocess.run(
        [openssl, "pkeyutl", "-verify", "-pubin", "-inkey", "signer.pub.pem", "-rawin", "-in", "manifest.json",
         "-sigfile", "manifest.sig"],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert verified.returncode == 0 and "Signature Verified Successfully" in verified.stdout
    der = subprocess.run(
        [openssl, "pkey", "-pubin", "-in", "signer.pub.pem", "-outform", "DER"],
        cwd=tmp_path,
        capture_output=True,
    ).stdout
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert fingerprint(der[-32:]) == manifest["expert"]["fingerprint"]
    digests = subprocess.run(
        [openssl, "dgst", "-sha256", "-r", *manifest["members"]], cwd=tmp_path, capture_output=True, text=True
    ).stdout
    listed = {line.split(" *")[1]: line.split(" ")[0] for line in digests.splitlines()}
    assert listed == manifest["members"]
    # and openssl refuses a changed manifest
    original = (tmp_path / "manifest.json").read_bytes()
    changed = original.replace(b'"score": 90', b'"score": 99', 1)  # 王䶮's 1号: 30 + 30 + 30
    assert changed != original
    (tmp_path / "manifest.json").write_bytes(changed)
    refused = subprocess.run(
        [openssl, "pkeyutl", "-verify", "-pubin", "-inkey", "signer.pub.pem", "-rawin", "-in", "manifest.json",
         "-sigfile", "manifest.sig"],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert refused.returncode != 0


def _rewrite(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    change(members)
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def _resign_with_other_key(members: dict[str, bytes]) -> None:
    other = Ed25519PrivateKey.generate()
    raw = other.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    manifest = json.loads(members["manifest.json"])
    manifest["expert"]["public_key"] = base64.b64encode(raw).decode()
    manifest["expert"]["fingerprint"] = fingerprint(raw)
    pem = other.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    members["signer.pub.pem"] = pem
    import hashlib

    manifest["members"]["signer.pub.pem"] = hashlib.sha256(pem).hexdigest()
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()
    members["manifest.sig"] = other.sign(members["manifest.json"])


TAMPERING = {
    "manifest_byte": (lambda m: m.update({"manifest.json": m["manifest.json"].replace(b'"score": 90', b'"score": 99', 1)}), "bad_signature"),
    "manifest_flip": (lambda m: m.update({"manifest.json": _flip(m["manifest.json"], 200)}), "bad_"),
    "pdf_byte": (lambda m: m.update({"score-sheet.pdf": _flip(m["score-sheet.pdf"], 500)}), "member_changed"),
    "signature_byte": (lambda m: m.update({"manifest.sig": _flip(m["manifest.sig"], 10)}), "bad_signature"),
    "member_added": (lambda m: m.update({"extra.txt": b"90"}), "member_added"),
    "member_removed": (lambda m: m.pop("VERIFY.txt"), "member_removed"),
    "signature_removed": (lambda m: m.pop("manifest.sig"), "member_removed"),
    "key_swapped": (lambda m: m.update({"signer.pub.pem": b"-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n"}), "member_changed"),
    "resigned_other_key": (_resign_with_other_key, "not_on_roster"),
}  # fmt: skip


@pytest.mark.parametrize("how", sorted(TAMPERING))
def test_tampered_package_is_refused_with_the_reason(panel: Panel, tmp_path: Path, how: str) -> None:
    change, code = TAMPERING[how]
    bad = _rewrite(panel.packages[0], tmp_path / f"{how}.zip", change)
    result = run(panel.station, "verify", bad, "--roster", panel.roster, "--json")
    assert result.code == 1
    (body,) = result.json()
    assert body["valid"] is False and body["code"].startswith(code), body
    assert body["zh"] and body["en"]


def test_a_flipped_byte_in_any_member_is_refused(panel: Panel, tmp_path: Path) -> None:
    """Bytes of every member's stored data; zip bookkeeping (timestamps, version fields) changes nothing signed."""
    data = panel.packages[0].read_bytes()
    with zipfile.ZipFile(panel.packages[0]) as archive:
        infos = archive.infolist()
    for info in infos:
        header = data[info.header_offset : info.header_offset + 30]
        start = (
            info.header_offset
            + 30
            + int.from_bytes(header[26:28], "little")
            + int.from_bytes(header[28:30], "little")
        )
        for at in {start, start + info.compress_size // 2, start + info.compress_size - 1}:
            bad = tmp_path / "flipped.zip"
            bad.write_bytes(_flip(data, at))
            result = run(panel.station, "verify", bad, "--roster", panel.roster)
            assert result.code == 1, f"a flip in {info.filename} at byte {at} was accepted"


def test_not_a_zip_and_missing_file_are_clear(panel: Panel, tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_text("not a zip")
    result = run(panel.station, "verify", junk, tmp_path / "absent.zip", "--json")
    assert result.code == 1
    assert [r["code"] for r in result.json()] == ["package_unreadable", "package_missing"]


def test_case_file_the_station_did_not_receive_is_refused(panel: Panel, tmp_path: Path) -> None:
    other_station = tmp_path / "other"
    partial = tmp_path / "partial"
    shutil.copytree(panel.disc, partial)
    next(partial.rglob("德环罚〔2024〕2号.pdf")).unlink()
    run(other_station, "import", partial)
    result = run(other_station, "verify", panel.packages[0], "--roster", panel.roster, "--json")
    assert result.code == 1 and result.json()[0]["code"] == "unknown_case_file"


def test_rubric_the_station_does_not_know_is_refused(panel: Panel, tmp_path: Path) -> None:
    expert = tmp_path / "custom"
    shutil.copytree(panel.experts[0], expert)
    rubric_dir = expert / "rubrics"
    rubric_dir.mkdir()
    builtin = Path(__file__).resolve().parents[2] / "resources" / "rubrics" / "transcripts-2024.toml"
    text = builtin.read_text(encoding="utf-8").replace('id = "transcripts-2024"', 'id = "local-2024"', 1)
    (rubric_dir / "local-2024.toml").write_text(text, encoding="utf-8")
    case = case_ids(expert)["德环罚〔2024〕2号"]
    assert run(expert, "score", "set", str(case), "inspection_record=30", "inquiry_record=30",
               "--rubric", "local-2024", "--complete").code == 0  # fmt: skip
    package = tmp_path / "local.zip"
    export(expert, package, "--rubric", "local-2024")
    result = run(panel.station, "verify", package, "--roster", panel.roster, "--json")
    assert result.code == 1 and result.json()[0]["code"] == "unknown_rubric"


def test_aggregate_combines_by_hand_computed_figures(panel: Panel, tmp_path: Path) -> None:
    station = tmp_path / "station"
    shutil.copytree(panel.station, station)
    xlsx, pdf = tmp_path / "panel.xlsx", tmp_path / "panel.pdf"
    result = run(
        station,
        "aggregate",
        *panel.packages,
        "--roster",
        panel.roster,
        "--json",
        "--xlsx",
        xlsx,
        "--pdf",
        pdf,
    )
    assert result.code == 0, result.err
    body = result.json()
    by_number = {c["label"].split(" ")[-1]: c for c in body["cases"]}
    first, second, third = (
        by_number["德环罚〔2024〕1号"],
        by_number["德环罚〔2024〕2号"],
        by_number["格环罚〔2024〕3号"],
    )
    assert (first["score"], first["spread"], first["adjudicate"], first["method"]) == (
        88.33,
        15,
        True,
        "mean",
    )
    assert (second["score"], second["spread"], second["adjudicate"]) == (71, 2, False)
    assert (third["score"], third["spread"], len(third["experts"])) == (62, 4, 2)
    # Leniency: deviations from each case's plain mean.
    # 王䶮: +1.667, −1, −2 → −0.44; 李明: −8.333, +1, +2 → −1.78; 赵婧: +6.667, 0 → +3.33
    leniency = {e["name"]: e["leniency"] for e in body["experts"]}
    assert leniency == {"王䶮": -0.44, "李明": -1.78, "赵婧": 3.33}
    # Krippendorff's alpha (interval), by hand: D_o = (700/2 + 12/2 + 32/1) / 8 = 48.5;
    # D_e = 2 × 8 × 1045.5 (squared deviations from 75.25) / (8 × 7) = 298.714; α = 1 − 48.5/298.714.
    assert body["agreement"]["transcripts-2024"]["krippendorff_alpha_interval"] == pytest.approx(
        0.8376, abs=1e-4
    )
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == [
        "案卷",
        "待裁定",
        "专家",
        "一致性",
        "分项一致性",
        "分项宽严",
        "未交评审",
        "接收记录",
    ]
    assert book["待裁定"].cell(4, 2).value.endswith("德环罚〔2024〕1号")  # title, note, header, row 1
    with pymupdf.open(pdf) as doc:
        text = "".join(page.get_text() for page in doc)
    assert "案卷得分" in text and "88.33" in text and "待裁定" in text


def test_same_package_twice_changes_nothing_and_a_later_one_replaces(panel: Panel, tmp_path: Path) -> None:
    station = tmp_path / "station"
    shutil.copytree(panel.station, station)
    expert = tmp_path / "expert"
    shutil.copytree(panel.experts[1], expert)
    first = run(station, "aggregate", panel.packages[1], "--roster", panel.roster, "--json").json()
    again = run(station, "aggregate", panel.packages[1], "--roster", panel.roster, "--json")
    assert again.code == 0 and "重复提交" in again.err
    assert again.json()["cases"] == first["cases"]
    case = case_ids(expert)["德环罚〔2024〕1号"]
    assert run(expert, "score", "set", str(case), "inspection_record=31", "--rubric", "transcripts-2024",
               "--reopen", "复核后改分", "--complete").code == 0  # fmt: skip
    later = tmp_path / "later.zip"
    export(expert, later, "--cases", str(case))
    replaced = run(station, "aggregate", later, "--roster", panel.roster, "--json")
    assert "替代" in replaced.err
    scores = {c["label"].split(" ")[-1]: c["score"] for c in replaced.json()["cases"]}
    assert scores["德环罚〔2024〕1号"] == 86  # 30 + 31 + 25
    assert scores["德环罚〔2024〕2号"] == 72  # still from the first package
    replayed = run(station, "aggregate", panel.packages[1], "--roster", panel.roster, "--json")
    assert replayed.json()["cases"] == replaced.json()["cases"]
    events = [e["event"] for e in replayed.json()["events"]]
    assert events == ["received", "already_received", "received", "replaced", "already_received"]
    # the old package arriving only after the newer one: kept, not counted
    fresh = tmp_path / "fresh"
    shutil.copytree(panel.station, fresh)
    run(fresh, "aggregate", later, "--roster", panel.roster)
    late_old = run(fresh, "aggregate", panel.packages[1], "--roster", panel.roster, "--json")
    assert "比已收到的评分包旧" in late_old.err
    fresh_scores = {c["label"].split(" ")[-1]: c["score"] for c in late_old.json()["cases"]}
    assert fresh_scores == {"德环罚〔2024〕1号": 86, "德环罚〔2024〕2号": 72, "格环罚〔2024〕3号": 64}
    # the old package presented under a new name is still the same package
    renamed = tmp_path / "renamed.zip"
    shutil.copy(panel.packages[1], renamed)
    assert (
        run(station, "aggregate", renamed, "--roster", panel.roster, "--json").json()["cases"]
        == replaced.json()["cases"]
    )


def test_two_packages_with_the_same_sequence_are_flagged(panel: Panel, tmp_path: Path) -> None:
    station = tmp_path / "station"
    shutil.copytree(panel.station, station)
    twin = tmp_path / "twin"
    shutil.copytree(panel.experts[2], twin)
    with_db = [twin / "reviewdesk.sqlite3"]
    assert with_db[0].exists()
    # The twin's store forgets its export, so it reuses sequence 1: a copied laptop, a restored backup.
    import sqlite3

    with sqlite3.connect(with_db[0]) as conn:
        conn.execute("DELETE FROM exports")
    clash = tmp_path / "clash.zip"
    export(twin, clash)
    run(station, "aggregate", panel.packages[2], "--roster", panel.roster)
    result = run(station, "aggregate", clash, "--roster", panel.roster, "--json")
    assert "同一序号" in result.err
    assert result.json()["events"][-1]["event"] == "sequence_conflict"


def test_refused_package_is_listed_and_the_others_still_count(panel: Panel, tmp_path: Path) -> None:
    station = tmp_path / "station"
    shutil.copytree(panel.station, station)
    bad = _rewrite(panel.packages[0], tmp_path / "bad.zip", TAMPERING["pdf_byte"][0])
    result = run(station, "aggregate", bad, *panel.packages[1:], "--roster", panel.roster, "--json")
    assert result.code == 1 and "member_changed" in result.err
    body = result.json()
    assert {e["name"] for e in body["experts"]} == {"李明", "赵婧"}
    assert body["events"][0]["event"] == "rejected"


def test_score_sheet_pdf_embeds_the_font_and_marks_rare_characters(panel: Panel) -> None:
    with zipfile.ZipFile(panel.packages[0]) as archive:
        pdf = archive.read("score-sheet.pdf")
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["expert"]["name"] == "王䶮"
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        text = "".join(page.get_text() for page in doc)
        fonts = {(f[1], f[3]) for page in doc for f in page.get_fonts()}
        assert doc.page_count == 4  # summary + one page per case
    assert any(ext == "ttf" and "Droid-Sans-Fallback" in name for ext, name in fonts), fonts
    assert "评审专家（签字）" in text and "德环罚〔2024〕1号" in text and "90" in text
    # 䶮 is not in the embedded font: printed from a system font that has it, or as 〓, never dropped.
    assert "王䶮" in text or "王〓" in text


def test_aggregate_ranks_candidates_under_a_scheme(panel: Panel, tmp_path: Path) -> None:
    station = tmp_path / "station"
    shutil.copytree(panel.station, station)
    run(station, "aggregate", *panel.packages, "--roster", panel.roster)
    missing = run(station, "aggregate", "--scheme", "haixi-2017-collective")
    assert missing.code == 2 and "--scheme-inputs" in missing.err
    values = {"cases": 10, "fines": 100, "major_cases": 1, "key_units": 5}
    inputs = {
        "region": {"totals": {"cases": 20, "fines": 200, "major_cases": 2, "key_units": 10}},
        "candidates": {
            "德令哈市生态环境局": {"values": {**values, "votes": 30}, "manual": {"four_measures_cases": 8}},
            "格尔木市生态环境局": {"values": {**values, "votes": 50}, "manual": {"four_measures_cases": 6}},
        },
    }
    inputs_file = tmp_path / "inputs.json"
    inputs_file.write_text(json.dumps(inputs, ensure_ascii=False), encoding="utf-8")
    xlsx = tmp_path / "panel.xlsx"
    result = run(station, "aggregate", "--scheme", "haixi-2017-collective", "--scheme-inputs", inputs_file,
                 "--json", "--xlsx", xlsx)  # fmt: skip
    assert result.code == 0, result.err
    candidates = {c["id"]: c for c in result.json()["candidates"]["candidates"]}
    assert set(candidates) == {"德令哈市生态环境局", "格尔木市生态环境局"}
    deling = candidates["德令哈市生态环境局"]
    # the case-quality step is fed the panel's combined scores of both its files
    explanation = "\n".join(s["text"] for s in deling["explanation"])
    assert "88.33" in explanation and "71" in explanation
    assert {c["rank"] for c in candidates.values()} == {1, 2}
    assert openpyxl.load_workbook(xlsx).sheetnames == [
        "案卷",
        "待裁定",
        "候选",
        "排名",
        "专家",
        "一致性",
        "分项一致性",
        "分项宽严",
        "未交评审",
        "接收记录",
    ]


def test_aggregate_keeps_a_candidate_whole_when_a_file_spells_its_unit_another_way(
    panel: Panel, tmp_path: Path
) -> None:
    """The panel uses check's grouping: 德令哈市环境保护局 and 德令哈市生态环境局 (2024) are one unit."""
    station = tmp_path / "station"
    shutil.copytree(panel.station, station)
    second = case_ids(station)["德环罚〔2024〕2号"]
    assert run(station, "case", "set", str(second), "--unit", "德令哈市环境保护局").code == 0
    run(station, "aggregate", *panel.packages, "--roster", panel.roster)
    from app.models.store import Store
    from app.station.candidates import candidates as station_candidates

    store = Store.open(station)
    try:
        (deling,) = [c for c in station_candidates(store.db)[0] if "德令哈" in c.unit]
    finally:
        store.close()
    assert len(deling.cases) == 2  # check's grouping: one candidate, whichever spelling it shows
    values = {"cases": 10, "fines": 100, "major_cases": 1, "key_units": 5, "votes": 30}
    inputs = {
        "region": {"totals": {"cases": 20, "fines": 200, "major_cases": 2, "key_units": 10}},
        "candidates": {
            deling.id: {"values": values, "manual": {"four_measures_cases": 8}},
            "格尔木市生态环境局": {"values": values, "manual": {"four_measures_cases": 6}},
        },
    }
    inputs_file = tmp_path / "inputs.json"
    inputs_file.write_text(json.dumps(inputs, ensure_ascii=False), encoding="utf-8")
    result = run(
        station, "aggregate", "--scheme", "haixi-2017-collective", "--scheme-inputs", inputs_file, "--json"
    )
    assert result.code == 0, result.err
    candidates = {c["id"]: c for c in result.json()["candidates"]["candidates"]}
    assert set(candidates) == {deling.id, "格尔木市生态环境局"}
    explanation = "\n".join(s["text"] for s in candidates[deling.id]["explanation"])
    assert "88.33" in explanation and "71" in explanation
