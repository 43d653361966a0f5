#!/usr/bin/env bash
# Build the Linux one-folder bundle: dist/ReviewDesk/{ReviewDesk,reviewdesk-cli,_internal/}.
# Needs the project installed (pip install -e '.[bundle]') in the Python that runs it.
#   bash packaging/build-linux.sh [PYTHON]      (default: python3)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${1:-python3}"
BUILD="${REVIEWDESK_BUILD:-build/packaging}"
export REVIEWDESK_BUILD="$BUILD"
rm -rf "$BUILD" dist/ReviewDesk
mkdir -p "$BUILD/source"
VERSION="$("$PYTHON" -c 'from app import __version__; print(__version__)')"
"$PYTHON" packaging/make_icon.py --png "$BUILD/reviewdesk.png" --ico "$BUILD/reviewdesk.ico"
# AGPL: the bundle carries its own source (the committed tree; commit before building a release).
ARCHIVE="$BUILD/source/reviewdesk-$VERSION-source.tar.gz"
if ! git archive --format=tar.gz --prefix="reviewdesk-$VERSION/" -o "$ARCHIVE" HEAD 2>/dev/null; then
  # Not a git checkout (an unpacked source archive): pack the tree as it is.
  tar -czf "$ARCHIVE" --exclude=./.git --exclude=./.venv --exclude=./build --exclude=./dist \
    --exclude='__pycache__' --transform "s,^\.,reviewdesk-$VERSION," .
fi
"$PYTHON" packaging/version_info.py "$BUILD/version-ReviewDesk.txt" ReviewDesk.exe
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath "$BUILD/work" --distpath dist packaging/reviewdesk.spec
echo "built dist/ReviewDesk ($(du -sh dist/ReviewDesk | cut -f1))"
