"""The expert's identity: name, unit, expert number and an Ed25519 key pair made once, on first run.

The private key never leaves the data directory and is stored as PKCS#8 PEM encrypted with the
expert's passphrase (PBKDF2 at today's iteration count, ``key_encryption``), so a copied laptop folder does not let anyone sign in the expert's name. The
fingerprint (SHA-256 of the raw public key) is what people compare: it is on every sheet.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.atomic import write_durably
from app.errors import UsageError
from app.models.store import now_iso
from app.signing.key_encryption import encrypt_private_key

PASSPHRASE_VAR = "REVIEWDESK_PASSPHRASE"
MIN_PASSPHRASE = 6


@dataclass(frozen=True)
class ExpertIdentity:
    name: str
    unit: str
    number: str
    public_key: bytes
    """raw 32-byte Ed25519 public key"""
    created_at: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    @property
    def short_fingerprint(self) -> str:
        return display_fingerprint(self.fingerprint)

    def public_pem(self) -> bytes:
        return public_pem(self.public_key)

    def as_json(self) -> dict[str, str]:
        return {
            "name": self.name,
            "unit": self.unit,
            "number": self.number,
            "fingerprint": self.fingerprint,
            "public_key": base64.b64encode(self.public_key).decode("ascii"),
            "created_at": self.created_at,
        }


def fingerprint(raw_public_key: bytes) -> str:
    return hashlib.sha256(raw_public_key).hexdigest()


def display_fingerprint(full: str) -> str:
    """The first 128 bits in groups of four, upper case: enough to compare by eye, short enough to print."""
    head = full[:32].upper()
    return " ".join(head[i : i + 4] for i in range(0, len(head), 4))


def public_pem(raw_public_key: bytes) -> bytes:
    key = Ed25519PublicKey.from_public_bytes(raw_public_key)
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def key_dir(root: Path) -> Path:
    return root / "identity"


def _files(root: Path) -> tuple[Path, Path, Path]:
    folder = key_dir(root)
    return folder / "identity.json", folder / "expert.key.pem", folder / "expert.pub.pem"


def load_identity(root: Path) -> ExpertIdentity | None:
    """The expert's identity, or None before first run."""
    info_file, key_file, _ = _files(root)
    if not info_file.exists() or not key_file.exists():
        return None
    try:
        info = json.loads(info_file.read_text(encoding="utf-8"))
        return ExpertIdentity(
            name=info["name"],
            unit=info["unit"],
            number=info.get("number", ""),
            public_key=base64.b64decode(info["public_key"]),
            created_at=info["created_at"],
        )
    except (OSError, ValueError, KeyError) as exc:
        raise UsageError(
            "identity_damaged",
            f"专家身份文件已损坏：{info_file}",
            f"the expert identity file is damaged: {info_file}",
        ) from exc


def require_identity(root: Path) -> ExpertIdentity:
    identity = load_identity(root)
    if identity is None:
        raise UsageError(
            "no_identity",
            "还没有专家身份和签名密钥：请先运行 reviewdesk keys init --name 姓名 --unit 单位（或在评审台首次启动时填写）。",
            "no expert identity yet: run `reviewdesk keys init --name NAME --unit UNIT` first",
        )
    return identity


def create_identity(root: Path, name: str, unit: str, number: str, passphrase: str) -> ExpertIdentity:
    """Make the key pair and write it; refuses to replace an existing key (packages signed with it exist)."""
    name, unit, number = name.strip(), unit.strip(), number.strip()
    if not name or not unit:
        raise UsageError(
            "identity_incomplete", "请填写专家姓名和单位。", "the expert's name and unit are required"
        )
    check_new_passphrase(passphrase)
    ensure_no_identity(root)
    private = Ed25519PrivateKey.generate()
    raw_public = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    identity = ExpertIdentity(name, unit, number, raw_public, now_iso())
    info_file, key_file, pub_file = _files(root)
    info_file.parent.mkdir(parents=True, exist_ok=True)
    encrypted = encrypt_private_key(private, passphrase.encode("utf-8"))
    write_durably(key_file, encrypted, mode=0o600)
    write_durably(pub_file, identity.public_pem())
    info = json.dumps(identity.as_json(), ensure_ascii=False, indent=2).encode("utf-8")
    write_durably(info_file, info)  # last: the identity exists only when its key does
    return identity


def ensure_no_identity(root: Path) -> None:
    if load_identity(root) is not None:
        raise UsageError(
            "identity_exists",
            "本机已有专家身份和密钥，不能覆盖（已签名的评分包依赖它）。",
            "an expert identity already exists here and is not replaced (signed packages depend on it)",
        )


def scorer_name(root: Path) -> str:
    """Who the score history names: the expert once an identity exists, the login name before."""
    from app import paths

    made = load_identity(root)
    return made.name if made else paths.current_user()


def load_private_key(root: Path, passphrase: str) -> Ed25519PrivateKey:
    identity = require_identity(root)
    _, key_file, _ = _files(root)
    try:
        key = serialization.load_pem_private_key(key_file.read_bytes(), passphrase.encode("utf-8"))
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise UsageError(
            "wrong_passphrase", "密钥口令不正确。", "wrong passphrase for the expert's key"
        ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise UsageError(
            "identity_damaged", "密钥文件不是 Ed25519 密钥。", "the key file is not an Ed25519 key"
        )
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    if raw != identity.public_key:
        raise UsageError(
            "identity_damaged",
            "密钥与专家身份文件中的公钥不一致。",
            "the private key does not match the identity's public key",
        )
    return key


def unlock(root: Path, passphrase_file: str | None) -> tuple[ExpertIdentity, Ed25519PrivateKey]:
    """The identity (refused before any passphrase is asked when there is none) and its private key."""
    identity = require_identity(root)
    return identity, load_private_key(root, read_passphrase(passphrase_file))


def check_new_passphrase(passphrase: str) -> None:
    """At least six characters that are not spaces: six blanks guard nothing."""
    if not passphrase.strip():
        raise UsageError(
            "weak_passphrase",
            "密钥口令不能为空，也不能只由空格组成。",
            "the passphrase cannot be empty or only spaces",
        )
    if len("".join(passphrase.split())) < MIN_PASSPHRASE:
        raise UsageError(
            "weak_passphrase",
            f"密钥口令至少 {MIN_PASSPHRASE} 个字符（空格不计）。",
            f"the passphrase needs at least {MIN_PASSPHRASE} characters besides spaces",
        )


def read_passphrase(passphrase_file: str | None, *, confirm: bool = False) -> str:
    """From --passphrase-file, then $REVIEWDESK_PASSPHRASE, then asked at the terminal."""
    if passphrase_file:
        try:
            return Path(passphrase_file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise UsageError(
                "passphrase_file",
                f"无法读取口令文件 {passphrase_file}：{exc.strerror}",
                f"cannot read the passphrase file {passphrase_file}: {exc.strerror}",
            ) from exc
    from_env = os.environ.get(PASSPHRASE_VAR)
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise UsageError(
            "passphrase_needed",
            f"需要密钥口令：用 --passphrase-file 文件 或环境变量 {PASSPHRASE_VAR} 提供。",
            f"a passphrase is needed: give --passphrase-file FILE or set {PASSPHRASE_VAR}",
        )
    import getpass

    first = getpass.getpass("密钥口令 / passphrase: ")
    if confirm and getpass.getpass("再输入一次 / again: ") != first:
        raise UsageError("passphrase_mismatch", "两次输入的口令不一致。", "the passphrases differ")
    return first
