#!/bin/sh
# tests/cli/man.sh PAGE - the built htmpl.1 renders with `man -l` (skipped, exit 77, without
# man) and documents the flags of the table.
command -v man >/dev/null 2>&1 || exit 77
out=$(MANWIDTH=100 man -l "$1" 2>&1) || { echo "man -l $1 failed: $out"; exit 1; }
for want in 'htmpl - render and lint' '--post-renderer' '--include-crds' '--strict' 'GLOBAL FLAGS'; do
	printf '%s\n' "$out" | grep -q -e "$want" || { echo "man page lacks: $want"; exit 1; }
done
echo "man -l $1: ok"
