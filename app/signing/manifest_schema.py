"""The shape of a signed manifest, checked whole before any of it is used.

A valid signature says who wrote a manifest, not that it is well formed: a key on no roster, or a
careless script, can sign ``"cases": {}`` or a score of ``NaN``. Every value the station reads is
checked here for type, range and presence, so what follows can rely on it; the first mismatch is a
``bad_manifest`` refusal naming where it is.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from app.signing.rejection import PackageRejected, reject

Check = Callable[[Any, str], None]

HEX64 = re.compile(r"[0-9a-f]{64}")
IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
MAX_SEQUENCE = 2**31 - 1
MAX_POINTS = 10**6
MAX_CASES = 5000
MAX_DEPTH = 32


def _bad(where: str, zh: str, en: str) -> PackageRejected:
    return reject("bad_manifest", f"清单格式不符：{where} 应为{zh}。", f"manifest: {where} must be {en}")


def text(max_len: int = 500, *, nullable: bool = False, pattern: re.Pattern[str] | None = None) -> Check:
    def check(value: Any, where: str) -> None:
        if value is None and nullable:
            return
        if not isinstance(value, str) or len(value) > max_len or "\x00" in value:
            raise _bad(where, f"不超过 {max_len} 字的文字", f"text of at most {max_len} characters")
        if pattern is not None and not pattern.fullmatch(value):
            raise _bad(where, f"符合 {pattern.pattern} 的文字", f"text matching {pattern.pattern}")

    return check


def integer(low: int, high: int, *, nullable: bool = False) -> Check:
    def check(value: Any, where: str) -> None:
        if value is None and nullable:
            return
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise _bad(where, f" {low}–{high} 之间的整数", f"a whole number from {low} to {high}")

    return check


def number(low: float = -MAX_POINTS, high: float = MAX_POINTS, *, nullable: bool = False) -> Check:
    def check(value: Any, where: str) -> None:
        if value is None and nullable:
            return
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok or not math.isfinite(value) or not low <= value <= high:
            raise _bad(where, f" {low}–{high} 之间的有限数值", f"a finite number from {low} to {high}")

    return check


def boolean(value: Any, where: str) -> None:
    if not isinstance(value, bool):
        raise _bad(where, "true 或 false", "true or false")


def constant(expected: Any) -> Check:
    def check(value: Any, where: str) -> None:
        if type(value) is not type(expected) or value != expected:
            raise _bad(where, f" {expected!r}", f"{expected!r}")

    return check


def array(item: Check, max_items: int, min_items: int = 0) -> Check:
    def check(value: Any, where: str) -> None:
        if not isinstance(value, list) or not min_items <= len(value) <= max_items:
            raise _bad(
                where, f"含 {min_items}–{max_items} 项的列表", f"a list of {min_items} to {max_items} entries"
            )
        for index, entry in enumerate(value):
            item(entry, f"{where}[{index}]")

    return check


def mapping(value_check: Check, max_items: int, key: Check | None = None) -> Check:
    key_check = key or text(200)

    def check(value: Any, where: str) -> None:
        if not isinstance(value, dict) or len(value) > max_items:
            raise _bad(where, f"不超过 {max_items} 项的对象", f"an object of at most {max_items} entries")
        for name, entry in value.items():
            key_check(name, f"{where} 的键 / key")
            value_check(entry, f"{where}.{name}")

    return check


def record(
    required: dict[str, Check], optional: dict[str, Check] | None = None, *, extra: bool = False
) -> Check:
    """An object with these keys; others are refused unless ``extra`` (then any JSON of bounded depth)."""
    optional = optional or {}

    def check(value: Any, where: str) -> None:
        if not isinstance(value, dict):
            raise _bad(where, "对象", "an object")
        for name, sub in required.items():
            if name not in value:
                raise reject(
                    "bad_manifest", f"清单缺少 {where}.{name}。", f"the manifest has no {where}.{name}"
                )
            sub(value[name], f"{where}.{name}")
        for name, entry in value.items():
            if name in required:
                continue
            if name in optional:
                optional[name](entry, f"{where}.{name}")
            elif extra:
                any_json(entry, f"{where}.{name}")
            else:
                raise _bad(f"{where}.{name}", "（不应出现的键）", "absent (unknown key)")

    return check


def one_of(*checks: Check) -> Check:
    def check(value: Any, where: str) -> None:
        first: PackageRejected | None = None
        for candidate in checks:
            try:
                candidate(value, where)
                return
            except PackageRejected as error:
                first = first or error
        assert first is not None
        raise first

    return check


def any_json(value: Any, where: str, depth: int = 0) -> None:
    """Free-form JSON (notes, history): bounded depth, finite numbers."""
    if depth > MAX_DEPTH:
        raise _bad(where, f"嵌套不超过 {MAX_DEPTH} 层的数据", f"data nested at most {MAX_DEPTH} deep")
    if isinstance(value, dict):
        for name, entry in value.items():
            any_json(entry, f"{where}.{name}", depth + 1)
    elif isinstance(value, list):
        for index, entry in enumerate(value):
            any_json(entry, f"{where}[{index}]", depth + 1)
    elif isinstance(value, float) and not math.isfinite(value):
        raise _bad(where, "有限数值", "a finite number")


NAME = text(200)
OPTIONAL_TEXT = text(2000, nullable=True)
NAMES = array(NAME, 1000)
SHA256 = text(64, pattern=HEX64)
POINTS = number(0, MAX_POINTS)

SCORE_INPUT = one_of(
    POINTS,
    record({"criteria": mapping(POINTS, 1000)}, {"not_applicable": NAMES}),
    record({"level": NAME}),
)
INPUTS = record(
    {},
    {
        "scores": mapping(SCORE_INPUT, 1000),
        "not_applicable": NAMES,
        "missing": NAMES,
        "deductions": mapping(one_of(NAMES, mapping(NAMES, 100)), 1000),
        "gates": mapping(text(5000), 100),
        "notes": any_json,
        "evidence": any_json,
    },
    extra=True,
)
STEP = record(
    {"rule": NAME, "text": text(5000), "value": number(-MAX_POINTS, MAX_POINTS)},
    {"inputs": any_json},
    extra=True,
)
RESULT = record(
    {"score": number(-MAX_POINTS, MAX_POINTS), "complete": boolean},
    {
        "rubric": NAME,
        "rubric_hash": NAME,
        "items": mapping(number(-MAX_POINTS, MAX_POINTS, nullable=True), 1000),
        "explanation": array(STEP, 10_000),
    },
    extra=True,
)
CHANGE = record(
    {"path": text(1000), "at": text(100)},
    {"expert": OPTIONAL_TEXT, "reason": OPTIONAL_TEXT, "old": any_json, "new": any_json},
)
SIGNER = record(
    {"name": text(200), "fingerprint": SHA256, "public_key": text(100)},
    {"unit": text(500), "number": text(200), "created_at": OPTIONAL_TEXT},
)
SCORED_CASE = record(
    {
        "sha256": SHA256,
        "source_path": text(4096),
        "rubric": NAME,
        "rubric_hash": NAME,
        "status": text(40),
        "inputs": INPUTS,
        "result": RESULT,
    },
    {
        "source_label": OPTIONAL_TEXT,
        "pages": integer(0, 10**6, nullable=True),
        "unit": OPTIONAL_TEXT,
        "candidate_kind": OPTIONAL_TEXT,
        "candidate_name": OPTIONAL_TEXT,
        "selection": OPTIONAL_TEXT,
        "case_type": OPTIONAL_TEXT,
        "case_number": OPTIONAL_TEXT,
        "updated_at": OPTIONAL_TEXT,
        "history": array(CHANGE, 100_000),
    },
)


def members_check(max_members: int) -> Check:
    return mapping(SHA256, max_members, key=text(1000))


def score_package_check(max_members: int) -> Check:
    return record(
        {
            "format": text(100),
            "format_version": integer(0, 10**6),
            "package_id": text(100),
            "sequence": integer(1, MAX_SEQUENCE),
            "created_at": text(100),
            "expert": SIGNER,
            "rubrics": array(
                record({"id": NAME, "content_hash": NAME}, {"title": text(1000), "version": text(100)}),
                100,
                1,
            ),
            "cases": array(SCORED_CASE, MAX_CASES, 1),
            "members": members_check(max_members),
        },
        {
            "app_version": text(100),
            "packet": one_of(
                constant(None),
                record({}, {"packet_id": NAME, "expert_id": NAME, "assignment": integer(0, 2**62)}),
            ),
        },
    )


def check_score_package(manifest: Any, max_members: int) -> None:
    """Raises ``bad_manifest`` unless the score package's manifest has exactly the expected shape."""
    score_package_check(max_members)(manifest, "manifest")
    seen: set[tuple[str, str, str]] = set()
    for case in manifest["cases"]:
        key = (case["sha256"], case["source_path"], case["rubric"])
        if key in seen:
            raise reject(
                "duplicate_case",
                f"清单中同一案卷被列了两次：{case['source_path']}（{case['rubric']}）",
                f"the manifest lists a case twice: {case['source_path']} ({case['rubric']})",
            )
        seen.add(key)


