"""Fuzzing what arrives at the station and at the expert: manifests, zips and packets, re-signed with real keys.

Whatever the mutation, the outcome must be an exit code with a message in Chinese and English, never
a traceback, and the store must stay whole: ``PRAGMA integrity_check`` is ok, every received package
holds exactly the scores its manifest lists, and ``aggregate`` still runs. Hypothesis is derandomized
and bounded, so the run is the same on every machine and stays well under a minute.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import re
import sqlite3
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.rubric import catalog
from app.signing import identity
from tests.helpers.cli import Result
from tests.helpers.panel import (
    PASSPHRASE,
    case_ids,
    export,
    make_disc,
    make_expert,
    passphrase_file,
    public_key,
    score,
)
from tests.helpers.panel import run as cli
from tests.signing import forge

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{3,}")
FUZZ = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@dataclass
class Bench:
    tmp: Path
    station: Path
    roster: Path
    package: Path
    expert_key: Ed25519PrivateKey
    packet: Path
    station_fingerprint: str
    station_key: Ed25519PrivateKey
    laptop: Path
    refused: set[str] = field(default_factory=set)
    """SHA-256 of every distinct input that was refused"""
    tried: set[str] = field(default_factory=set)


@pytest.fixture(scope="module", autouse=True)
def rubrics_read_once() -> Iterator[None]:
    """The rubric files never change during these tests: parse them once, not twice per command (speed only)."""
    loaded = functools.lru_cache(maxsize=None)(catalog.load_all)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(catalog, "load_all", loaded)
        yield


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bench]:
    tmp = tmp_path_factory.mktemp("fuzz")
    disc = make_disc(tmp / "disc")
    station = tmp / "station"
    cli(station, "import", disc)
    expert = make_expert(tmp / "expert", disc, "王䶮")
    ids = case_ids(expert)
    score(expert, ids["德环罚〔2024〕1号"], "30", "28.5")
    score(expert, ids["德环罚〔2024〕2号"], "20", "21")
    package = tmp / "package.zip"
    export(expert, package)
    roster = public_key(expert, tmp / "roster.pem")
    # one package already counted, so "aggregate still runs" means a report, not "nothing received"
    assert cli(station, "aggregate", package, "--roster", roster).code == 0
    pw = passphrase_file(tmp)
    assert (
        cli(station, "keys", "init", "--name", "监理站", "--unit", "监理站", "--passphrase-file", pw).code
        == 0
    )
    experts = tmp / "experts.json"
    experts.write_text(json.dumps({"experts": [{"id": "E4", "unit": "省厅"}, {"id": "E5", "unit": "总队"}]}))
    assert cli(station, "assign", "--experts", experts, "--per-case", "1", "--seed", "5").code == 0
    packet = tmp / "packet.zip"
    assert cli(station, "packet", "--expert", "E4", "--out", packet, "--passphrase-file", pw).code == 0
    made = Bench(
        tmp,
        station,
        roster,
        package,
        identity.load_private_key(expert, PASSPHRASE),
        packet,
        cli(station, "keys", "show", "--json").json()["fingerprint"],
        identity.load_private_key(station, PASSPHRASE),
        tmp / "laptop",
    )
    yield made
    print(f"\nfuzz: {len(made.tried)} distinct inputs tried, {len(made.refused)} refused with a message")


# -- mutations ------------------------------------------------------------------------------------------------------

WEIRD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [float("nan"), float("inf"), -float("inf"), -0.0, 1e308, 10**30, -20, 103, 88.5, 0, 2**63, -(2**63)]
    ),
    st.sampled_from(
        ["NaN", "Infinity", "", "\x00", "../../x", "cases/../x", "a" * 3000, "in_progress", "90"]
    ),
    st.text(max_size=12),
    st.lists(st.integers(-5, 5), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(-5, 5), max_size=3),
)


def paths_in(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, entry in value.items():
            found += paths_in(entry, (*prefix, key))
    elif isinstance(value, list):
        for index, entry in enumerate(value):
            found += paths_in(entry, (*prefix, index))
    return found


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


def _set(root: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    _get(root, path[:-1])[path[-1]] = new
    return root


@st.composite
def mutation(draw: st.DrawFn, paths: list[tuple[Any, ...]]) -> Callable[[Any], Any]:
    path = draw(st.sampled_from(paths))
    kind = draw(
        st.sampled_from(["replace", "replace", "replace", "delete", "add_key", "wrap", "unwrap", "dup"])
    )
    value = draw(WEIRD_VALUES)
    key = draw(st.sampled_from(["extra", "score", "cases", "sequence", "", "__proto__"]))

    def apply(manifest: Any) -> Any:
        try:
            target = _get(manifest, path)
        except (KeyError, IndexError, TypeError):
            return manifest  # an earlier mutation removed it
        if kind == "replace":
            return _set(manifest, path, value)
        if kind == "delete" and path:
            parent = _get(manifest, path[:-1])
            del parent[path[-1]]
            return manifest
        if kind == "add_key" and isinstance(target, dict):
            target[key] = value
            return manifest
        if kind == "wrap":
            return _set(manifest, path, [target])
        if kind == "unwrap" and isinstance(target, dict):
            return _set(manifest, path, list(target.values()))
        if kind == "dup" and isinstance(target, list) and target:
            target.append(copy.deepcopy(target[0]))
            return manifest
        return _set(manifest, path, value)

    return apply


def mutated_manifest(base: dict[str, Any]) -> st.SearchStrategy[Any]:
    paths = paths_in(base)

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        manifest: Any = copy.deepcopy(base)
        for change in draw(st.lists(mutation(paths), min_size=1, max_size=3)):
            manifest = change(manifest)
        return manifest

    return build()


# -- what every outcome must satisfy ---------------------------------------------------------------------------------


def assert_clean(result: Result, allowed: tuple[int, ...] = (0, 1, 2)) -> None:
    assert "Traceback" not in result.err + result.out
    assert result.code in allowed, (result.code, result.err[-2000:])
    if result.code != 0:
        message = result.err
        assert CJK.search(message) and LATIN.search(message), message[-2000:]


def assert_store_whole(data_dir: Path) -> None:
    with sqlite3.connect(data_dir / "reviewdesk.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        for row_id, manifest_json in db.execute("SELECT id, manifest FROM received_packages"):
            listed = len(json.loads(manifest_json)["cases"])
            stored = db.execute(
                "SELECT COUNT(*) FROM received_scores WHERE package = ?", [row_id]
            ).fetchone()[0]
            assert stored == listed, "a partial receipt"


def offer(bench: Bench, package: Path, digest: str) -> None:
    bench.tried.add(digest)
    result = cli(bench.station, "aggregate", package, "--roster", bench.roster)
    assert_clean(result)
    if "拒收 / refused" in result.err:
        bench.refused.add(digest)
    assert_store_whole(bench.station)
    if (
        result.code == 0 and "已接收 / received" in result.err
    ):  # the store changed: the report must still build
        assert_clean(cli(bench.station, "aggregate", "--json"), allowed=(0,))


def _base_members(bench: Bench) -> dict[str, bytes]:
    return forge.members_of(bench.package)


# -- score package manifests -------------------------------------------------------------------------------------


def test_mutated_signed_manifests_are_refused_or_counted_never_crash(bench: Bench) -> None:
    members = _base_members(bench)
    stranger = Ed25519PrivateKey.generate()

    @settings(FUZZ, max_examples=180)
    @given(
        manifest=mutated_manifest(forge.manifest_of(members)),
        by_stranger=st.integers(0, 9).map(lambda n: n == 0),  # now and then a key on no roster
    )
    def check(manifest: Any, by_stranger: bool) -> None:
        text = forge.dump(manifest)
        digest = hashlib.sha256(text).hexdigest()
        package = forge.write(
            bench.tmp / f"m-{digest[:16]}.zip",
            forge.sign(members, text, stranger if by_stranger else bench.expert_key),
        )
        offer(bench, package, digest)

    check()
    print(f"manifests: {len(bench.tried)} distinct tried, {len(bench.refused)} refused")


# -- zips: members added, removed, renamed, inflated, damaged ---------------------------------------------------------

MEMBER_NAMES = ["manifest.json", "manifest.sig", "signer.pub.pem", "score-sheet.pdf", "VERIFY.txt"]
NEW_NAMES = st.sampled_from(
    ["extra.txt", "../escape.txt", "/abs.txt", "dir/", "manifest.json", "MANIFEST.JSON", "空.txt"]
)


@st.composite
def zip_change(draw: st.DrawFn) -> tuple[str, Any, Any]:
    kind = draw(
        st.sampled_from(
            [
                "remove",
                "add",
                "rename",
                "inflate",
                "replace",
                "replace_relisted",
                "truncate",
                "flip",
                "stored",
            ]
        )
    )
    return kind, draw(st.sampled_from(MEMBER_NAMES)), draw(st.one_of(NEW_NAMES, st.integers(0, 10**6)))


def build_zip(bench: Bench, changes: list[tuple[str, Any, Any]], path: Path) -> bytes:
    members = _base_members(bench)
    manifest = forge.manifest_of(members)
    raw_edits: list[tuple[str, int]] = []
    inflate: str | None = None
    method = zipfile.ZIP_DEFLATED
    for kind, name, extra in changes:
        if kind == "remove":
            members.pop(name, None)
        elif kind == "add":
            members[str(extra)] = b"90"
        elif kind == "rename" and name in members:
            members[str(extra) if isinstance(extra, str) else name + ".bak"] = members.pop(name)
        elif kind == "inflate":
            inflate = name
        elif kind in ("replace", "replace_relisted") and name in members:
            members[name] = b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n" if extra else b""
            if kind == "replace_relisted" and name not in ("manifest.json", "manifest.sig"):
                forge.relist(members, manifest)
                members = forge.resign(members, manifest, bench.expert_key)
        elif kind in ("truncate", "flip"):
            raw_edits.append((kind, int(extra) if isinstance(extra, int) else 100))
        elif kind == "stored":
            method = zipfile.ZIP_STORED
    if inflate is not None and inflate in members:
        forge.write_with_bomb(path, members, inflate, 0, 80 << 20, 80)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # duplicate names are the point
            with zipfile.ZipFile(path, "w", method) as archive:
                for name, data in members.items():
                    archive.writestr(name, data)
    data = path.read_bytes()
    for kind, at in raw_edits:
        at = at % max(len(data), 1)
        data = data[:at] if kind == "truncate" else data[:at] + bytes([data[at] ^ 0x55]) + data[at + 1 :]
    path.write_bytes(data)
    return data


def test_damaged_and_rebuilt_zips_are_refused_or_counted_never_crash(bench: Bench) -> None:
    @settings(FUZZ, max_examples=60)
    @given(changes=st.lists(zip_change(), min_size=1, max_size=3))
    def check(changes: list[tuple[str, Any, Any]]) -> None:
        path = bench.tmp / "z.zip"
        data = build_zip(bench, changes, path)
        digest = hashlib.sha256(data).hexdigest()
        final = bench.tmp / f"z-{digest[:16]}.zip"
        path.rename(final)
        offer(bench, final, digest)

    check()


def test_duplicate_member_names_are_refused(bench: Bench) -> None:
    members = _base_members(bench)
    path = bench.tmp / "dup.zip"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in [*members.items(), ("manifest.json", members["manifest.json"])]:
                archive.writestr(name, data)
    offer(bench, path, hashlib.sha256(path.read_bytes()).hexdigest())
    result = cli(bench.station, "verify", path, "--roster", bench.roster, "--json")
    assert result.json()[0]["code"] == "member_duplicated"


# -- review packets (expert side) ---------------------------------------------------------------------------------


def test_mutated_signed_packets_are_refused_or_imported_never_crash(bench: Bench) -> None:
    members = forge.members_of(bench.packet)
    base = forge.manifest_of(members)

    @settings(FUZZ, max_examples=60)
    @given(manifest=mutated_manifest(base))
    def check(manifest: Any) -> None:
        text = forge.dump(manifest)
        digest = hashlib.sha256(b"packet" + text).hexdigest()
        bench.tried.add(digest)
        packet = forge.write(bench.tmp / f"p-{digest[:16]}.zip", forge.sign(members, text, bench.station_key))
        before = _laptop_counts(bench.laptop)
        result = cli(
            bench.laptop, "receive-packet", packet, "--station-fingerprint", bench.station_fingerprint
        )
        assert_clean(result)
        if result.code != 0:
            bench.refused.add(digest)
            assert _laptop_counts(bench.laptop) == before, "a refused packet changed the laptop's store"
        if (bench.laptop / "reviewdesk.sqlite3").exists():
            assert_store_whole(bench.laptop)

    check()


def _laptop_counts(laptop: Path) -> tuple[int, int]:
    if not (laptop / "reviewdesk.sqlite3").exists():
        return (0, 0)
    with sqlite3.connect(laptop / "reviewdesk.sqlite3") as db:
        cases = db.execute("SELECT COUNT(*) FROM cases").fetchone()[0]
        packets = db.execute("SELECT COUNT(*) FROM packets_received").fetchone()[0]
    return cases, packets


def test_the_station_still_aggregates_after_everything(bench: Bench) -> None:
    result = cli(bench.station, "aggregate", "--json")
    assert_clean(result, allowed=(0,))
    assert result.json()["cases"]
    assert_store_whole(bench.station)
    # nothing lost: the package received before the fuzzing is still in the ledger, as signed
    original = forge.members_of(bench.package)["manifest.json"]
    with sqlite3.connect(bench.station / "reviewdesk.sqlite3") as db:
        kept = db.execute(
            "SELECT manifest_sha256 FROM received_packages WHERE package_id = ?",
            [json.loads(original)["package_id"]],
        ).fetchone()
    assert kept == (hashlib.sha256(original).hexdigest(),)
