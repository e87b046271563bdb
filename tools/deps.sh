#!/bin/sh
# Installs the Debian packages htmpl needs to build and test, when any is missing.
# Idempotent and quick when everything is present. Needs root (or sudo) to install.
set -eu
pkgs="build-essential meson ninja-build pkg-config libyaml-dev libpcre2-dev libutf8proc-dev
      libssl-dev zlib1g-dev libcrypt-dev check python3"
[ "${HTMPL_WITH_TOOLS:-0}" = 1 ] && pkgs="$pkgs valgrind clang npm unzip"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing" >&2
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
