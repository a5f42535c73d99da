#!/usr/bin/env bash
# Renders the researcher's workbook and a coding template the way a reader
# sees them printed: LibreOffice headless converts each to PDF (with the
# page set-up the workbook carries), and pdftoppm turns every page into a
# PNG, so that a person can look at each page for text that overlaps or is
# cut. Output: out/render/{rejoinder,template}.{xlsx,pdf} and
# out/render/{rejoinder,template}-N.png. `make render` runs it.
#
# Needs: go, soffice (libreoffice-calc-nogui) and pdftoppm (poppler-utils), and fonts for the
# quotes' scripts (fonts-noto-cjk, fonts-noto-core): without them Chinese, Korean and Arabic
# quotes print as empty boxes, a fault of the machine, not of the file.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${RENDER_OUT:-out/render}"
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "render: $tool not installed (apt-get install libreoffice-calc-nogui poppler-utils)" >&2; exit 1; }
done
rm -rf "$out"
mkdir -p "$out"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1767225600}"
go build -o "$out/rejoinder" ./cmd/rejoinder
"$out/rejoinder" export xlsx --out "$out/rejoinder.xlsx" >/dev/null
"$out/rejoinder" coding template --coder alice --out "$out/template.xlsx" >/dev/null
rm "$out/rejoinder"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for book in rejoinder template; do
  soffice --headless "-env:UserInstallation=file://$profile" --convert-to pdf --outdir "$out" "$out/$book.xlsx" >/dev/null
  pdftoppm -r "${RENDER_DPI:-60}" -png "$out/$book.pdf" "$out/$book"
  pages=$(ls "$out/$book"-*.png | wc -l)
  echo "rendered $out/$book.pdf: $pages pages ($out/$book-*.png)"
done
