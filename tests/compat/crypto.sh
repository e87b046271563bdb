#!/bin/sh
# Crypto interop with real helm, where it is installed: helm's decryptAES reads what
# htmpl's encryptAES wrote and the other way round, and htpasswd/bcrypt hashes made by htmpl
# are checked by the unit tests (outputs are random, so bytes cannot
# be compared). Exits 77 (skip) without helm.
#   crypto.sh HTMPL
set -u
htmpl=$1
helm=${HELM:-$HOME/.cache/htmpl-ref/helm3}
[ -x "$helm" ] || { echo "crypto: no helm at $helm; skipped"; exit 77; }
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
mkdir -p "$t/c/templates"
printf 'apiVersion: v2\nname: c\nversion: 0.1.0\n' >"$t/c/Chart.yaml"
printf '# {{ encryptAES "pass-word" .Values.plain }}\n' >"$t/c/templates/e.yaml"
pass=0 fail=0
plain='hello world: a longer secret text to span several AES blocks'
for dir in "htmpl helm" "helm htmpl"; do
	set -- $dir
	enc() { if [ "$1" = helm ]; then HOME=$t "$helm" template r "$t/c" --set-string plain="$plain"; else "$htmpl" render "$t/c" --set-string plain="$plain"; fi; }
	ct=$(enc "$1" | grep -v '^# Source' | sed -n 's/^# //p')
	printf '# {{ decryptAES "pass-word" .Values.ct }}\n' >"$t/c/templates/e.yaml"
	if [ "$2" = helm ]; then out=$(HOME=$t "$helm" template r "$t/c" --set-string ct="$ct"); else out=$("$htmpl" render "$t/c" --set-string ct="$ct"); fi
	printf '# {{ encryptAES "pass-word" .Values.plain }}\n' >"$t/c/templates/e.yaml"
	if [ "$(printf '%s\n' "$out" | grep -v '^# Source' | sed -n 's/^# //p')" = "$plain" ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL encryptAES by $1, decryptAES by $2: got: $out"; fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
