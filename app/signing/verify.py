"""Verification of a score package: first the package alone, then against the station.

Alone: a readable zip with exactly the members the manifest lists, each with its SHA-256, the key in
the manifest the same as ``signer.pub.pem``, and a valid Ed25519 signature over the manifest's bytes.
The manifest's whole shape is checked (``manifest_schema``) and members are streamed with bounds
(``bounded_zip``). Against the station: the key on its roster (the signer's name comes from there),
every rubric hash one the station knows, every case file's SHA-256 a file the station received, and
every score recomputed from its inputs (``recompute``). Each failure is a ``PackageRejected`` with a code and a reason.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.rubric.model import Rubric
from app.signing import package_format as fmt
from app.signing.bounded_zip import Budget, MiB, ZipLimits, member_table, open_archive, stream_member
from app.signing.identity import display_fingerprint, fingerprint, public_pem
from app.signing.manifest_schema import check_score_package, members_check
from app.signing.recompute import check_recomputed
from app.signing.rejection import PackageRejected, reject
from app.signing.roster import Roster

__all__ = ["PackageRejected", "check_against_station", "read_package", "read_signed"]


@dataclass
class VerifiedPackage:
    path: Path
    manifest: dict[str, Any]
    manifest_sha256: str
    fingerprint: str
    warnings: list[str] = field(default_factory=list)
    signer_name: str = ""
    """who signed, from the station's roster (or the key's fingerprint); the manifest's name is only a claim"""
    signer_unit: str = ""

    @property
    def package_id(self) -> str:
        return str(self.manifest["package_id"])

    @property
    def sequence(self) -> int:
        return int(self.manifest["sequence"])

    @property
    def expert(self) -> dict[str, Any]:
        return dict(self.manifest["expert"])

    @property
    def cases(self) -> list[dict[str, Any]]:
        return list(self.manifest["cases"])

    def summary(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "valid": True,
            "package_id": self.package_id,
            "sequence": self.sequence,
            "created_at": self.manifest["created_at"],
            "expert": {
                "name": self.signer_name or self.expert["name"],
                "unit": self.signer_unit if self.signer_name else self.expert.get("unit", ""),
                "claimed_name": self.expert["name"],
                "number": self.expert.get("number"),
                "fingerprint": self.fingerprint,
            },
            "rubrics": self.manifest["rubrics"],
            "cases": [
                {
                    "sha256": c["sha256"],
                    "unit": c.get("unit"),
                    "case_number": c.get("case_number"),
                    "rubric": c["rubric"],
                    "score": c["result"]["score"],
                }
                for c in self.cases
            ],
            "warnings": self.warnings,
        }


PACKAGE_LIMITS = ZipLimits(member_bytes=64 * MiB, total_bytes=128 * MiB, members=16)
"""a score package holds a manifest, a signature, a key, a PDF sheet and a text file"""
MANIFEST_LIMIT = 32 * MiB
SIGNATURE_LIMIT = 4096


@dataclass(frozen=True)
class SignedZip:
    manifest: dict[str, Any]
    manifest_bytes: bytes
    data: dict[str, bytes]
    """the members asked to be kept (all others were only hashed)"""
    fingerprint: str


def read_package(path: Path, limits: ZipLimits = PACKAGE_LIMITS) -> VerifiedPackage:
    """Check the package on its own; raises PackageRejected with the first reason it must not be trusted."""
    signed = read_signed(
        path,
        fmt.FORMAT,
        fmt.FORMAT_VERSION,
        fmt.PUBLIC_KEY,
        fmt.SIGNED_MEMBERS,
        "评分包",
        signer_field="expert",
        limits=limits,
        keep=lambda name: False,
    )
    check_score_package(signed.manifest, limits.members)
    return VerifiedPackage(
        path, signed.manifest, hashlib.sha256(signed.manifest_bytes).hexdigest(), signed.fingerprint
    )


