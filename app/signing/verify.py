"""Verification of a score package: first the package alone, then against the station.

Alone: a readable zip with exactly the members the manifest lists, each with its SHA-256, the key in
the manifest the same as ``signer.pub.pem``, and a valid Ed25519 signature over the manifest's bytes.
Against the station: the key on its roster, every rubric hash one the station knows, every case file's
SHA-256 a file the station received. Each failure is a ``PackageRejected`` with a code and a reason.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.errors import KnownError
from app.signing import package_format as fmt
from app.signing.identity import display_fingerprint, fingerprint, public_pem
from app.signing.roster import Roster


class PackageRejected(KnownError):
    """The package must not be counted; the message says why."""


@dataclass
class VerifiedPackage:
    path: Path
    manifest: dict[str, Any]
    manifest_sha256: str
    fingerprint: str
    warnings: list[str] = field(default_factory=list)

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
            "expert": {k: self.expert.get(k) for k in ("name", "unit", "number", "fingerprint")},
            "rubrics": self.manifest["rubrics"],
            "cases": [
                {
                    "sha256": c["sha256"],
                    "unit": c.get("unit"),
                    "rubric": c["rubric"],
                    "score": c["result"]["score"],
                }
                for c in self.cases
            ],
            "warnings": self.warnings,
        }


def _reject(code: str, zh: str, en: str) -> PackageRejected:
    return PackageRejected(code, zh, en)


def read_package(path: Path) -> VerifiedPackage:
    """Check the package on its own; raises PackageRejected with the first reason it must not be trusted."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError as exc:
        raise _reject("package_missing", f"找不到评分包：{path}", f"package not found: {path}") from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise _reject(
            "package_unreadable",
            f"不是有效的评分包（zip 文件已损坏）：{path}",
            f"not a readable package zip: {path}",
        ) from exc
    with archive:
        names = [info.filename for info in archive.infolist()]
        if len(names) != len(set(names)):
            raise _reject(
                "member_duplicated", "评分包中有重名的文件。", "the package has duplicate member names"
            )
        for required in (fmt.MANIFEST, fmt.SIGNATURE):
            if required not in names:
                raise _reject("member_removed", f"评分包缺少 {required}。", f"the package has no {required}")
        try:
            data = {name: archive.read(name) for name in names}
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            # A changed byte inside a compressed member fails its CRC here.
            raise _reject(
                "member_changed",
                f"评分包中的文件已损坏或被改动：{exc}",
                f"a member is damaged or changed: {exc}",
            ) from exc
    manifest_bytes = data[fmt.MANIFEST]
    manifest = _parse_manifest(manifest_bytes)
    public_key = _public_key(manifest)
    try:
        public_key.verify(data[fmt.SIGNATURE], manifest_bytes)
    except InvalidSignature as exc:
        raise _reject(
            "bad_signature",
            "签名无效：评分清单（manifest.json）或签名已被改动，或不是用该专家的密钥签的。",
            "invalid signature: manifest.json or its signature was changed, or another key signed it",
        ) from exc
    _check_members(manifest, data)
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    if data[fmt.PUBLIC_KEY].strip() != public_pem(raw).strip():
        raise _reject(
            "key_mismatch",
            "signer.pub.pem 与签名清单中的公钥不一致。",
            "signer.pub.pem is not the key named in the manifest",
        )
    return VerifiedPackage(path, manifest, hashlib.sha256(manifest_bytes).hexdigest(), fingerprint(raw))


