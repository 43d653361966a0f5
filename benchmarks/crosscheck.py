"""Cross-case checks at campaign scale: precision, recall and time on a generated campaign.

    python3 benchmarks/crosscheck.py [--cases 3000] [--seed 2024] [--add 100]

Generates a store of ``--cases`` case files (about 3.5 records each) with planted copies, leftover
names, double bookings and records out of line; runs ``crosscheck`` once from nothing, then adds a
disc of ``--add`` case files and runs it again (incremental: only the new records are masked).
Seeds 7 and 11 were used to tune the checks; report figures from others.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.crosscheck.run import crosscheck
from app.models.store import Store
from tests.campaign.generate import generate
from tests.campaign.score import score


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--add", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        store = Store.open(Path(root))
        began = time.perf_counter()
        truth = generate(store.db, args.cases, args.seed)
        print(
            f"campaign: {args.cases} case files, {truth.records} records (seed {args.seed}), made in {time.perf_counter() - began:.1f} s"
        )
        print(f"load: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        report = crosscheck(store.db)
        print(f"crosscheck, first run: {report.seconds:.1f} s")
        for code, figure in score(report.findings, truth).items():
            print(f"  {code:24s} {figure}")
        added = Store.open(Path(root))
        generate_more(added, args.add, args.seed + 1, start=args.cases)
        again = crosscheck(store.db)
        print(
            f"crosscheck after adding {args.add} case files: {again.seconds:.1f} s ({again.records} records)"
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory: {peak:.0f} MB")


def generate_more(store: Store, cases: int, seed: int, start: int) -> None:
    """A second disc: its files numbered after the first's, so nothing collides."""
    from tests.campaign import generate as campaign

    campaign.generate(store.db, cases, seed, first_number=start)


if __name__ == "__main__":
    main()
