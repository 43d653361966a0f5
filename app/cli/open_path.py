"""``reviewdesk PATH``: what "Open with", a file dropped on the exe, or a file association hands us.

What the path is decides what happens, from its content, never its name:

- a folder, disc image, zip of case files, PDF or .docx → the desk opens and imports it in the background;
- a score package (``reviewdesk-score-package``) → verified and received, as ``reviewdesk aggregate PATH``;
- a review packet (``reviewdesk-review-packet``) → received, as ``reviewdesk receive-packet PATH``, once a
  person has compared the station's key fingerprint with the one the station published.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from app.errors import UsageError

IMPORTABLE = {"pdf", "zip", "docx", "iso", "udf", "raw"}
SCORE_PACKAGE = "reviewdesk-score-package"
REVIEW_PACKET = "reviewdesk-review-packet"
MANIFEST_LIMIT = 16 * 1024 * 1024


def what_is(path: Path) -> str:
    """'import', 'score-package' or 'review-packet'; UsageError for anything else."""
    if path.is_dir():
        return "import"
    from app.intake.sniff import sniff_file

    kind = sniff_file(path)
    if kind == "zip":
        return _signed_zip_kind(path) or "import"
    if kind in IMPORTABLE:
        return "import"
    raise UsageError(
        "cannot_open",
        f"无法打开：{path}（不是光盘目录、光盘映像、压缩包、PDF、评分包或评审包）。",
        f"cannot open {path}: not a disc folder, disc image, zip, PDF, score package or review packet",
    )


def _signed_zip_kind(path: Path) -> str | None:
    """The format a signed zip's manifest names, read without trusting it (the command checks it)."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("manifest.json")
            if info.file_size > MANIFEST_LIMIT or "manifest.sig" not in archive.namelist():
                return None
            manifest = json.loads(archive.read(info))
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return None
    kind = manifest.get("format") if isinstance(manifest, dict) else None
    return {SCORE_PACKAGE: "score-package", REVIEW_PACKET: "review-packet"}.get(str(kind))


def open_path(arguments: list[str], word: str) -> int:
    """Run what the path asks for; ``arguments`` is the whole command line, ``word`` the path in it."""
    from app.cli.main import main

    path = Path(word)
    kind = what_is(path)
    at = arguments.index(word)
    before, after = arguments[:at], arguments[at + 1 :]
    if kind == "score-package":
        return _shown(lambda: main([*before, "aggregate", word, *after]))
    if kind == "review-packet":
        station = packet_signer(path)
        if not confirm_fingerprint(station):
            print("未导入评审包。/ packet not received.", file=sys.stderr)
            return 1
        return _shown(lambda: main([*before, "receive-packet", word, "--station-fingerprint", station]))
    return open_desk_importing(before, [str(path.resolve())])


def open_desk_importing(global_arguments: list[str], sources: list[str]) -> int:
    """Open the desk and start importing ``sources`` as soon as its window is up."""
    from app.cli.desk_commands import run_desk
    from app.cli.main import BilingualParser, _add_global_options
    from app.ui.open_with import open_desk_importing as in_desk

    parser = BilingualParser(prog="reviewdesk")
    _add_global_options(parser)
    args = parser.parse_args(global_arguments)
    return in_desk(lambda: run_desk(args), sources)


def packet_signer(path: Path) -> str:
    """The fingerprint of the key that validly signed the packet (not yet trusted: a person compares it)."""
    from app.signing.verify import read_signed
    from app.station import packets

    found: list[str] = []

    class _Signed(Exception):
        pass

    def capture(fingerprint: str) -> None:
        found.append(fingerprint)
        raise _Signed

    with contextlib.suppress(_Signed):
        read_signed(
            path, packets.FORMAT, packets.FORMAT_VERSION, packets.STATION_KEY, (packets.STATION_KEY,),
            "评审包", signer_field="station", limits=packets.PACKET_LIMITS, keep=lambda name: False,
            trust=capture,
        )  # fmt: skip
    return found[0]


def confirm_fingerprint(fingerprint: str) -> bool:
    """A person compares the packet's key with the fingerprint the station published."""
    from app.console import windowed
    from app.signing.identity import display_fingerprint

    shown = display_fingerprint(fingerprint)
    zh = f"评审包由以下密钥签名：\n{shown}\n请与监理站公布的密钥指纹逐字核对。一致吗？"
    en = f"The packet is signed by the key\n{shown}\nCompare it with the fingerprint the station published. Same?"
    if windowed():
        from app.ui.open_with import ask

        return ask(f"{zh}\n\n{en}")
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(
            "station_fingerprint_needed",
            f"评审包的签名密钥指纹为 {shown}；核对后请用 reviewdesk receive-packet 文件 --station-fingerprint 指纹 导入。",
            f"the packet's key fingerprint is {shown}; once compared, receive it with "
            "`reviewdesk receive-packet FILE --station-fingerprint FP`",
        )
    print(f"{zh}\n{en}", file=sys.stderr)
    return input("[y/N] ").strip().lower() in {"y", "yes", "是", "一致"}


def _shown(run: Callable[[], int]) -> int:
    """Run a command; in a windowed program, also show what it printed in a message box."""
    from app.console import windowed

    if not windowed():
        return run()
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        code = run()
    text = buffer.getvalue()
    print(text, file=sys.stderr)
    from app.ui.open_with import show_result

    show_result(text, code == 0)
    return code
