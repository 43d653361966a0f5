"""``python3 -m tests.corpus --seed N --out DIR``: the disc in DIR/disc, its truth in DIR/truth.json."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.corpus.disc import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m tests.corpus", description=__doc__)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    disc_root = args.out / "disc"
    if disc_root.exists() and any(disc_root.iterdir()):
        print(f"目标已存在且不为空：{disc_root} / {disc_root} exists and is not empty", file=sys.stderr)
        return 2
    disc = generate(disc_root, args.seed)
    (args.out / "truth.json").write_text(disc.truth_json() + "\n", encoding="utf-8")
    print(f"{len(disc.cases)} case files, {sum(c['scanned'] for c in disc.cases)} scanned → {disc_root}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
