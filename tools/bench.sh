#!/bin/sh
# Prints rendering (and lint) times of htmpl against helm, side by side, on the same inputs.
#   sh tools/bench.sh [RUNS]     (needs a build in build/ and helm from tests/golden/get-helm.sh)
# Figures are wall-clock milliseconds per run, averaged over RUNS (default 20).
set -eu
cd "$(dirname "$0")/.."
runs=${1:-20}
htmpl=${HTMPL:-./build/libhtmpl/htmpl}
helm=${HELM:-$HOME/.cache/htmpl-ref/helm3}
[ -x "$htmpl" ] || { echo "bench: build first (sh tools/bootstrap.sh)" >&2; exit 2; }
[ -x "$helm" ] || { echo "bench: no helm at $helm (sh tests/golden/get-helm.sh)" >&2; exit 2; }
export HOME="${TMPDIR:-/tmp}/htmpl-bench-home"
mkdir -p "$HOME"

ms() { # ms RUNS CMD... -> average milliseconds
	n=$1; shift
	start=$(date +%s%N)
	i=0
	while [ $i -lt "$n" ]; do "$@" >/dev/null 2>&1 || true; i=$((i + 1)); done
	end=$(date +%s%N)
	echo $(( (end - start) / n / 1000 ))
}

row() { # row LABEL HELM-ARGS... -- HTMPL-ARGS...
	label=$1; shift
	hargs=""; while [ "$1" != "--" ]; do hargs="$hargs $1"; shift; done; shift
	h=$(ms "$runs" "$helm" $hargs)
	x=$(ms "$runs" "$htmpl" "$@")
	ratio=$(awk -v h="$h" -v x="$x" 'BEGIN { printf "%.1f", (x > 0 ? h / x : 0) }')
	printf '%-44s %10s %10s %8sx\n' "$label" "$(awk -v v="$h" 'BEGIN{printf "%.2f", v/1000}')" \
		"$(awk -v v="$x" 'BEGIN{printf "%.2f", v/1000}')" "$ratio"
}

printf '%-44s %10s %10s %9s\n' "case ($runs runs each)" "helm ms" "htmpl ms" "speedup"
for f in values.yaml values-dev.yaml values-prod.yaml; do
	row "render todo-app -f $f" template rel charts/todo-app -f charts/todo-app/$f -- \
		render charts/todo-app --release-name rel -f charts/todo-app/$f
done
for c in tests/compat/charts/*/; do
	[ -f "$c/Chart.yaml" ] || continue
	row "render $(basename "$c")" template rel "$c" -- render "$c" --release-name rel
done
row "lint todo-app" lint charts/todo-app -- lint charts/todo-app
