#!/usr/bin/env bash
# Make the offline Windows install folder: every wheel of the lock (64-bit Windows, CPython 3.11),
# ReviewDesk's own wheel, the lock itself and the install script. Runs on Linux or Windows (Git Bash)
# with network access to the package registry; the folder then goes on the USB stick.
#   bash packaging/make-wheelhouse.sh [OUT]          (default: dist/reviewdesk-wheelhouse)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-dist/reviewdesk-wheelhouse}"
LOCK=packaging/requirements-win-amd64-py311.txt
rm -rf "$OUT"
mkdir -p "$OUT/wheels"
python3 -m pip download --quiet --disable-pip-version-check --no-deps --require-hashes --only-binary=:all: \
  --platform win_amd64 --python-version 3.11 --implementation cp --abi cp311 \
  -r "$LOCK" -d "$OUT/wheels"
python3 -m pip wheel --quiet --disable-pip-version-check --no-deps -w "$OUT/wheels" .
cp "$LOCK" "$OUT/requirements.txt"
cp packaging/install-offline.ps1 "$OUT/"
cp LICENSE "$OUT/"
echo "wrote $OUT: $(ls "$OUT/wheels" | wc -l) wheels, $(du -sh "$OUT" | cut -f1)"
