"""The demo disc is the same bytes wherever it is made: a station and its experts each generate it, and
a package names case files by their SHA-256, so a single differing byte makes a case "unknown"."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pymupdf


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_generated_twice_the_demo_disc_is_byte_identical(tmp_path: Path, demo_disc) -> None:
    # the second copy in a fresh process (its own C-level random state and clock), a few seconds later
    second = tmp_path / "second"
    subprocess.run(
        [sys.executable, "-m", "app", "make-demo-disc", str(second)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    first, other = _files(demo_disc.root), _files(second)
    assert sorted(first) == sorted(other)
    differing = [name for name in first if first[name] != other[name]]
    assert differing == []
    assert any(name.endswith(".docx") for name in first) and any(name.endswith(".zip") for name in first)


def test_scanned_pdfs_carry_a_fixed_id_and_date(demo_disc) -> None:
    scanned = [p for p in demo_disc.root.rglob("*.pdf") if not pymupdf.open(p)[0].get_text().strip()]
    assert scanned, "the demo has scanned files"
    with pymupdf.open(scanned[0]) as doc:
        assert doc.metadata["creationDate"].startswith("D:2024")
        assert doc.xref_get_key(-1, "ID")[0] == "array"
