#!/bin/sh
# run.sh SRCDIR: builds a tiny parent meson project that says only `dependency('htmpl')`,
# with htmpl's source tree linked in as subprojects/htmpl, as a user vendoring htmpl would.
# Checks that it configures without Check or any test tool, that the only targets htmpl
# adds are the library (no CLI, tests, fuzz replays or examples), and that the parent's
# program links and renders. Needs meson and ninja (skips, exit 77, without them).
set -eu
src=$(cd "$1" && pwd)
command -v meson >/dev/null 2>&1 && command -v ninja >/dev/null 2>&1 || exit 77
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/subprojects"
ln -s "$src" "$tmp/subprojects/htmpl"
cat >"$tmp/meson.build" <<'MESON'
project('parent', 'c', default_options : ['c_std=c11'])
executable('parent', 'parent.c', dependencies : dependency('htmpl'))
MESON
cat >"$tmp/parent.c" <<'C'
#include <htmpl.h>
#include <stdio.h>
#include <stdlib.h>
int main(void)
{
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_env *env = htmpl_env_new();
	htmpl_template *t = htmpl_template_parse(env, "t", "{{ .x | upper }}", 16, &err);
	char *out = t ? htmpl_template_execute(t, NULL, "x: hi", NULL, &err) : NULL;
	printf("%s %s\n", htmpl_version(NULL, NULL, NULL), out ? out : htmpl_error_message(&err));
	int rc = out ? 0 : 1;
	free(out);
	htmpl_template_free(t);
	htmpl_env_free(env);
	htmpl_error_clear(&err);
	return rc;
}
C
cd "$tmp"
# An installed htmpl (pkg-config) would win over the subproject; the test is about the
# subproject, so then it is forced, without touching meson.build's plain dependency().
force=""
pkg-config --exists htmpl 2>/dev/null && force=--force-fallback-for=htmpl
meson setup b $force >setup.log 2>&1 || { cat setup.log; exit 1; }
targets=$(meson introspect b --targets | python3 -c '
import json, sys
for t in json.load(sys.stdin):
    print(t["subproject"] or "-", t["type"].replace(" ", "_"), t["name"])')
echo "$targets"
extra=$(echo "$targets" | awk '$1 == "htmpl" && $3 != "htmpl" && $3 != "htmpl_internal"')
if [ -n "$extra" ]; then
	echo "subproject: htmpl builds more than the library:"
	echo "$extra"
	exit 1
fi
ninja -C b -j 2 >build.log 2>&1 || { tail -30 build.log; exit 1; }
out=$(./b/parent)
echo "$out"
version=$(meson introspect b --projectinfo | python3 -c '
import json, sys
print([p["version"] for p in json.load(sys.stdin)["subprojects"] if p["name"] == "htmpl"][0])')
[ "$out" = "$version HI" ] || { echo "subproject: parent printed '$out', not '$version HI'"; exit 1; }
