#!/bin/sh
# tests/cli/golden/regen.sh [HELM] - captures helm's stdout, stderr and exit status for every
# line of cases.txt into expected/ (default HELM: ~/.cache/htmpl-ref/helm3, v3.17.3; the
# `h4:` cases use $HELM4, default ~/.cache/htmpl-ref/helm4, v4.1.4).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
helm=${1:-$HOME/.cache/htmpl-ref/helm3}
exec python3 "$here/run" --regen "$helm"
