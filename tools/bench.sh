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

# A large synthetic chart: 300 templates of typical shape (helpers, include, toYaml, range).
big=$HOME/big
if [ ! -d "$big" ]; then
	mkdir -p "$big/templates"
	printf 'apiVersion: v2\nname: big\nversion: 1.0.0\nappVersion: "2.0"\n' >"$big/Chart.yaml"
	{
		echo "image: {repository: nginx, tag: \"1.27\"}"
		echo "resources: {limits: {cpu: 500m, memory: 256Mi}, requests: {cpu: 100m, memory: 128Mi}}"
		echo "labels: {team: platform, tier: web}"
		echo "env: [{name: A, value: a}, {name: B, value: b}, {name: C, value: c}]"
	} >"$big/values.yaml"
	cat >"$big/templates/_helpers.tpl" <<'TPL'
{{- define "big.name" -}}{{ .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- define "big.labels" -}}
app.kubernetes.io/name: {{ include "big.name" . }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- range $k, $v := .Values.labels }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- end -}}
TPL
	i=0
	while [ $i -lt 300 ]; do
		cat >"$big/templates/d$i.yaml" <<TPL
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "big.name" . }}-$i
  labels:
    {{- include "big.labels" . | nindent 4 }}
spec:
  selector:
    matchLabels:
      app: d$i
  template:
    metadata:
      labels:
        app: d$i
      annotations:
        checksum: {{ toYaml .Values | sha256sum }}
    spec:
      containers:
        - name: c
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          env:
            {{- toYaml .Values.env | nindent 12 }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
TPL
		i=$((i + 1))
	done
fi

printf '%-44s %10s %10s %9s\n' "case ($runs runs each)" "helm ms" "htmpl ms" "speedup"
for f in values.yaml values-dev.yaml values-prod.yaml; do
	set -- -f charts/todo-app/$f --set secrets.existingSecret=todo-secrets
	row "render todo-app -f $f" template rel charts/todo-app "$@" -- \
		render charts/todo-app --release-name rel "$@"
done
for c in tests/compat/charts/*/; do
	[ -f "$c/Chart.yaml" ] || continue
	row "render $(basename "$c")" template rel "$c" -- render "$c" --release-name rel
done
row "render big (300 templates)" template rel "$big" -- render "$big" --release-name rel
row "lint todo-app" lint charts/todo-app -- lint charts/todo-app
row "lint big (300 templates)" lint "$big" -- lint "$big"
