#!/bin/sh
# Prints htmpl against helm 3 and helm 4 side by side; the work is in tools/bench.py (its
# first comment lists the rows). This keeps the old entry point and its RUNS argument:
#   sh tools/bench.sh [RUNS] [--scaling] [CHART...]
#   e.g. sh tools/bench.sh 15 --scaling CHARTS/kube-prometheus-stack CHARTS/argo-cd
set -eu
case "${1:-}" in
[0-9]*) runs=$1; shift; set -- --runs "$runs" "$@" ;;
esac
exec python3 "$(dirname "$0")/bench.py" "$@"
