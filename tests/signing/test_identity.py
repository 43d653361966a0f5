"""The expert's key: made once, encrypted with the passphrase, never silently replaced."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from app.errors import UsageError
from app.signing import identity
from tests.helpers.panel import PASSPHRASE, passphrase_file, run


def test_keys_init_show_and_export_public(data_dir: Path, tmp_path: Path) -> None:
    made = run(data_dir, "keys", "init", "--name", "王䶮", "--unit", "德令哈市环境监察大队", "--number", "E-07",
               "--passphrase-file", passphrase_file(tmp_path))  # fmt: skip
    assert made.code == 0, made.err
    shown = run(data_dir, "keys", "show", "--json").json()
    assert shown["name"] == "王䶮" and shown["number"] == "E-07" and len(shown["fingerprint"]) == 64
    assert identity.display_fingerprint(shown["fingerprint"]) in made.out
    key_file = identity.key_dir(data_dir) / "expert.key.pem"
    assert b"ENCRYPTED PRIVATE KEY" in key_file.read_bytes()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    public = run(data_dir, "keys", "export-public")
    # the roster reads the name and unit above the key; the key itself is plain PEM
    assert public.out.startswith(
        "专家 / expert: 王䶮\n单位 / unit: 德令哈市环境监察大队\n-----BEGIN PUBLIC KEY-----"
    )


def test_key_is_never_replaced(data_dir: Path, tmp_path: Path) -> None:
    args = ("keys", "init", "--name", "甲", "--unit", "乙", "--passphrase-file", passphrase_file(tmp_path))
    assert run(data_dir, *args).code == 0
    before = run(data_dir, "keys", "show", "--json").json()
    again = run(data_dir, *args)
    assert again.code == 2 and "不能覆盖" in again.err and "not replaced" in again.err
    assert run(data_dir, "keys", "show", "--json").json() == before


def test_wrong_passphrase_and_weak_passphrase(data_dir: Path, tmp_path: Path) -> None:
    identity.create_identity(data_dir, "甲", "乙", "", PASSPHRASE)
    with pytest.raises(UsageError) as wrong:
        identity.load_private_key(data_dir, "not-it-at-all")
    assert wrong.value.code == "wrong_passphrase"
    assert identity.load_private_key(data_dir, PASSPHRASE) is not None
    with pytest.raises(UsageError) as weak:
        identity.create_identity(tmp_path / "other", "甲", "乙", "", "123")
    assert weak.value.code == "weak_passphrase"


def test_passphrase_from_environment(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(identity.PASSPHRASE_VAR, PASSPHRASE)
    assert run(data_dir, "keys", "init", "--name", "甲", "--unit", "乙").code == 0
    assert identity.load_private_key(data_dir, PASSPHRASE) is not None


def test_commands_without_identity_say_what_to_do(data_dir: Path) -> None:
    for args in (("keys", "show"), ("export", "--out", "x.zip")):
        result = run(data_dir, *args)
        assert result.code == 2 and "keys init" in result.err


def test_export_refuses_when_nothing_is_complete(data_dir: Path, tmp_path: Path) -> None:
    identity.create_identity(data_dir, "甲", "乙", "", PASSPHRASE)
    result = run(
        data_dir, "export", "--out", tmp_path / "p.zip", "--passphrase-file", passphrase_file(tmp_path)
    )
    assert result.code == 2 and "没有已完成的评分" in result.err
    assert not (tmp_path / "p.zip").exists()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("nope-nope-nope")
    refused = run(data_dir, "export", "--out", tmp_path / "p.zip", "--passphrase-file", wrong)
    assert refused.code == 2 and "口令不正确" in refused.err
