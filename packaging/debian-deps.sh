#!/usr/bin/env bash
# System libraries ReviewDesk needs on Debian/Ubuntu: Qt's runtime (offscreen and X11/Xvfb),
# a CJK font for Chinese text, the tools the tests use to build and check disc images, and venv
# (Debian 12 refuses pip into its system Python, so the README installs into .venv).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PACKAGES=(
  libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libdbus-1-3
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 xvfb xauth
  fonts-wqy-microhei
  genisoimage udftools p7zip-full poppler-utils openssl
  python3-venv
  # PyInstaller (the one-folder bundle, packaging/build-linux.sh) needs Python's shared library.
  libpython3-dev
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
