#!/usr/bin/env bash
# Copy the built CSS the pages need from node_modules into static/vendor/,
# with each package's licence next to it. The result is committed, so running
# the app needs no npm. Re-run after changing a version in package.json:
#
#   npm ci && bash scripts/vendor-css.sh
#
# Only plain CSS is copied: no source maps, no JS, no SCSS.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nm="$root/node_modules"
out="$root/static/vendor"

if [ ! -d "$nm" ]; then
  echo "node_modules missing: run 'npm ci' in $root first" >&2
  exit 1
fi

# package name | file inside the package | target directory | target file name
entries=(
  "@utrecht/component-library-css|dist/index.css|utrecht-component-library-css|index.css"
  "@nl-design-system-unstable/voorbeeld-design-tokens|dist/theme.css|voorbeeld-design-tokens|theme.css"
)

rm -rf "$out"
mkdir -p "$out"
{
  echo "# Vendored by scripts/vendor-css.sh - do not edit by hand."
  echo "# package@version -> file (licence)"
} > "$out/VERSIONS.txt"

for entry in "${entries[@]}"; do
  IFS='|' read -r pkg file dir name <<<"$entry"
  src="$nm/$pkg"
  [ -f "$src/$file" ] || { echo "missing $src/$file" >&2; exit 1; }
  version="$(node -p "require('$src/package.json').version")"
  license="$(node -p "require('$src/package.json').license")"
  mkdir -p "$out/$dir"
  # Drop any source-map reference so browsers don't request a .map we don't ship.
  sed -e '/sourceMappingURL=/d' "$src/$file" > "$out/$dir/$name"
  lic=""
  for l in LICENSE.md LICENSE LICENSE.txt LICENCE.md; do
    if [ -f "$src/$l" ]; then cp "$src/$l" "$out/$dir/$l"; lic="$l"; break; fi
  done
  [ -n "$lic" ] || { echo "no licence file in $pkg" >&2; exit 1; }
  echo "$pkg@$version -> $dir/$name ($license, $dir/$lic)" >> "$out/VERSIONS.txt"
  printf '%-55s %8s bytes  %s\n' "$pkg@$version" "$(wc -c < "$out/$dir/$name")" "static/vendor/$dir/$name"
done