def _parse_manifest(manifest_bytes: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _reject(
            "bad_manifest",
            "评分清单 manifest.json 无法读取（已损坏或被改动）。",
            "manifest.json is not valid JSON",
        ) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != fmt.FORMAT:
        raise _reject("bad_manifest", "这不是 ReviewDesk 评分包。", "not a ReviewDesk score package")
    if manifest.get("format_version") != fmt.FORMAT_VERSION:
        raise _reject(
            "newer_format",
            f"评分包格式版本 {manifest.get('format_version')} 不受支持，请升级 ReviewDesk。",
            f"package format version {manifest.get('format_version')} is not supported; upgrade ReviewDesk",
        )
    for key in ("package_id", "sequence", "created_at", "expert", "rubrics", "cases", "members"):
        if key not in manifest:
            raise _reject("bad_manifest", f"评分清单缺少 {key}。", f"the manifest has no {key}")
    return manifest


def _public_key(manifest: dict[str, Any]) -> Ed25519PublicKey:
    expert = manifest["expert"]
    try:
        raw = base64.b64decode(expert["public_key"], validate=True)
        key = Ed25519PublicKey.from_public_bytes(raw)
    except (KeyError, TypeError, ValueError, binascii.Error) as exc:
        raise _reject(
            "bad_manifest", "评分清单中的公钥无法读取。", "the manifest's public key is unreadable"
        ) from exc
    if expert.get("fingerprint") != fingerprint(raw):
        raise _reject(
            "bad_manifest",
            "评分清单中的指纹与公钥不符。",
            "the manifest's fingerprint does not match its key",
        )
    return key


def _check_members(manifest: dict[str, Any], data: dict[str, bytes]) -> None:
    listed: dict[str, str] = dict(manifest["members"])
    expected = {fmt.MANIFEST, fmt.SIGNATURE, *listed}
    added = sorted(set(data) - expected)
    removed = sorted(expected - set(data))
    if added:
        raise _reject(
            "member_added",
            f"评分包中多出了签名清单里没有的文件：{', '.join(added)}",
            f"members not in the manifest were added: {', '.join(added)}",
        )
    if removed:
        raise _reject(
            "member_removed",
            f"评分包中缺少签名清单列出的文件：{', '.join(removed)}",
            f"members listed in the manifest are missing: {', '.join(removed)}",
        )
    for name, digest in listed.items():
        if hashlib.sha256(data[name]).hexdigest() != digest:
            raise _reject(
                "member_changed",
                f"评分包中的 {name} 已被改动（SHA-256 与签名清单不符）。",
                f"{name} was changed (its SHA-256 differs from the signed manifest)",
            )
    for required in fmt.SIGNED_MEMBERS:
        if required not in listed:
            raise _reject("member_removed", f"评分包缺少 {required}。", f"the package has no {required}")


@dataclass(frozen=True)
class StationContext:
    """What the station knows: its roster (None: not checked), rubric hashes, received case files."""

    roster: Roster | None
    rubric_hashes: dict[str, set[str]]
    case_hashes: set[str]


def check_against_station(package: VerifiedPackage, station: StationContext) -> None:
    expert = package.expert
    who = f"{expert.get('name')}（{display_fingerprint(package.fingerprint)}）"
    if station.roster is None:
        package.warnings.append(
            "未核对专家名册（没有 --roster，也没有数据目录中的 roster/）/ roster not checked"
        )
    elif package.fingerprint not in station.roster:
        raise _reject(
            "not_on_roster",
            f"签名密钥不在本站的专家名册中：{who}",
            f"the signing key is not on the station's roster: {expert.get('name')} {package.fingerprint[:16]}",
        )
    for rubric in package.manifest["rubrics"]:
        if rubric.get("content_hash") not in station.rubric_hashes.get(rubric.get("id"), set()):
            raise _reject(
                "unknown_rubric",
                f"评分标准 {rubric.get('id')} 的内容与本站的不一致（或本站没有）：评分不是按约定的评分标准做的。",
                f"rubric {rubric.get('id')} with hash {str(rubric.get('content_hash'))[:12]} is not one the station knows",
            )
    for case in package.cases:
        if case.get("rubric_hash") not in station.rubric_hashes.get(case.get("rubric"), set()):
            raise _reject(
                "unknown_rubric",
                f"案卷评分所用的评分标准 {case.get('rubric')} 与本站的不一致。",
                f"a case was scored under a rubric {case.get('rubric')} the station does not know",
            )
        if case.get("sha256") not in station.case_hashes:
            label = case.get("source_path") or case.get("sha256")
            raise _reject(
                "unknown_case_file",
                f"评分的案卷文件与本站收到的文件不一致（SHA-256 不符）：{label}",
                f"a scored case file is not one the station received (SHA-256 {str(case.get('sha256'))[:12]}): {label}",
            )
