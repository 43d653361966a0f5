"""Smoke-test a frozen one-folder bundle: the program a station clerk gets, not the source tree.

--version, import of a generated disc, full analysis of one scanned case, a scored case exported as a
signed package and verified, and the desk's first page on screen (offscreen Qt). Prints each step's
time; exit 1 at the first step that fails.

    python3 packaging/smoke_test_bundle.py dist/ReviewDesk
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "smoke-test-口令"


class StepFailed(Exception):
    pass


def main() -> int:
    bundle = Path(sys.argv[1] if len(sys.argv) > 1 else "dist/ReviewDesk").resolve()
    cli = bundle / ("reviewdesk-cli.exe" if os.name == "nt" else "reviewdesk-cli")
    gui = bundle / ("ReviewDesk.exe" if os.name == "nt" else "ReviewDesk")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REVIEWDESK_PASSPHRASE": PASSPHRASE}
    env.pop("REVIEWDESK_DATA_DIR", None)
    with tempfile.TemporaryDirectory(prefix="reviewdesk-smoke-") as tmp:
        work = Path(tmp)
        data = work / "data"

        def step(name: str, *args: str | Path, ok: tuple[int, ...] = (0,), timeout: float = 900) -> str:
            started = time.monotonic()
            done = subprocess.run(
                [str(cli), "--data-dir", str(data), "--no-error-dialogs", *map(str, args)],
                capture_output=True, text=True, encoding="utf-8", env=env, timeout=timeout, check=False,
            )  # fmt: skip
            took = time.monotonic() - started
            print(f"{'ok ' if done.returncode in ok else 'FAIL'} {took:7.1f} s  {name}", flush=True)
            if done.returncode not in ok:
                raise StepFailed(
                    f"{name}: exit {done.returncode}\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
                )
            return done.stdout

        try:
            if not gui.is_file():
                raise StepFailed(f"no windowed executable beside the console one: {gui}")
            version = step("--version", "--version")
            step("make-demo-disc", "make-demo-disc", work / "disc")
            step(
                "import the disc", "import", work / "disc", "--json", ok=(0, 1)
            )  # 1: the disc's planted problems
            cases = json.loads(step("cases --json", "cases", "--json"))
            scanned = min((c for c in cases if c["scanned"]), key=lambda c: c["pages"])
            analysed = json.loads(step(f"analyze scanned case {scanned['id']} ({scanned['pages']} pages)",
                                       "analyze", str(scanned["id"]), "--json", timeout=1800))  # fmt: skip
            ocr_pages = sum(f.get("ocr_pages", 0) for f in analysed["files"])
            if ocr_pages == 0 or any(f["status"] != "analysed" for f in analysed["files"]):
                raise StepFailed(f"the scanned case was not read by OCR: {analysed}")
            if analysed.get("ocr_runtime") != "openvino":  # the bundle left OpenVINO's plugins behind
                raise StepFailed(
                    f"the scans were read by the fallback runtime: {analysed.get('ocr_runtime')}"
                )
            if not analysed.get("ocr_int8_shipped"):  # the bundle left resources/models behind
                raise StepFailed(f"the bundle has no int8 recogniser: {analysed}")
            hits = json.loads(
                step("search the OCR text", "search", "询问", "--case", str(scanned["id"]), "--json")
            )
            if not hits:
                raise StepFailed("search finds nothing in the OCR'd case")
            step("keys init", "keys", "init", "--name", "冒烟测试", "--unit", "CI")
            step("score a case", "score", "set", str(cases[0]["id"]), "inspection_record=20", "inquiry_record=20",
                 "--rubric", "transcripts-2024", "--complete")  # fmt: skip
            package = work / "package.zip"
            step("export a signed package", "export", "--out", package)
            roster = work / "roster.pem"
            step("keys export-public", "keys", "export-public", "--out", roster)
            verified = step("verify the package", "verify", package, "--roster", roster)
            if "✓" not in verified:
                raise StepFailed(f"verify printed no ✓: {verified}")
            step("demo --no-window (prepare)", "demo", "--no-window")
            shot = work / "first-page.png"
            started = time.monotonic()
            step("desk start to first page (demo --screenshot)", "demo", "--screenshot", shot, timeout=120)
            first_page = time.monotonic() - started
            if not shot.is_file() or shot.stat().st_size < 10_000:
                raise StepFailed("no screenshot of the desk")
        except (StepFailed, subprocess.TimeoutExpired) as failed:
            print(f"SMOKE TEST FAILED: {failed}", file=sys.stderr)
            return 1
    print(f"SMOKE TEST PASSED: {version.strip()}, start to first page {first_page:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
