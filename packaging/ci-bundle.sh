#!/usr/bin/env bash
# CI: build the Linux one-folder bundle and smoke-test the frozen program; prints each phase's time.
# Expects the project installed with the bundle extra in PYTHON (.ci/run: .venv/bin/python).
#   bash packaging/ci-bundle.sh [PYTHON]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${1:-python3}"
started=$SECONDS
bash packaging/build-linux.sh "$PYTHON"
built=$SECONDS
echo "bundle built in $((built - started)) s; $(du -sh dist/ReviewDesk | cut -f1) unpacked"
"$PYTHON" packaging/smoke_test_bundle.py dist/ReviewDesk
echo "bundle smoke test in $((SECONDS - built)) s"
