"""Commands that write a folder say why they cannot, in both languages, and exit 2 without a traceback."""

from __future__ import annotations

from pathlib import Path


def test_a_file_in_the_way_of_an_output_folder_is_refused_in_words(cli, tmp_path: Path) -> None:
    blocker = tmp_path / "报告"
    blocker.write_text("not a folder")
    for args in (
        ("make-demo-disc", blocker),
        ("make-demo-disc", blocker / "sub"),
        ("findings", "--out", blocker / "sub"),
    ):
        result = cli(*args)
        assert result.code == 2, (args, result.err)
        chinese, english = result.err.splitlines()[:2]
        assert chinese.startswith("错误：") and english.startswith("error: ")
        assert "Traceback" not in result.err and "Not a directory" not in chinese
