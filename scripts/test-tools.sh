#!/usr/bin/env bash
# The programs the tests drive besides Node: Debian's Chromium (browser tests), LibreOffice (recalculation
# and rendering of the written .xlsx) and poppler's pdftotext/pdftoppm (statements). Run before `jest` by
# `npm test` (pretest) and by .ci/run: installs what is missing with apt-get when it can (root, or sudo
# without a password), otherwise says what to install. Never downloads a browser of its own.
set -uo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0

as_root=()
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root=(sudo -n); else as_root=(none); fi
fi
if ! command -v apt-get >/dev/null 2>&1 || [ "${as_root[*]}" = "none" ]; then
  echo "Testerna behöver ${missing[*]}: installera med  sudo apt-get install -y ${missing[*]} fonts-dejavu-core" >&2
  echo "(webbläsartesterna, LibreOffice-kontrollen och PDF-testerna misslyckas annars)" >&2
  exit 0
fi

echo "Installerar ${missing[*]} med apt-get (behövs av testerna) …" >&2
log=$(mktemp)
export DEBIAN_FRONTEND=noninteractive
if "${as_root[@]}" apt-get update -qq >"$log" 2>&1 &&
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >>"$log" 2>&1; then
  rm -f "$log"
  exit 0
fi
tail -30 "$log" >&2
echo "apt-get install ${missing[*]} misslyckades" >&2
rm -f "$log"
exit 1
