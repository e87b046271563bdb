#!/bin/sh
# action.sh HTMPL SRCDIR: runs the composite steps of action.yml as the GitHub runner would:
# each step's `run` under bash, its `env` with ${{ inputs.NAME }} replaced by the inputs
# (or their defaults), GITHUB_ACTION_PATH, RUNNER_TEMP and GITHUB_PATH set, htmpl on PATH
# (so the build step has nothing to do). Checks that a clean chart passes and that a broken
# one fails with ::error annotations. Needs python3 with PyYAML and bash (skips, 77).
set -eu
htmpl=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
python3 -c 'import yaml' 2>/dev/null && command -v bash >/dev/null 2>&1 || exit 77
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/repo/good/templates"
ln -s "$htmpl" "$tmp/bin/htmpl"
printf 'apiVersion: v2\nname: good\nversion: 0.1.0\nicon: https://example.org/i.png\n' >"$tmp/repo/good/Chart.yaml"
printf 'name: x\n' >"$tmp/repo/good/values.yaml"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n' >"$tmp/repo/good/templates/cm.yaml"
cp -r "$tmp/repo/good" "$tmp/repo/bad"
sed -i 's/name: good/name: bad/' "$tmp/repo/bad/Chart.yaml"
printf '{{ if }}\n' >"$tmp/repo/bad/templates/broken.yaml"

cat >"$tmp/run.py" <<'PY'
import os, re, subprocess, sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
assert action["runs"]["using"] == "composite"
inputs = {k: v.get("default", "") for k, v in action.get("inputs", {}).items()}
for a in sys.argv[2:]:
    k, v = a.split("=", 1)
    inputs[k] = v
def expand(s):
    return re.sub(r"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}", lambda m: inputs[m.group(1)], str(s))
for step in action["runs"]["steps"]:
    assert step.get("shell") == "bash", step
    env = dict(os.environ)
    env.update({k: expand(v) for k, v in step.get("env", {}).items()})
    rc = subprocess.run(["bash", "-e", "-c", expand(step["run"])], env=env).returncode
    if rc:
        sys.exit(rc)
PY
act() {
	(cd "$tmp/repo" && PATH="$tmp/bin:$PATH" GITHUB_ACTION_PATH="$src" RUNNER_TEMP="$tmp" \
		GITHUB_PATH="$tmp/github_path" python3 "$tmp/run.py" "$src/action.yml" "$@")
}
act charts=good args=--strict >"$tmp/out" 2>&1 || { echo "action: failed on a clean chart"; cat "$tmp/out"; exit 1; }
echo "clean chart: passed"
if act "charts=good bad" >"$tmp/out" 2>&1; then echo "action: passed a broken chart"; cat "$tmp/out"; exit 1; fi
grep -q '^::error file=bad/templates/broken.yaml,line=1,' "$tmp/out" || { echo "action: no ::error annotation on the broken line"; cat "$tmp/out"; exit 1; }
grep '^::error' "$tmp/out"
echo "broken chart: failed with annotations"
