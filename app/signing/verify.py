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
                    "case_number": c.get("case_number"),
                    "rubric": c["rubric"],
                    "score": c["result"]["score"],
                }
                for c in self.cases
            ],
            "warnings": self.warnings,
        }


def _reject(code: str, zh: str, en: str) -> PackageRejected:
    return PackageRejected(code, zh, en)


@dataclass(frozen=True)
class SignedZip:
    manifest: dict[str, Any]
    manifest_bytes: bytes
    data: dict[str, bytes]
    fingerprint: str


def read_package(path: Path) -> VerifiedPackage:
    """Check the package on its own; raises PackageRejected with the first reason it must not be trusted."""
    signed = read_signed(
        path,
        fmt.FORMAT,
        fmt.FORMAT_VERSION,
        fmt.PUBLIC_KEY,
        fmt.SIGNED_MEMBERS,
        "评分包",
        signer_field="expert",
    )
    _require_keys(signed.manifest, ("package_id", "sequence", "created_at", "expert", "rubrics", "cases"))
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
) -> SignedZip:
    """A signed zip of ours (score package or review packet): members, hashes, signature, signer key.

    The signer's key is the manifest's ``signer_field`` entry (expert, station); ``noun`` names the
    thing in Chinese messages.
    """
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError as exc:
        raise _reject("package_missing", f"找不到{noun}：{path}", f"not found: {path}") from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise _reject(
            "package_unreadable", f"不是有效的{noun}（zip 文件已损坏）：{path}", f"not a readable zip: {path}"
        ) from exc
    with archive:
        names = [info.filename for info in archive.infolist()]
        if len(names) != len(set(names)):
            raise _reject("member_duplicated", f"{noun}中有重名的文件。", "duplicate member names")
        for required in (fmt.MANIFEST, fmt.SIGNATURE):
            if required not in names:
                raise _reject("member_removed", f"{noun}缺少 {required}。", f"no {required}")
        try:
            data = {name: archive.read(name) for name in names}
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            # A changed byte inside a compressed member fails its CRC here.
            raise _reject(
                "member_changed",
                f"{noun}中的文件已损坏或被改动：{exc}",
                f"a member is damaged or changed: {exc}",
            ) from exc
    manifest_bytes = data[fmt.MANIFEST]
    manifest = _parse_manifest(manifest_bytes, format_name, version)
    signer = (
        manifest.get("expert")
        if "expert" in manifest and format_name == fmt.FORMAT
        else manifest.get("station")
    )
    public_key = _public_key(signer)
    try:
        public_key.verify(data[fmt.SIGNATURE], manifest_bytes)
    except InvalidSignature as exc:
        raise _reject(
            "bad_signature",
            f"签名无效：{noun}清单（manifest.json）或签名已被改动，或不是用该密钥签的。",
            "invalid signature: manifest.json or its signature was changed, or another key signed it",
        ) from exc
    _check_members(manifest, data, signed_members)
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    if data[key_member].strip() != public_pem(raw).strip():
        raise _reject(
            "key_mismatch",
            f"{key_member} 与签名清单中的公钥不一致。",
            f"{key_member} is not the key named in the manifest",
        )
    return SignedZip(manifest, manifest_bytes, data, fingerprint(raw))


def _parse_manifest(manifest_bytes: bytes, format_name: str, version: int) -> dict[str, Any]:
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _reject(
            "bad_manifest",
            "清单 manifest.json 无法读取（已损坏或被改动）。",
            "manifest.json is not valid JSON",
        ) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != format_name:
        raise _reject("bad_manifest", f"这不是 ReviewDesk 的{format_name}文件。", f"not a {format_name} file")
    if manifest.get("format_version") != version:
        raise _reject(
            "newer_format",
            f"文件格式版本 {manifest.get('format_version')} 不受支持，请升级 ReviewDesk。",
            f"format version {manifest.get('format_version')} is not supported; upgrade ReviewDesk",
        )
    _require_keys(manifest, ("members",))
    return manifest


def _require_keys(manifest: dict[str, Any], keys: tuple[str, ...]) -> None:
    for key in keys:
        if key not in manifest:
            raise _reject("bad_manifest", f"清单缺少 {key}。", f"the manifest has no {key}")


def _public_key(signer: Any) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode(signer["public_key"], validate=True)
        key = Ed25519PublicKey.from_public_bytes(raw)
    except (KeyError, TypeError, ValueError, binascii.Error) as exc:
        raise _reject(
            "bad_manifest", "清单中的公钥无法读取。", "the manifest's public key is unreadable"
        ) from exc
    if signer.get("fingerprint") != fingerprint(raw):
        raise _reject(
            "bad_manifest", "清单中的指纹与公钥不符。", "the manifest's fingerprint does not match its key"
        )
    return key


def _check_members(manifest: dict[str, Any], data: dict[str, bytes], signed_members: tuple[str, ...]) -> None:
    listed: dict[str, str] = dict(manifest["members"])
    expected = {fmt.MANIFEST, fmt.SIGNATURE, *listed}
    added = sorted(set(data) - expected)
    removed = sorted(expected - set(data))
    if added:
        raise _reject(
            "member_added",
            f"多出了签名清单里没有的文件：{', '.join(added)}",
            f"members not in the manifest were added: {', '.join(added)}",
        )
    if removed:
        raise _reject(
            "member_removed",
            f"缺少签名清单列出的文件：{', '.join(removed)}",
            f"members listed in the manifest are missing: {', '.join(removed)}",
        )
    for name, digest in listed.items():
        if hashlib.sha256(data[name]).hexdigest() != digest:
            raise _reject(
                "member_changed",
                f"{name} 已被改动（SHA-256 与签名清单不符）。",
                f"{name} was changed (its SHA-256 differs from the signed manifest)",
            )
    for required in signed_members:
        if required not in listed:
            raise _reject("member_removed", f"缺少 {required}。", f"no {required}")


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
