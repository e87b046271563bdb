#!/bin/sh
# The flagship chart stays clean and right for its app:
#  - `htmpl lint --strict --validate --rules recommended` finds nothing for every values file,
#    `htmpl render --validate` accepts every document, and where the reference helm is
#    installed `helm lint --strict` agrees (values-prod.yaml with an existing Secret);
#  - values-prod.yaml WITHOUT a Secret must fail lint (the schema's production rule), in
#    htmpl and in helm, so that a release without secrets cannot pass CI silently;
#  - check_scenarios.py: routes, URLs, secret keys, names, probes, HPA/PDB and egress of
#    the README's scenarios, on helm's recorded renders and on htmpl's (no helm needed);
#  - the README's Values table is the one values_table.py makes from values.yaml.
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
refuse() { # refuse NAME CMD...: the command must fail and say which secret is missing
	name=$1; shift
	out=$("$@" 2>&1); rc=$?
	if [ $rc -ne 0 ] && printf '%s\n' "$out" | grep -q 'secrets'; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); printf 'FAIL %s: passed without secrets (exit %d)\n%s\n' "$name" $rc "$out"
	fi
}
for f in values.yaml values-dev.yaml values-prod.yaml; do
	for set in "" "--set secrets.existingSecret=todo-secrets"; do
		# values-prod.yaml needs a Secret; the other two must also lint clean without one.
		[ "$f" = values-prod.yaml ] && [ -z "$set" ] && continue
		# shellcheck disable=SC2086
		set -- -f "$chart/$f" $set
		check "lint $f $set" "$htmpl" lint "$chart" --strict --validate --rules recommended "$@"
		check "render --validate $f $set" "$htmpl" render "$chart" --validate "$@"
		if [ -x "$helm" ]; then
			check "helm lint --strict $f $set" "$helm" lint "$chart" --strict "$@"
		fi
	done
done
refuse "lint values-prod.yaml without a Secret" "$htmpl" lint "$chart" --strict -f "$chart/values-prod.yaml"
refuse "render values-prod.yaml without a Secret" "$htmpl" render "$chart" -f "$chart/values-prod.yaml"
if [ -x "$helm" ]; then
	refuse "helm lint values-prod.yaml without a Secret" "$helm" lint "$chart" --strict -f "$chart/values-prod.yaml"
fi
out=$(python3 "$root/tests/todo-app/values_table.py" --check 2>&1); rc=$?
if [ $rc -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); printf 'FAIL values table\n%s\n' "$out"; fi
out=$(python3 "$root/tests/todo-app/check_scenarios.py" "$htmpl" 2>&1); rc=$?
if [ $rc -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); printf 'FAIL check_scenarios.py\n%s\n' "$out"; fi
printf '%s\n' "$out" | tail -n 1 | sed 's/^/check_scenarios.py: /'
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
