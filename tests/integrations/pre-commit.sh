#!/bin/sh
# pre-commit.sh HTMPL SRCDIR: runs this repository's .pre-commit-hooks.yaml with the real
# pre-commit, as a chart repository using them would. The hook repository is a throwaway git
# repository holding .pre-commit-hooks.yaml and integrations/pre-commit/ (pre-commit clones
# it into its own cache, PRE_COMMIT_HOME in the temp dir); the chart repository commits a
# chart and runs `pre-commit run --all-files`. Checks: both hooks pass on a good chart; the
# lint hook fails on a template syntax error with helm's message; the validate hook fails on
# a Deployment whose replicas is a string. Skips (77) without pre-commit or git.
set -eu
htmpl=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
command -v pre-commit >/dev/null 2>&1 && command -v git >/dev/null 2>&1 || exit 77
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/hooks/integrations" "$tmp/charts"
ln -s "$htmpl" "$tmp/bin/htmpl"
export PATH="$tmp/bin:$PATH" PRE_COMMIT_HOME="$tmp/cache" HOME="$tmp"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
git() { command git -c init.defaultBranch=main -c commit.gpgsign=false "$@"; }

cp "$src/.pre-commit-hooks.yaml" "$tmp/hooks/"
cp -r "$src/integrations/pre-commit" "$tmp/hooks/integrations/"
(cd "$tmp/hooks" && git init -q && git add -A && git commit -qm hooks)
rev=$(cd "$tmp/hooks" && git rev-parse HEAD)

repo="$tmp/charts"
mkdir -p "$repo/web/templates"
cat >"$repo/web/Chart.yaml" <<'Y'
apiVersion: v2
name: web
description: a test chart
version: 0.1.0
icon: https://example.org/icon.png
Y
cat >"$repo/web/values.yaml" <<'Y'
replicas: 2
Y
cat >"$repo/web/templates/deployment.yaml" <<'Y'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: {{ .Values.replicas }}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
Y
cat >"$repo/.pre-commit-config.yaml" <<Y
repos:
  - repo: $tmp/hooks
    rev: $rev
    hooks:
      - id: htmpl-lint
      - id: htmpl-validate
Y
cd "$repo"
git init -q && git add -A && git commit -qm chart

run() { pre-commit run --all-files --color never >"$tmp/out" 2>&1; }
fail() { echo "pre-commit: $*"; cat "$tmp/out"; exit 1; }

run || fail "hooks failed on a good chart"
grep -q '^htmpl lint (helm lint).*Passed' "$tmp/out" || fail "lint hook did not pass"
grep -q '^htmpl render and validate.*Passed' "$tmp/out" || fail "validate hook did not pass"
echo "good chart: both hooks passed"

printf 'replicas: two\n' >web/values.yaml
! run || fail "validate hook passed a Deployment with replicas: two"
grep -q '^htmpl render and validate.*Failed' "$tmp/out" || fail "validate hook did not fail"
grep -q 'replicas' "$tmp/out" || fail "validate hook did not name the field"
echo "bad replicas: validate hook failed"
git checkout -q web/values.yaml

printf '{{ if }}\n' >web/templates/broken.yaml
! run || fail "lint hook passed a template syntax error"
grep -q '^htmpl lint (helm lint).*Failed' "$tmp/out" || fail "lint hook did not fail"
grep -q 'missing value for if' "$tmp/out" || fail "lint hook did not print helm's parse error"
echo "syntax error: lint hook failed"
