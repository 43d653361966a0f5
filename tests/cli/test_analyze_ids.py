"""``reviewdesk analyze`` with a case id that does not exist says so and analyses nothing."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.cli import run
from tests.helpers.files import case_pdf


def test_an_unknown_case_id_is_refused_in_both_languages(tmp_path: Path) -> None:
    disc = tmp_path / "disc"
    disc.mkdir()
    (disc / "德环罚〔2017〕3号.pdf").write_bytes(case_pdf())
    data = tmp_path / "data"
    assert run(data, "import", disc).code == 0
    for ids in (["99"], ["1", "99"]):
        refused = run(data, "analyze", *ids, "--json")
        assert refused.code == 2, refused
        assert "没有编号为 99 的案卷" in refused.err and "no case file with id 99" in refused.err
        assert refused.out == ""
    done = run(data, "analyze", "1", "--json")
    assert done.code == 0 and [f["status"] for f in done.json()["files"]] == ["analysed"]