def read_signed(
    path: Path,
    format_name: str,
    version: int,
    key_member: str,
    signed_members: tuple[str, ...],
    noun: str,
    signer_field: str,
    limits: ZipLimits,
    keep: Callable[[str], bool],
    trust: Callable[[str], None] | None = None,
) -> SignedZip:
    """A signed zip of ours (score package or review packet): members, hashes, signature, signer key.

    The signer's key is the manifest's ``signer_field`` entry (expert, station); ``noun`` names the
    thing in Chinese messages. Members are streamed under ``limits``; only the key member and those
    ``keep`` accepts are held in memory. ``trust`` sees the signer's fingerprint right after the
    signature is checked and may refuse it, before any other member is read.
    """
    with open_archive(path, noun) as archive:
        table = member_table(archive, limits, noun)
        for required in (fmt.MANIFEST, fmt.SIGNATURE):
            if required not in table:
                raise reject("member_removed", f"{noun}缺少 {required}。", f"no {required}")
        budget = Budget(limits.total_bytes)

        def read(name: str, limit: int, wanted: bool) -> tuple[str, bytes | None]:
            return stream_member(archive, table[name], limit, budget, limits, noun, wanted)

        manifest_bytes = read(fmt.MANIFEST, min(MANIFEST_LIMIT, limits.member_bytes), True)[1] or b""
        signature = read(fmt.SIGNATURE, SIGNATURE_LIMIT, True)[1] or b""
        manifest = _parse_manifest(manifest_bytes, format_name, version, limits)
        public_key = _public_key(manifest.get(signer_field))
        try:
            public_key.verify(signature, manifest_bytes)
        except InvalidSignature as exc:
            raise reject(
                "bad_signature",
                f"签名无效：{noun}清单（manifest.json）或签名已被改动，或不是用该密钥签的。",
                "invalid signature: manifest.json or its signature was changed, or another key signed it",
            ) from exc
        raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        if trust is not None:
            trust(fingerprint(raw))
        listed: dict[str, str] = manifest["members"]
        _check_member_names(listed, set(table), signed_members)
        data: dict[str, bytes] = {}
        for name, digest in listed.items():
            actual, content = read(name, limits.member_bytes, name == key_member or keep(name))
            if actual != digest:
                raise reject(
                    "member_changed",
                    f"{name} 已被改动（SHA-256 与签名清单不符）。",
                    f"{name} was changed (its SHA-256 differs from the signed manifest)",
                )
            if content is not None:
                data[name] = content
    if data[key_member].strip() != public_pem(raw).strip():
        raise reject(
            "key_mismatch",
            f"{key_member} 与签名清单中的公钥不一致。",
            f"{key_member} is not the key named in the manifest",
        )
    return SignedZip(manifest, manifest_bytes, data, fingerprint(raw))


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large")
    return value


def _parse_manifest(
    manifest_bytes: bytes, format_name: str, version: int, limits: ZipLimits
) -> dict[str, Any]:
    try:
        manifest = json.loads(
            manifest_bytes.decode("utf-8"), parse_constant=_refuse_constant, parse_float=_finite_float
        )
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise reject(
            "bad_manifest",
            "清单 manifest.json 无法读取（已损坏、被改动，或含有 NaN/Infinity 等非法数值）。",
            "manifest.json is not valid JSON (damaged, changed, or holding NaN/Infinity)",
        ) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != format_name:
        raise reject("bad_manifest", f"这不是 ReviewDesk 的{format_name}文件。", f"not a {format_name} file")
    if type(manifest.get("format_version")) is not int or manifest["format_version"] != version:
        shown = str(manifest.get("format_version"))[:20]
        raise reject(
            "newer_format",
            f"文件格式版本 {shown} 不受支持，请升级 ReviewDesk。",
            f"format version {shown} is not supported; upgrade ReviewDesk",
        )
    if "members" not in manifest:
        raise reject("bad_manifest", "清单缺少 members。", "the manifest has no members")
    members_check(limits.members)(manifest["members"], "manifest.members")
    return manifest


def _public_key(signer: Any) -> Ed25519PublicKey:
    if not isinstance(signer, dict):
        raise reject("bad_manifest", "清单中没有签名者的公钥。", "the manifest names no signing key")
    try:
        raw = base64.b64decode(signer["public_key"], validate=True)
        key = Ed25519PublicKey.from_public_bytes(raw)
    except (KeyError, TypeError, ValueError, binascii.Error) as exc:
        raise reject(
            "bad_manifest", "清单中的公钥无法读取。", "the manifest's public key is unreadable"
        ) from exc
    if signer.get("fingerprint") != fingerprint(raw):
        raise reject(
            "bad_manifest", "清单中的指纹与公钥不符。", "the manifest's fingerprint does not match its key"
        )
    return key