def safe_member_path(prefix: str) -> Check:
    """A member name to write to disk: under ``prefix``, relative, no ``..``, no backslash."""

    def check(value: Any, where: str) -> None:
        text(1000)(value, where)
        parts = value.split("/")
        if (
            not value.startswith(prefix)
            or "\\" in value
            or any(part in ("", ".", "..") for part in parts)
            or ":" in value
        ):
            raise _bad(where, f"{prefix} 下的相对路径", f"a relative path under {prefix}")

    return check


def packet_check(max_members: int) -> Check:
    nullable = OPTIONAL_TEXT
    return record(
        {
            "format": text(100),
            "format_version": integer(0, 10**6),
            "packet_id": text(100, pattern=IDENTIFIER),
            "assignment": record(
                {"id": integer(0, 2**62), "seed": integer(0, 2**62), "per_case": integer(1, 1000)}
            ),
            "created_at": text(100),
            "station": SIGNER,
            "expert": record({"id": NAME}, {"name": OPTIONAL_TEXT, "unit": OPTIONAL_TEXT}),
            "blind": boolean,
            "rubric": record(
                {
                    "id": text(100, pattern=IDENTIFIER),
                    "content_hash": NAME,
                    "file": safe_member_path("rubric/"),
                }
            ),
            "cases": array(
                record(
                    {"sha256": SHA256, "file": safe_member_path("cases/")},
                    {
                        "case_type": nullable,
                        "selection": nullable,
                        "source_path": nullable,
                        "unit": nullable,
                        "case_number": nullable,
                        "candidate_kind": nullable,
                        "candidate_name": nullable,
                        "redactions": any_json,  # a blind packet's list of what was removed (station.redaction)
                    },
                ),
                MAX_CASES,
            ),
            "members": members_check(max_members),
        }
    )


def check_packet(manifest: Any, max_members: int) -> None:
    packet_check(max_members)(manifest, "manifest")
    files = [case["file"] for case in manifest["cases"]]
    if len(files) != len(set(files)):
        raise reject(
            "duplicate_case", "评审包清单中同一文件被列了两次。", "the packet lists a case file twice"
        )
    for name in [*files, manifest["rubric"]["file"]]:
        if name not in manifest["members"]:
            raise reject(
                "member_removed",
                f"评审包清单引用了未列出的文件：{name}",
                f"the packet names a member it does not list: {name}",
            )
