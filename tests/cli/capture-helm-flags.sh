#!/bin/sh
# tests/cli/capture-helm-flags.sh - writes tests/cli/helm-flags.txt: `COMMAND VERSION --flag`
# for every flag (global flags included) of `helm template` and `helm lint` --help in
# helm 3.17.3 and 4.1.4 (~/.cache/htmpl-ref/helm3, helm4).
set -eu
out=$(dirname "$0")/helm-flags.txt
for v in 3 4; do
	for cmd in template lint; do
		"$HOME/.cache/htmpl-ref/helm$v" "$cmd" --help |
			sed -n 's/^ *\(-[a-z], \)\{0,1\}\(--[a-z0-9-]*\).*/\2/p' |
			sed "s/^/$cmd $v /"
	done
done | sort -u >"$out"
