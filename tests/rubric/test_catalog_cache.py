"""The rubric catalog is parsed once per process and data directory, and again when a file changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.rubric import catalog


@pytest.fixture
def parse_count(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    parsed: list[Path] = []
    real = catalog.load_any

    def counting(path: Path):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return real(path)

    monkeypatch.setattr(catalog, "load_any", counting)
    monkeypatch.setattr(catalog, "_LOADED", {})
    return parsed


def test_second_lookup_parses_nothing_and_a_changed_file_is_read_again(tmp_path: Path, parse_count) -> None:
    builtin = catalog.rubric_files(None)
    first, _ = catalog.load_all(tmp_path)
    assert len(parse_count) == len(builtin)
    catalog.load_all(tmp_path)
    catalog.get(next(iter(first)), tmp_path)
    assert len(parse_count) == len(builtin)

    own = tmp_path / "rubrics"
    own.mkdir()
    copied = own / "mine.toml"
    copied.write_bytes(builtin[0].path.read_bytes())
    catalog.load_all(tmp_path)
    assert len(parse_count) == 2 * len(builtin) + 1

    os.utime(copied, ns=(1, 1))  # the same size, another time: edited
    catalog.load_all(tmp_path)
    assert len(parse_count) == 3 * len(builtin) + 2


def test_callers_get_their_own_dict(tmp_path: Path, parse_count) -> None:
    rubrics, _ = catalog.load_all(tmp_path)
    rubrics.clear()
    again, _ = catalog.load_all(tmp_path)
    assert again
