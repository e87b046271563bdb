#!/bin/sh
# The flagship chart stays clean: `htmpl lint --strict --validate --rules recommended` finds
# nothing for every values file, `htmpl render --validate` accepts every document, and where
# the reference helm is installed `helm lint --strict` agrees.
#   run.sh HTMPL
set -u
htmpl=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
chart=$root/charts/todo-app
helm=${HELM:-$HOME/.cache/htmpl-ref/helm3}
pass=0 fail=0
check() { # check NAME CMD...: the command must exit 0 and print no finding
	name=$1; shift
	out=$("$@" 2>&1); rc=$?
	if [ $rc -eq 0 ] && ! printf '%s\n' "$out" | grep -q '^\[\(ERROR\|WARNING\|INFO\)\]'; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); printf 'FAIL %s (exit %d)\n%s\n' "$name" $rc "$out"
	fi
}
for f in values.yaml values-dev.yaml values-prod.yaml; do
	set -- -f "$chart/$f" --set secrets.existingSecret=todo-secrets
	check "lint $f" "$htmpl" lint "$chart" --strict --validate --rules recommended "$@"
	check "render --validate $f" "$htmpl" render "$chart" --validate "$@"
	if [ -x "$helm" ]; then
		check "helm lint --strict $f" "$helm" lint "$chart" --strict "$@"
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
