#!/bin/sh
# argocd.sh HTMPL SRCDIR: runs the generate command of integrations/argocd/plugin.yaml the
# way Argo CD's repo server runs a Config Management Plugin: command + args from the file,
# in the application's source folder, with a clean environment holding only what the repo
# server sets (ARGOCD_APP_NAME, ARGOCD_APP_NAMESPACE, KUBE_VERSION, KUBE_API_VERSIONS and
# the Application's plugin env as ARGOCD_ENV_*). Checks the manifests it prints, and that
# discover names Chart.yaml. Needs python3 with PyYAML (skips, 77, without it).
set -eu
htmpl=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
python3 -c 'import yaml' 2>/dev/null || exit 77
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/app/templates"
ln -s "$htmpl" "$tmp/bin/htmpl"
cat >"$tmp/app/Chart.yaml" <<'Y'
apiVersion: v2
name: app
version: 1.0.0
Y
printf 'color: red\nsize: 1\n' >"$tmp/app/values.yaml"
printf 'color: blue\n' >"$tmp/app/values-prod.yaml"
cat >"$tmp/app/templates/cm.yaml" <<'Y'
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}
  namespace: {{ .Release.Namespace }}
data:
  kube: {{ .Capabilities.KubeVersion.Version | quote }}
  hasFoo: {{ .Capabilities.APIVersions.Has "foo.example.org/v1" | quote }}
  color: {{ .Values.color }}
  size: {{ .Values.size | quote }}
Y
# The command and args exactly as plugin.yaml gives them, NUL-separated.
python3 - "$src/integrations/argocd/plugin.yaml" >"$tmp/cmd" <<'PY'
import sys, yaml
spec = yaml.safe_load(open(sys.argv[1]))["spec"]
assert spec["discover"]["fileName"] == "./Chart.yaml", spec["discover"]
g = spec["generate"]
sys.stdout.write("\0".join(g["command"] + g.get("args", [])))
PY
# Runs the plugin's command with the repo server's environment plus "$@" (NAME=VALUE).
generate() {
	env -i PATH="$tmp/bin:/usr/bin:/bin" HOME="$tmp" ARGOCD_APP_NAME=shop ARGOCD_APP_NAMESPACE=prod \
		ARGOCD_APP_REVISION=0123abc ARGOCD_APP_SOURCE_PATH=app KUBE_VERSION=1.29.3 \
		KUBE_API_VERSIONS=v1,apps/v1,foo.example.org/v1 "$@" python3 -c '
import sys, subprocess
sys.exit(subprocess.run(open(sys.argv[1]).read().split("\0")).returncode)' "$tmp/cmd"
}
cd "$tmp/app"
expected='---
# Source: app/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop
  namespace: prod
data:
  kube: "v1.29.3"
  hasFoo: "true"
  color: blue
  size: "3"'
got=$(generate ARGOCD_ENV_VALUES_FILES=values-prod.yaml ARGOCD_ENV_SET=size=3)
if [ "$got" != "$expected" ]; then
	echo "argocd: generate printed:"; echo "$got"; echo "expected:"; echo "$expected"; exit 1
fi
echo "generate with values file and --set: ok"
got=$(generate ARGOCD_ENV_RELEASE_NAME=other | sed -n 's/^  \(name\|color\|size\): //p' | tr '\n' ' ')
[ "$got" = 'other red "1" ' ] || { echo "argocd: defaults gave '$got'"; exit 1; }
echo "generate with defaults and ARGOCD_ENV_RELEASE_NAME: ok"
# A validation finding fails the sync (non-zero exit), as Argo CD needs to show an error.
printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: "two"}\n' >templates/bad.yaml
if generate ARGOCD_ENV_VALIDATE=true >/dev/null 2>"$tmp/err"; then
	echo "argocd: ARGOCD_ENV_VALIDATE=true passed an invalid Deployment"; exit 1
fi
grep -q replicas "$tmp/err" || { echo "argocd: no finding printed"; cat "$tmp/err"; exit 1; }
echo "generate with ARGOCD_ENV_VALIDATE=true fails on an invalid manifest: ok"
