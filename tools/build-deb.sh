#!/bin/sh
# build-deb.sh [OUTDIR]: builds the Debian packages libhtmpl0, libhtmpl-dev and htmpl from
# the files git tracks in this checkout (committed or not, untracked files left out) with
# `dpkg-buildpackage -us -uc -b`, then runs lintian on the result and prints its findings.
# The build happens in a temporary copy, since dpkg-buildpackage writes its output next to
# the source tree; the .deb files land in OUTDIR (default build-deb/). Exits 1 when the
# build fails or lintian reports an error (E:); warnings are printed, not fatal.
# Needs dpkg-dev, debhelper and lintian: installed first through tools/deps.sh
# (HTMPL_WITH_DEB=1), with the build dependencies.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
HTMPL_WITH_DEB=1 sh "$root/tools/deps.sh"
out=${1:-$root/build-deb}
for t in dpkg-buildpackage dh lintian; do
	command -v $t >/dev/null 2>&1 || { echo "build-deb: $t is missing (HTMPL_WITH_DEB=1 sh tools/deps.sh)" >&2; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/htmpl"
(cd "$root" && git ls-files -z --cached | xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
	tar --null -T - -cf -) | tar -xf - -C "$tmp/htmpl"
(cd "$tmp/htmpl" && dpkg-buildpackage -us -uc -b -j2) >"$tmp/build.log" 2>&1 || {
	tail -40 "$tmp/build.log"; echo "build-deb: dpkg-buildpackage failed" >&2; exit 1; }
mkdir -p "$out"
cp "$tmp"/*.deb "$tmp"/*.changes "$tmp"/*.buildinfo "$out"/
ls "$out"/*.deb
changes=$(ls "$tmp"/*.changes)
lintian --info --display-info --pedantic "$changes" >"$tmp/lintian.log" 2>&1 || true
cp "$tmp/lintian.log" "$out/lintian.log"
cp "$tmp/build.log" "$out/build.log"
grep -E '^[EWIPX]: ' "$tmp/lintian.log" | sort | uniq -c | sort -rn || true
if grep -q '^E: ' "$tmp/lintian.log"; then
	echo "build-deb: lintian reports errors (full report: $out/lintian.log)" >&2
	exit 1
fi
echo "build-deb: no lintian errors (full report: $out/lintian.log)"
