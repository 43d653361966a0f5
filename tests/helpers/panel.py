"""A small panel for package tests: a disc of distinct case files, experts and a station, each its own data dir."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.cli import Result, run
from tests.helpers.files import text_pdf

PASSPHRASE = "口令-secret-1"
RUBRIC = "transcripts-2024"
CASES = {
    "德令哈市生态环境局/集体/推选案卷/一般行政处罚案卷/德环罚〔2024〕1号.pdf": "德环罚〔2024〕1号",
    "德令哈市生态环境局/集体/抽选案卷/一般行政处罚案卷/德环罚〔2024〕2号.pdf": "德环罚〔2024〕2号",
    "格尔木市生态环境局/集体/推选案卷/一般行政处罚案卷/格环罚〔2024〕3号.pdf": "格环罚〔2024〕3号",
}


def make_disc(root: Path) -> Path:
    for relative, number in CASES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text_pdf([path.parts[-5], "行政处罚案卷", "卷内目录", f"文号：{number}"], pages=3))
    return root


def case_ids(data_dir: Path) -> dict[str, int]:
    """Case number → this data dir's case id."""
    listed = run(data_dir, "cases", "--json").json()
    assert isinstance(listed, list)
    return {c["case_number"]: c["id"] for c in listed}


def passphrase_file(tmp: Path) -> Path:
    path = tmp / "passphrase.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


def make_expert(root: Path, disc: Path, name: str, unit: str = "海西州生态环境监理站") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    run(root, "import", disc)
    made = run(
        root,
        "keys",
        "init",
        "--name",
        name,
        "--unit",
        unit,
        "--passphrase-file",
        passphrase_file(root.parent),
    )
    assert made.code == 0, made.err
    return root


def score(data_dir: Path, case_id: int, inspection: str, inquiry: str, *extra: str) -> Result:
    """Whole-item scores: total = 30 + inspection + inquiry (no deductions)."""
    result = run(
        data_dir,
        "score",
        "set",
        str(case_id),
        f"inspection_record={inspection}",
        f"inquiry_record={inquiry}",
        "--rubric",
        RUBRIC,
        "--complete",
        *extra,
    )
    assert result.code == 0, result.err
    return result


def export(data_dir: Path, out: Path, *extra: str) -> Result:
    result = run(
        data_dir, "export", "--out", out, "--passphrase-file", passphrase_file(data_dir.parent), *extra
    )
    assert result.code == 0, result.err
    return result


def public_key(data_dir: Path, out: Path) -> Path:
    assert run(data_dir, "keys", "export-public", "--out", out).code == 0
    return out
