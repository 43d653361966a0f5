#!/usr/bin/env bash
# Refresh the Qt Linguist files from the UI code, then compile them. Translate new strings in
# resources/translations/reviewdesk_en.ts with Qt Linguist (pyside6-linguist) and run this again.
# Chinese is the source language: reviewdesk_zh_CN.ts stays untranslated on purpose.
set -euo pipefail
cd "$(dirname "$0")/.."
pyside6-lupdate -no-obsolete app/ui/*.py app/vocabulary.py -source-language zh_CN \
  -ts resources/translations/reviewdesk_en.ts resources/translations/reviewdesk_zh_CN.ts
pyside6-lrelease resources/translations/reviewdesk_en.ts resources/translations/reviewdesk_zh_CN.ts
