"""Fuzzing what users hand the command line: arguments, archives and disc images (issue 13).

Every outcome must be an exit code with a message in Chinese and English, never a traceback, and
the store must stay whole: integrity check, foreign keys, no file row without its blob. Seeds are
fixed (derandomize) and budgets bounded so CI is repeatable; packages and packets are fuzzed in
tests/signing.
"""

from __future__ import annotations

import contextlib
import io
import re
import warnings
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli.main import main
from tests.helpers.files import case_pdf, jpeg_bytes, make_iso, require_tool, truncated_pdf
from tests.helpers.store_checks import assert_store_whole


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


SEEN: dict[str, set[str]] = {"arguments": set(), "archives": set(), "images": set()}


def _run(data_dir: Path, args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["--data-dir", str(data_dir), *args])
        except SystemExit as exit_:  # argparse: --help or a usage error
            code = int(exit_.code or 0)
    return code, out.getvalue() + err.getvalue()


def _assert_answered(code: int, text: str) -> None:
    assert code in (0, 1, 2), code
    if code == 2:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
        assert re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", text), text  # an English sentence too


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A store with two small case files, and a shelf of bad files to pass as arguments."""
    root = tmp_path_factory.mktemp("fuzz")
    disc = root / "disc" / "集体（德令哈市环境保护局）" / "推选案卷"
    disc.mkdir(parents=True)
    (disc / "德环罚〔2017〕3号.pdf").write_bytes(case_pdf(pages=3))
    (disc / "德环罚〔2017〕4号.pdf").write_bytes(case_pdf(pages=2))
    data = root / "data"
    code, text = _run(data, ["import", str(root / "disc")])
    assert code == 0, text
    shelf = root / "shelf"
    shelf.mkdir()
    (shelf / "list.json").write_text("[1, 2, 3]", encoding="utf-8")
    (shelf / "object.json").write_text('{"scores": {"inspection_record": "x"}}', encoding="utf-8")
    (shelf / "garbage.zip").write_bytes(b"PK\x03\x04" + bytes(range(200)))
    (shelf / "empty.pdf").write_bytes(b"")
    (shelf / "broken.pdf").write_bytes(truncated_pdf())
    (shelf / "photo.pdf").write_bytes(jpeg_bytes())
    (shelf / "notes.toml").write_text('id = "x"\nkind = "case"\n[[items]]\nid = 3\n', encoding="utf-8")
    cwd = root / "elsewhere" / "here"
    cwd.mkdir(parents=True)
    return {"data": data, "shelf": shelf, "root": root, "cwd": cwd}


WORDS = [
    "1",
    "2",
    "0",
    "-1",
    "99999999999999999999999",
    "1e3",
    "nan",
    "inf",
    "",
    " ",
    "　",
    "..",
    "inspection_record=abc",
    "inspection_record=",
    "=",
    "inquiry_record=35",
    "inspection_record=-5",
    "inspection_record.production=nan",
    "inquiry_record=1e999",
    "x=1",
    "gate=",
    "cover",
    "1-2",
    "5-3",
    "--rubric",
    "transcripts-2024",
    "--rubric",
    "nosuch-rubric",
    "case-review-2024-general",
    "--json",
    "--all",
    "--na",
    "--missing",
    "--note",
    "--gate",
    "--complete",
    "--reopen",
    "--force",
    "--scheme",
    "haixi-2017-collective",
    "--scheme",
    "nope",
    "--tolerance",
    "nan",
    "--tolerance",
    "-3",
    "--mean",
    "median",
    "--period",
    "2017-01-01..2016-01-01",
    "--period",
    "garbage",
    "--xlsx",
    "--unit",
    "--case-type",
    "general_penalty",
    "--case-type",
    "nonsense",
    "--clear",
    "unit",
    "--selection",
    "sampled",
    "--candidate-kind",
    "nobody",
    "--titles-only",
    "--case",
    "yes",
    "no",
    "--portal",
    "http://例子",
    "--encoding",
    "gbk",
    "--encoding",
    "bogus",
    "--partial",
    "--help",
]
COMMANDS = [
    ["cases"],
    ["case", "show"],
    ["case", "set"],
    ["analyze"],
    ["segment", "set"],
    ["segment", "delete"],
    ["search"],
    ["score", "set"],
    ["score", "show"],
    ["rubric", "list"],
    ["rubric", "show"],
    ["rubric", "validate"],
    ["rubric", "compute"],
    ["verify"],
    ["aggregate"],
    ["check"],
    ["publication"],
    ["import"],
    ["keys", "show"],
]
SHELF = ["list.json", "object.json", "garbage.zip", "empty.pdf", "broken.pdf", "photo.pdf", "notes.toml"]


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from(COMMANDS))
    tail = draw(
        st.lists(
            st.one_of(
                st.sampled_from(WORDS),
                st.sampled_from(SHELF).map(lambda name: f"@shelf/{name}"),
                st.text(min_size=0, max_size=12),
            ),
            max_size=7,
        )
    )
    return [*command, *tail]


@fuzz(220)
@given(args=command_lines())
def test_any_command_line_is_answered_with_an_exit_code_and_a_message(
    workspace: dict[str, Path], args: list[str]
) -> None:
    args = [a.replace("@shelf/", f"{workspace['shelf']}/") for a in args]
    args = [a for a in args if "\x00" not in a]
    SEEN["arguments"].add(repr(args))
    # relative paths ("..", "1") resolve in an empty folder: "import .." from the checkout imported
    # its parent folder, whatever lay beside the checkout (1.3 GB of it here)
    with contextlib.chdir(workspace["cwd"]):
        code, text = _run(workspace["data"], args)
    _assert_answered(code, text)
    assert_store_whole(workspace["data"])


MEMBER_NAMES = st.one_of(
    st.sampled_from(
        [
            "案卷.pdf",
            "../../逃逸.pdf",
            "/abs/x.pdf",
            "C:\\win\\x.pdf",
            "a/../../b.pdf",
            "目录/",
            "a" * 300 + ".pdf",
        ]
    ),
    st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
        min_size=1,
        max_size=20,
    ),
)


GOOD_PDF = case_pdf(pages=2)
"""made once: a PDF's random /ID changes its length, and a strategy's bounds must not change between runs"""


@st.composite
def member_data(draw: st.DrawFn) -> bytes:
    good = GOOD_PDF
    kind = draw(st.sampled_from(["pdf", "cut", "random", "empty", "jpeg", "zip", "docx"]))
    if kind == "pdf":
        return good
    if kind == "cut":
        return good[: draw(st.integers(0, len(good)))]
    if kind == "random":
        return draw(st.binary(max_size=2000))
    if kind == "jpeg":
        return jpeg_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as inner:
        if kind == "docx":
            inner.writestr("word/document.xml", draw(st.binary(max_size=200)))
        else:
            inner.writestr(draw(MEMBER_NAMES), good)
    if kind == "empty":
        return b""
    return buffer.getvalue()


@fuzz(40)
@given(
    members=st.lists(st.tuples(MEMBER_NAMES, member_data()), min_size=1, max_size=5),
    cut=st.one_of(st.none(), st.integers(min_value=0, max_value=4000)),
)
def test_any_archive_is_imported_or_refused_with_a_message(
    workspace: dict[str, Path], tmp_path_factory: pytest.TempPathFactory, members, cut
) -> None:
    folder = tmp_path_factory.mktemp("zip")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a duplicate member name is one of the inputs, not a test error
        for name, data in members:
            try:
                archive.writestr(name, data)
            except (ValueError, UnicodeEncodeError):
                continue
    data = buffer.getvalue() if cut is None else buffer.getvalue()[:cut]
    archive_path = folder / "报送材料.zip"
    archive_path.write_bytes(data)
    SEEN["archives"].add(repr((members, cut)))
    code, text = _run(workspace["data"], ["import", str(archive_path)])
    _assert_answered(code, text)
    assert_store_whole(workspace["data"])


@pytest.fixture(scope="module")
def clean_iso(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    require_tool("genisoimage")
    root = tmp_path_factory.mktemp("iso")
    folder = root / "disc" / "集体" / "推选案卷"
    folder.mkdir(parents=True)
    (folder / "德环罚〔2017〕9号.pdf").write_bytes(case_pdf(pages=2))
    return make_iso(root / "disc", root / "disc.iso", "-R", "-J").read_bytes()


@fuzz(40)
@given(
    flips=st.lists(st.tuples(st.integers(16 * 2048, 40 * 2048), st.integers(0, 255)), min_size=1, max_size=12)
)
def test_a_damaged_disc_image_is_imported_or_refused_with_a_message(
    workspace: dict[str, Path], tmp_path_factory: pytest.TempPathFactory, clean_iso: bytes, flips
) -> None:
    damaged = bytearray(clean_iso)
    for offset, value in flips:
        if offset < len(damaged):
            damaged[offset] = value
    target = tmp_path_factory.mktemp("img") / "disc.iso"
    target.write_bytes(bytes(damaged))
    SEEN["images"].add(repr(flips))
    code, text = _run(workspace["data"], ["import", str(target)])
    _assert_answered(code, text)
    assert_store_whole(workspace["data"])


def test_zz_the_fuzzers_tried_enough_distinct_bad_inputs() -> None:
    """Runs last in this module (pytest keeps file order): the goal is >= 200 across all fuzzers."""
    counts = {name: len(seen) for name, seen in SEEN.items()}
    if not all(counts.values()):
        pytest.skip("run with the fuzz tests above to count")
    print(f"distinct bad inputs tried: {counts}")
    assert sum(counts.values()) >= 200, counts