def _check_member_names(listed: dict[str, str], present: set[str], signed_members: tuple[str, ...]) -> None:
    expected = {fmt.MANIFEST, fmt.SIGNATURE, *listed}
    added = sorted(present - expected)
    removed = sorted(expected - present)
    if added:
        shown = ", ".join(added[:10])
        raise reject(
            "member_added",
            f"多出了签名清单里没有的文件：{shown}",
            f"members not in the manifest were added: {shown}",
        )
    if removed:
        shown = ", ".join(removed[:10])
        raise reject(
            "member_removed",
            f"缺少签名清单列出的文件：{shown}",
            f"members listed in the manifest are missing: {shown}",
        )
    for required in signed_members:
        if required not in listed:
            raise reject("member_removed", f"缺少 {required}。", f"no {required}")


@dataclass(frozen=True)
class StationContext:
    """What the station knows: its roster, its rubrics by (id, content hash), the case files it received."""

    roster: Roster | None
    rubrics: dict[tuple[str, str], Rubric]
    case_hashes: set[str]
    accept_unknown_keys: bool = False
    """the user's explicit choice to take packages signed by keys on no roster (identity: the fingerprint)"""

    def knows_rubric(self, rubric_id: str, content_hash: str) -> bool:
        return (rubric_id, content_hash) in self.rubrics


def check_against_station(package: VerifiedPackage, station: StationContext) -> None:
    """Who signed (from the roster, never the manifest's claim), the rubric, the files, every score recomputed."""
    _identify_signer(package, station)
    for rubric in package.manifest["rubrics"]:
        if not station.knows_rubric(rubric["id"], rubric["content_hash"]):
            raise reject(
                "unknown_rubric",
                f"评分标准 {rubric['id']} 的内容与本站的不一致（或本站没有）：评分不是按约定的评分标准做的。",
                f"rubric {rubric['id']} with hash {rubric['content_hash'][:19]} is not one the station knows",
            )
    for case in package.cases:
        if not station.knows_rubric(case["rubric"], case["rubric_hash"]):
            raise reject(
                "unknown_rubric",
                f"案卷评分所用的评分标准 {case['rubric']} 与本站的不一致。",
                f"a case was scored under a rubric {case['rubric']} the station does not know",
            )
        if case["sha256"] not in station.case_hashes:
            label = case["source_path"] or case["sha256"]
            raise reject(
                "unknown_case_file",
                f"评分的案卷文件与本站收到的文件不一致（SHA-256 不符）：{label}",
                f"a scored case file is not one the station received (SHA-256 {case['sha256'][:12]}): {label}",
            )
        check_recomputed(case, station.rubrics[(case["rubric"], case["rubric_hash"])])


def _identify_signer(package: VerifiedPackage, station: StationContext) -> None:
    claimed = package.expert
    shown = display_fingerprint(package.fingerprint)
    entry = station.roster.entry(package.fingerprint) if station.roster is not None else None
    if entry is not None:
        package.signer_name, package.signer_unit = entry.name, entry.unit
        if entry.name != claimed["name"]:
            package.warnings.append(
                f"清单自称专家“{claimed['name']}”，名册登记为“{entry.name}”，以名册为准"
                f" / the manifest claims “{claimed['name']}”; the roster says “{entry.name}”, which counts"
            )
        return
    if not station.accept_unknown_keys:
        if station.roster is None:
            raise reject(
                "no_roster",
                "没有专家名册，无法确认签名者是谁：请用 --roster 指定名册（或放在数据目录的 roster/ 中）；"
                "确需接收未登记的密钥，请加 --accept-unknown-keys。",
                "no roster, so the signer cannot be identified: give --roster KEYS (or put keys in the data "
                "directory's roster/); to take unregistered keys anyway, add --accept-unknown-keys",
            )
        raise reject(
            "not_on_roster",
            f"签名密钥不在本站的专家名册中：{shown}（清单自称“{claimed['name']}”）",
            f"the signing key is not on the station's roster: {shown} (the manifest claims “{claimed['name']}”)",
        )
    package.signer_name, package.signer_unit = f"未登记密钥 {shown[:19]}", ""
    package.warnings.append(
        f"签名密钥未登记在名册中（按 --accept-unknown-keys 接收），以指纹标识，不采用清单自称的“{claimed['name']}”"
        f" / unregistered key (taken with --accept-unknown-keys): named by its fingerprint, not as “{claimed['name']}”"
    )
