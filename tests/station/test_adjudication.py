"""The panel lead's adjudication: checked, kept with its history, and used by the case table and rankings."""

from __future__ import annotations

import json
import zipfile

import pytest

from app.results_export import read_results
from app.signing.rejection import PackageRejected
from tests.helpers.panel import case_ids, run
from tests.helpers.station_cycle import EXPERTS, Cycle

FLAGGED = "德环罚〔2024〕1号"


def _case(body: dict, number: str) -> dict:
    return next(c for c in body["cases"] if c["label"].endswith(number))


def test_flagged_case_gets_the_decided_score_and_keeps_history(cycle: Cycle) -> None:
    before = run(cycle.station, "aggregate", "--json").json()
    flagged = _case(before, FLAGGED)  # type: ignore[arg-type]
    assert flagged["adjudicate"] and flagged["status"] == "flagged"
    case_id = case_ids(cycle.station)[FLAGGED]

    assigned = [e for e in EXPERTS if e["id"] in cycle.assignment[FLAGGED]]
    asked = run(
        cycle.station, "adjudicate", str(case_id), "--rereview", f"{assigned[0]['id']},{assigned[1]['name']}",
        "--reason", "分差过大，请复核笔录起止时间",
    )  # fmt: skip
    assert asked.code == 0, asked.err
    middle = _case(run(cycle.station, "aggregate", "--json").json(), FLAGGED)  # type: ignore[arg-type]
    assert middle["status"] == "rereview" and middle["score"] == flagged["score"]
    assert middle["decision"]["experts"] == [assigned[0]["name"], assigned[1]["name"]]

    decided = run(cycle.station, "adjudicate", str(case_id), "--score", "85.5", "--reason", "第2页载明时间")
    assert decided.code == 0, decided.err
    after = run(cycle.station, "aggregate", "--json").json()
    case = _case(after, FLAGGED)  # type: ignore[arg-type]
    assert case["score"] == 85.5 and case["combined"] == flagged["score"] and case["status"] == "decided"
    history = after["adjudication_history"]  # type: ignore[index]
    assert [h["decision"] for h in history] == ["rereview", "score"]
    assert history[1]["reason"] == "第2页载明时间"


def test_adjudication_is_refused_without_reason_or_out_of_range(cycle: Cycle) -> None:
    case_id = case_ids(cycle.station)[FLAGGED]
    no_reason = run(cycle.station, "adjudicate", str(case_id), "--score", "80")
    assert no_reason.code == 2 and "理由" in no_reason.err
    too_high = run(cycle.station, "adjudicate", str(case_id), "--score", "101", "--reason", "x")
    assert too_high.code == 2 and "0 到 100.00" in too_high.err
    stranger = run(cycle.station, "adjudicate", str(case_id), "--rereview", "无名氏", "--reason", "x")
    assert stranger.code == 2 and "无名氏" in stranger.err
    assert run(cycle.station, "adjudicate", "--list", "--json").json() == []


def test_signed_results_carry_the_adjudication_and_refuse_a_change(cycle: Cycle) -> None:
    case_id = case_ids(cycle.station)[FLAGGED]
    assert (
        run(cycle.station, "adjudicate", str(case_id), "--score", "85.5", "--reason", "第2页载明时间").code
        == 0
    )
    out = cycle.station.parent / "results.zip"
    made = run(cycle.station, "results", "--out", out, "--passphrase-file", cycle.passphrase, "--json")
    assert made.code == 0, made.err
    signed = read_results(out)
    panel = signed.manifest["panel"]
    assert panel["adjudication_history"][0]["reason"] == "第2页载明时间"
    assert _case(panel, FLAGGED)["score"] == 85.5
    assert signed.fingerprint == cycle.station_fingerprint
    assert "findings/德令哈市生态环境局.pdf" in made.json()["members"]  # type: ignore[index]

    with zipfile.ZipFile(out) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    manifest = json.loads(members["manifest.json"])
    manifest["panel"]["cases"][0]["score"] = 99
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()
    changed = out.with_name("changed.zip")
    with zipfile.ZipFile(changed, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(PackageRejected) as refused:
        read_results(changed)
    assert refused.value.code == "bad_signature"


def test_the_decided_score_feeds_the_candidates_and_rankings(cycle: Cycle) -> None:
    values = {"cases": 10, "fines": 100, "major_cases": 1, "key_units": 5}
    inputs = {
        "region": {"totals": {"cases": 40, "fines": 400, "major_cases": 4, "key_units": 20}},
        "candidates": {
            unit: {"values": {**values, "votes": 40}, "manual": {"four_measures_cases": 6}}
            for unit in ("德令哈市生态环境局", "格尔木市生态环境局", "茫崖市生态环境局")
        },
    }
    inputs_file = cycle.station.parent / "scheme-inputs.json"
    inputs_file.write_text(json.dumps(inputs, ensure_ascii=False), encoding="utf-8")
    args = ("aggregate", "--scheme", "haixi-2017-collective", "--scheme-inputs", inputs_file, "--json")

    def deling() -> dict:
        body = run(cycle.station, *args).json()
        found = {c["id"]: c for c in body["candidates"]["candidates"]}  # type: ignore[index]
        return found["德令哈市生态环境局"]

    before = deling()
    case_id = case_ids(cycle.station)[FLAGGED]
    assert run(cycle.station, "adjudicate", str(case_id), "--score", "90", "--reason", "按多数意见").code == 0
    after = deling()
    explanation = "\n".join(s["text"] for s in after["explanation"])
    assert "90" in explanation and after["total"] > before["total"]
