#!/usr/bin/env bash
# Debian packages reviewpack needs beside its Python ones; installs only what is missing.
#   libpango / harfbuzz: WeasyPrint renders the PDF pack
#   fonts-*: the pack's typography (Liberation Sans, DejaVu Sans as fallback)
#   poppler-utils: pdftoppm/pdfinfo draw source pages in the web app, feed OCR, let us look at packs
#   tesseract-ocr: OCR of scanned PDFs (optional at run time: without it a scan is refused with
#     its fix in words; the tests need it)
# With --test, also what only the tests use:
#   docker-compose: validates docker-compose.yml (no Docker engine is needed for that)
#   libreoffice-impress: converts the deck with a second reader
#   libreoffice-writer, libreoffice-calc: print the generated council table layouts (DOCX, XLSX) to PDF
#   chromium: the browser tests of the web application (driven by Playwright, never downloaded)
set -euo pipefail
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2 poppler-utils
          tesseract-ocr tesseract-ocr-eng)
if [ "${1:-}" = "--test" ]; then
  packages+=(docker-compose libreoffice-impress libreoffice-writer libreoffice-calc chromium)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]} (run this script as root, or install them)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
