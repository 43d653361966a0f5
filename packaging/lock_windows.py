"""Resolve ReviewDesk's dependencies for 64-bit Windows / CPython 3.11 and write a lock file with hashes.

pip-compile-like, with pip alone: ``pip install --dry-run --report`` resolves for another platform
(``--platform win_amd64 --python-version 3.11 --only-binary=:all:``), so a dependency without a
Windows wheel fails here, on Linux, long before a station clerk meets it. Nothing is installed.

    python3 packaging/lock_windows.py                 # writes packaging/requirements-win-amd64-py311.txt
    python3 packaging/lock_windows.py --check         # resolves and compares with the committed lock
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "packaging" / "requirements-win-amd64-py311.txt"
PLATFORM = ["--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp", "--abi", "cp311"]


# pip evaluates environment markers for the machine it runs on, whatever --platform says; these are
# Windows' values, so a dependency only Windows needs (colorama, msvc-runtime) is resolved too.
WINDOWS = {
    "sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64",
    "python_version": "3.11", "python_full_version": "3.11.9", "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
}  # fmt: skip


def requirements() -> list[str]:
    """Pyproject's dependencies that apply on Windows, markers removed."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [text for text in (_on_windows(r, set()) for r in project["dependencies"]) if text]


def _on_windows(requirement: str, extras: set[str]) -> str | None:
    from packaging.requirements import Requirement

    parsed = Requirement(requirement)
    if parsed.marker is not None:
        environments = [{**WINDOWS, "extra": e} for e in extras] or [{**WINDOWS, "extra": ""}]
        if not any(parsed.marker.evaluate(env) for env in environments):
            return None
        parsed.marker = None
    return str(parsed)


def resolve(reqs: list[str], timeout: float = 900) -> list[dict]:
    """Every distribution pip would install on Windows x64 / 3.11, Windows-only dependencies included."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    wanted = list(reqs)
    for _round in range(5):
        resolved, metadata = _resolve_once(wanted, timeout)
        have = {canonicalize_name(item["name"]) for item in resolved}
        missing = []
        for requires, extras in metadata.values():
            for requirement in requires:
                text = _on_windows(requirement, extras)
                if text and canonicalize_name(Requirement(text).name) not in have:
                    missing.append(text)
        if not missing:
            return resolved
        wanted += sorted(set(missing))
    raise RuntimeError(f"Windows-only dependencies did not settle: {missing}")


def _resolve_once(
    reqs: list[str], timeout: float
) -> tuple[list[dict], dict[str, tuple[list[str], set[str]]]]:
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "requirements.in"
        listing.write_text("\n".join(reqs) + "\n", encoding="utf-8")
        report = Path(tmp) / "report.json"
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
             "--disable-pip-version-check", *PLATFORM, "--only-binary=:all:", "--target", str(Path(tmp) / "t"),
             "--report", str(report), "-r", str(listing)],
            check=True, capture_output=True, text=True, timeout=timeout,
        )  # fmt: skip
        installed = json.loads(report.read_text(encoding="utf-8"))["install"]
    metadata = {
        item["metadata"]["name"]: (
            item["metadata"].get("requires_dist", []),
            set(item.get("requested_extras", [])),
        )
        for item in installed
    }
    return [
        {
            "name": item["metadata"]["name"].lower().replace("_", "-"),
            "version": item["metadata"]["version"],
            "file": item["download_info"]["url"].rsplit("/", 1)[-1],
            "sha256": item["download_info"]["archive_info"]["hashes"]["sha256"],
        }
        for item in installed
    ], metadata


def lock_text(resolved: list[dict]) -> str:
    lines = [
        "# ReviewDesk's dependencies for 64-bit Windows, CPython 3.11: every wheel pinned with its SHA-256.",
        "# Made by packaging/lock_windows.py from pyproject.toml; used by packaging/make-wheelhouse.sh and",
        "# packaging/install-offline.ps1 (pip install --no-index --require-hashes).",
    ]
    for item in sorted(resolved, key=lambda i: i["name"]):
        lines.append(f"{item['name']}=={item['version']} \\\n    --hash=sha256:{item['sha256']}")
        lines.append(f"    # {item['file']}")
    return "\n".join(lines) + "\n"


def pins(text: str) -> dict[str, str]:
    found = {}
    for line in text.splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            name, version = line.split(" ")[0].split("==")
            found[name] = version
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed lock, write nothing")
    args = parser.parse_args()
    resolved = resolve(requirements())
    bad = [
        i["file"]
        for i in resolved
        if not i["file"].endswith(("win_amd64.whl", "none-any.whl", "abi3-win_amd64.whl"))
    ]
    if bad:
        print(f"not Windows x64 wheels: {bad}", file=sys.stderr)
        return 1
    if args.check:
        fresh, committed = pins(lock_text(resolved)), pins(LOCK.read_text(encoding="utf-8"))
        if fresh != committed:
            print(f"lock is stale: {sorted(set(fresh.items()) ^ set(committed.items()))}", file=sys.stderr)
            return 1
        print(f"lock matches: {len(fresh)} wheels")
        return 0
    LOCK.write_text(lock_text(resolved), encoding="utf-8")
    print(f"wrote {LOCK.relative_to(ROOT)}: {len(resolved)} wheels")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
